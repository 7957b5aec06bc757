"""A posted form shown back to its writer in words: the form's labels and choice labels.

The expired-form page (errors.resubmit) lists what the user typed; it must say "We will
meet: Every other week", never "cadence biweekly". The endpoint that was posted to names
the form; fields of no known form keep a readable version of their name.
"""
from __future__ import annotations

from flask import request
from flask_login import current_user

# Travel with forms but are not the user's words.
INTERNAL = {"csrf_token", "version", "once_key", "edit_token", "autosave",
            "overwrite_version", "submit", "done", "target_version"}


def _form_classes() -> dict:
    from forms.approach import ApproachForm
    from forms.cycle import CycleForm
    from forms.objective import ObjectiveForm
    from forms.reflection import ImpactForm, ReflectionForm
    from forms.timeline import MilestoneForm, TimelineForm
    from forms.visit import PostVisitForm

    steps = {"objective": ObjectiveForm, "approach": ApproachForm, "timeline": TimelineForm}
    return {
        "partnerships.step": lambda args: steps.get(args.get("key")),
        "partnerships.cycle_add": _cycle_record_form, "partnerships.cycle_edit": CycleForm,
        "partnerships.milestone_add": MilestoneForm,
        "partnerships.reflection_save": ReflectionForm,
        "partnerships.impact_save": ImpactForm,
        "visits.new": _visit_request_form, "visits.report": PostVisitForm,
    }


def _cycle_record_form(args):
    """A staged cycle's new record reads with its stage's questions (a member's
    partnership only); reflect – plan – act with the log's own."""
    from forms.cycle import CycleForm

    from . import access
    from .partnerships.cycles import new_entry_form_class

    partnership = access.partnership_of_member_or_none(args.get("partnership_id"))
    return new_entry_form_class(partnership) if partnership else CycleForm


def _visit_request_form(args):
    """The visit request's form with its colleagues (choices built at request time): the
    visited colleague reads as a name. Only a member's partnership lends its names."""
    from forms.visit import VisitRequestForm

    from . import access
    from .visits import rules

    partnership = access.partnership_of_member_or_none(args.get("partnership_id"))
    colleagues = rules.partnership_colleagues(partnership, current_user) if partnership else ()
    return lambda **kwargs: VisitRequestForm(colleagues=colleagues, **kwargs)


def _posted_form():
    """An unfilled instance of the form the request was posted from, if known."""
    found = _form_classes().get(request.endpoint or "")
    if found is not None and not isinstance(found, type):
        found = found(request.view_args or {})
    return found(formdata=None, meta={"csrf": False}) if found else None


def shown_fields(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, display value) rows for the non-empty fields the user sent."""
    form = _posted_form()
    rows: dict[str, list[str]] = {}
    for name, value in fields:
        if name in INTERNAL or not value.strip():
            continue
        field = getattr(form, name, None) if form is not None else None
        if field is None or not hasattr(field, "label"):
            rows.setdefault(name.replace("_", " ").strip().capitalize(), []).append(value)
            continue
        rows.setdefault(str(field.label.text), []).append(choice_labels(field).get(value, value))
    return [(label, ", ".join(values)) for label, values in rows.items()]


def choice_labels(field) -> dict[str, str]:
    """A choice field's values with the labels the form shows for them (else empty)."""
    if hasattr(field, "iter_choices") and getattr(field, "choices", None):
        return {str(option[0]): str(option[1]) for option in field.iter_choices()}
    return {}
