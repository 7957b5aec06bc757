"""Command line: create-user, invite, demo."""
from datetime import date

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Role, School, User


def test_create_first_admin_prints_invitation_link(app):
    result = app.test_cli_runner().invoke(args=[
        "create-user", "--email", "Boss@Example.org", "--name", "Dana Boss",
        "--role", "district_admin", "--district", "Park West School Division"])
    assert result.exit_code == 0, result.output
    assert "http://tandem.test/auth/set-password/" in result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.role, user.district.name) == (
        "boss@example.org", Role.DISTRICT_ADMIN, "Park West School Division")


def test_create_user_with_password_and_new_school(app, client):
    passphrase = "maple syrup on a snowy morning"
    result = app.test_cli_runner().invoke(args=[
        "create-user", "--email", "t@example.org", "--name", "Tia Teach", "--role", "teacher",
        "--school", "Hillside School", "--password", passphrase])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(School.name)) == "Hillside School"
    assert client.login("t@example.org", passphrase).status_code == 302


def test_create_user_refuses_bad_input(app):
    runner = app.test_cli_runner()
    no_school = runner.invoke(args=["create-user", "--email", "a@b.org", "--name", "A",
                                    "--role", "teacher"])
    assert no_school.exit_code != 0 and "need a school" in no_school.output
    bad_role = runner.invoke(args=["create-user", "--email", "a@b.org", "--name", "A",
                                   "--role", "wizard"])
    assert bad_role.exit_code != 0
    weak = runner.invoke(args=["create-user", "--email", "a@b.org", "--name", "A",
                               "--role", "district_admin", "--password", "password1234"])
    assert weak.exit_code != 0 and "too common" in weak.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_demo_fills_empty_database_once(app, client):
    runner = app.test_cli_runner()
    passphrase = "demo passphrase for scripted runs"
    result = runner.invoke(args=["demo", "--password", passphrase])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(School)) == 5
    by_role = dict(db.session.execute(
        select(User.role, func.count()).group_by(User.role)).all())
    assert by_role == {Role.DISTRICT_ADMIN: 1, Role.PRINCIPAL: 5, Role.TEACHER: 33}
    assert "xavier.moreau@demo.tandem.school" in result.output
    for email in ("xavier.moreau@demo.tandem.school", "ursula.grant@demo.tandem.school",
                  "ana.gomez@demo.tandem.school"):
        assert email in result.output
    assert client.login("ana.gomez@demo.tandem.school", passphrase).status_code == 302
    again = runner.invoke(args=["demo"])
    assert again.exit_code != 0 and "empty" in again.output


def test_invite_command_prints_a_fresh_link(app, teacher):
    result = app.test_cli_runner().invoke(args=["invite", "--email", teacher.email])
    assert result.exit_code == 0
    assert result.output.strip().startswith("http://tandem.test/auth/set-password/")


def test_demo_runs_three_programs_in_different_schools(app):
    """#9: Partners in Practice and Learning Teams side by side, and a school on IPI."""
    from webapp.models import Partnership
    from webapp.programs.operations import current_program

    app.config["TODAY"] = date(2026, 11, 22)
    result = app.test_cli_runner().invoke(args=["demo", "--password", "a demo passphrase"])
    assert result.exit_code == 0, result.output
    schools = db.session.scalars(select(School).order_by(School.name)).all()
    models = {s.name: current_program(s.district_id, date(2026, 11, 22), s.id).model_key
              for s in schools}
    assert models == {
        "Cedar Ridge Elementary": "learning-teams",
        "Lakeview Middle School": "partners-in-practice",
        "Maple Grove Middle School": "ipi",
        "Park West High School": "partners-in-practice",
        "Riverside Elementary": "partners-in-practice"}
    # Each program has partnerships of its own school's teachers.
    for partnership in db.session.scalars(select(Partnership)):
        school = db.session.get(School, partnership.school_id)
        assert partnership.program.model_key == models[school.name]
    teams = db.session.scalars(select(Partnership).join(Partnership.program).where(
        Partnership.program.has(model_key="learning-teams"))).all()
    assert sorted(len(t.members) for t in teams) == [3, 3]
