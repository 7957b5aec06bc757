"""Outgoing mail: SMTP when configured, else .eml files in the instance outbox.

A server without mail still works: a district administrator reads the outbox in the
app (Staff > Outbox) and the CLI prints the links it sends.
"""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid, parsedate_to_datetime
from pathlib import Path

from flask import after_this_request, current_app, g, has_request_context

from .models.base import utcnow

DISTRICT_HEADER = "X-Tandem-District"


def send(to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = " ".join(subject.split())  # a header is one line, whatever a name holds
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain="tandem.local")
    district_id = recipient_district(to)
    if district_id is not None:
        # The outbox shows each district's administrators only their district's mail.
        message[DISTRICT_HEADER] = str(district_id)
    message.set_content(body)
    if not has_request_context():
        _deliver(message)  # CLI: at once
        return
    # In a request, deliver after the view has committed and returned, so a slow mail
    # server never holds the database's write lock (and a failed request sends nothing).
    if "tandem_outgoing" not in g:
        g.tandem_outgoing = []
        after_this_request(_deliver_queued)
    g.tandem_outgoing.append(message)


def _deliver_queued(response):
    if response.status_code < 400:
        for message in g.pop("tandem_outgoing", []):
            try:
                _deliver(message)
            except (OSError, smtplib.SMTPException):
                current_app.logger.exception("Could not send mail to %s", message["To"])
    return response


def _deliver(message: EmailMessage) -> None:
    if current_app.config.get("MAIL_SERVER"):
        _send_smtp(message)
    else:
        _write_outbox(message)


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    del message[DISTRICT_HEADER]  # for the outbox only
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        smtp.send_message(message)


def outbox_dir() -> Path:
    return Path(current_app.instance_path) / "outbox"


def _write_outbox(message: EmailMessage) -> None:
    folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    msgid = message["Message-ID"].strip("<>").split("@")[0]
    (folder / f"{stamp}-{msgid}.eml").write_bytes(message.as_bytes(policy=policy.SMTP))


@dataclass(frozen=True)
class OutboxMessage:
    name: str
    to: str
    subject: str
    sent_at: datetime
    body: str
    district_id: int | None = None


def recipient_district(to: str) -> int | None:
    """The district of the account `to` is addressed to, if it is one."""
    from sqlalchemy import select

    from .extensions import db
    from .models import User
    from .models.user import normalize_email

    return db.session.scalar(select(User.district_id).where(User.email == normalize_email(to)))


def read_outbox(limit: int = 200, district_id: int | None = None) -> list[OutboxMessage]:
    """The newest outbox messages first (only one district's, if given)."""
    folder = outbox_dir()
    if not folder.is_dir():
        return []
    messages = []
    for path in sorted(folder.glob("*.eml"), reverse=True):
        parsed = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        district = _int_or_none(parsed[DISTRICT_HEADER])
        if district_id is not None and district != district_id:
            continue
        messages.append(OutboxMessage(
            name=path.name, to=str(parsed["To"]), subject=str(parsed["Subject"]),
            sent_at=parsedate_to_datetime(parsed["Date"]),
            body=parsed.get_body(preferencelist=("plain",)).get_content(),
            district_id=district,
        ))
        if len(messages) >= limit:
            break
    return messages


def _int_or_none(value) -> int | None:
    return int(value) if value and str(value).strip().isdigit() else None
