"""The partnership wizard: objective → partner → approach → timeline → cycles → reflection."""
from flask import Blueprint

bp = Blueprint("partnerships", __name__, url_prefix="/partnerships")

from . import (cycles, invitations, lifecycle, reflection, steps_views, timeline,  # noqa: E402,F401
               views)
