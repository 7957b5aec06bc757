"""Calendars (#12): each person's private feed (ICS) of what is coming, "Add to calendar"
files for a visit and its follow-up meeting, and the district's time zone they use."""
from flask import Blueprint

bp = Blueprint("calendars", __name__)

from . import views  # noqa: E402,F401
