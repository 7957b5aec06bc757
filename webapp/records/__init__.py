"""Downloads of the documents: Word and PDF of each, and the records packet."""
from flask import Blueprint

bp = Blueprint("records", __name__, url_prefix="/records")

from . import views  # noqa: E402,F401
