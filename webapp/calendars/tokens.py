"""The private feed's address: [user id, nonce] signed with the app's secret key.

Nothing secret is stored: the user's calendar_nonce only says which address is current,
so the page can show the address again, and a new nonce (or none) retires the old one
at once (docs/decisions/0019).
"""
from __future__ import annotations

import hmac
import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from ..extensions import db
from ..models import User

SALT = "tandem-calendar-feed"  # a signature made for anything else never passes here


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def feed_token(user: User) -> str | None:
    """The token of the user's current feed address; None while they have none."""
    if not user.calendar_nonce:
        return None
    return _serializer().dumps([user.id, user.calendar_nonce])


def new_address(user: User) -> None:
    """Give the user a feed address; one they had before stops working."""
    user.calendar_nonce = secrets.token_hex(16)


def revoke(user: User) -> None:
    user.calendar_nonce = ""


def user_for_token(token: str) -> User | None:
    """The active user whose current address this is; None for a forged, revoked or
    replaced address, or a deactivated account."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not (isinstance(data, list) and len(data) == 2 and type(data[0]) is int
            and isinstance(data[1], str)):
        return None
    user = db.session.get(User, data[0])
    if user is None or not user.active or not user.calendar_nonce:
        return None
    return user if hmac.compare_digest(user.calendar_nonce, data[1]) else None
