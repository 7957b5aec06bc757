"""Classroom visits: request, approval, the post-visit answers, the follow-up meeting."""
from flask import Blueprint

bp = Blueprint("visits", __name__, url_prefix="/visits")

from . import approvals, views  # noqa: E402,F401
