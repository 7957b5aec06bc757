"""Translations: every user-facing string goes through gettext; English for now."""
from flask import Flask

from .extensions import babel

SUPPORTED_LOCALES = ["en"]


def init_app(app: Flask) -> None:
    from flask_babel import get_locale

    babel.init_app(app, locale_selector=_locale)
    app.jinja_env.globals["get_locale"] = get_locale


def _locale() -> str:
    from flask import has_request_context, request

    if not has_request_context():  # CLI and mail sent outside a request
        return "en"
    return request.accept_languages.best_match(SUPPORTED_LOCALES) or "en"
