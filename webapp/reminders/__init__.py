"""Reminders: what each person still has to do, mailed as one digest a day (due.py,
send.py), with a settings page, one-click unsubscribe links and a district-wide pause
(views.py)."""
from flask import Blueprint

bp = Blueprint("reminders", __name__, url_prefix="/reminders")

from . import views  # noqa: E402,F401
