"""Signing in and out, invitations, password resets and changes."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from . import idle, views  # noqa: E402,F401
