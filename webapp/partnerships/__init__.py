"""The partnership wizard: objective → partner → approach → timeline → cycles → reflection."""
from flask import Blueprint

bp = Blueprint("partnerships", __name__, url_prefix="/partnerships")

from . import (carry, cycles, invitations, lifecycle, reflection, stages,  # noqa: E402,F401
               steps_views, timeline, views, weekly)
