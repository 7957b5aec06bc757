"""Who may see or change what. Every view and partial asks here; nowhere else decides.

Teachers see their own things, principals their school, district administrators
everything in their district. A refusal is logged and answered with 403; an object
that does not exist (or lies in another district) is a 404.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import Select, select
from werkzeug.exceptions import HTTPException

from . import audit
from .extensions import db
from .models import Role, School, User


def refuse(subject: str = "") -> None:
    """Log the refused request and stop it with 403."""
    audit.record_now("access_refused", subject or audit.describe_request(),
                     detail=audit.describe_request())
    abort(403)


def roles_required(*roles: Role) -> Callable:
    """Decorator: signed in, and holding one of `roles`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                refuse()
            return view(*args, **kwargs)

        return wrapped

    return decorator


district_admin_required = roles_required(Role.DISTRICT_ADMIN)
staff_viewer_required = roles_required(Role.DISTRICT_ADMIN, Role.PRINCIPAL)


# Schools -------------------------------------------------------------------------

def can_manage_schools(user: User) -> bool:
    return user.is_district_admin


def can_view_school(user: User, school: School) -> bool:
    if school.district_id != user.district_id:
        return False
    return user.is_district_admin or (user.is_principal and user.school_id == school.id)


def school_or_404(school_id: int) -> School:
    school = db.session.get(School, school_id)
    if school is None or school.district_id != current_user.district_id:
        abort(404)
    return school


def school_for_view(school_id: int) -> School:
    school = school_or_404(school_id)
    if not can_view_school(current_user, school):
        refuse(f"school {school.id}")
    return school


def school_for_change(school_id: int) -> School:
    school = school_or_404(school_id)
    if not can_manage_schools(current_user):
        refuse(f"school {school.id}")
    return school


def schools_query(user: User) -> Select:
    query = select(School).where(School.district_id == user.district_id).order_by(School.name)
    if not user.is_district_admin:
        query = query.where(School.id == user.school_id)
    return query


# Staff ---------------------------------------------------------------------------

def can_view_staff_member(viewer: User, member: User) -> bool:
    if member.district_id != viewer.district_id:
        return False
    if viewer.is_district_admin or viewer.id == member.id:
        return True
    return viewer.is_principal and member.school_id == viewer.school_id


def can_manage_staff(user: User) -> bool:
    return user.is_district_admin


def staff_query(user: User) -> Select:
    """The accounts `user` may list: the district for admins, the school for principals."""
    query = select(User).where(User.district_id == user.district_id).order_by(User.name)
    if user.is_district_admin:
        return query
    if user.is_principal:
        return query.where(User.school_id == user.school_id)
    return query.where(User.id == user.id)


def staff_member_or_404(user_id: int) -> User:
    member = db.session.get(User, user_id)
    if member is None or member.district_id != current_user.district_id:
        abort(404)
    return member


def staff_member_for_view(user_id: int) -> User:
    member = staff_member_or_404(user_id)
    if not can_view_staff_member(current_user, member):
        refuse(f"user {member.id}")
    return member


def staff_member_for_change(user_id: int) -> User:
    member = staff_member_or_404(user_id)
    if not can_manage_staff(current_user):
        refuse(f"user {member.id}")
    return member


# District-wide records -----------------------------------------------------------

def can_read_audit_log(user: User) -> bool:
    return user.is_district_admin


def can_read_outbox(user: User) -> bool:
    return user.is_district_admin


def can_change_own_reminders(user: User) -> bool:
    """Everyone chooses their own reminders (and only their own)."""
    return user.is_active


def can_pause_reminders(user: User) -> bool:
    return user.is_district_admin


def can_retry_mail(user: User, message) -> bool:
    """A district administrator, for mail to their own district's staff."""
    return user.is_district_admin and message.district_id == user.district_id


# Partnerships ---------------------------------------------------------------------

def is_partnership_member(user: User, partnership) -> bool:
    return partnership.is_member(user)


def is_invited(user: User, partnership) -> bool:
    from .models import MemberStatus

    membership = partnership.membership_of(user)
    return membership is not None and membership.status is MemberStatus.INVITED


def oversees_partnership(user: User, partnership) -> bool:
    """Principals of a member's school, and district administrators, see the overview."""
    if partnership.program.district_id != user.district_id:
        return False
    if user.is_district_admin:
        return True
    if not user.is_principal:
        return False
    schools = {partnership.school_id, *(m.school_id for m in partnership.members)}
    return user.school_id in schools


