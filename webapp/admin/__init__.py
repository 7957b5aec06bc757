"""Schools, staff, the roster import, the outbox, the audit log, the letterhead and
the district's Word templates."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import documents, records, roster_views, schools, staff  # noqa: E402,F401
