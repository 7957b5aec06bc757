"""Today's date, from one place, so a test (or a demo) can pin it with the TODAY setting."""
from __future__ import annotations

from datetime import date

from flask import current_app, has_app_context


def today() -> date:
    """The app's today: the TODAY setting when one is given, else the calendar's."""
    pinned = current_app.config.get("TODAY") if has_app_context() else None
    return pinned or date.today()
