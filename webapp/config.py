"""Settings: defaults, then instance/config.py, then TANDEM_* environment variables."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask

# Environment variables read as TANDEM_<NAME>, with the type to parse them as.
ENV_SETTINGS: dict[str, type] = {
    "DATABASE_URL": str,
    "SECRET_KEY": str,
    "BASE_URL": str,
    "REDIS_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_FROM": str,
    "IDLE_TIMEOUT_MINUTES": int,
    "LOGIN_MAX_FAILURES_PER_ACCOUNT": int,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": int,
    "LOGIN_THROTTLE_WINDOW_MINUTES": int,
    "TRUSTED_PROXIES": int,
    # Host names the app answers to (comma-separated); others get a 400. Mail links
    # use the request's host only when it is one of these (webapp/links.py).
    "TRUSTED_HOSTS": list,
    # The certificate that seals filed records (webapp/records/seal.py): a PKCS#12 file
    # of the district's own and its password; without one, Tandem makes its own.
    "SEAL_P12": str,
    "SEAL_P12_PASSWORD": str,
}

DEFAULTS = {
    "MAIL_PORT": 587,
    "MAIL_USE_TLS": True,
    "MAIL_USE_SSL": False,
    "MAIL_FROM": "Tandem <tandem@localhost>",
    "IDLE_TIMEOUT_MINUTES": 60,
    "LOGIN_MAX_FAILURES_PER_ACCOUNT": 5,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 30,
    "LOGIN_THROTTLE_WINDOW_MINUTES": 15,
    "INVITATION_DAYS": 7,
    "RESET_HOURS": 24,
    "TRUSTED_PROXIES": 0,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_DURATION": timedelta(days=14),
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    "BABEL_DEFAULT_LOCALE": "en",
    "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
}


def _parse(kind: type, raw: str):
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    return kind(raw)


def load(app: Flask, test_config: dict | None) -> None:
    """Fill app.config in order: defaults, instance/config.py, environment, test_config."""
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        for name, kind in ENV_SETTINGS.items():
            raw = os.environ.get(f"TANDEM_{name}")
            if raw not in (None, ""):
                app.config[name] = _parse(kind, raw)
    else:
        app.config.update(test_config)

    # Flask reads None as "any host"; an empty list would refuse every request.
    app.config["TRUSTED_HOSTS"] = _host_list(app.config.get("TRUSTED_HOSTS")) or None
    url = app.config.get("DATABASE_URL") or (
        f"sqlite:///{Path(app.instance_path) / 'tandem.sqlite3'}"
    )
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", url)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(
        minutes=app.config["IDLE_TIMEOUT_MINUTES"]
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))


def _host_list(value) -> list[str]:
    if isinstance(value, str):
        return _parse(list, value)
    return list(value or [])


def _instance_secret(instance: Path) -> str:
    """Read the install's secret key, creating it (mode 0600) on first start."""
    path = instance / "secret_key"
    if not path.exists():
        # Write a temporary file, then link it into place: if several app processes
        # start at once, exactly one key wins and nobody reads a half-written file.
        temporary = instance / f".secret_key.{os.getpid()}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()
