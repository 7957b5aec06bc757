"""Teams formed by the principal (#9, seed 002): on a Learning Teams program the principal
forms a team at once, of up to the program's maximum; other programs keep suggested
matches that each teacher accepts."""
from __future__ import annotations

import re
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


def test_forming_a_team_does_not_speak_of_invitations(as_principal, learning_teams, staff,
                                                      district):
    """The team is formed at once: its form names no invitation nor a match (seed 004's
    wording), while a suggested match keeps it."""
    form = as_principal.get("/dashboard/matches/new").get_data(as_text=True)
    said = re.sub(r"<[^>]+>", " ", form.split("<main", 1)[1]).lower()  # the words shown
    assert "teachers of the team" in said and "formed at once" in said
    for words in ("invitation", "match", "suggest"):
        assert words not in said, words
    other = factories.program_from_model(district, "peer-partner-protocol", 2026)
    learning_teams.end_date = other.start_date.replace(year=2000)  # only the other runs
    db.session.commit()
    form = as_principal.get("/dashboard/matches/new").get_data(as_text=True)
    assert "Teachers to match" in form and "Each teacher gets an invitation" in form


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


def test_the_district_sets_group_size_and_who_forms_teams(as_admin, program, as_principal):
    """Everything the model sets can be changed for the year: here the group and who
    forms it; a form posted without them keeps the program's own."""
    import copy

    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert 'name="group_min" type="number" value="2"' in page
    assert 'checked id="formed_by-0" name="formed_by" type="radio" value="teachers"' in page
    data = {"name": program.name, "start_date": program.start_date.isoformat(),
            "end_date": program.end_date.isoformat(), "focus_areas": "Reading",
            "release_days": "3", "visit_form_title": "Visitation Form",
            "group_min": "3", "group_max": "2", "formed_by": "principal"}
    refused = as_admin.post(f"/programs/{program.id}/edit", data=data)
    assert "The most members cannot be fewer than the fewest." in refused.get_data(as_text=True)
    saved = as_admin.post(f"/programs/{program.id}/edit", data={**data, "group_max": "5"})
    assert saved.status_code == 302
    db.session.refresh(program)
    assert program.group_size == (3, 5) and program.principal_forms_teams
    form = as_principal.get("/dashboard/matches/new").get_data(as_text=True)
    assert "<h1>Form a team</h1>" in form and "Choose 3 to 5 teachers." in form
    kept = copy.deepcopy(program.settings["group"])
    partial = {k: v for k, v in data.items() if not k.startswith(("group", "formed"))}
    assert as_admin.post(f"/programs/{program.id}/edit", data=partial).status_code == 302
    db.session.refresh(program)
    assert program.settings["group"] == kept
