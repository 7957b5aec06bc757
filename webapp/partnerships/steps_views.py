"""The step pages. Shared step forms (objective, approach, timeline) save here."""
from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from forms.approach import ApproachForm
from forms.objective import ObjectiveForm
from forms.timeline import TimelineForm

from .. import access, drafts
from ..extensions import db
from ..htmx import VALIDATION_FAILED, wants_partial
from . import bp, context, steps
from .saving import missing_required, save_section

CONFLICT = 409

# key: (form class, fields written to the partnership)
SHARED_FORMS = {
    "objective": (ObjectiveForm, ("focus_area", "look_fors", "rubric_indicators",
                                  "objective", "student_goal", "educator_goal",
                                  "objective_source")),
    "approach": (ApproachForm, ("approaches", "approach_other", "approach_plan",
                                "communication_plan")),
    "timeline": (TimelineForm, ("start_date", "end_date", "cadence", "meeting_weekday",
                                "meeting_time")),
}
STEP_KEYS = "objective,partner,approach,timeline,cycles,reflection"


@bp.route(f"/<int:partnership_id>/<any({STEP_KEYS}):key>", methods=["GET", "POST"])
@login_required
def step(partnership_id: int, key: str):
    """A step of the wizard; POST saves a shared step form (or autosaves a draft)."""
    partnership = access.partnership_for_member(partnership_id)
    if request.method == "GET":
        return context.render_step(partnership, key)
    if key not in SHARED_FORMS:
        abort(405)
    if request.form.get("autosave") != "1" and access.change_problem(partnership, key):
        # Refused (complete, filed, ...): the text waits as a draft on the step's page.
        drafts.keep(_step_draft_key(partnership, key), request.form)
        db.session.commit()
    access.ensure_open(partnership, key)  # complete (locked), or waiting for a partner
    if key == "timeline" and request.form.get("autosave") != "1":
        from .timeline import add_milestone, milestone_typed

        # Enter in the new milestone's fields submits the step form: add it, stay here.
        if milestone_typed():
            return add_milestone(partnership)
    return _save_shared(partnership, key)


def build_shared_form(partnership, key: str, formdata=None):
    form_class, fields = SHARED_FORMS[key]
    extra = _look_for_choices(partnership, formdata) if key == "objective" else {}
    if formdata is None:
        form = form_class(formdata=None, obj=partnership, program=partnership.program, **extra)
        form.version.data = str(getattr(partnership, f"{key}_version"))
        _restore_refused(form, key, partnership, fields)
        return form
    return form_class(formdata=formdata, program=partnership.program, **extra)


def _look_for_choices(partnership, formdata) -> dict:
    """The school's target's look-fors, and any the partnership (or this post) chose that
    were removed from the target since: kept and shown as such, never dropped unseen."""
    from ..targets.content import choices, target_for_partnership

    kept = list(partnership.look_fors or []) + (formdata.getlist("look_fors") if formdata else [])
    return {"look_fors": choices(target_for_partnership(partnership), kept)}


def _fields_in_use(form, key: str) -> tuple[str, ...]:
    """The step's fields the form shows: look-fors only where the school has a target (a
    save elsewhere leaves the stored choice alone)."""
    return tuple(name for name in SHARED_FORMS[key][1]
                 if not (name == "look_fors" and not form.look_fors.choices))


BASE_VERSION = "base_version"  # kept in a step's draft: the version its text was written on


def _step_draft_key(partnership, key: str) -> str:
    return drafts.key(f"step-{key}", partnership.id)


def _restore_refused(form, key: str, partnership, fields) -> None:
    """Text an autosave could not save (too long) comes back, with its message."""
    draft = drafts.find(_step_draft_key(partnership, key))
    base = (draft.data if draft else {}).get(BASE_VERSION, "")
    if base.isdigit() and int(base) < int(form.version.data):
        # Someone saved the step since: the restored text is an edit of the older
        # version, so saving it meets the conflict panel instead of overwriting theirs.
        form.version.data = base
    for name, value in (draft.data if draft else {}).items():
        if name in fields and isinstance(value, str):
            field = getattr(form, name)
            field.process(MultiDict([(name, value)]))  # as if just typed: raw text kept
            inline = getattr(form, f"validate_{name}", None)  # e.g. the program year
            checks = [lambda _form, checked: inline(checked)] if inline else []
            field.validate(form, extra_validators=checks)


def _save_shared(partnership, key: str):
    form = build_shared_form(partnership, key, request.form)
    autosave = request.form.get("autosave") == "1"
    overwrite = request.form.get("overwrite_version")
    if overwrite and overwrite.isdigit():
        # The user saw the other version in the conflict panel and chose to keep theirs.
        form.version.data = overwrite
    valid = form.validate()
    fields = _fields_in_use(form, key)
    refused = tuple(name for name in fields if getattr(form, name).errors)
    result = None
    if valid or (autosave and len(refused) < len(fields)):
        # An autosave saves what is valid: one over-long answer must not cost the others.
        result = save_section(partnership, key, form,
                              tuple(name for name in fields if name not in refused))
    if result is None or result.saved:
        _keep_refused(partnership, key, refused)
        db.session.commit()
    if autosave:
        status = CONFLICT if result and result.conflict else (
            VALIDATION_FAILED if refused or not valid else 200)
        return context.save_status(partnership, key, result=result,
                                   form=form if not valid else None), status
    if result is not None and result.conflict:
        return context.render_step(partnership, key, form=form, conflict=result,
                                   status_code=CONFLICT)
    missing = missing_required(form)  # listed with any invalid answers, all at once
    if not valid or missing:
        return context.render_step(partnership, key, form=form, saved=result,
                                   status_code=VALIDATION_FAILED if wants_partial() else 200)
    return go_on(partnership, key)


def _keep_refused(partnership, key: str, refused: tuple[str, ...]) -> None:
    """Refused answers wait in the user's draft of the step; accepted ones leave it."""
    draft_key = _step_draft_key(partnership, key)
    if refused:
        base = str(getattr(partnership, f"{key}_version"))  # what the text was written on
        drafts.keep(draft_key, MultiDict([(name, request.form.get(name, ""))
                                          for name in refused] + [(BASE_VERSION, base)]))
    else:
        drafts.discard(draft_key)


def go_on(partnership, key: str):
    """After a complete save: the next step (in place for HTMX, by redirect without)."""
    following = steps.after(key)
    target = following.key if following else "reflection"
    url = url_for("partnerships.step", partnership_id=partnership.id, key=target)
    if wants_partial():
        response = context.render_step(partnership, target,
                                       notice=_("Saved. On to the next step."))
        response.headers["HX-Push-Url"] = url
        return response
    return redirect(url)
