"""Database wiring: SQLite pragmas, and writers that wait instead of failing."""
import threading

import pytest
from sqlalchemy import func, select, text

from webapp.extensions import db
from webapp.models import School

from . import factories


def test_connection_settings(app):
    """SQLite: WAL, foreign keys, busy timeout. PostgreSQL: pre-ping, read committed."""
    if db.engine.dialect.name == "postgresql":
        assert db.engine.pool._pre_ping
        with db.engine.connect() as conn:
            assert conn.execute(text("SHOW transaction_isolation")).scalar() == "read committed"
        return
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_concurrent_read_then_write_transactions_never_fail(app, district):
    """Eight writers, each reading then writing in one transaction, on separate connections."""
    district_id = district.id
    db.session.commit()
    failures: list[Exception] = []

    def writer(worker: int) -> None:
        with app.app_context():
            try:
                for n in range(15):
                    count = db.session.scalar(select(func.count()).select_from(School))
                    db.session.add(School(district_id=district_id,
                                          name=f"School {worker}-{n} after {count}"))
                    db.session.commit()
            except Exception as error:  # noqa: BLE001 - the test reports any failure
                failures.append(error)
                db.session.rollback()

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert db.session.scalar(select(func.count()).select_from(School)) == 8 * 15


def test_foreign_keys_enforced(app, district):
    from sqlalchemy.exc import IntegrityError

    db.session.add(School(district_id=district.id + 999, name="Orphan"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_email_is_stored_lower_case(school):
    user = factories.UserFactory(school=school, email="  Mixed.Case@Example.ORG ")
    assert user.email == "mixed.case@example.org"
