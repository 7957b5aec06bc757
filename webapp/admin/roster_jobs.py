"""A large roster import, run by a job with its progress on the page (decision 0020).

Each created account costs a sign-in token and an invitation mail (about 4 ms), so past
LARGE rows the import can take over a second: the confirm page starts this job instead.
It plans again from the same text, as the direct path does, and goes a batch of rows
at a time; each commit of its count commits the rows before it too. Stopped halfway,
what it imported stays, and importing the same file again finishes the rest: a row
already imported is then unchanged.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from .. import access
from ..auth import accounts
from ..extensions import db
from ..progress import tracking
from . import roster

LARGE = 200  # more good rows than this: a job
BATCH = 50


def rows_counted(done: int, total: int) -> str:
    return ngettext("%(done)d of %(num)d row", "%(done)d of %(num)d rows", total, done=done)


def start(csv_text: str, send_invitations: bool):
    """Import `csv_text` for the current administrator, once the caller commits."""
    return tracking.start("roster_import", {"send_invitations": send_invitations},
                          input_text=csv_text)


@tracking.task("roster_import", title=_l("Roster import"), counted=rows_counted,
               finished="admin/_roster_job.html")
def import_roster(job, progress) -> None:
    """The import the confirm button would have made in the request."""
    if not access.can_manage_staff(current_user):
        access.refuse("roster import")
    text_file = tracking.input_path(job)
    if not text_file.is_file():
        raise tracking.Failed(_("The uploaded file is no longer kept: upload the roster "
                                "again."))
    text = text_file.read_text(encoding="utf-8")
    text_file.unlink()  # staff names and emails: not kept once read
    try:
        plan = roster.plan_import(text, current_user.district)
    except roster.RosterFileError as problem:
        raise tracking.Failed(str(problem)) from None
    try:
        job.result = _apply(plan, job.subject["send_invitations"], progress)
    except Exception as error:
        raise tracking.Failed(_(
            "The import stopped on an error in Tandem. The rows counted here were imported; "
            "import the same file again to finish the rest (rows already imported count "
            "as unchanged). If it stops again, tell the people who run Tandem (job %(id)d).",
            id=job.id)) from error


def _apply(plan: roster.RosterPlan, send_invitations: bool, progress) -> dict:
    """The direct path's import, a batch at a time; returns its summary."""
    district, invited = current_user.district, 0
    for first in range(0, len(plan.rows), BATCH):
        created = roster.apply_rows(plan.rows[first:first + BATCH], district)
        db.session.flush()
        if send_invitations:
            for member in created:
                accounts.send_invitation(member)
            invited += len(created)
        progress(min(first + BATCH, len(plan.rows)), len(plan.rows))
    roster.record_import(plan, district)
    return {"created": plan.count("create"), "updated": plan.count("update"),
            "unchanged": plan.count("unchanged"), "refused": len(plan.errors),
            "invited": invited}
