"""The district summary: every school's partnerships by step, visits and release days."""
from __future__ import annotations


from flask import render_template
from flask_login import current_user

from .. import access, clock
from ..extensions import db
from ..partnerships import steps
from ..programs.operations import current_program
from ..visits import release
from . import bp, summary


@bp.route("/district")
@access.district_admin_required
def district():
    """Per school: partnerships at each step, visits approved, release days used."""
    program = current_program(current_user.district_id, clock.today())
    schools = db.session.scalars(access.schools_query(current_user)).all()
    rows = summary.school_summaries(schools, program) if program else []
    return render_template("dashboard/district.html", program=program, rows=rows,
                           total=summary.totals(rows), steps=steps.STEPS,
                           complete=summary.COMPLETE, describe=release.describe)
