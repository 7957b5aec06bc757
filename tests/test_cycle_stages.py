"""Cycles as data (#9): the cycle files, a staged cycle's rounds and stages (each with its
own questions and record), the principal seeing each team's stage, learning targets.
Reflect – plan – act (Partners in Practice, Peer Partner Protocol) stays as it was."""
import copy
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEvent, CycleEntry
from webapp.programs import cycle_definitions, presets
from webapp.programs.cycle_definitions import CycleError, load_file

from . import factories

LT_STAGES = ["Analyze student data", "Set shared goals for student and educator learning",
             "Learn individually and collaboratively", "Implement the new learning with support",
             "Assess and reflect on the impact"]


def as_model(program, key):
    """The program as model `key` makes it."""
    model = presets.model(key)
    program.model_key, program.words = key, model.words()
    program.settings = copy.deepcopy(model.settings())
    db.session.commit()
    return program


@pytest.fixture
def team(program, teacher, partner, app):
    """A Learning Teams pair, today inside the program year."""
    app.config["TODAY"] = program.start_date + timedelta(days=40)
    as_model(program, "learning-teams")
    return factories.partnership_for(program, teacher, partner, focus_area="Reading data")


def log(client, partnership, *answers, stage_at=None, day=None):
    position = partnership.stage_position
    data = {"met_on": (day or partnership.program.start_date + timedelta(days=30)).isoformat(),
            "attendees": "Ana, Ben", "minutes": "40",
            "stage_at": stage_at or f"{position.round}:{position.stage['key']}",
            **{f"answer_{n}": text for n, text in enumerate(answers, 1)}}
    return client.post(f"/partnerships/{partnership.id}/cycles/new", data=data)


def move(client, partnership, stage_at=None):
    position = partnership.stage_position
    return client.post(f"/partnerships/{partnership.id}/cycles/stage", data={
        "stage_at": stage_at or f"{position.round}:{position.stage['key']}"})


# --- the cycle files ----------------------------------------------------------------------

def test_the_three_cycles_are_files_worded_from_the_seeds():
    cycles = cycle_definitions.load_cycles()
    assert set(cycles) == {"reflect-plan-act", "learning-team-5-stage", "coaching"}
    lt = cycles["learning-team-5-stage"]
    assert lt.staged and [s.name for s in lt.stages] == LT_STAGES
    assert all(s.prompts for s in lt.stages)
    rpa = cycles["reflect-plan-act"]
    assert not rpa.staged and rpa.stage_settings() == []
    assert rpa.stages[0].prompts == ("What we reflected on", "What we planned",
                                     "What we did (acted)", "Evidence and notes on student work")
    coaching = cycles["coaching"]
    assert coaching.staged and len(coaching.stages) >= 3
    assert any("honest" in s.name for s in coaching.stages)  # seed 001's words


@pytest.mark.parametrize("text, problem", [
    ('key = "x"\nname = "X"\nstaged = true\nstages = []', "stages: must list at least one"),
    ('key = "other"\nname = "X"\nstaged = false\n[[stages]]\nkey = "a"\nname = "A"\n'
     'prompts = ["q"]', "key: 'other' must match the file name"),
    ('key = "x"\nname = "X"\nstaged = true\n[[stages]]\nkey = "a"\nname = "A"\nprompts = []\n'
     '[[stages]]\nkey = "b"\nname = "B"\nprompts = ["q"]', "stages[0].prompts: must list"),
    ('key = "x"\nname = "X"\nstaged = true\n[[stages]]\nkey = "a"\nname = "A"\n'
     'prompts = ["q"]', "a staged cycle needs at least two stages"),
    ('key = "x"\nname = "X"\nstaged = "yes"', "staged: must be true or false"),
])
def test_a_broken_cycle_file_names_the_file_and_key(tmp_path, text, problem):
    path = tmp_path / "x.toml"
    path.write_text(text)
    with pytest.raises(CycleError, match="Cycle x.toml") as error:
        load_file(path)
    assert problem in str(error.value)


def test_a_new_cycle_is_a_new_file(tmp_path):
    for source in cycle_definitions.CYCLES_DIR.glob("*.toml"):
        (tmp_path / source.name).write_text(source.read_text())
    (tmp_path / "lesson-study.toml").write_text(
        'key = "lesson-study"\nname = "Lesson study"\nstaged = true\n'
        '[[stages]]\nkey = "plan"\nname = "Plan the research lesson"\nprompts = ["Goal?"]\n'
        '[[stages]]\nkey = "teach"\nname = "Teach and observe"\nprompts = ["Seen?"]\n')
    assert cycle_definitions.load_cycles(tmp_path)["lesson-study"].stage_settings()[1] == {
        "key": "teach", "name": "Teach and observe", "prompts": ["Seen?"]}