def can_view_partnership(user: User, partnership) -> bool:
    return is_partnership_member(user, partnership) or oversees_partnership(user, partnership)


def can_view_cycles(user: User, partnership) -> bool:
    """Cycle notes are private to members unless the partnership shares them."""
    if is_partnership_member(user, partnership):
        return True
    return partnership.share_cycles_with_principal and oversees_partnership(user, partnership)


def partnership_or_404(partnership_id: int):
    from .models import Partnership

    partnership = db.session.get(Partnership, partnership_id)
    if partnership is None or partnership.program.district_id != current_user.district_id:
        abort(404)
    return partnership


def partnership_for_member(partnership_id: int):
    """A partnership the current user belongs to and may change."""
    partnership = partnership_or_404(partnership_id)
    if not is_partnership_member(current_user, partnership):
        refuse(f"partnership {partnership.id}")
    return partnership


def partnership_of_member_or_none(partnership_id) -> object | None:
    """The partnership if the current user belongs to it, else None (never aborts: for
    pages that only show words, such as the expired-form page's choice labels)."""
    from .models import Partnership

    if not isinstance(partnership_id, int) or not current_user.is_authenticated:
        return None
    partnership = db.session.get(Partnership, partnership_id)
    if partnership is None or not is_partnership_member(current_user, partnership):
        return None
    return partnership


def partnership_for_view(partnership_id: int):
    partnership = partnership_or_404(partnership_id)
    if not can_view_partnership(current_user, partnership):
        refuse(f"partnership {partnership.id}")
    return partnership


# A partnership's own state can forbid a change to a member: once complete it is locked
# (the principal can reopen it), and the steps after "Partner" wait for a partner.

STEPS_NEEDING_PARTNER = ("approach", "timeline", "cycles", "reflection")


class PartnershipClosed(HTTPException):
    """A member's change the partnership does not take now; answered with the reason
    (and, for HTMX, the step's panel) by partnerships.lifecycle, not a bare 403."""

    code = 409

    def __init__(self, partnership, reason: str, step: str | None = None,
                 back: str | None = None):
        super().__init__(description=reason)
        self.partnership, self.reason, self.step, self.back = partnership, reason, step, back


def change_problem(partnership, step: str | None = None) -> str | None:
    """Why members cannot change `partnership` (or its `step`) now; None if they can."""
    from flask_babel import gettext as _

    if partnership.completed_at:
        return _("This partnership is complete, so its records are locked. Your principal "
                 "can reopen it if something must change.")
    if step in STEPS_NEEDING_PARTNER and not partnership.is_formed:
        return _("This step opens once a colleague has accepted your invitation: invite "
                 "a partner in step 2 first.")
    if step is not None:
        from .records.filing import locked_steps

        filed = locked_steps(partnership).get(step)
        if filed is not None:
            return _("The %(document)s is filed (document %(code)s), so what it was made "
                     "from is locked. Your principal can reopen it if something must "
                     "change.", document=filed.content["title"], code=filed.code)
    return closed_with_problem(partnership)


def closed_with_problem(partnership) -> str | None:
    """An unfinished partnership closes with its year once the next year is set up (#9)."""
    from flask_babel import gettext as _

    from . import clock
    from .programs.rollover import closed_with

    program = closed_with(partnership, clock.today())
    if program is None:
        return None
    return _("This partnership was closed with %(program)s. Carry it into the new year "
             "from its overview to go on.", program=program.name)


def ensure_open(partnership, step: str | None = None, back: str | None = None) -> None:
    """Stop a member's change the partnership does not take now (`back`: where to send
    the user with the reason; by default the step, or the overview)."""
    problem = change_problem(partnership, step)
    if problem:
        raise PartnershipClosed(partnership, problem, step, back)


def ensure_visits(partnership) -> None:
    """Classroom visits only where the partnership's program has them on (#9)."""
    from flask_babel import gettext as _

    if partnership.program.practice("visits") is None:
        raise PartnershipClosed(partnership, _(
            "%(program)s has no classroom visits: your program does not use them.",
            program=partnership.program.name), "cycles")


def partnership_for_change(partnership_id: int, step: str | None = None):
    """A partnership the current user belongs to, open to changes (of `step`)."""
    partnership = partnership_for_member(partnership_id)
    ensure_open(partnership, step)
    return partnership


def can_reopen_partnership(user: User, partnership) -> bool:
    """The principal of the school reopens a completed partnership."""
    return (user.is_principal and partnership.completed_at is not None
            and oversees_partnership(user, partnership))


