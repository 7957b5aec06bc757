"""The program models: every file loads and is checked; a broken file is refused by name."""
import shutil
from datetime import date

import pytest

from forms import program_defaults
from webapp import create_app
from webapp.programs import presets
from webapp.programs.operations import default_program

KEYS = {"partners-in-practice", "instructional-partners", "learning-teams",
        "peer-partner-protocol", "ipi"}


def test_every_model_file_loads():
    models = presets.load_models()
    assert list(models) == ["partners-in-practice", "instructional-partners", "learning-teams",
                            "peer-partner-protocol", "ipi"]  # listed in the seeds' order
    for model in models.values():
        assert set(model.intros) == set(presets.STEP_KEYS)
        assert model.visit_form_title and model.lists["focus_areas"]


def test_the_app_loads_the_models_at_start_up(app):
    assert set(presets.MODELS) == KEYS
    assert presets.model("learning-teams").cycle == "learning-team-5-stage"
    assert presets.model(None).key == "partners-in-practice"


def test_partners_in_practice_is_todays_program():
    """Seed 000's model gives what the app set up before models: deadlines, lists, days."""
    pip = presets.load_models()["partners-in-practice"]
    assert [(d.key, d.month, d.day, d.name, d.completed_by) for d in pip.deadlines] == [
        # Seed 000's timeline, as the app's five deadlines were worded before models.
        ("interest", 9, 30, "Tell your school administrator of your interest", "interest"),
        ("partner", 10, 15, "Identify the colleague you will work with", "partner"),
        ("goal", 10, 30, "Identify a common goal or area of focus", "goal"),
        ("visits", 3, 31, "Visit each other's classroom", "visits"),
        ("reflection", 5, 31,
         "Reflect upon and provide evidence of the impact of your collective work",
         "reflections")]
    assert pip.lists["focus_areas"] == [  # the lists Tandem offered before models
        "Analyzing current levels of achievement", "Setting achievement goals",
        "Identifying essential and valued student learning",
        "Constructing common lessons or unit plans",
        "Developing common formative and common summative assessments",
        "Sharing instructional strategies", "Researching best practices"]
    assert pip.lists["approaches"] == [
        "Form a discussion group", "Start a book study",
        "Apply some previously experienced professional development",
        "Observe practices and share feedback", "Collaborate to create materials or curricula",
        "Plan lessons and analyze results", "Experiment with new (or tried) methods"]
    assert pip.lists["objective_sources"] == [k for k, _ in program_defaults.OBJECTIVE_SOURCES]
    assert pip.practices["visits"]["release_days"] == 3
    assert pip.practices["visits"]["approver_title"] == "Superintendent/CEO"
    assert pip.visit_form_title == "Partners in Practice Visitation Form"
    today = default_program(1, 2026)
    assert (pip.on(pip.start, 2026), pip.on(pip.end, 2026)) == (today.start_date, today.end_date)
    assert pip.on((9, 30), 2026) == date(2026, 9, 30) and pip.on((5, 31), 2026) == date(2027, 5, 31)


def test_dallas_has_no_deadlines_and_ipi_checks_in_every_other_month():
    models = presets.load_models()
    assert models["peer-partner-protocol"].deadlines == ()
    assert models["ipi"].practices["checkins"]["interval_months"] == 2
    assert models["ipi"].practices["cadence_watch"]["max_days"] == 14
    assert [p["name"] for p in models["instructional-partners"].practices["principles"]["items"]] == [
        "Equality", "Choice", "Voice", "Reflection", "Dialogue", "Praxis", "Reciprocity"]


def _broken(tmp_path, old, new, name="learning-teams.toml"):
    folder = tmp_path / "models"
    shutil.copytree(presets.MODELS_DIR, folder)
    path = folder / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return folder


@pytest.mark.parametrize("old, new, key", [
    ('cycle = "learning-team-5-stage"', 'cycle = "spiral"', "cycle"),
    ("min = 2", 'min = "two"', "group.min"),
    ('visit_form_title = "Classroom Visit Form"', "", "words.visit_form_title"),
    ("[practices.learning_targets]", "[practices.yoga]", "practices.yoga"),
    ('focus_areas = [', 'focus_areas = 3\nold_focus = [', "lists.focus_areas"),
    ("deadlines = []", 'deadlines = [{key = "x", name = "X", date = "02-30", completed_by = "interest"}]',
     "deadlines[0].date"),
    ("deadlines = []", 'deadlines = [{key = "x", name = "X", date = "02-01", completed_by = "tea"}]',
     "deadlines[0].completed_by"),
    ('key = "learning-teams"', 'key = "teams"', "key"),
    ("[words.intro]", "[words.intro]\nextra = 'x'", "words.intro"),
])
def test_a_broken_model_is_refused_with_its_file_and_key(tmp_path, old, new, key):
    folder = _broken(tmp_path, old, new)
    with pytest.raises(presets.ModelError) as refused:
        presets.load_models(folder)
    assert f"learning-teams.toml: {key}:" in str(refused.value)


def test_a_model_that_is_not_toml_is_refused_by_name(tmp_path):
    folder = _broken(tmp_path, "[group]", "[group")
    with pytest.raises(presets.ModelError, match="learning-teams.toml: cannot be read"):
        presets.load_models(folder)


def test_a_broken_model_stops_the_app(tmp_path):
    folder = _broken(tmp_path, "max = 2", "max = 1", name="ipi.toml")
    try:
        with pytest.raises(presets.ModelError, match=r"ipi.toml: group: needs 2 <= min <= max"):
            create_app({"TESTING": True, "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path),
                        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}",
                        "PROGRAM_MODELS_DIR": str(folder)})
    finally:
        presets.MODELS.update(presets.load_models())


def test_a_sixth_model_is_a_new_file(tmp_path):
    folder = _broken(tmp_path, "x", "x", name="ipi.toml")
    sixth = (folder / "ipi.toml").read_text().replace('key = "ipi"', 'key = "our-own"')
    (folder / "our-own.toml").write_text(sixth.replace(
        'name = "Instructional Partnership Initiative"', 'name = "Our Own"'))
    assert presets.load_models(folder)["our-own"].name == "Our Own"
