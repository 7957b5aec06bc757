"""The home page: what each role has to do next."""
from __future__ import annotations

from datetime import date

from flask import current_app, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from .. import access
from ..extensions import db
from ..models import MemberStatus, Membership, Role, User
from ..partnerships import deadlines, steps
from ..models import VisitStatus
from ..programs.operations import current_program
from ..visits import release, rules
from . import bp, notices


@bp.route("/")
@login_required
def home():
    """The signed-in user's home page, by role."""
    user = current_user
    news = notices.unread(user)
    if user.is_district_admin:
        return render_template("main/home_admin.html", notices=news, **_staff_counts(user))
    if user.is_principal:
        partnerships = db.session.scalars(access.overseen_partnerships_query(user)).all()
        return render_template("main/home_principal.html", notices=news, **_staff_counts(user),
                               partnerships=[(p, steps.next_step(p)) for p in partnerships])
    return render_template("main/home_teacher.html", notices=news, principals=_principals(user),
                           **_teacher_partnerships(user))


def _principals(user: User) -> list[User]:
    return db.session.scalars(
        select(User).where(User.school_id == user.school_id, User.role == Role.PRINCIPAL,
                           User.active).order_by(User.name)
    ).all() if user.school_id else []


def _teacher_partnerships(user: User) -> dict:
    """My partnerships with their next action, deadlines, what is late; my invitations."""
    today = date.today()
    memberships = db.session.scalars(
        select(Membership).where(Membership.user_id == user.id,
                                 Membership.status.in_([MemberStatus.ACCEPTED,
                                                        MemberStatus.INVITED]))
        .order_by(Membership.id.desc())).all()
    mine = [{
        "partnership": m.partnership,
        "next": steps.next_step(m.partnership),
        "deadlines": deadlines.upcoming(m.partnership.program, today),
        "overdue": deadlines.overdue(m.partnership, today),
    } for m in memberships if m.status is MemberStatus.ACCEPTED]
    invitations = [m.partnership for m in memberships if m.status is MemberStatus.INVITED]
    program = current_program(user.district_id, today)
    visits = release.visits_in_program(user, program, statuses=tuple(VisitStatus)) \
        if program else []
    return {"mine": mine, "invitations": invitations, "program": program,
            "visits": [(v, rules.followup_overdue(v, today)) for v in visits],
            "release_summary": release.summary(user, program) if program else "",
            "today": today}


def _staff_counts(user: User) -> dict:
    """Counts over the staff this user may see (their school, or the district)."""
    visible = access.staff_query(user).subquery()
    rows = db.session.execute(
        select(visible.c.role, visible.c.active, visible.c.password_hash.is_not(None),
               func.count()).group_by(visible.c.role, visible.c.active,
                                      visible.c.password_hash.is_not(None))
    ).all()
    counts = {"teachers": 0, "principals": 0, "admins": 0, "not_joined": 0, "inactive": 0}
    key = {Role.TEACHER: "teachers", Role.PRINCIPAL: "principals", Role.DISTRICT_ADMIN: "admins"}
    for role, active, joined, n in rows:
        if not active:
            counts["inactive"] += n
            continue
        counts[key[Role(role) if not isinstance(role, Role) else role]] += n
        if not joined:
            counts["not_joined"] += n
    schools = db.session.scalars(access.schools_query(user)).all()
    return {"counts": counts, "schools": schools}


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; answer with the icon."""
    return current_app.send_static_file("favicon.svg")
