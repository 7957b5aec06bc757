"""`flask --app webapp backup [DEST]`: a consistent copy of the SQLite database.

The copy is made with SQLite's online backup API, so it is safe while the app is
running: in WAL mode the backup reads one snapshot and neither waits for writers nor
holds them up. Copying the file with `cp` is not safe: it misses what is still in the
-wal file and can catch a page half-written. PostgreSQL installs use pg_dump instead.
"""
from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import URL

from .database import SQLITE_BUSY_TIMEOUT_MS
from .extensions import db

# Backups this command names itself; --keep never touches any other file.
BACKUP_NAME = re.compile(r"^tandem-\d{8}-\d{6}\.sqlite3$")


def init_app(app: Flask) -> None:
    app.cli.add_command(backup)


def database_url() -> URL:
    """The URL of the database the app really uses (the engine's, not a config string)."""
    return db.engine.url


def sqlite_path(url: URL) -> Path:
    """The database file behind `url`; refuses anything that is not an SQLite file."""
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(
            f"This command backs up SQLite databases only; this install uses "
            f"{url.get_backend_name()}. Back PostgreSQL up with pg_dump (see README, Backups).")
    if url.database in (None, "", ":memory:") or url.database.startswith("file::memory:"):
        raise click.ClickException("The database is in memory; there is no file to back up.")
    path = Path(url.database).resolve()
    if not path.is_file():
        raise click.ClickException(f"No database file at {path}.")
    return path


def default_name() -> str:
    # UTC, so names sort in time order across daylight-saving changes.
    return datetime.now(timezone.utc).strftime("tandem-%Y%m%d-%H%M%S.sqlite3")


def copy_database(source: Path, dest: Path) -> None:
    """Write a consistent copy of `source` to `dest` (mode 0600), replacing it atomically."""
    fd, temp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    os.close(fd)  # mkstemp made it 0600; SQLite writes it from empty
    temp = Path(temp_name)
    try:
        src = sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        dst = sqlite3.connect(temp)
        try:
            # One step (pages=-1): a single read snapshot, so the copy is consistent.
            src.backup(dst)
            # A self-contained file: no -wal or -shm next to the copy.
            dst.execute("PRAGMA journal_mode = DELETE")
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if check != "ok":
            raise click.ClickException(f"The copy failed SQLite's quick check: {check}")
        os.chmod(temp, 0o600)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, dest)
    finally:
        temp.unlink(missing_ok=True)
    _fsync_dir(dest.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups named by this command; returns the deleted."""
    backups = sorted(p for p in folder.iterdir() if BACKUP_NAME.match(p.name) and p.is_file())
    old = backups[:max(len(backups) - keep, 0)]
    for path in old:
        path.unlink()
    return old


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return ""  # not reached


@click.command("backup")
@click.argument("dest", required=False, type=click.Path(path_type=Path))
@click.option("--keep", type=click.IntRange(min=1), metavar="N",
              help="Then delete all but the newest N tandem-*.sqlite3 backups in the "
                   "folder the backup went to.")
@with_appcontext
def backup(dest: Path | None, keep: int | None) -> None:
    """Copy the SQLite database safely, even while the app runs.

    DEST is a file or a folder; by default <instance>/backups/tandem-YYYYmmdd-HHMMSS.sqlite3
    (UTC). For PostgreSQL use pg_dump.
    """
    source = sqlite_path(database_url())
    if dest is None:
        dest = Path(current_app.instance_path) / "backups"
        dest.mkdir(mode=0o700, parents=True, exist_ok=True)
    if dest.is_dir():
        dest = dest / default_name()
    dest = dest.resolve()
    if dest == source:
        raise click.ClickException("DEST is the live database itself; choose another path.")
    if not dest.parent.is_dir():
        raise click.ClickException(f"The folder {dest.parent} does not exist.")
    copy_database(source, dest)
    click.echo(f"Backed up the database to {dest} ({_size(dest.stat().st_size)}).")
    if keep:
        for path in prune(dest.parent, keep):
            click.echo(f"Deleted old backup {path}")
