"""Friendly error pages, and keeping the user's text when a session or token expired."""
from __future__ import annotations

from flask import Flask, current_app, g, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError, TimeoutError

from . import audit
from .extensions import db, login_manager
from .htmx import wants_partial

# Never echoed back into a page, even to their owner.
SECRET_FIELDS = ("password", "confirm", "current", "csrf_token")


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, expired_form)
    app.register_error_handler(403, lambda e: _error_page(403))
    app.register_error_handler(404, lambda e: _error_page(404))
    app.register_error_handler(413, lambda e: _error_page(413))
    app.register_error_handler(500, server_error)
    for error in (OperationalError, InterfaceError, TimeoutError):
        app.register_error_handler(error, database_unavailable)
    login_manager.unauthorized_handler(unauthorized)


def _error_page(status: int):
    if wants_partial():
        return render_template("errors/_message.html", status=status), status
    return render_template("errors/error.html", status=status), status


def server_error(error):
    db.session.rollback()
    return _error_page(500)


def database_unavailable(error):
    """The database did not answer (down, or locked too long): say so with a 503."""
    current_app.logger.error("Database unavailable on %s %s: %s", request.method,
                             request.path, error)
    try:
        db.session.rollback()
    except SQLAlchemyError:
        pass  # the connection is gone; the pool replaces it
    if "_login_user" not in g:
        # The page would look the user up in the database that just failed.
        g._login_user = login_manager.anonymous_user()
    body, status = _error_page(503)
    return body, status, {"Retry-After": "30"}


def carried_fields() -> list[tuple[str, str]]:
    """The submitted form, minus passwords and the old token, to post again."""
    return [(name, value) for name, value in request.form.items(multi=True)
            if not name.startswith("_carry") and name not in SECRET_FIELDS]


def same_site_request() -> bool:
    """Did our own pages send this form? Only then is it offered to send again.

    A form posted by another site must never come back as a one-click "send again".
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    # Exact scheme, host and port: a prefix would let http://host.evil.example pass.
    return _origin_of(origin) == _origin_of(request.host_url) if origin else True


def _origin_of(url: str) -> tuple[str, str, int | None] | None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        default = {"http": 80, "https": 443}.get(parts.scheme)
        return parts.scheme, (parts.hostname or ""), parts.port or default
    except ValueError:  # a malformed port
        return None


def expired_form(error: CSRFError):
    """A form came back with a missing or stale token: show it again, nothing lost."""
    if not same_site_request():
        audit.record_now("access_refused", request.path, detail="cross-site form")
        return _error_page(400)
    if wants_partial():
        if not current_user.is_authenticated:
            return render_template("errors/_message.html", status=401, message=_(
                "You are signed out. Your text is still in the form: sign in in another "
                "tab, then save again here.")), 401
        # The session is fine but the page's token is stale (e.g. signed in again in
        # another tab): hand the page a new token; tandem.js puts it in place.
        from flask_wtf.csrf import generate_csrf

        response = make_response(render_template("errors/_message.html", status=400, message=_(
            "This page had expired; it is renewed now. Your text is still in the form: "
            "save again.")), 400)
        response.headers["X-CSRF-Token"] = generate_csrf()
        return response
    if not current_user.is_authenticated:
        return _login_to_continue()
    audit.record_now("access_refused", request.path, detail=f"CSRF: {error.description}")
    from .form_labels import shown_fields

    fields = carried_fields()
    return render_template("errors/resubmit.html", action=request.path, fields=fields,
                           shown=shown_fields(fields)), 400


def unauthorized():
    """Not signed in: GETs go to the sign-in page; a posted form is kept across it."""
    from flask import flash, redirect

    if wants_partial():
        return render_template("errors/_message.html", status=401,
                               message=_("You are signed out. Your text is still in the "
                                         "form; sign in in another tab, then save again.")), 401
    if request.method == "POST" and request.form and same_site_request():
        return _login_to_continue()
    flash(_("Please sign in to see that page."), "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _login_to_continue():
    from forms.auth import LoginForm

    return render_template(
        "auth/login.html", form=LoginForm(formdata=None),
        carry_action=request.path, carry_fields=carried_fields(),
        notice=_("Your session ended before your form was saved. Sign in and you can "
                 "send it again; what you typed is kept."),
    ), 401
