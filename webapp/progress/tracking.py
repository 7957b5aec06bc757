"""Running a long job for the person who started it; its progress, its file, its end.

A job is a Job row first (its owner, what it works on, the request that started it),
then a Huey task (webapp/jobs.py) run once that request commits. The task acts in a
request like the one that started it, made by the same user: access checks, the audit
log, the language and the documents' links are what they were there, so a job makes
exactly what the direct path makes. Its count is committed for the page to read a few
times a second at most; its file goes under <instance>/jobs/, kept a day (decision 0020).
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user, login_user
from huey import crontab
from sqlalchemy import delete
from werkzeug.exceptions import HTTPException

from .. import jobs
from ..extensions import db
from ..models import Job, JobStatus, User
from ..models.base import utcnow
from ..net import client_address

FOLDER = "jobs"  # under the instance folder: never served as static files
KEEP_FILES = timedelta(days=1)
KEEP_ROWS = timedelta(days=30)
# Seconds between progress commits: a commit per document or row would cost about as
# much as the work itself.
WRITE_EVERY = 0.5


@dataclass(frozen=True)
class Kind:
    """What the page says of one kind of job."""

    title: str                          # the job page's heading
    counted: Callable[[int, int], str]  # (done, total) -> "12 of 31 documents"
    finished: str                       # template of the result (failed: the way back)
    # A response refusing the file at download (access or content changed), or None.
    check_download: Callable[[Job], object] | None = None


KINDS: dict[str, Kind] = {}


class Failed(Exception):
    """The job cannot go on: the message says why and what to do, in the user's words."""


def task(kind: str, **words):
    """Declare a progress job: `work(job, progress)` runs as the job's user, and the row
    says how it went (see Kind for `words`)."""
    def register(work: Callable) -> Callable:
        KINDS[kind] = Kind(**words)

        @jobs.task(kind)
        @functools.wraps(work)
        def run(job_id: int) -> None:
            _run(job_id, work)
        return work
    return register


def start(kind: str, subject: dict, *, input_text: str | None = None) -> Job:
    """A job of `kind` for the current user, queued once the caller commits; `subject`
    names what it works on, `input_text` what it reads (kept beside its result)."""
    job = Job(kind=kind, user_id=current_user.id, district_id=current_user.district_id,
              subject={**subject, "origin": _origin()})
    db.session.add(job)
    db.session.flush()
    if input_text is not None:
        input_path(job).write_text(input_text, encoding="utf-8")
    jobs.after_commit(kind, job)
    return job


def _origin() -> dict:
    """The request starting a job, for the job to act in one like it."""
    return {"path": request.path, "url_root": request.url_root,
            "language": request.headers.get("Accept-Language", ""),
            "address": client_address()}


def _run(job_id: int, work: Callable) -> None:
    job = db.session.get(Job, job_id)
    if job is None or job.status is not JobStatus.QUEUED:
        return  # cleaned up, or run already (a queue may deliver a task twice)
    job.status = JobStatus.RUNNING
    db.session.commit()
    with acting_for(job) as user:
        try:
            if user is None:
                raise Failed(_("Your account is no longer active, so nothing was made."))
            work(job, Progress(job))
        except Failed as problem:
            if problem.__cause__ is not None:
                current_app.logger.error("Job %s (%s) failed", job_id, job.kind,
                                         exc_info=problem.__cause__)
            _fail(job, str(problem))
        except HTTPException:  # an access check refused, or what it works on is gone
            _fail(job, _("You may no longer see what this was made from, or it is gone. "
                         "Nothing was made; go back to the page and try again."))
        except Exception:
            current_app.logger.exception("Job %s (%s) failed", job_id, job.kind)
            _fail(job, _("It stopped on an error in Tandem. Try again; if it stops again, "
                         "tell your district administrator (job %(id)d).", id=job_id))
        else:
            job.status, job.finished_at = JobStatus.DONE, utcnow()
            db.session.commit()


def _fail(job: Job, reason: str) -> None:
    db.session.rollback()  # what was not committed yet; the count goes back to match
    job.status, job.message, job.finished_at = JobStatus.FAILED, reason, utcnow()
    db.session.commit()


@contextmanager
def acting_for(job: Job):
    """A request like the job's first one (address, language, client), made by its user;
    yields the user, or None when the account can no longer sign in."""
    origin = job.subject.get("origin", {})
    with current_app.test_request_context(
            origin.get("path", "/"), method="POST", base_url=origin.get("url_root"),
            headers={"Accept-Language": origin.get("language", "")},
            environ_base={"REMOTE_ADDR": origin.get("address", "")}):
        user = db.session.get(User, job.user_id)
        yield user if user is not None and login_user(user) else None


class Progress:
    """A running job's count, committed for its page at most every WRITE_EVERY seconds
    and at the last one. A commit ends the job's transaction: what it wrote so far stays."""

    def __init__(self, job: Job):
        self.job, self._written = job, 0.0

    def __call__(self, done: int, total: int) -> None:
        self.job.done, self.job.total = done, total
        if done >= total or time.monotonic() - self._written >= WRITE_EVERY:
            self.commit()

    def say(self, message: str) -> None:
        """What it does now, where the count says nothing ("Typesetting…")."""
        self.job.message = message
        self.commit()

    def commit(self) -> None:
        db.session.commit()
        self._written = time.monotonic()


# --- files ------------------------------------------------------------------------------

def folder() -> Path:
    path = Path(current_app.instance_path) / FOLDER
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def input_path(job: Job) -> Path:
    return folder() / f"{job.id}-input"


def keep_result(job: Job, data: bytes, download_name: str) -> None:
    """Store the job's file and the name it downloads as."""
    job.result_file = f"{job.id}-{job.kind}{Path(download_name).suffix}"
    (folder() / job.result_file).write_bytes(data)
    job.result_name = download_name


def result_path(job: Job) -> Path | None:
    """The job's file, while it is kept."""
    if not job.result_file:
        return None
    path = folder() / job.result_file
    return path if path.is_file() else None


def shown(job: Job) -> dict:
    """What the job's component shows."""
    waiting = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    return {"job": job, "kind": KINDS[job.kind], "kept": result_path(job) is not None,
            "worker_alive": jobs.worker_alive() if waiting else True}


@jobs.periodic("jobs_clean_up", crontab(minute="17"))
def clean_up() -> None:
    """Every hour: files older than a day go (results and inputs), rows after a month."""
    cutoff = time.time() - KEEP_FILES.total_seconds()
    for path in folder().iterdir():
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
    db.session.execute(delete(Job).where(Job.created_at < utcnow() - KEEP_ROWS))
    db.session.commit()