def test_a_program_from_a_staged_model_copies_its_stages(district):
    from webapp.programs.operations import program_from_model

    lt = program_from_model(district.id, presets.model("learning-teams"), 2026)
    assert [s["name"] for s in lt.settings["cycle_stages"]] == LT_STAGES
    assert lt.cycle_stages == lt.settings["cycle_stages"]
    coaching = program_from_model(district.id, presets.model("instructional-partners"), 2026)
    assert coaching.cycle_stages[0]["key"] == "focus"
    for key in ("partners-in-practice", "peer-partner-protocol", "ipi"):
        program = program_from_model(district.id, presets.model(key), 2026)
        assert program.cycle_stages == [] and "cycle_stages" not in program.settings


def test_a_program_from_before_models_has_no_stages(program):
    program.settings = {}
    db.session.commit()
    assert program.cycle_stages == []


# --- reflect – plan – act unchanged -------------------------------------------------------

@pytest.mark.parametrize("key", ["partners-in-practice", "peer-partner-protocol"])
def test_reflect_plan_act_keeps_its_one_entry_with_three_answers(
        key, as_teacher, partnership, program, app):
    as_model(program, key)
    app.config["TODAY"] = program.start_date + timedelta(days=40)
    assert partnership.stage_position is None
    page = as_teacher.get(f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    assert "What we reflected on" in page and "What we did (acted)" in page
    assert "Round 1" not in page and "stage_at" not in page and "Move on to stage" not in page
    response = as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
        "met_on": (program.start_date + timedelta(days=30)).isoformat(),
        "reflected": "We looked back", "planned": "Next week", "acted": "", "evidence": ""})
    assert response.status_code == 302
    entry = db.session.scalars(select(CycleEntry)).one()
    assert (entry.reflected, entry.planned, entry.stage, entry.answers) == (
        "We looked back", "Next week", "", [])
    assert as_teacher.post(f"/partnerships/{partnership.id}/cycles/stage",
                           data={"stage_at": ""}).status_code == 404


# --- a staged cycle -----------------------------------------------------------------------

def test_the_step_shows_the_current_stage_and_its_questions(as_teacher, team):
    page = as_teacher.get(f"/partnerships/{team.id}/cycles").get_data(as_text=True)
    assert "Round 1, stage 1 of 5: Analyze student data" in page
    assert "Which student data did the team look at" in page
    assert "What we reflected on" not in page
    assert "Move on to stage 2: Set shared goals for student and educator learning" in page


def test_a_record_belongs_to_its_round_and_stage_and_keeps_its_questions(as_teacher, team):
    response = log(as_teacher, team, "Running records of 24 readers", "Six need support")
    assert response.status_code == 302
    entry = db.session.scalars(select(CycleEntry)).one()
    assert (entry.cycle_round, entry.stage, entry.stage_name) == (
        1, "analyze", "Analyze student data")
    assert [a["answer"] for a in entry.answers] == ["Running records of 24 readers",
                                                    "Six need support"]
    assert entry.answers[0]["prompt"].startswith("Which student data did the team look at")
    assert entry.minutes == 40 and entry.reflected == ""
    # The district rewords the stage later: the record keeps the questions it answered.
    settings = copy.deepcopy(team.program.settings)
    settings["cycle_stages"][0]["prompts"] = ["A new question?"]
    team.program.settings = settings
    db.session.commit()
    page = as_teacher.get(f"/partnerships/{team.id}/cycles").get_data(as_text=True)
    assert "Which student data did the team look at" in page  # the record's own question
    assert "A new question?" in page  # the form asks the new one
    edit = as_teacher.get(f"/partnerships/cycles/{entry.id}/edit").get_data(as_text=True)
    assert "Which student data did the team look at" in edit and "A new question?" not in edit


def test_a_record_with_no_answer_is_refused_with_the_text_kept(as_teacher, team):
    response = log(as_teacher, team, "", "")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Answer at least one of this stage" in page
    assert "Ana, Ben" in page  # what was typed comes back
    assert db.session.scalars(select(CycleEntry)).all() == []


