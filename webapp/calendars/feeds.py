"""What each person's calendar holds, by role, as plain entries (ics.Entry).

- a teacher: the deadlines of their program year, their partnerships' milestones and
  standing meetings, the visits they make or receive, their visits' follow-up meetings;
- a principal: the program's deadlines, their school's visits and follow-up meetings,
  the check-ins due with the partnerships they oversee;
- a district administrator: the district's programs' deadlines, the visits that need or
  had the district's approval.
Visits count while approved or waiting for approval (marked so); a year back at most.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import access
from ..extensions import db
from ..models import (MemberStatus, Membership, Partnership, Program, User, Visit,
                      VisitStatus)
from ..programs.operations import current_program
from . import events
from .ics import Entry

WINDOW = timedelta(days=365)  # this school year and the last: a feed does not grow forever
SHOWN = (VisitStatus.PENDING_PRINCIPAL, VisitStatus.PENDING_DISTRICT, VisitStatus.APPROVED)


def entries_for(user: User, today: date) -> list[Entry]:
    """Everything in `user`'s calendar, oldest first."""
    since = today - WINDOW
    if user.is_district_admin:
        found = _admin(user, since)
    elif user.is_principal:
        found = _principal(user, today, since)
    else:
        found = _teacher(user, today, since)
    return sorted((e for e in found if e is not None), key=lambda e: (str(e.start), e.uid))


def _teacher(user: User, today: date, since: date) -> list[Entry | None]:
    partnerships = db.session.scalars(
        select(Partnership).join(Membership)
        .where(Membership.user_id == user.id, Membership.status == MemberStatus.ACCEPTED)
        .order_by(Partnership.id)).all()
    programs = {p.program for p in partnerships}
    programs.add(current_program(user.district_id, today, user.school_id))
    found: list[Entry | None] = _deadlines(programs, since)
    zone = user.district.zone
    for partnership in partnerships:
        found += [events.milestone(m) for m in partnership.milestones if m.due_date >= since]
        found.append(events.standing_meeting(partnership, zone))
    visits = _visits(since, (Visit.visitor_id == user.id) | (Visit.visited_id == user.id))
    found += [events.visit(v) for v in visits]
    found += [events.followup(v) for v in visits if v.visitor_id == user.id]
    return found


def _principal(user: User, today: date, since: date) -> list[Entry | None]:
    programs = {current_program(user.district_id, today, user.school_id)}
    found: list[Entry | None] = _deadlines(programs, since)
    if user.school_id is not None:
        visits = _visits(since, User.school_id == user.school_id, district_id=user.district_id)
        found += [events.visit(v) for v in visits]
        found += [events.followup(v) for v in visits]
    overseen = db.session.scalars(access.overseen_partnerships_query(user).options(
        selectinload(Partnership.memberships).selectinload(Membership.user),
        selectinload(Partnership.program))).all()
    found += [events.check_in(p, due) for p, due in _check_ins_due(overseen)]
    return found


def _admin(user: User, since: date) -> list[Entry | None]:
    programs = db.session.scalars(select(Program).where(
        Program.district_id == user.district_id, Program.end_date >= since)).all()
    found: list[Entry | None] = _deadlines(set(programs), since)
    # The district decides further visits: those waiting for it, and those it approved.
    visits = _visits(since, (Visit.status == VisitStatus.PENDING_DISTRICT)
                     | Visit.district_decider_id.is_not(None), district_id=user.district_id)
    found += [events.visit(v) for v in visits]
    return found


def _deadlines(programs: set, since: date) -> list[Entry | None]:
    return [events.deadline(program, item)
            for program in sorted((p for p in programs if p is not None), key=lambda p: p.id)
            for item in program.deadlines if item.due >= since]


def _visits(since: date, condition, district_id: int | None = None) -> list[Visit]:
    """Visits shown in calendars (approved or waiting) from `since`, matching `condition`
    (which may speak of the visitor, joined as User)."""
    query = (select(Visit).join(User, Visit.visitor_id == User.id)
             .where(condition, Visit.status.in_(SHOWN), Visit.proposed_date >= since)
             .options(selectinload(Visit.partnership))
             .order_by(Visit.proposed_date, Visit.id))
    if district_id is not None:
        query = query.where(User.district_id == district_id)
    return list(db.session.scalars(query))


def _check_ins_due(partnerships: list[Partnership]) -> list[tuple[Partnership, date]]:
    """Each open, formed partnership whose program asks for check-ins, with the day the
    next one is due: the program's interval after the last (or after the start)."""
    from ..dashboard.status import (check_in_logs, check_in_months, check_in_since,
                                    months_before)

    watched = [p for p in partnerships if not p.completed_at and p.is_formed
               and check_in_months(p.program)]
    logs = check_in_logs(watched)
    due = []
    for p in watched:
        last = logs[p.id][0].day if logs[p.id] else None
        since = check_in_since(p, last)
        due.append((p, months_before(since, -check_in_months(p.program))))  # months after
    return due
