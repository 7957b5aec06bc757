"""Database wiring: SQLite pragmas and write transactions that wait instead of failing."""
from __future__ import annotations

from contextlib import contextmanager

from flask import Flask, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db, migrate

SQLITE_BUSY_TIMEOUT_MS = 30_000


def init_app(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_dir(app)), render_as_batch=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _configure_sqlite(db.engine)


def _migrations_dir(app: Flask):
    from pathlib import Path

    return Path(app.root_path).parent / "migrations"


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys and a busy timeout on every connection; BEGIN IMMEDIATE.

    A deferred transaction that reads and then writes can fail at once with
    "database is locked" when another process committed in between (SQLite cannot
    upgrade a stale read snapshot, and does not wait on the busy timeout then).
    Taking the write lock at BEGIN makes writers queue on the busy timeout instead.
    Page views (GET/HEAD) read in deferred transactions, so they never wait for the
    lock; the few writes they make start a transaction of their own (write_soon()).
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event, not the driver, open transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _may_write() else "BEGIN")


def _may_write() -> bool:
    if not has_request_context():
        return True  # CLI commands, tests
    if g.get("tandem_reading", False):
        return False
    return request.method not in ("GET", "HEAD") or g.get("tandem_writing", False)


def write_soon() -> None:
    """Before a GET handler writes: end its read transaction; the next one takes the lock."""
    db.session.commit()
    if has_request_context():
        g.tandem_writing = True


@contextmanager
def reading():
    """Read in a deferred transaction, even in a POST: for slow work that writes nothing.

    Ends the current (write) transaction first and the read one on leaving, so e.g.
    parsing a large upload never keeps other people's saves waiting for the lock.
    """
    db.session.commit()
    g.tandem_reading = True
    try:
        yield
    finally:
        db.session.commit()
        g.tandem_reading = False


def add_unless_taken(row) -> bool:
    """Insert `row` unless a unique constraint says an equal one exists; True if added.

    For "one per user" rows checked first and then added: on PostgreSQL two requests at
    once (a double click, two tabs) can both find none, and the second insert waits for
    the first and then breaks its unique constraint. A savepoint keeps the rest of the
    transaction; the caller treats the existing row as its own.
    """
    from sqlalchemy.exc import IntegrityError

    try:
        with db.session.begin_nested():
            db.session.add(row)
        return True
    except IntegrityError:
        return False
