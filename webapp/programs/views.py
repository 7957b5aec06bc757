"""Program pages for district administrators."""
from __future__ import annotations


from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from forms.program import ProgramForm

from .. import access, clock
from ..extensions import db
from ..models import Program
from . import bp
from .operations import default_program, school_year_of


@bp.route("/")
@access.district_admin_required
def index():
    """The district's programs, newest first."""
    programs = db.session.scalars(select(Program).where(
        Program.district_id == current_user.district_id).order_by(Program.start_date.desc())).all()
    return render_template("programs/index.html", programs=programs)


def _fill(program: Program, form: ProgramForm) -> None:
    for name in ("name", "start_date", "end_date", "interest_deadline", "partner_deadline",
                 "goal_deadline", "visits_deadline", "reflection_deadline", "release_days"):
        setattr(program, name, getattr(form, name).data)
    for name, values in form.list_values().items():
        setattr(program, name, values)


def _form_for(program: Program) -> ProgramForm:
    form = ProgramForm(obj=program)
    if not form.is_submitted():
        for name in ("focus_areas", "approaches", "rubric_indicators"):
            getattr(form, name).data = "\n".join(getattr(program, name))
    return form


@bp.route("/new", methods=["GET", "POST"])
@access.district_admin_required
def new():
    """A new program year, filled with the seed program's deadlines and lists."""
    template = default_program(current_user.district_id, school_year_of(clock.today()))
    form = _form_for(template)
    if form.validate_on_submit():
        program = Program(district_id=current_user.district_id)
        _fill(program, form)
        db.session.add(program)
        db.session.commit()
        flash(_("%(name)s was created.", name=program.name), "success")
        return redirect(url_for("programs.index"))
    return render_template("programs/form.html", form=form, program=None)


@bp.route("/<int:program_id>/edit", methods=["GET", "POST"])
@access.district_admin_required
def edit(program_id: int):
    """Change a program's dates, deadlines and lists."""
    program = access.program_for_change(program_id)
    form = _form_for(program)
    if form.validate_on_submit():
        _fill(program, form)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("programs.index"))
    return render_template("programs/form.html", form=form, program=program)
