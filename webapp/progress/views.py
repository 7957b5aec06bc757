"""A job's page (its progress, polled by the component itself) and its file."""
from __future__ import annotations

from flask import abort, send_file
from flask_login import login_required

from .. import access, audit, htmx
from ..models import JobStatus
from . import bp, tracking


@bp.route("/<int:job_id>")
@login_required
def job(job_id: int):
    """A job's progress, then its result; the component's poll gets the component alone."""
    job = access.job_for_owner(job_id)
    return htmx.render("progress/job.html", "progress/_job.html", **tracking.shown(job))


@bp.route("/<int:job_id>/download")
@login_required
def download(job_id: int):
    """The job's file, to its owner, while it is kept (a day)."""
    job = access.job_for_owner(job_id)
    path = tracking.result_path(job)
    if job.status is not JobStatus.DONE or path is None:
        abort(404)
    check = tracking.KINDS[job.kind].check_download
    refusal = check(job) if check else None
    if refusal is not None:
        return refusal
    audit.record_now("document_downloaded", job.result_name, audit.describe_request())
    return send_file(path, as_attachment=True, download_name=job.result_name)
