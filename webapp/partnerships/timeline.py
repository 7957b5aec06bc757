"""Step 4's own milestones: add, tick off, remove.

The milestone controls belong to the step form (HTML `form=`), so every action brings
the step's unsaved edits (dates, "We will meet") along; they are saved first, in the
same transaction, and a problem with them (a bad date, another member's newer save)
re-renders the step with the typed values instead of dropping them.
"""
from __future__ import annotations

from flask import abort, request
from flask_login import login_required

from forms.timeline import MilestoneForm

from .. import access, htmx
from ..extensions import db
from ..models import Milestone
from . import bp, context
from .saving import SaveResult, save_section

CONFLICT = 409
MILESTONE_FIELDS = ("title", "due_date")


def _milestone(partnership, milestone_id: int) -> Milestone:
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.partnership_id != partnership.id:
        abort(404)
    return milestone


def milestone_typed() -> bool:
    """Did the user type a new milestone into this post?"""
    return any((request.form.get(name) or "").strip() for name in MILESTONE_FIELDS)


def _save_step_edits(partnership):
    """Save the step form's fields carried with this post; (form, result) or (None, None)."""
    from .steps_views import SHARED_FORMS, build_shared_form

    if "version" not in request.form:  # an old page or a client without the step form
        return None, None
    form = build_shared_form(partnership, "timeline", request.form)
    if not form.validate():
        return form, None
    return form, save_section(partnership, "timeline", form, SHARED_FORMS["timeline"][1])


def _answer(partnership, form, result: SaveResult | None, milestone_form=None):
    """The step again: in place or by redirect when all is saved, else with what was typed."""
    conflict = result is not None and result.conflict
    step_problem = form is not None and (bool(form.errors) or conflict)
    if not step_problem and milestone_form is None:
        return context.after_change(partnership, "timeline")
    failed = step_problem and not conflict or bool(milestone_form and milestone_form.errors)
    status = CONFLICT if conflict else (
        htmx.VALIDATION_FAILED if failed and htmx.wants_partial() else 200)
    extra = {"conflict": result} if conflict else {}
    return context.render_step(partnership, "timeline", form=form if step_problem else None,
                               milestone_form=milestone_form, status_code=status, **extra)


def add_milestone(partnership):
    """Save the step's edits, then add the typed milestone (or say what is wrong with it)."""
    form, result = _save_step_edits(partnership)
    milestone_form = MilestoneForm(program=partnership.program)
    if milestone_form.validate():
        partnership.milestones.append(Milestone(title=milestone_form.title.data,
                                                due_date=milestone_form.due_date.data))
        milestone_form = None
    db.session.commit()
    return _answer(partnership, form, result, milestone_form)


def _typed_milestone_kept():
    """A milestone typed but not added yet survives another action's re-render."""
    return MilestoneForm(meta={"csrf": False}) if milestone_typed() else None


@bp.route("/<int:partnership_id>/milestones", methods=["POST"])
@login_required
def milestone_add(partnership_id: int):
    """Add a milestone of the partners' own (saving the step's edits first)."""
    return add_milestone(access.partnership_for_change(partnership_id, "timeline"))


@bp.route("/<int:partnership_id>/milestones/<int:milestone_id>/toggle", methods=["POST"])
@login_required
def milestone_toggle(partnership_id: int, milestone_id: int):
    """Mark a milestone done (or not done again)."""
    partnership = access.partnership_for_change(partnership_id, "timeline")
    milestone = _milestone(partnership, milestone_id)
    form, result = _save_step_edits(partnership)
    wanted = request.form.get("done")
    # The button says which state it asks for, so a resent post does not flip it back.
    milestone.done = wanted == "1" if wanted in ("0", "1") else not milestone.done
    db.session.commit()
    return _answer(partnership, form, result, _typed_milestone_kept())


@bp.route("/<int:partnership_id>/milestones/<int:milestone_id>/delete", methods=["POST"])
@login_required
def milestone_delete(partnership_id: int, milestone_id: int):
    """Remove a milestone."""
    partnership = access.partnership_for_change(partnership_id, "timeline")
    milestone = _milestone(partnership, milestone_id)
    form, result = _save_step_edits(partnership)
    db.session.delete(milestone)
    db.session.commit()
    return _answer(partnership, form, result, _typed_milestone_kept())
