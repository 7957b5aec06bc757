"""The reminder job: one digest mail a day at most per person, each item once.

Run hourly by the worker and by hand as `flask --app webapp send-reminders [--today]`.
Each person's digest is one transaction: the day's ReminderDigest row (unique per person
and day), a ReminderSent row per item (unique per person and item) and the mail. Two
runs at once (two workers) both try; the database's unique constraints let one commit
and roll the other back, so nobody gets a mail twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import click
from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from huey import crontab
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import clock, jobs, mail
from ..extensions import db
from ..links import external_url
from ..models import District, ReminderDigest, ReminderOptOut, ReminderSent, User
from .due import KINDS, Item, due_items

_SALT = "tandem-reminder-unsubscribe"


@dataclass
class Outcome:
    sent: int = 0       # digests mailed
    items: int = 0      # items in them
    skipped: int = 0    # people who had a digest today, or whom another run served


def unsubscribe_token(user: User, kinds: list[str]) -> str:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT).dumps(
        [user.id, sorted(kinds)])


def read_unsubscribe_token(token: str) -> tuple[int, list[str]] | None:
    try:
        user_id, kinds = URLSafeSerializer(current_app.config["SECRET_KEY"],
                                           salt=_SALT).loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(kinds, list) \
            or not kinds or any(k not in KINDS for k in kinds):
        return None
    return user_id, kinds


def opted_out(user_ids: list[int]) -> set[tuple[int, str]]:
    rows = db.session.execute(select(ReminderOptOut.user_id, ReminderOptOut.kind)
                              .where(ReminderOptOut.user_id.in_(user_ids))).all()
    return {(user_id, kind) for user_id, kind in rows}


def _already(user_ids: list[int]) -> set[tuple[int, str]]:
    rows = db.session.execute(select(ReminderSent.user_id, ReminderSent.item)
                              .where(ReminderSent.user_id.in_(user_ids))).all()
    return {(user_id, item) for user_id, item in rows}


def _digest_today(user_ids: list[int], today: date) -> set[int]:
    return set(db.session.scalars(select(ReminderDigest.user_id).where(
        ReminderDigest.user_id.in_(user_ids), ReminderDigest.day == today)))


def send_reminders(today: date | None = None) -> Outcome:
    """Mail every person of every district that is not paused their due items."""
    today = today or clock.today()
    outcome = Outcome()
    districts = db.session.scalars(select(District).where(District.reminders_paused.is_(False))
                                   .order_by(District.id)).all()
    for district in districts:
        found = due_items(district, today)
        ids = sorted(found)
        refused, sent_before, served = opted_out(ids), _already(ids), _digest_today(ids, today)
        people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
        for user_id in ids:
            person = people[user_id]
            items = _unique(item for item in found[user_id]
                            if (user_id, item.kind) not in refused
                            and (user_id, item.key) not in sent_before)
            if not items or not person.active:
                continue
            if user_id in served:
                outcome.skipped += 1  # tomorrow's digest has them
                continue
            if _send_digest(person, items, today):
                outcome.sent += 1
                outcome.items += len(items)
            else:
                outcome.skipped += 1
    return outcome


def _unique(items) -> list[Item]:
    seen, kept = set(), []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            kept.append(item)
    order = list(KINDS)
    return sorted(kept, key=lambda item: order.index(item.kind))


def _send_digest(person: User, items: list[Item], today: date) -> bool:
    """One transaction: the digest, its items, the mail. False when another run sent this
    person's digest first (the unique constraints refuse this one)."""
    try:
        digest = ReminderDigest(user_id=person.id, day=today)
        db.session.add(digest)
        db.session.flush()
        db.session.add_all(ReminderSent(user_id=person.id, kind=item.kind, item=item.key,
                                        digest_id=digest.id) for item in items)
        db.session.flush()
        subject, body, headers = compose(person, items)
        message = mail.send(person.email, subject, body, headers=headers)
        db.session.flush()
        digest.mail_id = message.id
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def compose(person: User, items: list[Item]) -> tuple[str, str, dict]:
    """The digest in the person's language: what is due, each with its link, and how to
    stop each kind."""
    kinds = list(dict.fromkeys(item.kind for item in items))
    with force_locale(_locale_of(person)):
        subject = ngettext("Tandem: %(num)d thing to do", "Tandem: %(num)d things to do",
                           len(items))
        lines = [_("Hello %(name)s,", name=person.name), "",
                 _("Here is what waits for you in Tandem:"), ""]
        for item in items:
            lines += [f"- {item.text}", f"  {external_url(item.endpoint, **item.values)}"]
        lines += ["", "--", _("You get this mail at most once a day, and each reminder once.")]
        for kind in kinds:
            lines.append(_("No more reminders like “%(kind)s”: %(link)s",
                           kind=_short(kind), link=_unsubscribe_link(person, [kind])))
        lines.append(_("All your reminder settings: %(link)s",
                       link=external_url("reminders.settings")))
    link = _unsubscribe_link(person, kinds)
    headers = {"List-Unsubscribe": f"<{link}>",
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return subject, "\n".join(lines) + "\n", headers


def _short(kind: str) -> str:
    return str(KINDS[kind]).split(" (")[0].split(",")[0]


def _unsubscribe_link(person: User, kinds: list[str]) -> str:
    return external_url("reminders.unsubscribe", token=unsubscribe_token(person, kinds))


def _locale_of(person: User) -> str:
    """The person's language: theirs once accounts have one (#15), else the default."""
    return getattr(person, "locale", None) or current_app.config["BABEL_DEFAULT_LOCALE"]


@jobs.periodic("send_reminders", crontab(minute="5"))
def hourly() -> None:
    """Every hour: the first run of the day sends; later runs send only what became due
    to people who had no digest yet today."""
    send_reminders()


@click.command("send-reminders")
@click.option("--today", "day", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Stand-in for today (YYYY-MM-DD): for tests and for catching up.")
def send_reminders_command(day) -> None:
    """Mail each person what is due (one digest a day; each reminder once)."""
    outcome = send_reminders(day.date() if day else None)
    click.echo(f"Reminders: {outcome.sent} digests with {outcome.items} items sent; "
               f"{outcome.skipped} people already had today's digest.")
