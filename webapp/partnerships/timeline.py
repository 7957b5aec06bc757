"""Step 4's own milestones: add, tick off, remove."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from forms.timeline import MilestoneForm

from .. import access, htmx
from ..extensions import db
from ..models import Milestone
from . import bp, context


def _milestone(partnership, milestone_id: int) -> Milestone:
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.partnership_id != partnership.id:
        abort(404)
    return milestone


@bp.route("/<int:partnership_id>/milestones", methods=["POST"])
@login_required
def milestone_add(partnership_id: int):
    """Add a milestone of the partners' own."""
    partnership = access.partnership_for_change(partnership_id, "timeline")
    form = MilestoneForm(program=partnership.program)
    if not form.validate():
        return context.render_step(partnership, "timeline", milestone_form=form,
                                   status_code=htmx.VALIDATION_FAILED if htmx.wants_partial()
                                   else 200)
    partnership.milestones.append(Milestone(title=form.title.data, due_date=form.due_date.data))
    db.session.commit()
    return context.after_change(partnership, "timeline")


@bp.route("/<int:partnership_id>/milestones/<int:milestone_id>/toggle", methods=["POST"])
@login_required
def milestone_toggle(partnership_id: int, milestone_id: int):
    """Mark a milestone done (or not done again)."""
    partnership = access.partnership_for_change(partnership_id, "timeline")
    milestone = _milestone(partnership, milestone_id)
    milestone.done = not milestone.done
    db.session.commit()
    return context.after_change(partnership, "timeline")


@bp.route("/<int:partnership_id>/milestones/<int:milestone_id>/delete", methods=["POST"])
@login_required
def milestone_delete(partnership_id: int, milestone_id: int):
    """Remove a milestone."""
    partnership = access.partnership_for_change(partnership_id, "timeline")
    db.session.delete(_milestone(partnership, milestone_id))
    db.session.commit()
    return context.after_change(partnership, "timeline")