def partnership_for_reopening(partnership_id: int):
    partnership = partnership_or_404(partnership_id)
    if not can_reopen_partnership(current_user, partnership):
        refuse(f"partnership {partnership.id}")
    return partnership


def can_abandon_partnership(user: User, partnership) -> bool:
    """Its creator, while nobody else has joined (pending invitations may be out)."""
    return (partnership.created_by_id == user.id and partnership.is_member(user)
            and len(partnership.members) == 1 and partnership.completed_at is None)


def partnership_for_abandoning(partnership_id: int):
    partnership = partnership_or_404(partnership_id)
    if not can_abandon_partnership(current_user, partnership):
        refuse(f"partnership {partnership.id}")
    return partnership


def carry_target(user: User, partnership):
    """The later year a member may carry an unfinished partnership into, if any (#9)."""
    from .programs.rollover import next_year_of

    if partnership.completed_at or not partnership.is_member(user):
        return None
    return next_year_of(partnership.program)


def partnership_for_carrying(partnership_id: int):
    """A member's unfinished partnership and the later year it can go into."""
    from flask_babel import gettext as _

    partnership = partnership_for_member(partnership_id)
    target = carry_target(current_user, partnership)
    if target is None:
        raise PartnershipClosed(partnership, _(
            "This partnership cannot be carried into another year: it is complete, or no "
            "later year of its program has been set up."))
    return partnership, target


def invitation_for_invitee(partnership_id: int):
    """A partnership the current user is invited to (to read its objective and answer)."""
    partnership = partnership_or_404(partnership_id)
    if not is_invited(current_user, partnership):
        refuse(f"partnership {partnership.id}")
    return partnership


def cycle_entry_for_author(entry_id: int):
    """A cycle entry its author may edit or delete (while the partnership is open)."""
    from .models import CycleEntry

    entry = db.session.get(CycleEntry, entry_id)
    if entry is None or entry.partnership.program.district_id != current_user.district_id:
        abort(404)
    if entry.author_id != current_user.id or not entry.partnership.is_member(current_user):
        refuse(f"cycle entry {entry.id}")
    ensure_open(entry.partnership, "cycles")
    return entry


# Weekly written reflections (seed 001): each is its writer's; a partner reads it only
# when the writer shares it; a principal or district administrator never reads one.

def can_read_weekly(user: User, reflection) -> bool:
    if reflection.user_id == user.id:
        return reflection.partnership.is_member(user)
    return reflection.shared and reflection.partnership.is_member(user)


def weeklies_of_member(partnership_id: int):
    """A partnership the current user belongs to whose program asks for weekly
    reflections (404 where it does not: there is nothing to show)."""
    partnership = partnership_for_member(partnership_id)
    if partnership.program.practice("weekly_reflections") is None:
        abort(404)
    return partnership


def draft_target(kind: str, object_id: int):
    """The object whose form the current user may keep a draft of (see webapp/drafts.py).

    A draft is private to its writer; writing one needs the same right as sending the
    form: a member for new entries and visit requests, the author or the visitor else,
    the deciding principal or administrator for a decision's comment.
    """
    checks = {"cycle-new": partnership_for_member, "visit-new": partnership_for_member,
              "cycle-edit": cycle_entry_for_author, "visit-report": visit_for_visitor,
              "followup-request": visit_for_visitor, "visit-decision": visit_for_decision,
              "target-edit": target_for_change, "target-comment": target_for_view}
    if kind not in checks:
        abort(404)
    return checks[kind](object_id)


# Programs -------------------------------------------------------------------------

def can_manage_programs(user: User) -> bool:
    return user.is_district_admin


def program_for_change(program_id: int):
    from .models import Program

    program = db.session.get(Program, program_id)
    if program is None or program.district_id != current_user.district_id:
        abort(404)
    if not can_manage_programs(current_user):
        refuse(f"program {program.id}")
    return program


def colleagues_query(user: User) -> Select:
    """Active teachers of the district a teacher may invite (not themselves)."""
    return (select(User).where(User.district_id == user.district_id, User.active,
                               User.role == Role.TEACHER, User.id != user.id))


def overseen_partnerships_query(user: User) -> Select:
    """Partnerships a principal (their school's) or district admin (all) oversees."""
    from .models import MemberStatus, Membership, Partnership, Program

    query = (select(Partnership).join(Program)
             .where(Program.district_id == user.district_id)
             .order_by(Partnership.id.desc()))
    if user.is_district_admin:
        return query
    if not user.is_principal:
        return query.where(False)
    in_school = (select(Membership.partnership_id).join(User, Membership.user_id == User.id)
                 .where(User.school_id == user.school_id,
                        Membership.status == MemberStatus.ACCEPTED))
    return query.where((Partnership.school_id == user.school_id)
                       | Partnership.id.in_(in_school))


