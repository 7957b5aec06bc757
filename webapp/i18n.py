"""Translations: every user-facing string goes through gettext; English for now."""
from flask import Flask

from .extensions import babel

SUPPORTED_LOCALES = ["en"]


def init_app(app: Flask) -> None:
    from flask_babel import get_locale

    babel.init_app(app, locale_selector=_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    # Templates call gettext thousands of times on a long page (the school dashboard:
    # 5,500); Flask-Babel looks the translations up again on each call, which took half
    # of that page's time. These keep them for the request (#13).
    app.jinja_env.install_gettext_callables(_gettext, _ngettext, newstyle=True)


def _translations():
    """The request's translations, looked up once per request and locale (a forced
    locale, as in mail, is a new locale object: looked up again)."""
    from flask.globals import _cv_app
    from flask_babel import get_translations

    context = _cv_app.get(None)
    if context is None:
        return get_translations()
    g = context.g  # the object itself: no proxy lookup on each of thousands of calls
    locale = getattr(getattr(g, "_flask_babel", None), "babel_locale", None)
    cached = getattr(g, "_tandem_translations", None)
    if cached is not None and locale is not None and cached[0] is locale:
        return cached[1]
    translations = get_translations()
    g._tandem_translations = (getattr(getattr(g, "_flask_babel", None), "babel_locale", None),
                              translations)
    return translations


def _gettext(string: str) -> str:
    """Jinja's newstyle gettext fills the placeholders itself (and escapes)."""
    return _translations().ugettext(string)


def _ngettext(singular: str, plural: str, num: int) -> str:
    return _translations().ungettext(singular, plural, num)


def _locale() -> str:
    from flask import has_request_context, request

    if not has_request_context():  # CLI and mail sent outside a request
        return "en"
    return request.accept_languages.best_match(SUPPORTED_LOCALES) or "en"
