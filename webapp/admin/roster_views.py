"""Roster import pages: upload, preview, confirm."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.staff import RosterConfirmForm, RosterUploadForm

from .. import access, database
from ..auth import accounts
from ..extensions import db
from . import bp, roster, roster_jobs


@bp.route("/roster", methods=["GET", "POST"])
@access.district_admin_required
def roster_upload():
    """Upload a roster CSV and see what importing it would do."""
    form = RosterUploadForm()
    if form.validate_on_submit():
        # A preview writes nothing: parse without holding the database's write lock.
        with database.reading():
            try:
                text = roster.decode(form.roster.data.read())
                plan = roster.plan_import(text, current_user.district)
            except roster.RosterFileError as problem:
                form.roster.errors.append(str(problem))
            else:
                confirm = RosterConfirmForm(formdata=None, csv_text=text)
                return render_template("admin/roster_preview.html", plan=plan, form=confirm,
                                       filename=form.roster.data.filename)
    return render_template("admin/roster_upload.html", form=form)


@bp.route("/roster/confirm", methods=["POST"])
@access.district_admin_required
def roster_confirm():
    """Import the good rows of the previewed file."""
    form = RosterConfirmForm()
    if not form.validate_on_submit() or not form.csv_text.data:
        flash(_("Upload the roster again."), "error")
        return redirect(url_for("admin.roster_upload"))
    try:
        with database.reading():  # the slow part; only applying the plan takes the lock
            plan = roster.plan_import(form.csv_text.data, current_user.district)
    except roster.RosterFileError as problem:
        flash(str(problem), "error")
        return redirect(url_for("admin.roster_upload"))
    if len(plan.rows) > roster_jobs.LARGE:  # over a second's work: a job, with progress
        job = roster_jobs.start(form.csv_text.data, form.send_invitations.data)
        db.session.commit()
        return redirect(url_for("progress.job", job_id=job.id))
    created = roster.apply(plan, current_user.district)
    db.session.flush()
    if form.send_invitations.data:
        for member in created:
            accounts.send_invitation(member)
    db.session.commit()
    flash(_("Roster imported: %(c)d created, %(u)d updated, %(n)d unchanged, %(e)d rows "
            "refused.", c=plan.count("create"), u=plan.count("update"),
            n=plan.count("unchanged"), e=len(plan.errors)), "success")
    if created and form.send_invitations.data:
        flash(_("%(n)d invitations were sent.", n=len(created)), "success")
    return redirect(url_for("admin.staff"))
