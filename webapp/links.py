"""Absolute links for mail and the CLI, from TANDEM_BASE_URL or a trusted request host.

A link in mail must never come from an unchecked Host or X-Forwarded-Host header: anyone
could ask for a reset link pointing at their own site. So the request's address is used
only when it is one of TANDEM_TRUSTED_HOSTS (Flask refuses other hosts with a 400 then).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for
from werkzeug.sansio.utils import host_is_trusted

DEFAULT_BASE_URL = "http://localhost:5000"


def external_url(endpoint: str, **values) -> str:
    base = current_app.config.get("BASE_URL")
    if not base and has_request_context() and _request_host_is_trusted():
        return url_for(endpoint, _external=True, **values)
    if not base and has_request_context():
        current_app.logger.warning(
            "Neither TANDEM_BASE_URL nor TANDEM_TRUSTED_HOSTS is set: links in mail "
            "point at %s, not at the address the request came to.", DEFAULT_BASE_URL)
    parts = urlsplit(base or DEFAULT_BASE_URL)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def _request_host_is_trusted() -> bool:
    trusted = current_app.config.get("TRUSTED_HOSTS")
    return bool(trusted) and host_is_trusted(request.host, trusted)
