"""Seed 002: a printable one-page summary of a school's learning teams for families (the
learning target for parents and community members, each team's focus and stage), as a
page to print and as Word and PDF. For the school's principal and district administrators,
where the program has learning targets."""
from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user
from sqlalchemy.orm import selectinload

from .. import access, clock
from ..documents import families as summary
from ..extensions import db
from ..models import Membership, Partnership, School
from ..programs.operations import current_program
from ..records.views import send_document
from . import bp


def _context(school: School) -> dict:
    program = current_program(current_user.district_id, clock.today(), school.id)
    if program is None or program.practice("learning_targets") is None:
        abort(404)  # no learning targets, no learning teams' summary (seed 002's practice)
    teams = [p for p in db.session.scalars(
        access.school_partnerships_query(current_user, school)
        .where(Partnership.program_id == program.id).order_by(Partnership.id)
        .options(selectinload(Partnership.memberships).selectinload(Membership.user)))
        if p.is_formed]
    return summary.families_summary(school, program, teams)


@bp.route("/schools/<int:school_id>/families")
@access.staff_viewer_required
def families(school_id: int):
    """The summary as a page to print (it works without JavaScript)."""
    school = access.school_for_view(school_id)
    return render_template("dashboard/families.html", school=school, doc=_context(school))


@bp.route("/schools/<int:school_id>/families.<any(docx,pdf):extension>")
@access.staff_viewer_required
def families_document(school_id: int, extension: str):
    """The summary as a Word or PDF file."""
    school = access.school_for_view(school_id)
    return send_document(_context(school), extension, school.district_id)