# Visits, release time, the principal's workflow ------------------------------------

def leads_school_of(user: User, teacher: User) -> bool:
    """A principal of the teacher's school (their administrator for visits and release)."""
    return (user.is_principal and teacher.school_id is not None
            and user.school_id == teacher.school_id and user.district_id == teacher.district_id)


def visit_or_404(visit_id: int):
    from .models import Visit

    visit = db.session.get(Visit, visit_id)
    if visit is None or visit.visitor.district_id != current_user.district_id:
        abort(404)
    return visit


def can_view_visit(user: User, visit) -> bool:
    """The visitor, the partnership's members, the visitor's principal, the district."""
    return (visit.visitor_id == user.id or visit.partnership.is_member(user)
            or leads_school_of(user, visit.visitor) or user.is_district_admin)


def visit_for_view(visit_id: int):
    visit = visit_or_404(visit_id)
    if not can_view_visit(current_user, visit):
        refuse(f"visit {visit.id}")
    return visit


# Calendars (#12) ----------------------------------------------------------------------

def calendar_feed_owner(token: str) -> User:
    """The owner of a private calendar feed address (no sign-in: the signed address is the
    key). A forged, replaced or revoked address, or a deactivated account's, is a 404."""
    from .calendars.tokens import user_for_token

    user = user_for_token(token)
    if user is None:
        abort(404)
    return user


def can_set_time_zone(user: User) -> bool:
    return user.is_district_admin


def visit_for_visitor(visit_id: int):
    """A visit the current user requested (to report on it or ask for the follow-up)."""
    visit = visit_or_404(visit_id)
    if visit.visitor_id != current_user.id:
        refuse(f"visit {visit.id}")
    return visit


def visit_change_problem(visit) -> str | None:
    """Why the visit's form may not change now: it is filed (#10)."""
    from flask_babel import gettext as _

    from .records.filing import visit_locked

    filed = visit_locked(visit)
    if filed is None:
        return None
    return _("This visitation form is filed (document %(code)s), so it is locked. Your "
             "principal can reopen it if something must change.", code=filed.code)


# --- records for the file (#10) ------------------------------------------------------------

def can_reopen_record(user: User, partnership) -> bool:
    """A principal of a member's school reopens a filed record."""
    return user.is_principal and oversees_partnership(user, partnership)


def can_file_paper(user: User, partnership) -> bool:
    """Members and their principals file a signed paper copy."""
    return is_partnership_member(user, partnership) or can_reopen_record(user, partnership)


def record_document_for_view(which: str, object_id: int):
    """(partnership, visit) of a record page the current user may see: "plan" or
    "reflection" of a partnership, or "visit" (its visitation form)."""
    if which == "visit":
        visit = visit_for_view(object_id)
        return visit.partnership, visit
    return partnership_for_view(object_id), None


def can_decide_visit(user: User, visit) -> bool:
    """Principals decide for their school's teachers; the district decides extra visits."""
    from .models import VisitStatus

    if visit.status is VisitStatus.PENDING_PRINCIPAL:
        return leads_school_of(user, visit.visitor)
    if visit.status is VisitStatus.PENDING_DISTRICT:
        return user.is_district_admin
    return False


def visit_for_decision(visit_id: int):
    visit = visit_or_404(visit_id)
    if visit.visitor_id == current_user.id or not can_decide_visit(current_user, visit):
        refuse(f"visit {visit.id}")
    return visit


def visit_for_followup(visit_id: int):
    """The visitor's principal records the follow-up meeting."""
    visit = visit_or_404(visit_id)
    if not leads_school_of(current_user, visit.visitor):
        refuse(f"visit {visit.id}")
    return visit


def teacher_for_principal(teacher_id: int) -> User:
    """A teacher of the current principal's school (or any teacher, for the district)."""
    teacher = staff_member_or_404(teacher_id)
    if not teacher.is_teacher:
        abort(404)
    if not (leads_school_of(current_user, teacher) or current_user.is_district_admin):
        refuse(f"user {teacher.id}")
    return teacher


def partnership_for_oversight(partnership_id: int):
    """A partnership the current principal (their school) or district admin oversees."""
    partnership = partnership_or_404(partnership_id)
    if not oversees_partnership(current_user, partnership):
        refuse(f"partnership {partnership.id}")
    return partnership


