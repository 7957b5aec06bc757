"""The district's programs (one per school year): deadlines and option lists."""
from flask import Blueprint

bp = Blueprint("programs", __name__, url_prefix="/programs")

from . import views  # noqa: E402,F401
