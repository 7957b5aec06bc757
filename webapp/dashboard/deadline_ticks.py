"""Deadlines completed by hand: the principal ticks one for a teacher with the day it was
done, or unticks it; both are audited. In place on the school dashboard with HTMX."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from forms.deadline import DeadlineTickForm

from .. import access, audit, clock, htmx
from ..extensions import db
from ..models import DeadlineTick, Program, User
from ..models.program import ProgramDeadline
from ..programs.operations import current_program
from . import bp, status


def new_tick_form(deadline: ProgramDeadline, teacher: User, formdata=None) -> DeadlineTickForm:
    """The tick form of one teacher's deadline; the prefix keeps the page's many apart."""
    form = DeadlineTickForm(formdata=formdata, prefix=f"tick-{deadline.key}-{teacher.id}")
    if formdata is None:
        form.done_on.data = clock.today()
    return form


@bp.context_processor
def _tick_helpers() -> dict:
    return {"new_tick_form": new_tick_form}


def _hand_ticked(teacher: User, key: str) -> tuple[Program, ProgramDeadline]:
    """The teacher's program and its hand-ticked deadline of that key (404 otherwise)."""
    program = current_program(current_user.district_id, clock.today(), teacher.school_id)
    deadline = next((d for d in program.deadlines if d.key == key), None) if program else None
    if deadline is None or deadline.kind != "manual":
        abort(404)
    return program, deadline


def _tick_of(program: Program, key: str, teacher: User) -> DeadlineTick | None:
    return db.session.scalar(select(DeadlineTick).where(
        DeadlineTick.program_id == program.id, DeadlineTick.deadline_key == key,
        DeadlineTick.teacher_id == teacher.id))


@bp.route("/teachers/<int:teacher_id>/deadlines/<key>", methods=["GET", "POST"])
@access.staff_viewer_required
def deadline_tick(teacher_id: int, key: str):
    """Tick a hand-completed deadline for a teacher of one's school, with the day."""
    teacher = access.teacher_for_principal(teacher_id)
    program, deadline = _hand_ticked(teacher, key)
    tick = _tick_of(program, key, teacher)
    if request.method == "GET" or tick is not None:
        return _render(program, deadline, teacher, tick)
    form = new_tick_form(deadline, teacher, formdata=request.form)
    today = clock.today()
    if form.validate() and not program.start_date <= form.done_on.data <= today:
        form.done_on.errors.append(_("Choose a day from %(start)s to today: the day it was "
                                     "done.", start=program.start_date.isoformat()))
    if form.errors:
        return _render(program, deadline, teacher, None, tick_form=form,
                       status_code=htmx.VALIDATION_FAILED if htmx.wants_partial() else 200)
    tick = DeadlineTick(program_id=program.id, deadline_key=key, teacher_id=teacher.id,
                        done_on=form.done_on.data, ticked_by_id=current_user.id)
    db.session.add(tick)
    audit.record("deadline_ticked", teacher.email,
                 f"{deadline.name}: {form.done_on.data.isoformat()}")
    db.session.commit()
    return _after(program, deadline, teacher, tick, _(
        "“%(deadline)s” ticked for %(name)s, done on %(day)s.", deadline=deadline.name,
        name=teacher.name, day=tick.done_on.isoformat()))


@bp.route("/teachers/<int:teacher_id>/deadlines/<key>/untick", methods=["POST"])
@access.staff_viewer_required
def deadline_untick(teacher_id: int, key: str):
    """Take back a hand tick (given by mistake, or to the wrong teacher)."""
    teacher = access.teacher_for_principal(teacher_id)
    program, deadline = _hand_ticked(teacher, key)
    tick = _tick_of(program, key, teacher)
    if tick is not None:
        audit.record("deadline_unticked", teacher.email,
                     f"{deadline.name}: {tick.done_on.isoformat()}")
        db.session.delete(tick)
        db.session.commit()
    return _after(program, deadline, teacher, None, _(
        "“%(deadline)s” is no longer ticked for %(name)s.", deadline=deadline.name,
        name=teacher.name))


def _after(program, deadline, teacher, tick, message: str):
    """HTMX: the cell again, saying what changed; without JavaScript: back to the school."""
    if htmx.wants_partial():
        return _render(program, deadline, teacher, tick, saved=message)
    flash(message, "success")
    return redirect(url_for("dashboard.school", school_id=teacher.school_id,
                            _anchor="teachers"))


def _render(program: Program, deadline: ProgramDeadline, teacher: User,
            tick: DeadlineTick | None, status_code: int = 200, **extra):
    day: date | None = tick.done_on if tick else None
    state = status.flag(tick is not None, deadline.due, clock.today(), day)
    return htmx.render("dashboard/deadline_tick.html", "dashboard/_deadline_tick.html",
                       status_code=status_code, program=program, deadline=deadline,
                       teacher=teacher, state=state, day=day, **extra)