def test_members_move_through_the_stages_and_start_a_new_round(as_teacher, team):
    assert move(as_teacher, team).status_code == 302  # no record of the stage yet
    db.session.refresh(team)
    assert team.stage_position.number == 1
    for number in range(1, 6):
        log(as_teacher, team, f"Record of stage {number}")
        db.session.refresh(team)
        assert move(as_teacher, team).status_code == 302
        db.session.refresh(team)
    position = team.stage_position
    assert (position.round, position.number, position.stage["name"]) == (
        2, 1, "Analyze student data")
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "cycle_stage_moved").order_by(AuditEvent.id)).all()
    assert len(events) == 5
    assert events[0].detail == ("round 1, Analyze student data → round 1, "
                                "Set shared goals for student and educator learning")
    assert events[-1].detail == ("round 1, Assess and reflect on the impact → "
                                 "round 2, Analyze student data")
    assert events[0].subject == f"partnership {team.id}"
    log(as_teacher, team, "Round two's data")
    page = as_teacher.get(f"/partnerships/{team.id}/cycles").get_data(as_text=True)
    # Round 2 first, and round 1's history still there, each record under its stage.
    assert page.index("Round 2") < page.index("Round 1") and "Record of stage 5" in page
    assert page.index("Round two&#39;s data") < page.index("Record of stage 1")


def test_a_second_click_or_a_stale_page_does_not_move_twice(as_teacher, team):
    log(as_teacher, team, "Data")
    db.session.refresh(team)
    seen = f"1:{team.stage_position.stage['key']}"
    move(as_teacher, team, stage_at=seen)
    response = move(as_teacher, team, stage_at=seen)
    assert response.status_code == 302
    db.session.refresh(team)
    assert team.stage_position.number == 2
    page = as_teacher.get(response.location).get_data(as_text=True)
    assert "The team is at stage 2, Set shared goals" in page


def test_a_record_written_at_a_stage_the_team_left_is_kept_not_misfiled(
        as_teacher, team, partner, signed_in):
    log(as_teacher, team, "Data")
    db.session.refresh(team)
    move(signed_in(partner), team)  # the partner moved on meanwhile
    response = log(as_teacher, team, "Written at stage one", stage_at="1:analyze")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The team moved on to stage 2" in page and "Written at stage one" in page
    assert db.session.query(CycleEntry).count() == 1


def test_only_members_move_the_team(team, signed_in, principal, other_teacher):
    log_client = signed_in(team.members[0])
    log(log_client, team, "Data")
    for user in (principal, other_teacher):
        assert move(signed_in(user), team).status_code == 403
    db.session.refresh(team)
    assert team.stage_position.number == 1


def test_a_completed_team_does_not_move(as_teacher, team):
    from webapp.models.base import utcnow

    log(as_teacher, team, "Data")
    team.completed_at = utcnow()
    db.session.commit()
    move(as_teacher, team)
    db.session.refresh(team)
    assert team.stage_position.number == 1


# --- the principal sees the stage, not the private notes ----------------------------------

def test_the_principal_sees_each_teams_stage_but_not_private_records(
        as_teacher, as_principal, team):
    log(as_teacher, team, "A private remark about one child")
    db.session.refresh(team)
    move(as_teacher, team)
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Cycle: round 1, stage 2 of 5: Set shared goals for student and educator learning" in board
    overview = as_principal.get(f"/partnerships/{team.id}/").get_data(as_text=True)
    assert "Round 1, stage 2 of 5" in overview
    assert "A private remark" not in overview and "Move on to stage" not in overview
    team.share_cycles_with_principal = True
    db.session.commit()
    overview = as_principal.get(f"/partnerships/{team.id}/").get_data(as_text=True)
    assert "A private remark about one child" in overview


def test_no_stage_on_a_partners_in_practice_dashboard(as_principal, partnership, program):
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert partnership.focus_area or "New partnership" in board
    assert "Round 1" not in board and "stage 1 of" not in board


def test_the_reflection_record_prints_each_stage_record_with_its_questions(as_teacher, team):
    from webapp.documents import context as documents

    log(as_teacher, team, "Running records", "Six need support")
    cycles = documents.reflection_record(team, include_cycles=True)["cycles"]
    row = cycles["rows"][0]
    assert "Round 1, Analyze student data" in row["heading"]
    assert [f["value"] for f in row["fields"]] == ["Running records", "Six need support"]
    assert row["fields"][0]["label"].startswith("Which student data")


# --- learning targets ---------------------------------------------------------------------

