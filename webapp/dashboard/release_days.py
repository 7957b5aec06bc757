"""Release time besides visits (e.g. a day to plan with the partner), recorded by the
principal against the teacher's limit for the program year."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from forms.visit import ReleaseDayForm

from .. import access, audit, clock
from ..extensions import db
from ..models import Program, ReleaseDay, User
from ..programs.operations import current_program
from ..visits import release
from . import bp


def limit_problem(teacher: User, program: Program, days: Decimal) -> str | None:
    used = release.days_used(teacher, program)
    if used + days <= program.release_days:
        return None
    return _("Recording %(need)s day would go over the limit: %(name)s has %(left)s of "
             "%(limit)d release days left this year (%(used)s used or requested).",
             need=release.describe(days), name=teacher.name,
             left=release.describe(max(Decimal(program.release_days) - used, Decimal(0))),
             limit=program.release_days, used=release.describe(used))


@bp.route("/teachers/<int:teacher_id>/release-days", methods=["GET", "POST"])
@access.staff_viewer_required
def release_days(teacher_id: int):
    """A teacher's release time this year, and a form to record other release days."""
    teacher = access.teacher_for_principal(teacher_id)
    today = clock.today()
    program = current_program(current_user.district_id, today, teacher.school_id)
    if program is None or program.practice("visits") is None:
        abort(404)  # no release-day budget without the visits practice (#9)
    form = ReleaseDayForm()
    if not form.is_submitted() and program.contains(today):
        form.day.data = today
    if form.validate_on_submit():
        days = Decimal(form.days.data)
        if not program.contains(form.day.data):
            form.day.errors.append(_("Choose a date within the program year (%(start)s to "
                                     "%(end)s).", start=program.start_date.isoformat(),
                                     end=program.end_date.isoformat()))
        problem = limit_problem(teacher, program, days)
        if problem:
            form.days.errors.append(problem)
        if not (form.day.errors or form.days.errors):
            db.session.add(ReleaseDay(program_id=program.id, teacher_id=teacher.id,
                                      day=form.day.data, days=days, reason=form.reason.data,
                                      recorded_by_id=current_user.id))
            audit.record("release_day_recorded", teacher.email,
                         f"{form.day.data.isoformat()}: {release.describe(days)} day")
            db.session.commit()
            flash(_("Release time recorded for %(name)s: %(summary)s.", name=teacher.name,
                    summary=release.summary(teacher, program)), "success")
            return redirect(url_for("dashboard.release_days", teacher_id=teacher.id))
    return render_template(
        "dashboard/release_days.html", teacher=teacher, program=program, form=form,
        describe=release.describe,
        summary=release.summary(teacher, program),
        visits=release.visits_in_program(teacher, program),
        recorded=db.session.scalars(select(ReleaseDay).where(
            ReleaseDay.teacher_id == teacher.id, ReleaseDay.program_id == program.id)
            .order_by(ReleaseDay.day)).all())


@bp.route("/release-days/<int:release_day_id>/remove", methods=["POST"])
@access.staff_viewer_required
def remove_release_day(release_day_id: int):
    """Take back a release day recorded by mistake."""
    recorded = db.session.get(ReleaseDay, release_day_id)
    if recorded is None or recorded.program.district_id != current_user.district_id:
        abort(404)
    teacher = access.teacher_for_principal(recorded.teacher_id)
    db.session.delete(recorded)
    audit.record("release_day_removed", teacher.email, recorded.day.isoformat())
    db.session.commit()
    flash(_("The release day of %(day)s is removed.", day=recorded.day.isoformat()), "info")
    return redirect(url_for("dashboard.release_days", teacher_id=teacher.id))
