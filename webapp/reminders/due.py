"""What each person still has to do on a day: the items a reminder may tell them about.

Every function takes `today` (the job's day, or --today), so a test walks a year by
choosing days. An item's key names the thing and the occasion ("deadline:3:partner:7" is
the 7-day notice of program 3's "partner" deadline); a key goes to a person once.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..dashboard import status
from ..extensions import db
from ..notify import principals_of
from ..models import (CheckIn, District, MemberStatus, Membership, Partnership, Program, Role,
                      User, Visit, VisitStatus)
from ..partnerships import weekly
from ..visits import release
from ..visits.rules import one_month_after

# The kinds of reminder, in the order a digest lists them; each can be turned off.
KINDS = {
    "deadline": _l("Program deadlines (7 days and 1 day before, until you have done it)"),
    "invitation": _l("Invitations to a partnership you have not answered for 5 days"),
    "weekly": _l("Your weekly reflection, late in the week, if not written yet"),
    "cadence": _l("A partnership that has not logged a meeting for longer than the program asks"),
    "followup": _l("The follow-up meeting after a classroom visit, a week before it is due"),
    "approval": _l("Visit requests waiting 3 school days for your decision"),
    "checkin": _l("Check-ins with partnerships that are due"),
}
# Who can get each kind (the settings page lists only a person's own).
FOR_ROLES = {
    "deadline": {Role.TEACHER}, "invitation": {Role.TEACHER}, "weekly": {Role.TEACHER},
    "cadence": {Role.TEACHER}, "followup": {Role.TEACHER, Role.PRINCIPAL},
    "approval": {Role.PRINCIPAL, Role.DISTRICT_ADMIN}, "checkin": {Role.PRINCIPAL},
}
NOTICES = (7, 1)  # days before a program deadline
INVITATION_DAYS = 5
APPROVAL_SCHOOL_DAYS = 3
FOLLOWUP_NOTICE = timedelta(days=7)
WEEKLY_FROM_WEEKDAY = 3  # Thursday: the week's reflection is asked for from then on


@dataclass(frozen=True)
class Item:
    kind: str
    key: str
    text: str
    endpoint: str
    values: dict = field(default_factory=dict, hash=False, compare=False)


Found = dict[int, list[Item]]  # user id -> items


def due_items(district: District, today: date) -> Found:
    """Every active person's items in the district on `today` (before opt-outs and what
    was sent already: see send.py)."""
    found: Found = defaultdict(list)
    programs = db.session.scalars(
        select(Program).where(Program.district_id == district.id,
                              Program.start_date <= today, Program.end_date >= today)
        .options(selectinload(Program.schools))).all()
    for program in programs:
        _deadlines(found, district, program, today)
        partnerships = _open_partnerships(program)
        _weekly(found, partnerships, today)
        _cadence(found, partnerships, program, today)
        _check_ins(found, partnerships, program, today)
        _followups(found, program, today)
    _invitations(found, district, today)
    _approvals(found, district, today)
    return found


def _active_teachers(district: District, program: Program) -> list[User]:
    query = select(User).where(User.district_id == district.id, User.role == Role.TEACHER,
                               User.active)
    if program.schools:
        query = query.where(User.school_id.in_([s.id for s in program.schools]))
    return list(db.session.scalars(query.order_by(User.id)))


def _in_words(days: int) -> str:
    if days <= 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return _("in %(days)d days", days=days)


def _deadlines(found: Found, district: District, program: Program, today: date) -> None:
    """The 7-day and 1-day notices of each deadline, to each teacher who has not done it
    yet: "tell your interest" to every teacher; the rest to those taking part."""
    notices = []
    for deadline in program.deadlines:
        days = (deadline.due - today).days
        if 2 <= days <= 7:
            notices.append((deadline, 7, days))
        elif 0 <= days <= 1:
            notices.append((deadline, 1, days))
    if not notices:
        return
    for teacher_status in status.teacher_statuses(_active_teachers(district, program),
                                                  program, today):
        for deadline, notice, days in notices:
            if teacher_status.flags[deadline.key] != status.DUE:
                continue
            if deadline.kind != "interest" and not teacher_status.taking_part:
                continue
            found[teacher_status.teacher.id].append(Item(
                "deadline", f"deadline:{program.id}:{deadline.key}:{notice}",
                _("“%(name)s” is due %(when)s (%(date)s).", name=deadline.name,
                  when=_in_words(days), date=deadline.due.isoformat()),
                "main.home"))


def _open_partnerships(program: Program) -> list[Partnership]:
    return list(db.session.scalars(
        select(Partnership).where(Partnership.program_id == program.id,
                                  Partnership.completed_at.is_(None))
        .options(selectinload(Partnership.memberships).selectinload(Membership.user))
        .order_by(Partnership.id)))


def _weekly(found: Found, partnerships: list[Partnership], today: date) -> None:
    """From Thursday on, each member who has not written this week's reflection."""
    if today.weekday() < WEEKLY_FROM_WEEKDAY:
        return
    for partnership in partnerships:
        for member in partnership.members:
            week = member.active and weekly.due_this_week(partnership, member, today)
            if week:
                found[member.id].append(Item(
                    "weekly", f"weekly:{partnership.id}:{week.isoformat()}",
                    _("Your weekly reflection for the week of %(week)s is not written yet.",
                      week=week.isoformat()),
                    "partnerships.weekly", {"partnership_id": partnership.id}))


