"""Where a school stands: each teacher against the program's five deadlines, check-ins
that are due, follow-up meetings that are due. Every function takes `today`."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import (CheckIn, FinalReflection, MemberStatus, Membership, Partnership, Program,
                      User, Visit, VisitStatus)
from ..models.program import DEADLINE_KEYS
from ..partnerships import steps
from ..visits import rules

DONE, LATE, DUE = "done", "late", "due"
FLAG_LABELS = {DONE: _l("done"), LATE: _l("late"), DUE: _l("due")}
CHECK_IN_EVERY_MONTHS = 2  # seed 004: check in with partners every other month


@dataclass(frozen=True)
class TeacherStatus:
    teacher: User
    flags: dict[str, str]  # deadline key ("interest", "partner", ...) -> DONE, LATE or DUE

    @property
    def taking_part(self) -> bool:
        """Told the administrator of interest: started, joined or was invited."""
        return self.flags["interest"] == DONE


def flag(done: bool, deadline: date, today: date) -> str:
    if done:
        return DONE
    return LATE if deadline < today else DUE


def teacher_statuses(teachers: list[User], program: Program, today: date) -> list[TeacherStatus]:
    """The five deadline flags for each teacher, from a handful of queries."""
    ids = [t.id for t in teachers]
    memberships = db.session.scalars(
        select(Membership).join(Partnership)
        .where(Partnership.program_id == program.id, Membership.user_id.in_(ids),
               Membership.status.in_([MemberStatus.ACCEPTED, MemberStatus.INVITED]))).all()
    # Visits count once they happened, and only those on or before the visits deadline.
    visited = set(db.session.scalars(
        select(Visit.visitor_id).join(Partnership)
        .where(Partnership.program_id == program.id, Visit.visitor_id.in_(ids),
               Visit.status == VisitStatus.APPROVED, Visit.proposed_date < today,
               Visit.proposed_date <= program.visits_deadline)))
    reflected = set(db.session.scalars(
        select(FinalReflection.user_id).join(Partnership)
        .where(Partnership.program_id == program.id, FinalReflection.user_id.in_(ids),
               FinalReflection.submitted_at.is_not(None))))
    statuses = []
    for teacher in teachers:
        mine = [m for m in memberships if m.user_id == teacher.id]
        joined = [m.partnership for m in mine if m.status is MemberStatus.ACCEPTED]
        done = {
            # Told of interest: joined a partnership (being invited is not telling).
            "interest": bool(joined),
            "partner": any(p.is_formed for p in joined),
            "goal": any(steps.BY_KEY["objective"].state(p) == steps.DONE for p in joined),
            "visits": teacher.id in visited,
            "reflection": teacher.id in reflected,
        }
        statuses.append(TeacherStatus(teacher, {
            key: flag(done[key], program.deadline(key), today) for key in DEADLINE_KEYS}))
    return statuses


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier (that month's last day if shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


def check_in_logs(partnerships: list[Partnership]) -> dict[int, list[CheckIn]]:
    """Each partnership's check-ins, newest first, by partnership id."""
    logs: dict[int, list[CheckIn]] = {p.id: [] for p in partnerships}
    rows = db.session.scalars(
        select(CheckIn).where(CheckIn.partnership_id.in_(list(logs)))
        .order_by(CheckIn.day.desc(), CheckIn.id.desc()))
    for check_in in rows:
        logs[check_in.partnership_id].append(check_in)
    return logs


def check_in_due(partnership: Partnership, last: date | None, today: date) -> bool:
    """Due when the last check-in, or the start if none yet, is over two months old."""
    if partnership.completed_at:
        return False
    since = last or partnership.start_date or partnership.created_at.date()
    return since < months_before(today, CHECK_IN_EVERY_MONTHS)


def followups_due(teacher_ids: list[int], program: Program,
                  today: date) -> list[tuple[Visit, bool]]:
    """Approved visits that have happened with no follow-up meeting recorded yet, each
    with whether it is overdue (more than one month after the visit)."""
    visits = db.session.scalars(
        select(Visit).join(Partnership)
        .where(Partnership.program_id == program.id, Visit.visitor_id.in_(teacher_ids),
               Visit.status == VisitStatus.APPROVED, Visit.proposed_date < today,
               Visit.followup_date.is_(None))
        .order_by(Visit.proposed_date)).all()
    return [(visit, rules.followup_overdue(visit, today)) for visit in visits]
