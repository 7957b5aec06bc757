"""Outgoing mail: written to the database with what it tells about, then sent by a job —
by SMTP when a server is configured, else as .eml files in the instance outbox.

A message is never lost: a refusal or a timeout puts it back in the queue with a later
try (backoff), and after the last try it stays, given up, with the reason, on the
district administrators' Outbox page. A server without mail still works: the
administrator reads the outbox in the app and the CLI prints the links it sends.
"""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid, parsedate_to_datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from . import jobs
from .extensions import db
from .models.base import utcnow
from .models.jobs import MailStatus, OutgoingMail

DISTRICT_HEADER = "X-Tandem-District"
# Minutes to wait after each failed try; after the last, the message is given up.
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360, 720)
TRIES = len(BACKOFF_MINUTES) + 1
STUCK = timedelta(minutes=15)  # a worker that took a message and died


def send(to: str, subject: str, body: str, headers: dict | None = None) -> OutgoingMail:
    """Queue a message; it goes once the current transaction commits (never if it rolls
    back)."""
    message = OutgoingMail(
        district_id=recipient_district(to), to_address=to,
        subject=" ".join(subject.split()),  # a header is one line, whatever a name holds
        body=body, message_id=make_msgid(domain="tandem.local"), headers=headers or {},
        status=MailStatus.QUEUED, attempts=0, last_error="", next_attempt_at=utcnow(),
        delivered_by="")
    db.session.add(message)
    jobs.after_commit("deliver_mail", message)
    return message


@jobs.task("deliver_mail")
def deliver(mail_id: int) -> None:
    """Try to send one message, if it is due and no other worker has it."""
    now = utcnow()
    claimed = db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id, OutgoingMail.status == MailStatus.QUEUED,
               OutgoingMail.next_attempt_at <= now)
        .values(status=MailStatus.SENDING, claimed_at=now)).rowcount
    db.session.commit()
    if not claimed:
        return
    message = db.session.get(OutgoingMail, mail_id)
    message.attempts += 1
    try:
        message.delivered_by = _transmit(message)
    except (OSError, smtplib.SMTPException) as error:
        message.last_error = describe(error)
        if message.attempts >= TRIES or _permanent(error):
            message.status = MailStatus.GIVEN_UP
        else:
            message.status = MailStatus.QUEUED
            message.next_attempt_at = utcnow() + timedelta(
                minutes=BACKOFF_MINUTES[message.attempts - 1])
        current_app.logger.warning("Mail %s to %s not sent (try %s): %s", message.id,
                                   message.to_address, message.attempts, message.last_error)
    else:
        message.status, message.sent_at, message.last_error = MailStatus.SENT, utcnow(), ""
    db.session.commit()


def retry_due() -> int:
    """Send every queued message whose time has come (the worker's minute job): retries
    after their backoff, and messages whose job was lost. Returns how many were tried."""
    now = utcnow()
    # A message a worker took and never finished (it died) goes back in the queue.
    db.session.execute(update(OutgoingMail)
                       .where(OutgoingMail.status == MailStatus.SENDING,
                              OutgoingMail.claimed_at < now - STUCK)
                       .values(status=MailStatus.QUEUED))
    db.session.commit()
    due = db.session.scalars(select(OutgoingMail.id).where(
        OutgoingMail.status == MailStatus.QUEUED, OutgoingMail.next_attempt_at <= now)
        .order_by(OutgoingMail.id)).all()
    for mail_id in due:
        deliver(mail_id)
    return len(due)


def counts(district_id: int | None = None) -> dict[MailStatus, int]:
    """How many messages are in each state (of one district's, if given)."""
    from sqlalchemy import func

    query = select(OutgoingMail.status, func.count()).group_by(OutgoingMail.status)
    if district_id is not None:
        query = query.where(OutgoingMail.district_id == district_id)
    return dict(db.session.execute(query).all())


def retry_now(message: OutgoingMail) -> None:
    """An administrator asks for one more try of a message given up or waiting."""
    message.status, message.next_attempt_at = MailStatus.QUEUED, utcnow()
    message.attempts = min(message.attempts, TRIES - 1)
    jobs.after_commit("deliver_mail", message)


def describe(error: Exception) -> str:
    """The reason a try failed, in words an administrator can act on."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        (code, text), = list(error.recipients.values())[:1] or [(0, b"")]
        return f"The mail server refused the address: {code} {_text(text)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"The mail server answered {error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"The mail server closed the connection: {error}"
    if isinstance(error, TimeoutError):  # socket.timeout too
        return "The mail server did not answer in time."
    if isinstance(error, ConnectionRefusedError):
        return "The mail server refused the connection (is it running?)."
    return f"{type(error).__name__}: {error}"


def _text(raw) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _permanent(error: Exception) -> bool:
    """A 5xx answer about the recipient will not change on a later try."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return False


def _email(message: OutgoingMail) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    for name, value in (message.headers or {}).items():
        email[name] = value
    email.set_content(message.body)
    return email


def _transmit(message: OutgoingMail) -> str:
    email = _email(message)
    if current_app.config.get("MAIL_SERVER"):
        _send_smtp(email)
        return "smtp"
    if message.district_id is not None:
        # The outbox shows each district's administrators only their district's mail.
        email[DISTRICT_HEADER] = str(message.district_id)
    _write_outbox(email)
    return "outbox"


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"],
                    timeout=config.get("MAIL_TIMEOUT", 20)) as smtp:
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
