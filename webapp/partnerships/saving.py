"""Saving a shared step form: autosave drafts, full saves, and stale-edit refusal.

Every shared form carries the version it was loaded at and an edit token made when the
page was rendered (one per tab). A save from an older version is refused, whoever made
the newer one (the same user in another tab too): the user's text stays in their form,
and they see both versions side by side; saving again from there (the conflict panel
carries the new version) is a deliberate overwrite. The one exception is the same
tab's own newer save (an autosave still on its way back when Save was pressed): it
carries the same edit token.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_login import current_user
from wtforms import Form

from ..models import Partnership
from ..models.base import utcnow


@dataclass
class SaveResult:
    saved: bool
    conflict: bool = False
    theirs: dict | None = None  # the other member's values, on conflict
    # On conflict, both versions as (label, display value) rows for the panel.
    shown_theirs: list | None = None
    shown_mine: list | None = None
    saved_by: str = ""
    saved_at: str = ""
    saved_by_me: bool = False  # the newer save was the same user's, in another tab


def _version_name(section: str) -> str:
    return f"{section}_version"


def submitted_version(form: Form) -> int | None:
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


def save_section(partnership: Partnership, section: str, form: Form,
                 fields: tuple[str, ...]) -> SaveResult:
    """Write `fields` from `form` unless another member saved the section meanwhile.

    Autosaves and full saves alike: a draft may be incomplete (the caller checks the
    required answers of a full save), and either way the version moves on.
    """
    current = getattr(partnership, _version_name(section))
    last = (partnership.saved_by or {}).get(section) or {}
    token = edit_token()
    # A newer version from this very tab (its autosave raced its full save) is the
    # user's own latest text; from anywhere else, even their own other tab, it is not.
    own_tab = bool(token) and last.get("token") == token
    if submitted_version(form) != current and not own_tab:
        theirs = {name: getattr(partnership, name) for name in fields}
        return SaveResult(saved=False, conflict=True, theirs=theirs,
                          shown_theirs=shown_values(form, theirs),
                          shown_mine=shown_values(form, {n: getattr(form, n).data
                                                         for n in fields}),
                          **_last_saved(partnership, section))
    for name in fields:
        value = getattr(form, name).data
        if value is None and isinstance(getattr(partnership, name), str):
            value = ""  # an unanswered choice or a field left out of a draft
        setattr(partnership, name, value)
    setattr(partnership, _version_name(section), current + 1)
    if section == "objective":  # the deadlines' "goal agreed" day (#8 point 10)
        from ..dashboard.status import mark_goal_agreed  # here: the packages import each other
        mark_goal_agreed(partnership)
    stamp = {"name": current_user.name, "user_id": current_user.id, "token": token,
             "at": utcnow().isoformat(timespec="seconds")}
    partnership.saved_by = {**(partnership.saved_by or {}), section: stamp}
    form.version.data = str(current + 1)
    return SaveResult(saved=True, **_last_saved(partnership, section))


def edit_token() -> str:
    """The submitting page's edit token (rendered by _autosave.html, one per page load)."""
    from flask import request

    return (request.form.get("edit_token") or "")[:64]


def shown_values(form: Form, values: dict) -> list[tuple[str, str]]:
    """(label, display value) rows: the form's labels and choice labels, never raw keys."""
    from ..form_labels import choice_labels

    rows = []
    for name, value in values.items():
        field = getattr(form, name)
        if field.type == "SelectMultipleField" and not field.choices and not value:
            continue  # a list the program does not use: the form does not show it either
        choices = choice_labels(field)
        items = value if isinstance(value, (list, tuple)) else [value]
        shown = [choices.get(str(item), str(item)) for item in items
                 if item not in (None, "")]
        rows.append((str(field.label.text), ", ".join(shown)))
    return rows


def _last_saved(partnership: Partnership, section: str) -> dict:
    stamp = (partnership.saved_by or {}).get(section) or {}
    return {"saved_by": stamp.get("name", ""), "saved_at": stamp.get("at", ""),
            "saved_by_me": stamp.get("user_id") == current_user.id}


def missing_required(form: Form) -> bool:
    """Mark empty required fields on a full save; True if any was empty."""
    from flask_babel import gettext as _

    missing = False
    for name in getattr(form, "REQUIRED", ()):
        field = getattr(form, name)
        if not field.data:
            if not field.errors:
                field.errors = list(field.errors) + [_("Please fill this in before you go on.")]
            missing = True
    return missing
