"""The district summary: every school's partnerships by step, visits and release days."""
from __future__ import annotations


from flask import render_template
from flask_login import current_user

from .. import access, clock
from ..extensions import db
from ..partnerships import steps
from ..programs.operations import programs_by_school
from ..visits import release
from . import bp, summary


@bp.route("/district")
@access.district_admin_required
def district():
    """Per program the schools run (one table each): partnerships at each step, and
    where the program has classroom visits, visits approved and release days used."""
    schools = db.session.scalars(access.schools_query(current_user)).all()
    current = programs_by_school(current_user.district_id, [s.id for s in schools],
                                 clock.today())
    sections = []
    for program in dict.fromkeys(p for p in current.values() if p):  # first-seen order
        rows = summary.school_summaries([s for s in schools if current[s.id] is program],
                                        program)
        sections.append((program, rows, summary.totals(rows)))
    sections.sort(key=lambda section: section[0].name)
    return render_template("dashboard/district.html", sections=sections, schools=schools,
                           steps=steps.STEPS, complete=summary.COMPLETE,
                           describe=release.describe)
