"""Home pages, one per role."""
from flask import Blueprint

bp = Blueprint("main", __name__)

from . import interest, notices, views  # noqa: E402,F401
