"""Teams formed by the principal (#9, seed 002): on a Learning Teams program the principal
forms a team at once, of up to the program's maximum; other programs keep suggested
matches that each teacher accepts."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from webapp import mail
from webapp.extensions import db
from webapp.models import AuditEvent, MemberStatus, Notice, Partnership
from webapp.programs import presets
from webapp.programs.operations import program_from_model

from . import factories

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today(app):
    app.config["TODAY"] = TODAY


@pytest.fixture
def learning_teams(district):
    program = program_from_model(district.id, presets.model("learning-teams"), 2026)
    db.session.add(program)
    db.session.commit()
    return program


@pytest.fixture
def staff(school):
    return [factories.UserFactory(school=school, name=f"Teacher {n}") for n in range(9)]


def test_principal_forms_a_learning_team_at_once(as_principal, learning_teams, principal,
                                                 staff, signed_in):
    form = as_principal.get("/dashboard/matches/new").get_data(as_text=True)
    assert "<h1>Form a team</h1>" in form and "Choose 2 to 8 teachers." in form
    chosen = staff[:3]
    response = as_principal.post("/dashboard/matches/new", data={
        "teacher_ids": [str(t.id) for t in chosen], "note": "Grade 4 <team>"})
    team = db.session.scalar(select(Partnership))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/partnerships/{team.id}/")
    assert team.is_formed and team.program_id == learning_teams.id
    assert {(m.user_id, m.status, m.invited_by_id) for m in team.memberships} == {
        (t.id, MemberStatus.ACCEPTED, principal.id) for t in chosen}
    assert sorted(m.to for m in mail.read_outbox()) == sorted(t.email for t in chosen)
    assert "formed a learning team with you" in mail.read_outbox()[0].subject
    notices = db.session.scalars(select(Notice).where(Notice.user_id == chosen[0].id)).all()
    assert len(notices) == 1 and "Teacher 1, Teacher 2" in notices[0].message
    assert db.session.scalar(select(AuditEvent.action).where(
        AuditEvent.action == "team_formed")) == "team_formed"
    # A member finds the team ready, with no invitation to answer.
    home = signed_in(chosen[0]).get("/").get_data(as_text=True)
    assert f"/partnerships/{team.id}/invitation" not in home
    assert signed_in(chosen[0]).get(f"/partnerships/{team.id}/").status_code == 200


def test_a_team_has_at_most_the_programs_maximum(as_principal, learning_teams, staff):
    response = as_principal.post("/dashboard/matches/new", data={
        "teacher_ids": [str(t.id) for t in staff], "note": "Everyone together"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose between 2 and 8 teachers; you chose 9." in page
    assert "Everyone together" in page  # the note is kept
    assert db.session.scalar(select(Partnership)) is None


def test_partners_in_practice_still_suggests_and_teachers_accept(as_principal, program,
                                                                 teacher, partner):
    form = as_principal.get("/dashboard/matches/new").get_data(as_text=True)
    assert "<h1>Suggest a match</h1>" in form
    as_principal.post("/dashboard/matches/new",
                      data={"teacher_ids": [str(teacher.id), str(partner.id)]})
    match = db.session.scalar(select(Partnership))
    assert {m.status for m in match.memberships} == {MemberStatus.INVITED}
    assert "Suggest a match" in as_principal.get("/dashboard/").get_data(as_text=True)


def test_school_dashboard_offers_forming_a_team(as_principal, learning_teams, principal,
                                               staff):
    as_principal.post("/dashboard/matches/new",
                      data={"teacher_ids": [str(t.id) for t in staff[:2]]})
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert ">Form a team</a>" in page and "Suggest a match" not in page
    assert f"formed by {principal.name}" in page and "suggested by" not in page


def test_a_model_naming_an_unknown_former_is_refused(tmp_path):
    source = (presets.MODELS_DIR / "learning-teams.toml").read_text(encoding="utf-8")
    broken = Path(tmp_path / "learning-teams.toml")
    broken.write_text(source.replace('formed_by = "principal"', 'formed_by = "district"'),
                      encoding="utf-8")
    with pytest.raises(presets.ModelError, match="group.formed_by"):
        presets.load_file(broken)
