"""The step pages. Shared step forms (objective, approach, timeline) save here."""
from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from forms.approach import ApproachForm
from forms.objective import ObjectiveForm
from forms.timeline import TimelineForm

from .. import access
from ..extensions import db
from ..htmx import VALIDATION_FAILED, wants_partial
from . import bp, context, steps
from .saving import missing_required, save_section

CONFLICT = 409

# key: (form class, fields written to the partnership)
SHARED_FORMS = {
    "objective": (ObjectiveForm, ("focus_area", "rubric_indicators", "objective",
                                  "student_goal", "educator_goal", "objective_source")),
    "approach": (ApproachForm, ("approaches", "approach_other", "approach_plan",
                                "communication_plan")),
    "timeline": (TimelineForm, ("start_date", "end_date", "cadence")),
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
    access.ensure_open(partnership, key)  # complete (locked), or waiting for a partner
    if key == "timeline" and request.form.get("autosave") != "1":
        from .timeline import add_milestone, milestone_typed

        # Enter in the new milestone's fields submits the step form: add it, stay here.
        if milestone_typed():
            return add_milestone(partnership)
    return _save_shared(partnership, key)


def build_shared_form(partnership, key: str, formdata=None):
    form_class, _fields = SHARED_FORMS[key]
    if formdata is None:
        form = form_class(formdata=None, obj=partnership, program=partnership.program)
        form.version.data = str(getattr(partnership, f"{key}_version"))
        return form
    return form_class(formdata=formdata, program=partnership.program)


def _save_shared(partnership, key: str):
    form = build_shared_form(partnership, key, request.form)
    autosave = request.form.get("autosave") == "1"
    overwrite = request.form.get("overwrite_version")
    if overwrite and overwrite.isdigit():
        # The user saw the other version in the conflict panel and chose to keep theirs.
        form.version.data = overwrite
    valid = form.validate()
    if not valid and autosave:
        return context.save_status(partnership, key, form=form), VALIDATION_FAILED
    result = None
    if valid:
        result = save_section(partnership, key, form, SHARED_FORMS[key][1])
        if result.saved:
            db.session.commit()
    if autosave:
        return context.save_status(partnership, key, result=result), (
            CONFLICT if result.conflict else 200)
    if result is not None and result.conflict:
        return context.render_step(partnership, key, form=form, conflict=result,
                                   status_code=CONFLICT)
    if not valid or missing_required(form):
        return context.render_step(partnership, key, form=form, saved=result,
                                   status_code=VALIDATION_FAILED if wants_partial() else 200)
    return go_on(partnership, key)


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
