"""The school's Instructional Target (seed 001): written by the principal, read and
commented on by the staff, printed on one page; partnerships choose its look-fors."""
from flask import Blueprint

bp = Blueprint("targets", __name__, url_prefix="/targets")

from . import views  # noqa: E402,F401
