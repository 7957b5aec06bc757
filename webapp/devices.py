"""Device cookies (OWASP): a browser where an account signed in before is known to it.

Sign-in attempts that present the account's device cookie are throttled per device, not
by the account's lockout nor the address limit; so strangers guessing a password cannot
keep the owner out, nor can one school's shared address (docs/decisions/0009).
"""
from __future__ import annotations

import secrets

from flask import Response, after_this_request, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

COOKIE = "tandem_device"
MAX_AGE = 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="tandem-device")


def presented(email: str) -> str | None:
    """The id of the device cookie this request carries for `email`, if any is valid."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        data = _serializer().loads(raw)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("email") != email:
        return None
    device = data.get("device")
    return device if isinstance(device, str) and device else None


def remember(email: str, device: str | None) -> None:
    """After a successful sign-in: give (or renew) this browser's cookie for `email`."""
    value = _serializer().dumps({"email": email, "device": device or secrets.token_urlsafe(16)})

    @after_this_request
    def set_cookie(response: Response) -> Response:
        response.set_cookie(COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="Lax",
                            secure=request.is_secure, path="/auth/")
        return response
