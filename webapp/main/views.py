"""The home page: what each role has to do next."""
from __future__ import annotations

from datetime import date

from flask import current_app, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import load_only, selectinload

from .. import access, clock
from ..extensions import db
from ..dashboard import status
from ..models import MemberStatus, Membership, Partnership, Role, User, VisitStatus
from ..partnerships import deadlines, step_facts, steps, weekly
from ..programs.operations import current_program
from ..records import filing
from ..visits import release, rules
from . import bp, interest, notices, waiting


@bp.app_context_processor
def nav_counts() -> dict:
    """The nav's Approvals count, asked for only by pages that show the link."""
    return {"approvals_waiting": lambda: waiting.approvals_waiting(current_user)}


@bp.route("/")
@login_required
def home():
    """The signed-in user's home page, by role."""
    user = current_user
    news = notices.unread(user)
    if user.is_district_admin:
        counts = _staff_counts(user)
        return render_template("main/home_admin.html", notices=news, **counts,
                               waiting=waiting.for_district_admin(user),
                               setup=waiting.setup_steps(user, counts["counts"]))
    if user.is_principal:
        today = clock.today()
        partnerships = db.session.scalars(
            access.overseen_partnerships_query(user).options(*listed_partnership())).all()
        facts = step_facts.facts_for([p.id for p in partnerships])
        program = current_program(user.district_id, today, user.school_id)
        return render_template("main/home_principal.html", notices=news, **_staff_counts(user),
                               waiting=waiting.for_principal(user, program, today),
                               to_sign=filing.waiting_for(user),
                               partnerships=[(p, steps.next_step(facts[p.id]))
                                             for p in partnerships])
    return render_template("main/home_teacher.html", notices=news, principals=_principals(user),
                           to_sign=filing.waiting_for(user),
                           **_teacher_partnerships(user))


def listed_partnership() -> list:
    """What a list of partnerships shows of each — its focus, program and members, loaded
    in a few queries — and not its texts (their steps come from step_facts)."""
    return [load_only(Partnership.id, Partnership.program_id, Partnership.school_id,
                      Partnership.focus_area, Partnership.completed_at,
                      Partnership.suggested_by_id),
            selectinload(Partnership.program),
            selectinload(Partnership.memberships).selectinload(Membership.user)]


def _principals(user: User) -> list[User]:
    return db.session.scalars(
        select(User).where(User.school_id == user.school_id, User.role == Role.PRINCIPAL,
                           User.active).order_by(User.name)
    ).all() if user.school_id else []


def _teacher_partnerships(user: User) -> dict:
    """My partnerships with their next action, deadlines, what is late; my invitations."""
    today = clock.today()
    memberships = db.session.scalars(
        select(Membership).where(Membership.user_id == user.id,
                                 Membership.status.in_([MemberStatus.ACCEPTED,
                                                        MemberStatus.INVITED]))
        .order_by(Membership.id.desc())).all()
    mine = [{
        "partnership": m.partnership,
        "next": steps.next_step(m.partnership),
        "deadlines": _deadlines_ahead(m.partnership, today),
        "overdue": deadlines.overdue(m.partnership, today),
        "weekly_due": weekly.due_this_week(m.partnership, user, today),
    } for m in memberships if m.status is MemberStatus.ACCEPTED]
    invitations = [m.partnership for m in memberships if m.status is MemberStatus.INVITED]
    program = current_program(user.district_id, today, user.school_id)
    visits = release.visits_in_program(user, program, statuses=tuple(VisitStatus)) \
        if program else []
    return {"mine": mine, "invitations": invitations, "program": program,
            "visits": [(v, rules.followup_overdue(v, today)) for v in visits],
            "release_summary": release.summary(user, program) if program else "",
            "interest": interest.interest_of(user, program) if program else None,
            "in_partnership": interest.in_partnership(user, program) if program else False,
            "my_deadlines": _my_deadlines(user, program, today) if program else [],
            "today": today}


def _deadlines_ahead(partnership: Partnership, today: date) -> list[deadlines.Deadline]:
    """The next two deadlines this partnership still has to meet: telling of interest is
    behind a partnership, and a step already done meets its deadline."""
    states = {step.key: state for step, state in steps.progress(partnership)}
    still_open = [d for d in deadlines.program_deadlines(partnership.program)
                  if d.due >= today and d.kind != "interest"
                  and deadlines.met_by(d, partnership, states) is not True]
    return still_open[:2]


def _my_deadlines(user: User, program, today: date) -> list[tuple]:
    """The program's deadlines with where I stand on each (done, done late, late, due,
    as my principal sees it), once I take part; telling of interest is behind a
    partnership."""
    if not program.deadlines:
        return []
    mine = status.teacher_statuses([user], program, today)[0]
    if not mine.taking_part:
        return []
    return [(d, mine.flags[d.key], mine.done_on[d.key]) for d in program.deadlines
            if not (d.kind == "interest" and mine.in_partnership)]


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
