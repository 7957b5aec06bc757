"""What waits for a principal or a district administrator, as counts with links, and the
district's set-up list. Each count is one aggregate query, whatever the school's size."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import exists, func, select

from .. import access
from ..dashboard import status
from ..extensions import db
from ..models import (CheckIn, MemberStatus, Membership, Partnership, Program, ProgramInterest,
                      Role, School, User, Visit, VisitStatus)


@dataclass(frozen=True)
class Waiting:
    count: int
    label: str
    url: str


@dataclass(frozen=True)
class SetupStep:
    label: str
    done: bool
    detail: str
    url: str


def approvals_waiting(user: User) -> int:
    """Visit requests waiting for this user's decision (the nav's Approvals count)."""
    if not (user.is_principal or user.is_district_admin):
        return 0
    waiting = access.visits_to_decide_query(user).order_by(None).subquery()
    return db.session.scalar(select(func.count()).select_from(waiting))


def for_principal(user: User, program: Program | None, today: date) -> list[Waiting]:
    """The principal's to-do counts for the program year, each linking where to act."""
    dashboard = url_for("dashboard.index")
    to_decide = approvals_waiting(user)
    items = [Waiting(to_decide, ngettext("visit request to decide", "visit requests to decide",
                                         to_decide), url_for("visits.approvals"))]
    if program is not None and program.practice("visits") is None and not to_decide:
        items = []  # the program has no classroom visits (#9)
    if program is None or user.school_id is None:
        return items
    counts = [
        (_followups_due(user.school_id, program, today), "follow-up meeting due",
         "follow-up meetings due", "#followups"),
        (_matches_unanswered(user.school_id, program), "suggested match waiting for an answer",
         "suggested matches waiting for an answer", "#matches"),
        (_interested_unmatched(user.school_id, program),
         "interested teacher without a partner", "interested teachers without a partner",
         "#teachers"),
    ]
    if program.practice("checkins"):  # a program without check-ins counts none
        counts.insert(1, (_check_ins_due(user, program, today), "check-in due",
                          "check-ins due", "#partnerships"))
    return items + [Waiting(n, ngettext(one, many, n), dashboard + anchor)
                    for n, one, many, anchor in counts]


def _followups_due(school_id: int, program: Program, today: date) -> int:
    return db.session.scalar(
        select(func.count(Visit.id)).join(Partnership).join(User, Visit.visitor_id == User.id)
        .where(Partnership.program_id == program.id, User.school_id == school_id,
               Visit.status == VisitStatus.APPROVED, Visit.proposed_date < today,
               Visit.followup_date.is_(None)))


def _check_ins_due(user: User, program: Program, today: date) -> int:
    school = db.session.get(School, user.school_id)
    last = (select(CheckIn.partnership_id, func.max(CheckIn.day).label("day"))
            .group_by(CheckIn.partnership_id).subquery())
    rows = db.session.execute(
        access.school_partnerships_query(user, school).order_by(None)
        .add_columns(last.c.day).outerjoin(last, last.c.partnership_id == Partnership.id)
        .where(Partnership.program_id == program.id, Partnership.completed_at.is_(None))).all()
    return sum(status.check_in_due(p, day, today) for p, day in rows)


def _matches_unanswered(school_id: int, program: Program) -> int:
    """Suggested matches nobody has accepted yet."""
    accepted = select(Membership.id).where(Membership.partnership_id == Partnership.id,
                                           Membership.status == MemberStatus.ACCEPTED)
    return db.session.scalar(
        select(func.count(Partnership.id)).where(
            Partnership.program_id == program.id, Partnership.school_id == school_id,
            Partnership.suggested_by_id.is_not(None), ~exists(accepted)))


def _interested_unmatched(school_id: int, program: Program) -> int:
    """Teachers who said "I'm interested" and are in no partnership yet: to match."""
    accepted = (select(Membership.id).join(Partnership)
                .where(Partnership.program_id == program.id,
                       Membership.status == MemberStatus.ACCEPTED,
                       Membership.user_id == ProgramInterest.teacher_id))
    return db.session.scalar(
        select(func.count(ProgramInterest.id)).join(User, ProgramInterest.teacher_id == User.id)
        .where(ProgramInterest.program_id == program.id, User.school_id == school_id,
               User.active, ~exists(accepted)))


def for_district_admin(user: User) -> list[Waiting]:
    n = approvals_waiting(user)
    return [Waiting(n, ngettext("extra visit waiting for the district's approval",
                                "extra visits waiting for the district's approval", n),
                    url_for("visits.approvals"))]


SETUP_LABELS = {
    "schools": _l("Add the schools"),
    "program": _l("Open the program year: deadlines and lists"),
    "staff": _l("Add the staff: principals and teachers (import a roster or one by one)"),
    "invitations": _l("Invite the staff to set their passwords"),
}


def setup_steps(user: User, counts: dict) -> list[SetupStep]:
    """The district's set-up in the order it works: schools, program, staff, invitations."""
    district = user.district_id
    schools = db.session.scalar(select(func.count(School.id)).where(School.district_id == district))
    programs = db.session.scalar(select(func.count(Program.id))
                                 .where(Program.district_id == district))
    staff = counts["teachers"] + counts["principals"]
    not_invited = db.session.scalar(
        select(func.count(User.id)).where(User.district_id == district, User.active,
                                          User.role != Role.DISTRICT_ADMIN,
                                          User.password_hash.is_(None), User.invited_at.is_(None)))
    return [
        SetupStep(str(SETUP_LABELS["schools"]), schools > 0,
                  ngettext("%(num)d school", "%(num)d schools", schools),
                  url_for("admin.schools")),
        SetupStep(str(SETUP_LABELS["program"]), programs > 0,
                  ngettext("%(num)d program year", "%(num)d program years", programs),
                  url_for("programs.index")),
        SetupStep(str(SETUP_LABELS["staff"]), counts["teachers"] > 0 and counts["principals"] > 0,
                  ngettext("%(num)d staff member", "%(num)d staff members", staff),
                  url_for("admin.staff")),
        SetupStep(str(SETUP_LABELS["invitations"]), staff > 0 and not_invited == 0,
                  ngettext("%(num)d not invited yet", "%(num)d not invited yet", not_invited)
                  if not_invited else str(_l("everyone is invited")),
                  url_for("admin.staff", status="not_joined")),
    ]