def _cadence(found: Found, partnerships: list[Partnership], program: Program,
             today: date) -> None:
    """Members of a partnership whose last logged meeting is older than the program's
    cadence watch allows (seed 004: meet at least every other week): once per gap."""
    watch = program.practice("cadence_watch")
    by_id = {p.id: p for p in partnerships}
    for partnership_id, days in status.meeting_gaps(partnerships, program, today).items():
        partnership = by_id[partnership_id]
        since = today - timedelta(days=days)
        for member in partnership.members:
            if member.active:
                found[member.id].append(Item(
                    "cadence", f"cadence:{partnership.id}:{since.isoformat()}",
                    _("No meeting is logged since %(since)s (%(days)d days); the program asks "
                      "you to meet at least every %(max)d days.", since=since.isoformat(),
                      days=days, max=watch["max_days"]),
                    "partnerships.step", {"partnership_id": partnership.id, "key": "cycles"}))


def _check_ins(found: Found, partnerships: list[Partnership], program: Program,
               today: date) -> None:
    """The principals of each formed partnership whose check-in is due, once per period."""
    formed = [p for p in partnerships if p.is_formed]
    if status.check_in_months(program) is None or not formed:
        return
    last = dict(db.session.execute(
        select(CheckIn.partnership_id, func.max(CheckIn.day))
        .where(CheckIn.partnership_id.in_([p.id for p in formed]))
        .group_by(CheckIn.partnership_id)).all())
    for partnership in formed:
        if not status.check_in_due(partnership, last.get(partnership.id), today):
            continue
        since = status.check_in_since(partnership, last.get(partnership.id))
        names = partnership.member_names
        for principal in principals_of({partnership.school_id}):
            found[principal.id].append(Item(
                "checkin", f"checkin:{partnership.id}:{since.isoformat()}",
                _("A check-in with %(names)s is due (the last was %(since)s).", names=names,
                  since=since.isoformat()) if partnership.id in last else
                _("A check-in with %(names)s is due (none yet since %(since)s).", names=names,
                  since=since.isoformat()),
                "dashboard.index"))


def _followups(found: Found, program: Program, today: date) -> None:
    """A visit that happened with no follow-up meeting on record: the visiting teacher and
    their principals, a week before the month after the visit ends."""
    visits = db.session.scalars(
        select(Visit).join(Partnership).where(
            release.counted_in(program), Visit.status == VisitStatus.APPROVED, Visit.proposed_date < today,
            Visit.followup_date.is_(None))
        .options(selectinload(Visit.visitor)).order_by(Visit.id)).all()
    for visit in visits:
        due = one_month_after(visit.proposed_date)
        if today < due - FOLLOWUP_NOTICE:
            continue
        values = {"visitor": visit.visitor_name, "day": visit.proposed_date.isoformat(),
                  "due": due.isoformat()}
        text = (_("The follow-up meeting after %(visitor)s's classroom visit of %(day)s is "
                  "due by %(due)s.", **values) if today <= due else
                _("The follow-up meeting after %(visitor)s's classroom visit of %(day)s was "
                  "due by %(due)s and is not on record yet.", **values))
        people = ([visit.visitor] if visit.visitor.active else []) \
            + principals_of({visit.visitor.school_id})
        for person in people:
            found[person.id].append(Item("followup", f"followup:{visit.id}", text,
                                         "visits.detail", {"visit_id": visit.id}))


def _invitations(found: Found, district: District, today: date) -> None:
    cutoff = today - timedelta(days=INVITATION_DAYS)
    rows = db.session.scalars(
        select(Membership).join(User, Membership.user_id == User.id)
        .where(User.district_id == district.id, User.active,
               Membership.status == MemberStatus.INVITED)
        .options(selectinload(Membership.invited_by), selectinload(Membership.partnership))
        .order_by(Membership.id)).all()
    for membership in rows:
        if membership.invited_at.date() > cutoff or membership.partnership.completed_at:
            continue
        inviter = membership.invited_by.name if membership.invited_by else _("A colleague")
        found[membership.user_id].append(Item(
            "invitation", f"invitation:{membership.id}",
            _("%(inviter)s invited you to a peer partnership on %(day)s; it waits for your "
              "answer.", inviter=inviter, day=membership.invited_at.date().isoformat()),
            "partnerships.invitation", {"partnership_id": membership.partnership_id}))


def school_days_between(start: date, end: date) -> int:
    """Monday-to-Friday days after `start` up to and including `end`."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


def _approvals(found: Found, district: District, today: date) -> None:
    """A visit request waiting 3 school days for a decision: the principals of the
    visitor's school, or the district's administrators when it waits for the district."""
    visits = db.session.scalars(
        select(Visit).join(User, Visit.visitor_id == User.id)
        .where(User.district_id == district.id,
               Visit.status.in_([VisitStatus.PENDING_PRINCIPAL, VisitStatus.PENDING_DISTRICT]))
        .options(selectinload(Visit.visitor)).order_by(Visit.id)).all()
    admins = None
    for visit in visits:
        waiting_since = (visit.principal_decided_at if visit.status is
                         VisitStatus.PENDING_DISTRICT else visit.requested_at) \
            or visit.requested_at
        if school_days_between(waiting_since.date(), today) < APPROVAL_SCHOOL_DAYS:
            continue
        if visit.status is VisitStatus.PENDING_PRINCIPAL:
            deciders = principals_of({visit.visitor.school_id})
        else:
            if admins is None:
                admins = list(db.session.scalars(select(User).where(
                    User.district_id == district.id, User.role == Role.DISTRICT_ADMIN,
                    User.active).order_by(User.id)))
            deciders = admins
        text = _("%(visitor)s's request to visit %(visited)s on %(day)s has waited for a "
                 "decision since %(since)s.", visitor=visit.visitor_name,
                 visited=visit.visited_name, day=visit.proposed_date.isoformat(),
                 since=waiting_since.date().isoformat())
        for person in deciders:
            found[person.id].append(Item("approval", f"approval:{visit.id}:{visit.status.value}",
                                         text, "visits.approvals"))
