"""Where a school stands: each teacher against the program's deadlines, check-ins
that are due, follow-up meetings that are due. Every function takes `today`."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (CheckIn, CycleEntry, DeadlineTick, FinalReflection, MemberStatus,
                      Membership, Partnership, Program, ProgramInterest, User, Visit,
                      VisitStatus)
from ..models.base import utcnow
from ..partnerships import steps
from ..visits import release, rules

DONE, DONE_LATE, LATE, DUE = "done", "done_late", "late", "due"
FLAG_LABELS = {DONE: _l("done"), DONE_LATE: _l("done late"), LATE: _l("late"), DUE: _l("due")}


@dataclass(frozen=True)
class TeacherStatus:
    teacher: User
    flags: dict[str, str]  # the program's deadline key -> DONE, DONE_LATE, LATE or DUE
    # When each was done, where known (rows from before the dates were kept have none).
    done_on: dict[str, date | None]
    in_partnership: bool
    interested: bool = False  # told "I'm interested" (whether or not a deadline asks it)

    @property
    def taking_part(self) -> bool:
        """Told the administrator of interest, or joined a partnership."""
        return self.in_partnership or self.interested


def flag(done: bool, deadline: date, today: date, done_on: date | None = None) -> str:
    if done:
        return DONE_LATE if done_on is not None and done_on > deadline else DONE
    return LATE if deadline < today else DUE


def _day_of(moment: datetime | None) -> date | None:
    return moment.date() if moment is not None else None


def teacher_statuses(teachers: list[User], program: Program, today: date) -> list[TeacherStatus]:
    """Each teacher's flag on each of the program's deadlines, with the day each was met,
    from a fixed handful of aggregate queries (whatever the number of teachers)."""
    ids = [t.id for t in teachers]
    joined = db.session.execute(
        select(Membership.user_id, Partnership)
        .join(Partnership, Membership.partnership_id == Partnership.id)
        .where(Partnership.program_id == program.id, Membership.user_id.in_(ids),
               Membership.status == MemberStatus.ACCEPTED)).all()
    kinds = {d.kind for d in program.deadlines}
    interest = dict(db.session.execute(
        select(ProgramInterest.teacher_id, ProgramInterest.created_at)
        .where(ProgramInterest.program_id == program.id, ProgramInterest.teacher_id.in_(ids))
    ).all())
    partnered = _partner_named_on([p.id for _u, p in joined])
    # Visits count once they happened (the day after the visit at the earliest).
    visited = dict(db.session.execute(
        select(Visit.visitor_id, func.min(Visit.proposed_date)).join(Partnership)
        .where(release.counted_in(program), Visit.visitor_id.in_(ids),
               Visit.status == VisitStatus.APPROVED, Visit.proposed_date < today)
        .group_by(Visit.visitor_id)).all()) if "visits" in kinds else {}
    reflected = dict(db.session.execute(
        select(FinalReflection.user_id, func.min(FinalReflection.submitted_at)).join(Partnership)
        .where(Partnership.program_id == program.id, FinalReflection.user_id.in_(ids),
               FinalReflection.submitted_at.is_not(None))
        .group_by(FinalReflection.user_id)).all()) if "reflections" in kinds else {}
    entries = _nth_entry_on([p.id for _u, p in joined],
                            {d.entries for d in program.deadlines if d.entries})
    ticked = _ticks(program, ids) if "manual" in kinds else {}
    statuses = []
    for teacher in teachers:
        mine = [p for user_id, p in joined if user_id == teacher.id]
        formed = [partnered[p.id] for p in mine if p.id in partnered]
        goals = [p for p in mine if steps.BY_KEY["objective"].state(p) == steps.DONE]
        met = {
            "interest": (teacher.id in interest, _day_of(interest.get(teacher.id))),
            "partner": (bool(formed), _earliest(formed)),
            "goal": (bool(goals), _earliest([_day_of(p.goal_agreed_at) for p in goals])),
            "visits": (teacher.id in visited, visited.get(teacher.id)),
            "reflections": (teacher.id in reflected, _day_of(reflected.get(teacher.id))),
        }
        flags, done_on = {}, {}
        for d in program.deadlines:
            if d.kind == "cycle_entries":
                days = [entries[p.id, d.entries] for p in mine if (p.id, d.entries) in entries]
                done, day = bool(days), _earliest(days)
            elif d.kind == "manual":
                day = ticked.get((d.key, teacher.id))
                done = day is not None
            else:
                done, day = met[d.kind]
            flags[d.key], done_on[d.key] = flag(done, d.due, today, day), day
        statuses.append(TeacherStatus(teacher, flags, done_on, bool(mine),
                                      teacher.id in interest))
    return statuses


def _nth_entry_on(partnership_ids: list[int], counts: set[int]) -> dict[tuple[int, int], date]:
    """For each partnership and each count n asked for, the meeting day of its n-th cycle
    entry (by meeting day), when it has that many: one query with a window function."""
    if not counts or not partnership_ids:
        return {}
    ranked = select(
        CycleEntry.partnership_id, CycleEntry.met_on,
        func.row_number().over(partition_by=CycleEntry.partnership_id,
                               order_by=(CycleEntry.met_on, CycleEntry.id)).label("n"),
    ).where(CycleEntry.partnership_id.in_(partnership_ids)).subquery()
    rows = db.session.execute(select(ranked.c.partnership_id, ranked.c.n, ranked.c.met_on)
                              .where(ranked.c.n.in_(sorted(counts)))).all()
    return {(pid, n): met_on for pid, n, met_on in rows}


def _ticks(program: Program, teacher_ids: list[int]) -> dict[tuple[str, int], date]:
    """The program's hand-ticked deadlines, by (deadline key, teacher id): the day done."""
    rows = db.session.execute(select(DeadlineTick.deadline_key, DeadlineTick.teacher_id,
                                     DeadlineTick.done_on)
                              .where(DeadlineTick.program_id == program.id,
                                     DeadlineTick.teacher_id.in_(teacher_ids))).all()
    return {(key, teacher_id): day for key, teacher_id, day in rows}