def visits_to_decide_query(user: User) -> Select:
    """The approvals queue: pending requests this user decides."""
    from .models import Visit, VisitStatus

    query = (select(Visit).join(User, Visit.visitor_id == User.id)
             .where(User.district_id == user.district_id).order_by(Visit.proposed_date))
    if user.is_district_admin:
        return query.where(Visit.status == VisitStatus.PENDING_DISTRICT)
    if user.is_principal:
        return query.where(Visit.status == VisitStatus.PENDING_PRINCIPAL,
                           User.school_id == user.school_id, User.id != user.id)
    return query.where(False)


# Dashboards ------------------------------------------------------------------------

def school_partnerships_query(user: User, school: School) -> Select:
    """The partnerships `user` oversees that belong to `school`: started there, or with
    an accepted member teaching there. Call school_for_view first."""
    from .models import MemberStatus, Membership, Partnership

    in_school = (select(Membership.partnership_id).join(User, Membership.user_id == User.id)
                 .where(User.school_id == school.id,
                        Membership.status == MemberStatus.ACCEPTED))
    return overseen_partnerships_query(user).where(
        (Partnership.school_id == school.id) | Partnership.id.in_(in_school))


def match_for_change(partnership_id: int):
    """A principal-suggested match of the current principal's school (to change it)."""
    partnership = partnership_or_404(partnership_id)
    if (partnership.suggested_by_id is None or not current_user.is_principal
            or current_user.school_id != partnership.school_id):
        refuse(f"partnership {partnership.id}")
    return partnership


# Home-page notices ------------------------------------------------------------------

def notice_for_owner(notice_id: int):
    """One's own notice only; another's is refused (and one of another district is 404)."""
    from .models import Notice

    notice = db.session.get(Notice, notice_id)
    if notice is None or notice.user.district_id != current_user.district_id:
        abort(404)
    if notice.user_id != current_user.id:
        refuse(f"notice {notice.id}")
    return notice


# Long jobs (#12): a records packet or roster import is its starter's alone ---------------

def job_for_owner(job_id: int):
    """One's own job, in one's own district; another's is refused (and one of another
    district is 404). What the job worked on is checked again by its download."""
    from .models import Job

    job = db.session.get(Job, job_id)
    if job is None or job.district_id != current_user.district_id:
        abort(404)
    if job.user_id != current_user.id:
        refuse(f"job {job.id}")
    return job


# Instructional Targets (seed 001) -----------------------------------------------------

def can_view_target(user: User, target) -> bool:
    """The school's staff read their target; the district reads every school's."""
    if target.program.district_id != user.district_id:
        return False
    return user.is_district_admin or user.school_id == target.school_id


def can_edit_target(user: User, target) -> bool:
    """The school's principal writes it; a district administrator may too."""
    if target.program.district_id != user.district_id:
        return False
    return user.is_district_admin or (user.is_principal and user.school_id == target.school_id)


def can_write_target_for(user: User, school: School, program) -> bool:
    """Who may start the target of `school` for `program` (a program with the practice,
    running in that school)."""
    if (program.district_id != user.district_id or school.district_id != user.district_id
            or program.practice("instructional_target") is None
            or not program.runs_in(school.id)):
        return False
    return user.is_district_admin or (user.is_principal and user.school_id == school.id)


def target_or_404(target_id: int):
    """A target of this district whose program still has the practice on."""
    from .models import InstructionalTarget

    target = db.session.get(InstructionalTarget, target_id)
    if (target is None or target.program.district_id != current_user.district_id
            or target.program.practice("instructional_target") is None):
        abort(404)
    return target


def target_for_view(target_id: int):
    """A target the current user may read and comment on."""
    target = target_or_404(target_id)
    if not can_view_target(current_user, target):
        refuse(f"instructional target {target.id}")
    return target


def target_for_change(target_id: int):
    """A target the current user may edit."""
    target = target_or_404(target_id)
    if not can_edit_target(current_user, target):
        refuse(f"instructional target {target.id}")
    return target


def target_comment_for_author(comment_id: int):
    """One's own comment on a target one can still read (to delete it)."""
    from .models import TargetComment

    comment = db.session.get(TargetComment, comment_id)
    if comment is None or comment.target.program.district_id != current_user.district_id:
        abort(404)
    if comment.author_id != current_user.id or not can_view_target(current_user,
                                                                    comment.target):
        refuse(f"target comment {comment.id}")
    return comment
