"""Shared field helpers for the partnership forms."""
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length

TEXT_LIMIT = 20_000


def strip(value):
    """Trim, and store line breaks as \n whatever the browser sent (\r\n without JS)."""
    if value is None:
        return ""  # a field missing from the post is an empty answer, never NULL
    if not isinstance(value, str):
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def long_text(label, description=None, **kwargs) -> TextAreaField:
    """A long answer: up to 20,000 characters, line breaks kept, autosaved on the page."""
    return TextAreaField(
        label, description=description, filters=[strip],
        # WTForms fills in %(max)d and %(length)d.
        validators=[Length(max=TEXT_LIMIT, message=_l(
            "Keep this to %(max)d characters; it has %(length)d now. Your text is kept: "
            "shorten it, or move part of it to a cycle entry."))],
        # No maxlength attribute: the browser would cut a long paste silently; the server
        # says how long it is and keeps every word instead.
        render_kw={"rows": 5, "data-autosave": "true", "maxlength": False}, **kwargs)
