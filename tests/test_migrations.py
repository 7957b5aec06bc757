"""Migrations keep existing data (SQLite rebuilds tables to alter them)."""
import sqlite3

from flask_migrate import downgrade, upgrade

from webapp import create_app
from webapp.extensions import db


# A district, school, teacher and program as tables stood at revision 0002 (still
# so at 0004), then a partnership of them.
ORG_AT_0002 = """
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
"""
ROWS_AT_0002 = ORG_AT_0002 + """
INSERT INTO partnership (id, program_id, school_id, created_by_id, created_at,
  focus_area, rubric_indicators, objective, student_goal, educator_goal,
  objective_source, approaches, approach_other, approach_plan,
  communication_plan, cadence, cycles_done, share_cycles_with_principal,
  impact_evidence, objective_version, approach_version, timeline_version,
  impact_version, saved_by)
  VALUES (1, 1, 1, 1, '2026-01-01', 'F', '[]', 'O', '', '', '', '[]', '', '',
  '', '', 0, 0, '', 0, 0, 0, 0, '{}');
"""


def _app_on_a_file(tmp_path):
    """An app on an SQLite file of its own, to fill at an older revision and upgrade."""
    path = tmp_path / "old.sqlite3"
    return create_app({"TESTING": True, "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path),
                       "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}), path


def test_upgrade_keeps_rows_that_refer_to_rebuilt_tables(tmp_path):
    app, path = _app_on_a_file(tmp_path)
    with app.app_context():
        upgrade(revision="0002")
        with sqlite3.connect(path) as conn:
            conn.executescript(ROWS_AT_0002 + """
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


def test_0004_gives_old_audit_events_their_district(tmp_path):
    """Events from before the audit log was scoped by district: an actor's event and a
    failed sign-in naming a known account are their district's; an unknown email's none."""
    app, path = _app_on_a_file(tmp_path)
    with app.app_context():
        upgrade(revision="0003")
        with sqlite3.connect(path) as conn:
            conn.executescript("""
                INSERT INTO district (id, name, created_at) VALUES (7, 'D', '2026-01-01');
                INSERT INTO user (id, district_id, name, email, role, grade_band, subject,
                  active, session_token, created_at)
                  VALUES (1, 7, 'A', 'a@x.org', 'district_admin', '', '', 1, 't', '2026-01-01');
                INSERT INTO audit_event (id, created_at, actor_id, action, subject, detail, address)
                  VALUES (1, '2026-01-01', 1, 'sign_in', 'a@x.org', '', ''),
                         (2, '2026-01-01', NULL, 'sign_in_failed', 'a@x.org', '', ''),
                         (3, '2026-01-01', NULL, 'sign_in_failed', 'nobody@x.org', '', '');
            """)
        upgrade()
        with sqlite3.connect(path) as conn:
            rows = conn.execute("SELECT id, district_id FROM audit_event ORDER BY id").fetchall()
        assert rows == [(1, 7), (2, 7), (3, None)]
        db.engine.dispose()


def test_0005_keeps_visits_counted_in_their_partnerships_program(tmp_path):
    """Visits from before a partnership could be carried into a later year (#9) keep
    their rows, with no program of their own: they count in the partnership's."""
    app, path = _app_on_a_file(tmp_path)
    with app.app_context():
        upgrade(revision="0004")
        with sqlite3.connect(path) as conn:
            conn.executescript(ORG_AT_0002 + """
                INSERT INTO partnership (id, program_id, school_id, created_by_id, created_at,
                  focus_area, rubric_indicators, objective, student_goal, educator_goal,
                  objective_source, approaches, approach_other, approach_plan,
                  communication_plan, cadence, cycles_done, share_cycles_with_principal,
                  impact_evidence, objective_version, approach_version, timeline_version,
                  impact_version, saved_by, reopen_reason)
                  VALUES (1, 1, 1, 1, '2026-01-01', 'F', '[]', 'O', '', '', '', '[]', '', '',
                  '', '', 0, 0, '', 0, 0, 0, 0, '{}', '');
                INSERT INTO visit (id, partnership_id, visitor_id, visitor_name, visitor_school,
                  proposed_date, location, visited_name, length_days, purpose, status,
                  requested_at, principal_comment, district_comment, learned_1, learned_2,
                  learned_3, impact, next_steps, notes, followup_request)
                  VALUES (1, 1, 1, 'T', 'S', '2026-10-01', 'Room 1', 'U', 1.0, 'kept',
                  'approved', '2026-09-01', '', '', '', '', '', '', '', '', '');
            """)
        upgrade()
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT purpose, program_id FROM visit").fetchone() == (
                "kept", None)
        downgrade(revision="0004")
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT purpose FROM visit").fetchone() == ("kept",)
        db.engine.dispose()


def test_0006_makes_existing_programs_partners_in_practice_with_their_edits(tmp_path):
    """A program made before models keeps its name, dates, lists and release days, and
    gets Partners in Practice's model key, today's words and the model's settings."""
    import json

    from webapp.programs import presets

    app, path = _app_on_a_file(tmp_path)
    with app.app_context():
        upgrade(revision="0005")
        with sqlite3.connect(path) as conn:
            conn.executescript("""
                INSERT INTO district (id, name, created_at) VALUES (1, 'D', '2026-01-01');
                INSERT INTO program (id, district_id, name, start_date, end_date,
                  interest_deadline, partner_deadline, goal_deadline, visits_deadline,
                  reflection_deadline, focus_areas, approaches, rubric_indicators,
                  release_days, created_at)
                  VALUES (1, 1, 'Our Partners 2026/27', '2026-08-20', '2027-06-25',
                  '2026-09-29', '2026-10-14', '2026-10-29', '2027-03-30', '2027-05-30',
                  '["Our own focus"]', '["Our own approach"]', '["2.1 Questioning"]', 2,
                  '2026-01-01');
            """)
        # 0011 moves the five dated columns into settings (test_0011 below).
        upgrade(revision="0006")
        with sqlite3.connect(path) as conn:
            row = conn.execute("SELECT name, start_date, reflection_deadline, focus_areas, "
                               "approaches, rubric_indicators, release_days, model_key, "
                               "words, settings FROM program").fetchone()
        pip = presets.load_models()["partners-in-practice"]
        assert row[:7] == ("Our Partners 2026/27", "2026-08-20", "2027-05-30",
                           '["Our own focus"]', '["Our own approach"]', '["2.1 Questioning"]', 2)
        assert row[7] == "partners-in-practice"
        assert json.loads(row[8]) == pip.words()
        settings = json.loads(row[9])
        assert settings["practices"]["visits"]["release_days"] == 2
        settings["practices"]["visits"]["release_days"] = 3
        expected = pip.settings()
        # Added to models after 0006; a program without it is formed by its teachers.
        assert expected["group"].pop("formed_by") == "teachers"
        assert settings == expected
        downgrade(revision="0005")
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT name FROM program").fetchone() == ("Our Partners 2026/27",)
        db.engine.dispose()


def test_0011_moves_each_programs_deadlines_into_its_own_list(tmp_path):
    """The five dated columns become the program's list (settings["deadlines"], full
    dates): a district's edited dates exactly, each with its name and what completes it;
    a program whose model has no deadlines (Dallas) keeps none. The columns go."""
    import json

    app, path = _app_on_a_file(tmp_path)
    month_days = [{"key": key, "name": name, "date": md, "completed_by": kind}
                  for key, name, md, kind in (
                      ("interest", "Tell your school administrator of your interest", "09-30",
                       "interest"),
                      ("partner", "Identify the colleague you will work with", "10-15",
                       "partner"),
                      ("goal", "Identify a common goal or area of focus", "10-30", "goal"),
                      ("visits", "Visit each other's classroom", "03-31", "visits"),
                      ("reflection", "Reflect upon and provide evidence of the impact of your "
                       "collective work", "05-31", "reflections"))]
    with app.app_context():
        upgrade(revision="0010")
        with sqlite3.connect(path) as conn:
            conn.execute("INSERT INTO district (id, name, created_at) "
                         "VALUES (1, 'D', '2026-01-01')")
            insert = ("INSERT INTO program (id, district_id, name, start_date, end_date, "
                      "interest_deadline, partner_deadline, goal_deadline, visits_deadline, "
                      "reflection_deadline, focus_areas, approaches, rubric_indicators, "
                      "release_days, created_at, model_key, words, settings) VALUES "
                      "(?, 1, ?, '2026-08-20', '2027-06-25', ?, ?, ?, ?, ?, '[]', '[]', '[]', "
                      "3, '2026-01-01', ?, '{}', ?)")
            # Edited dates (a day earlier than the model's, the goal in November).
            conn.execute(insert, (1, "Our Partners 2026/27", "2026-09-29", "2026-10-14",
                                  "2026-11-06", "2027-03-30", "2027-05-30",
                                  "partners-in-practice",
                                  json.dumps({"deadlines": month_days, "cycle": "x"})))
            # Dallas: no deadlines listed, the columns held the year's last day.
            conn.execute(insert, (2, "Peer Partners 2026/27", *["2027-06-25"] * 5,
                                  "peer-partner-protocol", json.dumps({"deadlines": []})))
        upgrade(revision="0011")
        with sqlite3.connect(path) as conn:
            rows = dict(conn.execute("SELECT id, settings FROM program").fetchall())
            columns = [r[1] for r in conn.execute("PRAGMA table_info(program)")]
        ours, dallas = json.loads(rows[1]), json.loads(rows[2])
        assert ours["cycle"] == "x"  # the rest of the settings as they were
        assert [(d["key"], d["date"], d["completed_by"]) for d in ours["deadlines"]] == [
            ("interest", "2026-09-29", "interest"), ("partner", "2026-10-14", "partner"),
            ("goal", "2026-11-06", "goal"), ("visits", "2027-03-30", "visits"),
            ("reflection", "2027-05-30", "reflections")]
        assert [d["name"] for d in ours["deadlines"]] == [d["name"] for d in month_days]
        assert dallas["deadlines"] == []
        assert not [c for c in columns if c.endswith("_deadline")]
        with app.test_request_context():
            from webapp.models import Program

            program = db.session.get(Program, 1)
            assert program.deadline("goal").isoformat() == "2026-11-06"
            assert db.session.get(Program, 2).deadlines == []
            db.session.remove()
        # Down again: the columns come back with the dates, month-days in the settings.
        downgrade(revision="0010")
        with sqlite3.connect(path) as conn:
            row = conn.execute("SELECT goal_deadline, reflection_deadline, settings FROM "
                               "program WHERE id = 1").fetchone()
        assert row[:2] == ("2026-11-06", "2027-05-30")
        assert [d["date"] for d in json.loads(row[2])["deadlines"]] == [
            "09-29", "10-14", "11-06", "03-30", "05-30"]
        db.engine.dispose()


def test_0010_puts_existing_partnerships_at_round_one_and_keeps_their_entries(tmp_path):
    """Existing entries stay reflect – plan – act meetings (no stage, no answers) and each
    partnership starts at round 1, first stage, read back through the models."""
    from webapp.models import CycleEntry, Partnership

    app, path = _app_on_a_file(tmp_path)
    with app.app_context():
        upgrade(revision="0002")
        with sqlite3.connect(path) as conn:
            conn.executescript(ROWS_AT_0002 + """
                INSERT INTO cycle_entry (id, partnership_id, author_id, met_on, attendees,
                  reflected, planned, acted, evidence, version, created_at, updated_at)
                  VALUES (1, 1, 1, '2026-09-01', '', 'kept', 'planned', '', '', 1,
                  '2026-01-01', '2026-01-01');
            """)
        upgrade()
        partnership = db.session.get(Partnership, 1)
        assert (partnership.cycle_round, partnership.cycle_stage) == (1, "")
        assert partnership.stage_position is None  # Partners in Practice: no stages
        entry = db.session.get(CycleEntry, 1)
        assert (entry.reflected, entry.planned) == ("kept", "planned")
        assert (entry.cycle_round, entry.stage, entry.stage_name, entry.answers) == (
            None, "", "", [])
        db.session.remove()
        downgrade(revision="0009")
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT reflected FROM cycle_entry").fetchone() == ("kept",)
        db.engine.dispose()
