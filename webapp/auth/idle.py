"""Staying signed in: the page warns before the idle sign-out and can renew the clock."""
from __future__ import annotations

import time

from flask import current_app, session
from flask_login import current_user, login_required

from . import bp


@bp.route("/stay", methods=["POST"])
@login_required
def stay_signed_in():
    """Renew the session's idle clock ("Stay signed in" in the warning); no content."""
    session["seen"] = int(time.time())
    return "", 204


def idle_seconds() -> int | None:
    """Seconds of inactivity before this session ends, for the page's warning; None when
    it does not end on idling (signed out, or "keep me signed in")."""
    if not current_user.is_authenticated or session.get("remembered"):
        return None
    return round(current_app.config["IDLE_TIMEOUT_MINUTES"] * 60)


@bp.app_context_processor
def _idle_timeout():
    return {"idle_seconds": idle_seconds}
