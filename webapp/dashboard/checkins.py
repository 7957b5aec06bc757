"""Check-ins with a partnership (seed 004: every other month), logged by the principal."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import access, clock, htmx
from ..extensions import db
from ..models import CheckIn, Partnership
from . import bp, status
from .views import new_check_in_form


@bp.route("/partnerships/<int:partnership_id>/check-ins", methods=["GET", "POST"])
@access.staff_viewer_required
def check_ins(partnership_id: int):
    """The partnership's check-in log and a form to add one (in place with HTMX)."""
    partnership = access.partnership_for_oversight(partnership_id)
    today = clock.today()
    if request.method == "GET":
        return _render(partnership, new_check_in_form(partnership, today), today)
    form = new_check_in_form(partnership, today, formdata=request.form)
    valid = form.validate()
    if partnership.program.practice("checkins") is None:  # the note stays in the form
        form.day.errors.append(_("%(program)s has no principal check-ins to record.",
                                 program=partnership.program.name))
        valid = False
    if valid and not partnership.program.contains(form.day.data):
        form.day.errors.append(_("Choose a date within the program year (%(start)s to %(end)s).",
                                 start=partnership.program.start_date.isoformat(),
                                 end=partnership.program.end_date.isoformat()))
        valid = False
    if valid and form.day.data > today:
        form.day.errors.append(_("Record a check-in once it has happened: choose today or "
                                 "an earlier date."))
        valid = False
    if not valid:
        return _render(partnership, form, today, status_code=htmx.VALIDATION_FAILED
                       if htmx.wants_partial() else 200)
    db.session.add(CheckIn(partnership_id=partnership.id, day=form.day.data,
                           note=form.note.data or "", by_id=current_user.id))
    db.session.commit()
    message = _("Check-in of %(day)s recorded.", day=form.day.data.isoformat())
    if not htmx.wants_partial():
        flash(message, "success")
        return redirect(url_for("dashboard.check_ins", partnership_id=partnership.id))
    return _render(partnership, new_check_in_form(partnership, today), today, saved=message)


def _render(partnership: Partnership, form, today: date, status_code: int = 200, **extra):
    log = status.check_in_logs([partnership])[partnership.id]
    due = status.check_in_due(partnership, log[0].day if log else None, today)
    return htmx.render("dashboard/check_ins.html", "dashboard/_check_ins.html",
                       status_code=status_code, partnership=partnership, form=form,
                       log=log, due=due, open_log=request.method == "POST", **extra)
