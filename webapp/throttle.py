"""Sign-in throttling, shared by every app process (Redis if configured, else the database).

Failures are counted per account (the email typed, whether or not it exists) and per
client address over a sliding window; an attempt that presents the account's device
cookie (webapp/devices.py) is counted only per device instead (docs/decisions/0009).

Counting and recording are one atomic step, taken before the password is checked: an
attempt reserves a failure (refused when the limit is reached), and a correct password
releases it. A burst of parallel guesses therefore checks at most the limit's worth.
"""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, text

from .extensions import db
from .models import LoginFailure
from .models.base import utcnow


@dataclass(frozen=True)
class Reservation:
    """A failure recorded ahead of a password check; released if the password is right."""

    keys: tuple[str, ...]  # Redis keys (empty for the database)
    member: str = ""
    row_id: int | None = None


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_THROTTLE_WINDOW_MINUTES"])


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    client = current_app.extensions.get("tandem_redis")
    if client is None:
        import redis

        client = redis.Redis.from_url(url)
        current_app.extensions["tandem_redis"] = client
    return client


def _scopes(email: str, address: str, device: str | None) -> list[tuple[str, str, int]]:
    """(scope, value, limit) counted for this attempt."""
    config = current_app.config
    if device:
        return [("device", device, config["LOGIN_MAX_FAILURES_PER_ACCOUNT"])]
    return [("account", email, config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]),
            ("address", address, config["LOGIN_MAX_FAILURES_PER_ADDRESS"])]


def reserve(email: str, address: str, device: str | None = None) -> Reservation | None:
    """Record a failure unless the limit is reached (then None). The caller commits."""
    scopes = _scopes(email, address, device)
    client = _redis()
    if client is not None:
        return _reserve_redis(client, scopes)
    if db.session.get_bind().dialect.name == "postgresql":
        # Serialize attempts on the same account (and address): count and insert as one.
        # SQLite needs nothing: a POST's transaction holds the write lock (BEGIN IMMEDIATE).
        for scope, value, _limit in scopes:
            db.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                               {"key": _key(scope, value)})
    if any(_count(scope, value) >= limit for scope, value, limit in scopes):
        return None
    failure = (LoginFailure(email=_device_email(device), address="") if device
               else LoginFailure(email=email[:254], address=address))
    db.session.add(failure)
    # Old rows are of no use to the window; prune them as we go.
    db.session.execute(delete(LoginFailure).where(LoginFailure.created_at < utcnow() - _window()))
    db.session.flush()
    return Reservation(keys=(), row_id=failure.id)


def _reserve_redis(client, scopes) -> Reservation | None:
    now = time.time()
    seconds = int(_window().total_seconds())
    member = f"{now}:{secrets.token_hex(6)}"
    keys = tuple(_key(scope, value) for scope, value, _limit in scopes)
    # One MULTI/EXEC: add ours, drop expired, count. Whoever counts past the limit
    # takes theirs back, so parallel attempts never get more than the limit between them.
    pipe = client.pipeline(transaction=True)
    for key in keys:
        pipe.zadd(key, {member: now})
        pipe.zremrangebyscore(key, 0, now - seconds)
        pipe.zcard(key)
        pipe.expire(key, seconds)
    results = pipe.execute()
    counts = results[2::4]
    if any(count > limit for count, (_s, _v, limit) in zip(counts, scopes)):
        _release_redis(client, keys, member)
        return None
    return Reservation(keys=keys, member=member)


def release(reservation: Reservation) -> None:
    """The password was right: the reserved failure never happened. The caller commits."""
    client = _redis()
    if reservation.keys and client is not None:
        _release_redis(client, reservation.keys, reservation.member)
    elif reservation.row_id is not None:
        db.session.execute(delete(LoginFailure).where(LoginFailure.id == reservation.row_id))


def _release_redis(client, keys, member) -> None:
    pipe = client.pipeline(transaction=True)
    for key in keys:
        pipe.zrem(key, member)
    pipe.execute()


def clear_account(email: str, device: str | None = None) -> None:
    """Forget an account's (and device's) failures after a sign-in or password reset."""
    client = _redis()
    if client is None:
        emails = [email] + ([_device_email(device)] if device else [])
        db.session.execute(delete(LoginFailure).where(LoginFailure.email.in_(emails)))
        db.session.commit()
    else:
        client.delete(_key("account", email), *([_key("device", device)] if device else []))


def _count(scope: str, value: str) -> int:
    since = utcnow() - _window()
    if scope == "address":
        condition = LoginFailure.address == value
    else:
        condition = LoginFailure.email == (_device_email(value) if scope == "device" else value)
    return db.session.scalar(select(func.count()).select_from(LoginFailure)
                             .where(condition, LoginFailure.created_at >= since))


def _device_email(device: str) -> str:
    # Device rows live beside account rows; no typed email can collide with a random id.
    return f"device:{device}"


def _key(scope: str, value: str) -> str:
    return f"tandem:login-failures:{scope}:{value}"
