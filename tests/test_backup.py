"""`flask backup`: a consistent, private copy of the SQLite database; PostgreSQL refused."""
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from webapp import backup as backup_module
from webapp.backup import backup
from webapp.extensions import db
from webapp.models import School

from . import factories

POSTGRES_URL = make_url("postgresql+psycopg://tandem@db.example/tandem")


@pytest.fixture
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only (this run uses TANDEM_TEST_DATABASE_URL)")


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def backups_dir(app):
    """The default backup folder, empty before and after the test."""
    folder = Path(app.instance_path) / "backups"
    shutil.rmtree(folder, ignore_errors=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_backup_copies_tables_and_rows(sqlite_only, runner, tmp_path):
    factories.DistrictFactory(name="Backed Up Division")
    dest = tmp_path / "copy.sqlite3"

    result = runner.invoke(backup, [str(dest)])

    assert result.exit_code == 0, result.output
    assert str(dest) in result.output
    tables = {name for (name,) in rows(dest, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"district", "school", "user", "audit_event", "alembic_version"} <= tables
    assert rows(dest, "SELECT name FROM district") == [("Backed Up Division",)]
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert rows(dest, "PRAGMA journal_mode") == [("delete",)]
    assert [p.name for p in tmp_path.iterdir()] == ["copy.sqlite3"]  # no temp file left


def test_backup_does_not_wait_for_a_writer_and_skips_its_uncommitted_rows(
        sqlite_only, runner, tmp_path, district):
    # The test's own session now holds SQLite's write lock with an uncommitted row.
    db.session.add(School(district_id=district.id, name="Not Committed Yet"))
    db.session.flush()
    dest = tmp_path / "copy.sqlite3"

    result = runner.invoke(backup, [str(dest)])
    db.session.rollback()

    assert result.exit_code == 0, result.output
    assert rows(dest, "SELECT count(*) FROM district") == [(1,)]
    assert rows(dest, "SELECT count(*) FROM school") == [(0,)]


def test_default_destination_is_the_instance_backups_folder(sqlite_only, runner, backups_dir):
    result = runner.invoke(backup, [])

    assert result.exit_code == 0, result.output
    [made] = backups_dir.iterdir()
    assert backup_module.BACKUP_NAME.match(made.name)
    assert str(made) in result.output
    assert stat.S_IMODE(backups_dir.stat().st_mode) == 0o700


def test_keep_prunes_the_oldest_backups_only(sqlite_only, runner, backups_dir):
    backups_dir.mkdir()
    old = [backups_dir / f"tandem-2020010{n}-000000.sqlite3" for n in range(1, 5)]
    others = [backups_dir / "tandem-before-upgrade.sqlite3", backups_dir / "notes.txt"]
    for path in old + others:
        path.write_text("x")

    result = runner.invoke(backup, ["--keep", "2"])

    assert result.exit_code == 0, result.output
    left = sorted(p.name for p in backups_dir.iterdir())
    newest = [p for p in left if p not in {q.name for q in old + others}]
    assert len(newest) == 1
    assert left == sorted([old[-1].name, *newest, *(p.name for p in others)])
    assert "Deleted old backup" in result.output


def test_keep_must_be_positive(runner):
    result = runner.invoke(backup, ["--keep", "0"])
    assert result.exit_code == 2


def test_refuses_to_overwrite_the_live_database(sqlite_only, runner):
    live = db.engine.url.database
    result = runner.invoke(backup, [live])
    assert result.exit_code == 1
    assert "live database" in result.output


def test_refuses_a_postgresql_database(runner, monkeypatch, tmp_path):
    monkeypatch.setattr(backup_module, "database_url", lambda: POSTGRES_URL)

    result = runner.invoke(backup, [str(tmp_path / "copy.sqlite3")])

    assert result.exit_code == 1
    assert "pg_dump" in result.output
    assert not (tmp_path / "copy.sqlite3").exists()


def test_refuses_the_real_database_when_it_is_not_sqlite(app, runner, tmp_path):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("runs on the PostgreSQL test database (TANDEM_TEST_DATABASE_URL)")
    result = runner.invoke(backup, [str(tmp_path / "copy.sqlite3")])
    assert result.exit_code == 1
    assert "pg_dump" in result.output


def test_refuses_an_in_memory_database():
    with pytest.raises(backup_module.click.ClickException, match="in memory"):
        backup_module.sqlite_path(make_url("sqlite://"))
