"""Seed 000: teachers in their third year or later who take part may opt out of the
Summative Growth Plan for the year; they are placed on the Formative Growth Plan and
rescheduled to the summative schedule the next year. Only where the program has the
practice on; its minimum years and wording are the program's (#9)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import access, audit
from ..extensions import db
from ..models import (GrowthPlanOptOut, MemberStatus, Membership, Partnership, Program, Role,
                      User)
from ..programs import presets
from ..programs.operations import current_program
from . import bp

@bp.app_template_global("growth_plan_offered")
def offered(teacher: User, program: Program | None) -> bool:
    """The teacher's home links to the opt-out: the program has it, and the teacher's
    years in the district reach its minimum."""
    growth = program.practice("growth_plan_opt_out") if program else None
    return growth is not None and (teacher.years_in_district or 0) >= growth["min_years"]


def eligibility_problem(teacher: User, program: Program | None) -> str | None:
    """Why `teacher` may not opt out this year, or None when they may."""
    if program is None:
        return _("The district has not opened a program year yet.")
    min_years = program.practice("growth_plan_opt_out")["min_years"]
    years = teacher.years_in_district or 0
    if years < min_years:
        return _("Teachers with at least %(min)d years in the district may opt out. Your "
                 "record shows %(years)d year(s); if that is wrong, ask your district "
                 "administrator to correct it.", min=min_years, years=years)
    if not takes_part(teacher, program):
        return _("The opt-out is for teachers who take part in a partnership this year. "
                 "Start a partnership, or accept an invitation, first.")
    return None


def takes_part(teacher: User, program: Program) -> bool:
    return db.session.scalar(
        select(Membership.id).join(Partnership)
        .where(Membership.user_id == teacher.id, Partnership.program_id == program.id,
               Membership.status == MemberStatus.ACCEPTED).limit(1)) is not None


def opt_out_of(teacher: User, program: Program) -> GrowthPlanOptOut | None:
    return db.session.scalar(select(GrowthPlanOptOut).where(
        GrowthPlanOptOut.teacher_id == teacher.id, GrowthPlanOptOut.program_id == program.id))


def year_label(program: Program, later: int = 0) -> str:
    """The program's school year, or one `later`, e.g. "2019/20", "2020/21"."""
    year = program.start_date.year + later
    return f"{year}/{str(year + 1)[-2:]}"


def without_opt_out(program: Program | None) -> str | None:
    """Why there is no opt-out to choose: the program does not have it (#9)."""
    if program is not None and program.practice("growth_plan_opt_out") is None:
        return _("%(program)s has no growth-plan opt-out: every teacher stays on their "
                 "growth plan as scheduled.", program=program.name)
    return None


def _page(program: Program | None, status_code: int = 200, refusal: str | None = None):
    me = current_user._get_current_object()
    return render_template(
        "dashboard/growth_plan.html", program=program,
        model_name=presets.model(program.model_key).name
        if program and program.practice("growth_plan_opt_out") else "",
        growth=program.practice("growth_plan_opt_out") if program else None,
        opt_out=opt_out_of(me, program) if program else None,
        problem=without_opt_out(program) or eligibility_problem(me, program), refusal=refusal,
        year=year_label(program) if program else "",
        next_year=year_label(program, 1) if program else ""), status_code


@bp.route("/growth-plan")
@access.roles_required(Role.TEACHER)
def growth_plan():
    """The teacher's choice of growth plan for this program year."""
    program = current_program(current_user.district_id, school_id=current_user.school_id)
    if without_opt_out(program):
        return _page(program, 404, refusal=without_opt_out(program))
    return _page(program)


@bp.route("/growth-plan/opt-out", methods=["POST"])
@access.roles_required(Role.TEACHER)
def opt_out():
    """Opt out of the summative growth plan for this year (eligible teachers only)."""
    program = current_program(current_user.district_id, school_id=current_user.school_id)
    problem = without_opt_out(program) or eligibility_problem(current_user, program)
    if without_opt_out(program):
        return _page(program, 404, refusal=problem)
    if problem:
        return _page(program, 403, refusal=problem)
    if opt_out_of(current_user, program) is None:
        db.session.add(GrowthPlanOptOut(program_id=program.id, teacher_id=current_user.id))
        audit.record("growth_plan_opt_out", current_user.email, program.name)
        db.session.commit()
    flash(_("You are on the Formative Growth Plan for %(year)s and rescheduled to the "
            "summative schedule for %(next)s.", year=year_label(program),
            next=year_label(program, 1)), "success")
    return redirect(url_for("dashboard.growth_plan"))


@bp.route("/growth-plan/undo", methods=["POST"])
@access.roles_required(Role.TEACHER)
def undo_opt_out():
    """Take the opt-out back: the teacher stays on the summative schedule."""
    program = current_program(current_user.district_id, school_id=current_user.school_id)
    if without_opt_out(program):
        return _page(program, 404, refusal=without_opt_out(program))
    opt_out = opt_out_of(current_user, program) if program else None
    if opt_out is not None:
        db.session.delete(opt_out)
        audit.record("growth_plan_opt_out_undone", current_user.email, program.name)
        db.session.commit()
        flash(_("Your opt-out is taken back: you stay on the Summative Growth Plan this "
                "year."), "info")
    return redirect(url_for("dashboard.growth_plan"))
