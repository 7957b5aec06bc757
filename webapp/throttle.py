"""Sign-in throttling, shared by every app process (Redis if configured, else the database).

Failures are counted per account (the email typed, whether or not it exists) and per
client address over a sliding window. A throttled attempt is refused before the
password is checked, with the same message for known and unknown emails.
"""
from __future__ import annotations

import secrets
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from .extensions import db
from .models import LoginFailure
from .models.base import utcnow


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_THROTTLE_WINDOW_MINUTES"])


def _limits() -> tuple[int, int]:
    config = current_app.config
    return config["LOGIN_MAX_FAILURES_PER_ACCOUNT"], config["LOGIN_MAX_FAILURES_PER_ADDRESS"]


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


def is_throttled(email: str, address: str) -> bool:
    per_account, per_address = _limits()
    account_count, address_count = _counts(email, address)
    return account_count >= per_account or address_count >= per_address


def record_failure(email: str, address: str) -> None:
    client = _redis()
    if client is None:
        db.session.add(LoginFailure(email=email[:254], address=address))
        # Old rows are of no use to the window; prune them as we go.
        db.session.execute(delete(LoginFailure).where(LoginFailure.created_at < utcnow() - _window()))
        db.session.commit()
        return
    now = time.time()
    seconds = int(_window().total_seconds())
    pipe = client.pipeline()
    for key in (_key("account", email), _key("address", address)):
        pipe.zadd(key, {f"{now}:{secrets.token_hex(6)}": now})
        pipe.zremrangebyscore(key, 0, now - seconds)
        pipe.expire(key, seconds)
    pipe.execute()


def clear_account(email: str) -> None:
    """Forget an account's failures after a successful sign-in or password reset."""
    client = _redis()
    if client is None:
        db.session.execute(delete(LoginFailure).where(LoginFailure.email == email))
        db.session.commit()
    else:
        client.delete(_key("account", email))


def _counts(email: str, address: str) -> tuple[int, int]:
    client = _redis()
    if client is None:
        since = utcnow() - _window()
        count = lambda column, value: db.session.scalar(  # noqa: E731
            select(func.count()).select_from(LoginFailure)
            .where(column == value, LoginFailure.created_at >= since)
        )
        return count(LoginFailure.email, email), count(LoginFailure.address, address)
    since = time.time() - _window().total_seconds()
    return (client.zcount(_key("account", email), since, "+inf"),
            client.zcount(_key("address", address), since, "+inf"))


def _key(scope: str, value: str) -> str:
    return f"tandem:login-failures:{scope}:{value}"
