"""Sessions, sign-in state and the security headers on every response."""
from __future__ import annotations

import hmac
import time

from flask import Flask, current_app, flash, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from .extensions import db, login_manager
from .models import User

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])


class SessionInterface(SecureCookieSessionInterface):
    """Marks the session cookie Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    # after_request hooks run last-registered first: registered before Flask-Login's,
    # this one runs after it, so the remember-me cookie it sets is marked Secure too.
    app.after_request(add_security_headers)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see that page.")
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    app.before_request(end_idle_session)


def load_user(user_id: str) -> User | None:
    """Load the user of a session or remember-me cookie, if it is still valid.

    The id carries the user's session token; once it is replaced (logout, password
    change, deactivation), every cookie issued before stops working.
    """
    ident, _, token = user_id.partition(":")
    if not ident.isdigit() or not token:
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def start_session(user: User, remember: bool) -> None:
    """A fresh session for `user` (a new session id: nothing of the old one survives)."""
    from flask_login import login_user

    session.clear()
    session.permanent = True
    login_user(user, remember=remember)
    session["remembered"] = remember
    session["seen"] = int(time.time())


def end_idle_session() -> None:
    """Sign out a session idle longer than the timeout (unless "keep me signed in")."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = int(time.time())
    idle_limit = current_app.config["IDLE_TIMEOUT_MINUTES"] * 60
    seen = session.get("seen", now)
    if not session.get("remembered") and now - seen > idle_limit:
        logout_user()
        session.pop("seen", None)
        flash(_l("You were signed out after a period of inactivity."), "info")
        return
    session["seen"] = now


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.endpoint != "static":
        # Pages carry personal data: keep them out of shared and back-button caches.
        headers["Cache-Control"] = "no-store"
        headers.add("Vary", "Cookie")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        _mark_cookies_secure(response)
    return response


def _mark_cookies_secure(response) -> None:
    cookies = response.headers.getlist("Set-Cookie")
    if not cookies:
        return
    response.headers.remove("Set-Cookie")
    for cookie in cookies:
        if "; secure" not in cookie.lower():
            cookie += "; Secure"
        response.headers.add("Set-Cookie", cookie)
