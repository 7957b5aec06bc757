"""Schools, staff, the roster import, the outbox and the audit log."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import records, roster_views, schools, staff  # noqa: E402,F401
