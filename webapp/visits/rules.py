"""What a visit request must satisfy (seed 000), and who is told what."""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from .. import mail
from ..extensions import db
from ..links import external_url
from ..models import Partnership, Role, User, Visit, VisitStatus
from . import release

def one_month_after(day: date) -> date:
    """The same day a month later (that month's last day if shorter): seed 000's
    "The meeting must occur within one month of the visit"."""
    year, month = divmod(day.year * 12 + day.month, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def date_problem(program, day: date, today: date | None = None) -> str | None:
    """Why a visit cannot be requested for `day`: outside the year, after the (last)
    deadline completed by visits, or already past (a request asks before the visit, not
    after it)."""
    if today is not None and day < today:
        return _("A visit is requested before it happens: choose today or a later date.")
    if not program.contains(day):
        return _("Choose a date within the program year (%(start)s to %(end)s).",
                 start=program.start_date.isoformat(), end=program.end_date.isoformat())
    visits_by = program.last_deadline("visits")
    if visits_by is not None and day > visits_by.due:
        return _("Classroom visits must happen by %(deadline)s, the program's deadline for "
                 "visits.", deadline=visits_by.due.isoformat())
    return None


def release_problem(teacher: User, program, length: Decimal,
                    excluding: Visit | None = None) -> str | None:
    if not program.release_days:
        return None  # no release-day budget (seed 004: the principal finds the cover)
    used = release.days_used(teacher, program, excluding=excluding)
    if used + length > program.release_days:
        return _("This visit needs %(need)s release days, but only %(left)s of your %(limit)d "
                 "are left this year (%(used)s used or requested).",
                 need=release.describe(length),
                 left=release.describe(max(Decimal(program.release_days) - used, Decimal(0))),
                 limit=program.release_days, used=release.describe(used))
    return None


def needs_district_approval(visit: Visit) -> bool:
    """More than one visit in a year needs the district's approval too (the approver
    named by the program, e.g. the Superintendent/CEO), where the program asks for it.

    The first visit is the one requested first among those still standing; a later
    request does not make an earlier one "further", and a declined or withdrawn one
    no longer counts.
    """
    program = visit.partnership.program
    if not (program.practice("visits") or {}).get("extra_visits_need_approval"):
        return False
    earlier = [v for v in release.visits_in_program(visit.visitor, program)
               if v.id != visit.id and (v.status is not VisitStatus.PENDING_PRINCIPAL
                                        or v.id < visit.id)]
    return bool(earlier)


def has_happened(visit: Visit, today: date) -> bool:
    """An approved visit whose day is over: only then is it done and can be reported on
    (the same rule the dashboards use: the day after the visit)."""
    return visit.status is VisitStatus.APPROVED and visit.proposed_date < today


def report_from(visit: Visit) -> date:
    """The first day the post-visit questions can be answered."""
    return visit.proposed_date + timedelta(days=1)


def followup_problem(visit: Visit, day: date, today: date) -> str | None:
    """A meeting is recorded once held: on or after the visit, and not after today.
    One held more than a month after the visit is recorded too (as held late)."""
    if day < visit.proposed_date:
        return _("The follow-up meeting comes after the visit (%(visit)s).",
                 visit=visit.proposed_date.isoformat())
    if day > today:
        return _("Record the meeting once it has happened: choose today or an earlier date.")
    return None


def followup_late(visit: Visit) -> bool:
    """Held, but more than one month after the visit (seed 000 asks for within one)."""
    return (visit.followup_date is not None
            and visit.followup_date > one_month_after(visit.proposed_date))


def followup_overdue(visit: Visit, today: date) -> bool:
    return (visit.status is VisitStatus.APPROVED and visit.followup_date is None
            and today > one_month_after(visit.proposed_date))


def principals_of(teacher: User) -> list[User]:
    return db.session.scalars(select(User).where(
        User.school_id == teacher.school_id, User.role == Role.PRINCIPAL, User.active)).all()


def district_admins(teacher: User) -> list[User]:
    return db.session.scalars(select(User).where(
        User.district_id == teacher.district_id, User.role == Role.DISTRICT_ADMIN,
        User.active)).all()


def notify(people: list[User], subject: str, body: str, visit: Visit) -> None:
    link = external_url("visits.detail", visit_id=visit.id)
    for person in people:
        mail.send(person.email, subject, f"{body}\n\n{link}\n")


def partnership_colleagues(partnership: Partnership, visitor: User) -> list[User]:
    return [u for u in partnership.members if u.id != visitor.id]


def can_withdraw(visit: Visit, today: date) -> bool:
    """Waiting requests, and approved visits still ahead with no report yet."""
    if visit.is_pending:
        return True
    return (visit.status is VisitStatus.APPROVED and visit.reported_at is None
            and visit.proposed_date >= today)
