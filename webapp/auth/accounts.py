"""Account operations: single-use links, invitations, resets and passwords."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit, mail
from ..extensions import db
from ..links import external_url
from ..models import AuthToken, TokenPurpose, User
from ..models.base import utcnow
from ..passwords import hash_password


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User, purpose: TokenPurpose, raw: str | None = None) -> str:
    """A new link token for `user`; earlier unused ones of the same purpose stop working."""
    for old in db.session.scalars(
        select(AuthToken).where(AuthToken.user_id == user.id, AuthToken.purpose == purpose,
                                AuthToken.used_at.is_(None))
    ):
        old.used_at = utcnow()
    config = current_app.config
    lifetime = (timedelta(days=config["INVITATION_DAYS"]) if purpose is TokenPurpose.INVITATION
                else timedelta(hours=config["RESET_HOURS"]))
    raw = raw or secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(AuthToken(user=user, purpose=purpose, token_hash=_digest(raw),
                             created_at=now, expires_at=now + lifetime))
    return raw


def usable_token(raw: str) -> AuthToken | None:
    """The unexpired, unused token for `raw`, if its account is active."""
    token = db.session.scalar(select(AuthToken).where(AuthToken.token_hash == _digest(raw)))
    if token is None or token.used_at is not None or token.expires_at <= utcnow():
        return None
    if not token.user.active:
        return None
    return token


def set_password_link(raw: str) -> str:
    return external_url("auth.set_password", token=raw)


def send_invitation(user: User) -> str:
    """Mail `user` a link to set their password; returns the link (the CLI prints it)."""
    link = set_password_link(issue_token(user, TokenPurpose.INVITATION))
    days = current_app.config["INVITATION_DAYS"]
    mail.send(user.email, _("You are invited to Tandem"),
              _("Hello %(name)s,\n\n%(why)s\n\nSet your password here (the link works once "
                "and expires in %(days)d days):\n%(link)s\n",
                name=user.name, why=_invitation_purpose(user), days=days, link=link))
    user.invited_at = utcnow()
    audit.record("invitation_sent", user.email)
    return link


def _invitation_purpose(user: User) -> str:
    """What Tandem is for, in the words of the invited person's role."""
    if user.is_principal:
        return _("You have been invited to Tandem, where you follow your school's peer "
                 "partnerships: approve classroom visits, suggest matches, check in and sign "
                 "the forms for the file.")
    if user.is_district_admin:
        return _("You have been invited to Tandem as a district administrator: you set up "
                 "schools, staff and the program year, approve further visits and see the "
                 "district's progress.")
    return _("You have been invited to Tandem, where you and a colleague plan and record "
             "your peer partnership.")


def request_password_reset(email: str) -> None:
    """Mail a reset link if `email` is an active account, doing the same work either way.

    The page answers alike for known and unknown emails; the same work (a token, its
    hash, the message) keeps the time it takes alike too, so it tells nothing either.
    """
    user = db.session.scalar(select(User).where(User.email == email, User.active))
    raw = secrets.token_urlsafe(32)
    subject, body = _reset_message(user.name if user else email, set_password_link(raw))
    if user is None:
        _digest(raw)  # what issue_token does for a known account
    else:
        issue_token(user, TokenPurpose.PASSWORD_RESET, raw)
        mail.send(user.email, subject, body)
    audit.record("password_reset_requested", email, actor=user)


def _reset_message(name: str, link: str) -> tuple[str, str]:
    hours = current_app.config["RESET_HOURS"]
    return _("Reset your Tandem password"), _(
        "Hello %(name)s,\n\nSomeone (we hope you) asked to reset your Tandem password. "
        "Choose a new one here (the link works once and expires in %(hours)d hours):\n"
        "%(link)s\n\nIf it was not you, ignore this message; your password is unchanged.\n",
        name=name, hours=hours, link=link)


def change_password(user: User, password: str) -> None:
    """Set a new password and end every session of the user (on every device)."""
    user.password_hash = hash_password(password)
    user.end_all_sessions()
    audit.record("password_set", user.email, actor=user)


def use_token(token: AuthToken, password: str) -> None:
    token.used_at = utcnow()
    change_password(token.user, password)
