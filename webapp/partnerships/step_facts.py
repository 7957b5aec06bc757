"""What the steps' states read, for many partnerships at once, from a few aggregate
queries — never the text itself, nor a row per cycle entry, milestone or reflection.

`steps.progress` and `steps.next_step` take a Partnership or a StepFacts alike: a
StepFacts answers the same attributes with what their truth is (a text is there or not,
a list has entries or not), which is all the state functions look at.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, or_, select

from ..extensions import db
from ..models import CycleEntry, FinalReflection, MemberStatus, Membership, Milestone, Partnership

_FILLED_TEXT = ("focus_area", "objective", "student_goal", "educator_goal", "objective_source",
                "approach_other", "approach_plan", "communication_plan", "cadence",
                "impact_evidence")


@dataclass(frozen=True)
class StepFacts:
    id: int
    focus_area: bool
    objective: bool
    student_goal: bool
    educator_goal: bool
    objective_source: bool
    approaches: list
    approach_other: bool
    approach_plan: bool
    communication_plan: bool
    start_date: bool
    end_date: bool
    cadence: bool
    milestones: bool
    cycles_done: bool
    cycles: bool
    cycle_count: int
    completed_at: bool
    impact_evidence: bool
    reflection_started: bool
    is_formed: bool
    pending_invitations: bool


def _filled(column):
    return func.coalesce(func.length(column), 0) > 0


def facts_for(partnership_ids: list[int]) -> dict[int, StepFacts]:
    """Each partnership's StepFacts, by id: five queries whatever the number."""
    if not partnership_ids:
        return {}
    ids = list(partnership_ids)
    rows = db.session.execute(select(
        Partnership.id, Partnership.approaches, Partnership.start_date.is_not(None),
        Partnership.end_date.is_not(None), Partnership.cycles_done,
        Partnership.completed_at.is_not(None),
        *(_filled(getattr(Partnership, name)) for name in _FILLED_TEXT),
    ).where(Partnership.id.in_(ids))).all()
    members = dict((pid, (accepted, invited)) for pid, accepted, invited in db.session.execute(
        select(Membership.partnership_id,
               func.count(case((Membership.status == MemberStatus.ACCEPTED, 1))),
               func.count(case((Membership.status == MemberStatus.INVITED, 1))))
        .where(Membership.partnership_id.in_(ids)).group_by(Membership.partnership_id)))
    with_milestones = set(db.session.scalars(
        select(Milestone.partnership_id).where(Milestone.partnership_id.in_(ids)).distinct()))
    entries = dict(db.session.execute(
        select(CycleEntry.partnership_id, func.count()).where(CycleEntry.partnership_id.in_(ids))
        .group_by(CycleEntry.partnership_id)).all())
    reflected = set(db.session.scalars(
        select(FinalReflection.partnership_id).where(
            FinalReflection.partnership_id.in_(ids),
            or_(FinalReflection.submitted_at.is_not(None),
                _filled(FinalReflection.impressions))).distinct()))
    facts = {}
    for pid, approaches, start, end, cycles_done, completed, *texts in rows:
        filled = dict(zip(_FILLED_TEXT, texts))
        accepted, invited = members.get(pid, (0, 0))
        facts[pid] = StepFacts(
            id=pid, approaches=list(approaches or []), start_date=bool(start),
            end_date=bool(end), cycles_done=bool(cycles_done), completed_at=bool(completed),
            milestones=pid in with_milestones, cycles=pid in entries,
            cycle_count=entries.get(pid, 0),
            reflection_started=pid in reflected, is_formed=accepted >= 2,
            pending_invitations=invited > 0, **{k: bool(v) for k, v in filled.items()})
    return facts