def _earliest(days: list[date | None]) -> date | None:
    """The first known day; None when none is known (done, but before dates were kept)."""
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _partner_named_on(partnership_ids: list[int]) -> dict[int, date | None]:
    """Formed partnerships (two or more accepted members), each with the day the first
    colleague other than its starter accepted."""
    accepted_by_other = case((Membership.user_id != Partnership.created_by_id,
                              Membership.responded_at))
    rows = db.session.execute(
        select(Membership.partnership_id, func.count(), func.min(accepted_by_other))
        .join(Partnership, Membership.partnership_id == Partnership.id)
        .where(Membership.partnership_id.in_(partnership_ids),
               Membership.status == MemberStatus.ACCEPTED)
        .group_by(Membership.partnership_id)).all()
    return {pid: _day_of(first) for pid, count, first in rows if count >= 2}


def mark_goal_agreed(partnership: Partnership) -> None:
    """Date "goal agreed" the first time the objective step is saved complete."""
    if partnership.goal_agreed_at is None \
            and steps.BY_KEY["objective"].state(partnership) == steps.DONE:
        partnership.goal_agreed_at = utcnow()


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
        .options(selectinload(CheckIn.by))
        .order_by(CheckIn.day.desc(), CheckIn.id.desc()))
    for check_in in rows:
        logs[check_in.partnership_id].append(check_in)
    return logs


def check_in_months(program: Program) -> int | None:
    """How often the program asks the principal to check in, in months; None: never."""
    checkins = program.practice("checkins")
    return checkins["interval_months"] if checkins else None


def check_in_due(partnership: Partnership, last: date | None, today: date) -> bool:
    """Due when the last check-in, or the start if none yet, is older than the program's
    interval (seed 004: every other month); never when the program has no check-ins."""
    months = check_in_months(partnership.program)
    if partnership.completed_at or months is None:
        return False
    return check_in_since(partnership, last) < months_before(today, months)


def check_in_since(partnership: Partnership, last: date | None) -> date:
    """The day the check-in interval runs from: the last check-in, else the start."""
    return last or partnership.start_date or partnership.created_at.date()


def meeting_gaps(partnerships: list[Partnership], program: Program,
                 today: date) -> dict[int, int]:
    """Under the program's cadence watch (seed 004: meet at least every other week): the
    open, formed partnerships whose last logged meeting, or start if none, is more than
    max_days ago, with the days since. One aggregate query, whatever the log's length."""
    watch = program.practice("cadence_watch")
    watched = [p for p in partnerships if not p.completed_at and p.is_formed]
    if watch is None or not watched:
        return {}
    last = dict(db.session.execute(
        select(CycleEntry.partnership_id, func.max(CycleEntry.met_on))
        .where(CycleEntry.partnership_id.in_([p.id for p in watched]))
        .group_by(CycleEntry.partnership_id)).all())
    gaps = {}
    for p in watched:
        since = last.get(p.id) or p.start_date or p.created_at.date()
        if (today - since).days > watch["max_days"]:
            gaps[p.id] = (today - since).days
    return gaps


def followups_due(teacher_ids: list[int], program: Program,
                  today: date) -> list[tuple[Visit, bool]]:
    """Approved visits that have happened with no follow-up meeting recorded yet, each
    with whether it is overdue (more than one month after the visit)."""
    visits = db.session.scalars(
        select(Visit).join(Partnership)
        .where(release.counted_in(program), Visit.visitor_id.in_(teacher_ids),
               Visit.status == VisitStatus.APPROVED, Visit.proposed_date < today,
               Visit.followup_date.is_(None))
        .order_by(Visit.proposed_date)).all()
    return [(visit, rules.followup_overdue(visit, today)) for visit in visits]


def followups_held_late(teacher_ids: list[int], program: Program) -> list[Visit]:
    """Visits whose follow-up meeting was recorded, but held more than a month after."""
    visits = db.session.scalars(
        select(Visit).join(Partnership)
        .where(release.counted_in(program), Visit.visitor_id.in_(teacher_ids),
               Visit.status == VisitStatus.APPROVED, Visit.followup_date.is_not(None))
        .order_by(Visit.proposed_date)).all()
    return [visit for visit in visits if rules.followup_late(visit)]
