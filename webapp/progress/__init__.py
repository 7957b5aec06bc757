"""Long jobs people wait for (a large records packet, a large roster import): their
progress on the page, then their result (decision 0020)."""
from flask import Blueprint

bp = Blueprint("progress", __name__, url_prefix="/jobs")

from . import views  # noqa: E402,F401
