"""Background work on a job queue (Huey): mail, reminders, records packets and roster
imports, run by `flask --app webapp worker` (decision 0018).

One code path, three stores: Huey's SQLite file in the instance folder by default (no
server to run), Redis when TANDEM_REDIS_URL is set (several app servers), and in memory
with every job run at once when TESTING (tests run jobs in-process).

A job is named here with `@task("name")` and registered on each app's queue by
`init_app`; it runs inside an app context of its own, with its own database session.
Work that must not be lost (a mail) is a database row first; the job only acts on it,
and the minute job picks up any row whose job never came (a queue emptied by a restart).
"""
from __future__ import annotations

import functools
import os
import socket
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask, current_app
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from .extensions import db
from .models.base import utcnow

_TASKS: dict[str, Callable] = {}
_PERIODIC: dict[str, tuple[crontab, Callable]] = {}
_AFTER_COMMIT = "tandem_jobs_after_commit"
BEAT_FRESH = timedelta(minutes=3)  # a worker not heard from for longer is not running


def task(name: str):
    """Declare a job: a function run by the worker inside an app context."""
    def register(fn: Callable) -> Callable:
        _TASKS[name] = fn
        return fn
    return register


def periodic(name: str, schedule: crontab):
    """Declare a job the worker runs on a schedule (every worker: each must be harmless
    to run twice)."""
    def register(fn: Callable) -> Callable:
        _PERIODIC[name] = (schedule, fn)
        return fn
    return register


def _queue(app: Flask):
    if app.config.get("JOBS_IMMEDIATE", app.testing):
        return MemoryHuey("tandem", immediate=True)
    if app.config.get("REDIS_URL"):
        return RedisHuey("tandem", url=app.config["REDIS_URL"])
    return SqliteHuey("tandem", filename=str(Path(app.instance_path) / "jobs.sqlite3"))


def _in_app(app: Flask, fn: Callable) -> Callable:
    @functools.wraps(fn)
    def run(*args, **kwargs):
        with app.app_context():  # a session of its own, whatever context called it
            try:
                return fn(*args, **kwargs)
            finally:
                db.session.remove()
    return run


def init_app(app: Flask) -> None:
    # The modules that declare jobs, so each is known before the queue is built.
    from . import mail  # noqa: F401
    from .admin import roster_jobs  # noqa: F401
    from .records import packet_jobs  # noqa: F401
    from .reminders import send as reminders

    queue = _queue(app)
    tasks = {name: queue.task(name=name)(_in_app(app, fn)) for name, fn in _TASKS.items()}
    for name, (schedule, fn) in _PERIODIC.items():
        tasks[name] = queue.periodic_task(schedule, name=name)(_in_app(app, fn))
    app.extensions["tandem_queue"] = queue
    app.extensions["tandem_tasks"] = tasks
    app.cli.add_command(worker)
    app.cli.add_command(reminders.send_reminders_command)
    app.cli.add_command(worker_status)


def queue():
    return current_app.extensions["tandem_queue"]


def enqueue(name: str, *args) -> None:
    """Put a job on the queue now (run at once under TESTING)."""
    current_app.extensions["tandem_tasks"][name](*args)


def after_commit(name: str, row) -> None:
    """Enqueue job `name` with `row`'s id once the current transaction commits: the job
    then finds the row, and a rolled-back request enqueues nothing."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(
        (current_app.extensions["tandem_tasks"][name], row))


@event.listens_for(Session, "before_commit")
def _ids_before_commit(session: Session) -> None:
    pending = session.info.get(_AFTER_COMMIT)
    if pending:
        session.flush()
        session.info[_AFTER_COMMIT] = [(job, row.id) for job, row in pending]


@event.listens_for(Session, "after_commit")
def _enqueue_after_commit(session: Session) -> None:
    for job, row_id in session.info.pop(_AFTER_COMMIT, []):
        job(row_id)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(_AFTER_COMMIT, None)


# --- the worker ------------------------------------------------------------------------

def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@periodic("heartbeat", crontab(minute="*"))
def heartbeat() -> None:
    """Every minute: note that this worker is alive, and retry mail whose time has come."""
    from . import mail
    from .models import WorkerBeat

    beat = db.session.get(WorkerBeat, worker_name()) or WorkerBeat(name=worker_name())
    beat.seen_at = utcnow()
    db.session.add(beat)
    # Beats of workers gone for a day are old news.
    for old in db.session.scalars(select(WorkerBeat).where(
            WorkerBeat.seen_at < utcnow() - timedelta(days=1))):
        db.session.delete(old)
    db.session.commit()
    mail.retry_due()


def last_beat():
    """When any worker last beat, or None."""
    from sqlalchemy import func

    from .models import WorkerBeat

    return db.session.scalar(select(func.max(WorkerBeat.seen_at)))


def worker_alive() -> bool:
    seen = last_beat()
    return seen is not None and utcnow() - seen <= BEAT_FRESH


@click.command("worker")
@click.option("--threads", default=2, show_default=True, help="Jobs run at the same time.")
def worker(threads: int) -> None:
    """Run the background worker: mail, reminders, packets and imports, on schedule."""
    import logging

    # Each job run, retry and error in the log (journalctl -u tandem-worker).
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    queue_ = current_app.extensions["tandem_queue"]
    store = "Redis" if isinstance(queue_, RedisHuey) else "SQLite"
    click.echo(f"Tandem worker {worker_name()}: {threads} threads, queue in {store}.")
    queue_.create_consumer(workers=threads, worker_type="thread", periodic=True,
                           check_worker_health=True).run()


@click.command("worker-status")
def worker_status() -> None:
    """Say whether a worker is running (exit 1 when none beat in the last 3 minutes) and
    how much mail waits."""
    from . import mail
    from .models import MailStatus

    seen = last_beat()
    counts = mail.counts()
    waiting = counts.get(MailStatus.QUEUED, 0) + counts.get(MailStatus.SENDING, 0)
    given_up = counts.get(MailStatus.GIVEN_UP, 0)
    click.echo(f"Mail waiting: {waiting}; given up: {given_up}.")
    if seen is None:
        click.echo("No worker has run yet. Start one: flask --app webapp worker")
        raise SystemExit(1)
    age = int((utcnow() - seen).total_seconds())
    if not worker_alive():
        click.echo(f"No worker is running: the last heartbeat was {age} seconds ago.")
        raise SystemExit(1)
    click.echo(f"A worker is running: the last heartbeat was {age} seconds ago.")
