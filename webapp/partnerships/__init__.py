"""The partnership wizard: objective → partner → approach → timeline → cycles → reflection."""
from flask import Blueprint

bp = Blueprint("partnerships", __name__, url_prefix="/partnerships")

from . import (carry, cycles, invitations, lifecycle, reflection, steps_views,  # noqa: E402,F401
               timeline, views)
