"""Documents for the file: downloads (Word, PDF, the packet), signing and filing, and
/verify (its own blueprint, open to anyone)."""
from flask import Blueprint

bp = Blueprint("records", __name__, url_prefix="/records")

from . import signing, views  # noqa: E402,F401
