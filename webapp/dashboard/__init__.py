"""The principal's and the district's side: school dashboards, check-ins, release days,
suggested matches, growth-plan opt-outs, and the district summary."""
from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

from . import (checkins, deadline_ticks, district, families, growth_plan,  # noqa: E402,F401
               matches, release_days, views)
