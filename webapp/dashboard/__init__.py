"""The principal's and the district's side: school dashboards, check-ins, release days,
suggested matches, growth-plan opt-outs, and the district summary."""
from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

from . import checkins, district, growth_plan, matches, release_days, views  # noqa: E402,F401
