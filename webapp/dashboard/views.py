"""The school dashboard: partnerships, teachers against the deadlines, visits to act on."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from forms.visit import CheckInForm

from .. import access, clock
from ..extensions import db
from ..ids import bounded_int
from ..models import (CheckIn, GrowthPlanOptOut, Membership, Partnership, Program, Role,
                      School, User)
from ..partnerships import deadlines, step_facts, steps
from ..programs.operations import current_program
from ..visits import release
from . import bp, status


@bp.route("/")
@access.staff_viewer_required
def index():
    """A principal's own school; a district administrator picks a school."""
    if current_user.is_district_admin:
        school_id = request.args.get("school", type=bounded_int)
        if school_id:
            return redirect(url_for("dashboard.school", school_id=school_id))
        return redirect(url_for("dashboard.district"))
    if current_user.school_id is None:
        flash(_("Your account is not linked to a school yet. Ask your district "
                "administrator."), "error")
        return redirect(url_for("main.home"))
    return school_page(access.school_for_view(current_user.school_id), clock.today())


@bp.route("/schools/<int:school_id>")
@access.staff_viewer_required
def school(school_id: int):
    """One school's dashboard (district administrators may open any school's)."""
    return school_page(access.school_for_view(school_id), clock.today())


@dataclass(frozen=True)
class PartnershipRow:
    partnership: Partnership
    next_step: steps.Step | None
    overdue: list[str]
    check_ins: list[CheckIn]  # newest first
    check_in_due: bool


def school_page(school: School, today: date):
    program = current_program(current_user.district_id, today, school.id)
    values = dict(school=school, program=program, today=today,
                  schools=db.session.scalars(access.schools_query(current_user)).all())
    if program is not None:
        values.update(school_overview(school, program, today))
    return render_template("dashboard/school.html", **values)


def school_overview(school: School, program: Program, today: date) -> dict:
    """Everything the school page shows for the program year."""
    partnerships = db.session.scalars(
        access.school_partnerships_query(current_user, school)
        .where(Partnership.program_id == program.id)
        .options(selectinload(Partnership.memberships).selectinload(Membership.user),
                 selectinload(Partnership.milestones), selectinload(Partnership.program))
    ).all()
    teachers = school_teachers(school)
    teacher_ids = [t.id for t in teachers]
    opted_out = set(db.session.scalars(select(GrowthPlanOptOut.teacher_id).where(
        GrowthPlanOptOut.program_id == program.id,
        GrowthPlanOptOut.teacher_id.in_(teacher_ids))))
    return dict(
        rows=partnership_rows(partnerships, today),
        teacher_statuses=status.teacher_statuses(teachers, program, today),
        release_summaries=release.summaries(teachers, program),
        opted_out=[t for t in teachers if t.id in opted_out],
        followups=status.followups_due(teacher_ids, program, today),
        followups_held_late=status.followups_held_late(teacher_ids, program),
        pending_approvals=pending_approvals(school),
        program_deadlines=deadlines.program_deadlines(program),
        deadline_keys=program.deadline_keys,
        matches=[p for p in partnerships if p.suggested_by_id and not p.members],
        check_in_forms={p.id: new_check_in_form(p, today) for p in partnerships},
        meeting_gaps=status.meeting_gaps(partnerships, program, today),
    )


def partnership_rows(partnerships: list[Partnership], today: date) -> list[PartnershipRow]:
    logs = status.check_in_logs(partnerships)
    facts = step_facts.facts_for([p.id for p in partnerships])
    return [PartnershipRow(p, steps.next_step(facts[p.id]),
                           deadlines.overdue(p, today, facts[p.id]), logs[p.id],
                           status.check_in_due(p, logs[p.id][0].day if logs[p.id] else None,
                                               today))
            for p in partnerships]


def school_teachers(school: School) -> list[User]:
    """The school's active teachers, among the staff the current user may see."""
    return db.session.scalars(access.staff_query(current_user).where(
        User.school_id == school.id, User.role == Role.TEACHER, User.active)).all()


def pending_approvals(school: School) -> int:
    """Visit requests of the school's teachers waiting for the current user's decision."""
    waiting = access.visits_to_decide_query(current_user).where(User.school_id == school.id)
    return db.session.scalar(select(func.count()).select_from(waiting.subquery()))


def new_check_in_form(partnership: Partnership, today: date, formdata=None) -> CheckInForm:
    """One check-in form per partnership on the page: prefixed ids keep them apart. The
    app-wide CSRF check guards the post, so the form carries no token of its own."""
    form = CheckInForm(formdata=formdata, prefix=f"check-in-{partnership.id}",
                       meta={"csrf": False})
    if formdata is None:
        form.day.data = today
    return form
