"""Saving a shared step form: autosave drafts, full saves, and stale-edit refusal.

Every shared form carries the version it was loaded at. A save from an older version
is refused, the user's text stays in their form, and they see the other member's
version next to it; saving again from there (the conflict panel carries the new
version) is a deliberate overwrite.
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
    saved_by: str = ""
    saved_at: str = ""


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
    # A newer version saved by this same user (an autosave still on its way back when
    # they pressed Save) is their own work, not someone else's: no conflict.
    if submitted_version(form) != current and last.get("user_id") != current_user.id:
        return SaveResult(saved=False, conflict=True,
                          theirs={name: getattr(partnership, name) for name in fields},
                          **_last_saved(partnership, section))
    for name in fields:
        value = getattr(form, name).data
        if value is None and isinstance(getattr(partnership, name), str):
            value = ""  # an unanswered choice or a field left out of a draft
        setattr(partnership, name, value)
    setattr(partnership, _version_name(section), current + 1)
    stamp = {"name": current_user.name, "user_id": current_user.id,
             "at": utcnow().isoformat(timespec="seconds")}
    partnership.saved_by = {**(partnership.saved_by or {}), section: stamp}
    form.version.data = str(current + 1)
    return SaveResult(saved=True, **_last_saved(partnership, section))


def _last_saved(partnership: Partnership, section: str) -> dict:
    stamp = (partnership.saved_by or {}).get(section) or {}
    return {"saved_by": stamp.get("name", ""), "saved_at": stamp.get("at", "")}


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
