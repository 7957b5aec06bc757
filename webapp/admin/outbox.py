"""What a district administrator may read in the outbox: the district's mail, waiting,
sent or given up, newest first.

Only mail to their own district's staff; and a set-password link addressed to another
administrator is hidden (it would let them sign in as that person), as is one to
themselves once it no longer works.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import case, select

from ..auth import accounts
from ..extensions import db
from ..models import MailStatus, OutgoingMail, Role, User

LINK = re.compile(r"\S*/auth/set-password/([A-Za-z0-9_\-]+)")


SHOWN = 200


@dataclass(frozen=True)
class Shown:
    """A message as the reader may see it (its body with others' links masked)."""

    message: OutgoingMail
    body: str


def messages_for(reader: User) -> list[Shown]:
    """The reader's district's mail, what still waits or was given up first, then the
    newest, with others' administrator links masked."""
    admins = set(db.session.scalars(select(User.email).where(
        User.district_id == reader.district_id, User.role == Role.DISTRICT_ADMIN)))
    unsent = case((OutgoingMail.status == MailStatus.SENT, 1), else_=0)
    messages = db.session.scalars(
        select(OutgoingMail).where(OutgoingMail.district_id == reader.district_id)
        .order_by(unsent, OutgoingMail.id.desc()).limit(SHOWN))
    shown = []
    for message in messages:
        to, body = message.to_address.strip().lower(), message.body
        if to in admins:
            own = to == reader.email
            body = LINK.sub(lambda m: _masked(m, own), body)
        shown.append(Shown(message, body))
    return shown



def _masked(match: re.Match, own: bool) -> str:
    if own and accounts.usable_token(match.group(1)) is not None:
        return match.group(0)  # their own link, still unused: theirs to use
    if own:
        return _("[link used or expired — request a new one on the sign-in page]")
    return _("[link hidden — ask them to request a new one]")
