"""What a district administrator may read in the outbox.

Only mail to their own district's staff; and a set-password link addressed to another
administrator is hidden (it would let them sign in as that person), as is one to
themselves once it no longer works.
"""
from __future__ import annotations

import re
from dataclasses import replace

from flask_babel import gettext as _
from sqlalchemy import select

from .. import mail
from ..auth import accounts
from ..extensions import db
from ..models import Role, User

LINK = re.compile(r"\S*/auth/set-password/([A-Za-z0-9_\-]+)")


def messages_for(reader: User) -> list[mail.OutboxMessage]:
    """The reader's district's outbox, with others' administrator links masked."""
    admins = set(db.session.scalars(select(User.email).where(
        User.district_id == reader.district_id, User.role == Role.DISTRICT_ADMIN)))
    shown = []
    for message in mail.read_outbox(district_id=reader.district_id):
        to = message.to.strip().lower()
        if to in admins:
            own = to == reader.email
            message = replace(message, body=LINK.sub(lambda m: _masked(m, own), message.body))
        shown.append(message)
    return shown


def _masked(match: re.Match, own: bool) -> str:
    if own and accounts.usable_token(match.group(1)) is not None:
        return match.group(0)  # their own link, still unused: theirs to use
    if own:
        return _("[link used or expired — request a new one on the sign-in page]")
    return _("[link hidden — ask them to request a new one]")
