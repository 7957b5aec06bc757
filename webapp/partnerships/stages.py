"""A staged cycle (a learning team's five stages, the coaching cycle): members move the
team to the next stage, and after the last one start a new round."""
from __future__ import annotations

from flask import abort, flash, request
from flask_babel import gettext as _
from flask_login import login_required

from .. import access, audit
from ..extensions import db
from ..models import Partnership
from . import bp, context
from .cycles import stage_at


def has_record(partnership: Partnership, round_: int, stage_key: str) -> bool:
    return any(e.cycle_round == round_ and e.stage == stage_key for e in partnership.cycles)


@bp.route("/<int:partnership_id>/cycles/stage", methods=["POST"])
@login_required
def stage_next(partnership_id: int):
    """Move on to the next stage (a new round after the last), once this one has a record."""
    partnership = access.partnership_for_change(partnership_id, "cycles")
    position = partnership.stage_position
    if position is None:
        abort(404)  # reflect – plan – act has no stages to move through
    if request.form.get("stage_at") != stage_at(partnership):
        # A second click, or another member moved the team first: nothing moves twice.
        flash(_("The team is at stage %(number)d, %(name)s, already.",
                number=position.number, name=position.stage["name"]), "info")
        return context.after_change(partnership, "cycles")
    if not has_record(partnership, position.round, position.stage["key"]):
        flash(_("Log a meeting of this stage first: its record answers the stage's "
                "questions."), "error")
        return context.after_change(partnership, "cycles")
    before = f"round {position.round}, {position.stage['name']}"
    if position.next_stage is None:
        partnership.cycle_round = position.round + 1
        partnership.cycle_stage = partnership.program.cycle_stages[0]["key"]
    else:
        partnership.cycle_stage = position.next_stage["key"]
    now = partnership.stage_position
    audit.record("cycle_stage_moved", f"partnership {partnership.id}",
                 f"{before} → round {now.round}, {now.stage['name']}")
    db.session.commit()
    if now.round > position.round:
        flash(_("Round %(round)d begins: stage 1, %(name)s.", round=now.round,
                name=now.stage["name"]), "success")
    else:
        flash(_("The team moved on to stage %(number)d, %(name)s.", number=now.number,
                name=now.stage["name"]), "success")
    return context.after_change(partnership, "cycles")
