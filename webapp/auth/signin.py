"""Checking a password: throttled, audited, and never inside a write transaction.

The steps: (1) a short write transaction counts the failures and reserves one
(webapp/throttle.py) and reads what the check needs; (2) Argon2 (~0.5 s) runs with no
transaction open, so on SQLite other people's saves are not kept waiting; (3) a second
short transaction releases the reservation (right password) or keeps it as the failure.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit, devices, throttle
from ..extensions import db
from ..models import User
from ..models.base import utcnow
from ..net import client_address
from ..passwords import verify_password

SIGN_IN_FAILED = _l("The email or password is not right. Check both and try again.")


def _too_many() -> str:
    minutes = current_app.config["LOGIN_THROTTLE_WINDOW_MINUTES"]
    return _("Too many failed sign-ins. Wait %(minutes)d minutes and try again, "
             "or reset your password.", minutes=minutes)


def authenticate(email: str, password: str) -> tuple[User | None, str | None]:
    """The user for these credentials, or None and why (the same for any wrong pair)."""
    device = devices.presented(email)
    reservation = throttle.reserve(email, client_address(), device)
    if reservation is None:
        db.session.rollback()
        audit.record_now("sign_in_throttled", email)
        return None, _too_many()
    user = db.session.scalar(select(User).where(User.email == email))
    user_id = user.id if user is not None and user.active else None
    password_hash = user.password_hash if user is not None else None
    db.session.commit()  # the failure is on record; no transaction during the check
    # Verify even for unknown emails, so the answer takes as long either way.
    password_ok = verify_password(password_hash, password)
    if user_id is None or not password_ok:
        audit.record_now("sign_in_failed", email)
        return None, str(SIGN_IN_FAILED)
    throttle.release(reservation)
    throttle.clear_account(email, device)
    user = db.session.get(User, user_id)
    user.last_login_at = utcnow()
    audit.record("sign_in", email, actor=user)
    db.session.commit()
    devices.remember(email, device)
    return user, None


def current_password_problem(user: User, password: str) -> str | None:
    """Why the current password typed on the password page is refused, or None."""
    email, password_hash = user.email, user.password_hash
    reservation = throttle.reserve(email, client_address(), devices.presented(email))
    if reservation is None:
        db.session.rollback()
        audit.record_now("password_change_throttled", email)
        return _("Too many wrong passwords. Wait %(minutes)d minutes and try again.",
                 minutes=current_app.config["LOGIN_THROTTLE_WINDOW_MINUTES"])
    db.session.commit()
    if not verify_password(password_hash, password):
        audit.record_now("password_change_failed", email)
        return _("This is not your current password.")
    throttle.release(reservation)
    return None
