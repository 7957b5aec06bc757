"""The one place that reads HX-* request headers and picks page or partial."""
from __future__ import annotations

from flask import make_response, render_template, request

# A form that fails validation on an HTMX request answers with this status; htmx is
# configured (base.html, htmx-config) to swap it. See docs/decisions/0003.
VALIDATION_FAILED = 422


def wants_partial() -> bool:
    """An HTMX swap asks for a fragment; a history restore needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render(page: str, partial: str, *, status_code: int = 200, **context):
    """Render `partial` alone for HTMX requests, else `page` (which includes it)."""
    template = partial if wants_partial() else page
    response = make_response(render_template(template, **context), status_code)
    response.headers.add("Vary", "HX-Request")
    return response