def test_learning_targets_are_shown_to_teachers_and_principals(as_teacher, as_principal, team):
    targets = team.program.practice("learning_targets")
    for url in (f"/partnerships/{team.id}/cycles", f"/partnerships/{team.id}/"):
        assert targets["teachers"] in as_teacher.get(url).get_data(as_text=True)
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert targets["principals"] in board


def test_no_learning_targets_without_the_practice(as_teacher, as_principal, partnership):
    page = as_teacher.get(f"/partnerships/{partnership.id}/").get_data(as_text=True)
    assert "Our learning target" not in page
    assert "learning target" not in as_principal.get("/dashboard/").get_data(as_text=True)


# --- the program form: stages and learning targets, editable for the year ----------------

def test_a_new_learning_teams_program_shows_its_stages_and_targets_to_edit(as_admin):
    from tests.test_rollover import form_values
    from webapp.models import Program

    shown = form_values(as_admin.get("/programs/new?model=learning-teams").get_data(as_text=True))
    assert [shown[f"cycle_stage_rows-{n}-name"] for n in range(5)] == LT_STAGES
    assert shown["cycle_stage_rows-0-prompts"].startswith("Which student data")
    assert shown["target_parents_community"].startswith("I can describe the benefits")
    shown["cycle_stage_rows-2-name"] = "Learn together"
    shown["cycle_stage_rows-2-prompts"] = "What did we read?\n\nWho taught us?\n"
    shown["target_teachers"] = "I can learn with my team."
    assert as_admin.post("/programs/new?model=learning-teams", data=shown).status_code == 302
    program = db.session.scalar(select(Program))
    stages = program.cycle_stages
    assert [s["key"] for s in stages] == ["analyze", "goals", "learn", "implement", "assess"]
    assert stages[2] == {"key": "learn", "name": "Learn together",
                         "prompts": ["What did we read?", "Who taught us?"]}
    assert stages[0]["prompts"][0].startswith("Which student data")
    assert program.practice("learning_targets")["teachers"] == "I can learn with my team."


def test_a_stage_without_name_or_question_is_refused_with_the_text_kept(as_admin, program):
    from tests.test_rollover import form_values

    as_model(program, "learning-teams")
    shown = form_values(as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True))
    shown["cycle_stage_rows-1-name"] = ""
    shown["cycle_stage_rows-3-prompts"] = "  \n"
    shown["target_principals"] = "I can lead <my> team"
    response = as_admin.post(f"/programs/{program.id}/edit", data=shown)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Name the stage." in page and "Ask at least one question" in page
    assert "I can lead &lt;my&gt; team" in page
    db.session.refresh(program)
    assert program.cycle_stages[1]["name"] == LT_STAGES[1]


def test_the_edited_words_reach_the_teams_page(as_admin, as_teacher, team):
    from tests.test_rollover import form_values

    shown = form_values(as_admin.get(f"/programs/{team.program.id}/edit").get_data(as_text=True))
    shown["cycle_stage_rows-0-name"] = "Look at our data"
    shown["cycle_stage_rows-0-prompts"] = "What did the <data> say?"
    assert as_admin.post(f"/programs/{team.program.id}/edit", data=shown).status_code == 302
    page = as_teacher.get(f"/partnerships/{team.id}/cycles").get_data(as_text=True)
    assert "Round 1, stage 1 of 5: Look at our data" in page
    assert "What did the &lt;data&gt; say?" in page


def test_a_partners_in_practice_form_has_no_stages_or_targets(as_admin, program):
    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert "cycle_stage_rows" not in page and "target_teachers" not in page


def test_an_expired_stage_record_reads_with_its_questions(as_teacher, team):
    response = as_teacher.post(f"/partnerships/{team.id}/cycles/new", csrf=False, data={
        "met_on": team.program.start_date.isoformat(), "stage_at": "1:analyze",
        "answer_1": "Running records"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Which student data did the team look at" in page and "Running records" in page


def test_step_five_is_named_after_a_staged_cycle(app, program):
    """The wizard's step 5 is "Five-stage cycle" for Learning Teams and "Coaching cycle"
    for Instructional Partners; reflect – plan – act keeps its title."""
    from webapp.partnerships import steps

    cycles = steps.BY_KEY["cycles"]
    assert program.step_title(cycles) == "Reflect – plan – act"
    for key, title in (("learning-teams", "Five-stage cycle"),
                       ("instructional-partners", "Coaching cycle"),
                       ("peer-partner-protocol", "Reflect – plan – act")):
        as_model(program, key)
        assert program.step_title(cycles) == title
        assert program.step_title(steps.BY_KEY["objective"]) == "Objective"
