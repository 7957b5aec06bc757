"""The district's view: per school, partnerships at each step, visits, release days."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select

from ..extensions import db
from ..models import Partnership, Program, ReleaseDay, School, User, Visit, VisitStatus
from ..partnerships import step_facts, steps
from ..visits import release
from ..visits.release import COUNTED

COMPLETE = "complete"
COLUMNS = [step.key for step in steps.STEPS] + [COMPLETE]


@dataclass
class SchoolSummary:
    school: School
    at_step: Counter = field(default_factory=Counter)  # step key (or COMPLETE) -> count
    visits_approved: int = 0
    release_days_used: Decimal = Decimal("0")

    @property
    def partnerships(self) -> int:
        return sum(self.at_step.values())


def school_summaries(schools: list[School], program: Program) -> list[SchoolSummary]:
    """One row per school. Release days count as in each teacher's "x of 3 days used":
    approved and pending visits, plus release days the principal recorded."""
    rows = {school.id: SchoolSummary(school) for school in schools}
    partnerships = db.session.execute(
        select(Partnership.id, Partnership.school_id, Partnership.completed_at)
        .where(Partnership.program_id == program.id, Partnership.school_id.in_(rows))).all()
    facts = step_facts.facts_for([pid for pid, _school, _completed in partnerships])
    for pid, school_id, completed in partnerships:
        # A completed partnership went through every step (the wizard checks that).
        step = None if completed else steps.next_step(facts[pid])
        rows[school_id].at_step[step.key if step else COMPLETE] += 1

    by_visitor_school = (select(User.school_id).join(Visit, Visit.visitor_id == User.id)
                         .join(Partnership, Visit.partnership_id == Partnership.id)
                         .where(release.counted_in(program), User.school_id.in_(rows))
                         .group_by(User.school_id))
    approved = db.session.execute(by_visitor_school.add_columns(func.count(Visit.id))
                                  .where(Visit.status == VisitStatus.APPROVED))
    for school_id, count in approved:
        rows[school_id].visits_approved = count
    visit_days = db.session.execute(by_visitor_school.add_columns(func.sum(Visit.length_days))
                                    .where(Visit.status.in_(COUNTED)))
    other_days = db.session.execute(
        select(User.school_id, func.sum(ReleaseDay.days))
        .join(ReleaseDay, ReleaseDay.teacher_id == User.id)
        .where(ReleaseDay.program_id == program.id, User.school_id.in_(rows))
        .group_by(User.school_id))
    for school_id, days in [*visit_days, *other_days]:
        rows[school_id].release_days_used += Decimal(str(days or 0))
    return list(rows.values())


def totals(summaries: list[SchoolSummary]) -> SchoolSummary:
    """The district's row: the sum of the schools' (its `school` is None)."""
    total = SchoolSummary(school=None)  # type: ignore[arg-type]
    for row in summaries:
        total.at_step.update(row.at_step)
        total.visits_approved += row.visits_approved
        total.release_days_used += row.release_days_used
    return total
