"""Migrations keep existing data (SQLite rebuilds tables to alter them)."""
import sqlite3

from flask_migrate import downgrade, upgrade

from webapp import create_app
from webapp.extensions import db


def test_upgrade_keeps_rows_that_refer_to_rebuilt_tables(tmp_path):
    path = tmp_path / "old.sqlite3"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade(revision="0002")
        with sqlite3.connect(path) as conn:
            conn.executescript("""
                INSERT INTO district (id, name, created_at) VALUES (1, 'D', '2026-01-01');
                INSERT INTO school (id, district_id, name, created_at) VALUES (1, 1, 'S', '2026-01-01');
                INSERT INTO user (id, district_id, school_id, name, email, role, grade_band,
                  subject, active, session_token, created_at)
                  VALUES (1, 1, 1, 'T', 't@x.org', 'teacher', '', '', 1, 'tok', '2026-01-01');
                INSERT INTO program (id, district_id, name, start_date, end_date,
                  interest_deadline, partner_deadline, goal_deadline, visits_deadline,
                  reflection_deadline, focus_areas, approaches, rubric_indicators,
                  release_days, created_at)
                  VALUES (1, 1, 'P', '2026-08-15', '2027-06-30', '2026-09-30', '2026-10-15',
                  '2026-10-30', '2027-03-31', '2027-05-31', '[]', '[]', '[]', 3, '2026-01-01');
                INSERT INTO partnership (id, program_id, school_id, created_by_id, created_at,
                  focus_area, rubric_indicators, objective, student_goal, educator_goal,
                  objective_source, approaches, approach_other, approach_plan,
                  communication_plan, cadence, cycles_done, share_cycles_with_principal,
                  impact_evidence, objective_version, approach_version, timeline_version,
                  impact_version, saved_by)
                  VALUES (1, 1, 1, 1, '2026-01-01', 'F', '[]', 'O', '', '', '', '[]', '', '',
                  '', '', 0, 0, '', 0, 0, 0, 0, '{}');
                INSERT INTO membership (id, partnership_id, user_id, status, invited_at)
                  VALUES (1, 1, 1, 'accepted', '2026-01-01');
                INSERT INTO cycle_entry (id, partnership_id, author_id, met_on, attendees,
                  reflected, planned, acted, evidence, version, created_at, updated_at)
                  VALUES (1, 1, 1, '2026-09-01', '', 'kept', '', '', '', 1, '2026-01-01',
                  '2026-01-01');
            """)
        upgrade()
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM membership").fetchone() == (1,)
            assert conn.execute("SELECT reflected FROM cycle_entry").fetchone() == ("kept",)
        # Foreign keys are enforced again on the app's connections afterwards.
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        downgrade(revision="base")
        upgrade()
        db.engine.dispose()
