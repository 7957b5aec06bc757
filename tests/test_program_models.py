"""A program's model and words: chosen on the New program year page, stored, editable,
kept by the rollover."""
from datetime import date

from sqlalchemy import select

from webapp import clock
from webapp.extensions import db
from webapp.models import Program
from webapp.programs import presets
from webapp.programs.operations import school_year_of

from . import factories
from .test_rollover import edited_program, form_values


def test_new_program_year_offers_each_model_with_its_seed_program(as_admin):
    page = as_admin.get("/programs/new").get_data(as_text=True)
    for label in ("Partners in Practice (Park West School Division)",
                  "Instructional Partners (Alabama Instructional Partners Pilot)",
                  "Learning Teams (District Learning Teams implementation)",
                  "Peer Partner Protocol (Dallas School District)",
                  "Instructional Partnership Initiative (Tennessee Department of Education)"):
        assert label in page
    assert 'name="model" value="partners-in-practice" checked' in page  # a first program


def test_a_program_created_from_learning_teams_gets_its_name_words_lists_and_dates(as_admin):
    year = school_year_of(clock.today())
    model = presets.model("learning-teams")
    page = as_admin.get("/programs/new?model=learning-teams").get_data(as_text=True)
    shown = form_values(page)
    assert shown["name"] == f"Learning Teams {year}/{str(year + 1)[-2:]}"
    assert shown["start_date"] == f"{year}-08-15" and shown["end_date"] == f"{year + 1}-06-30"
    assert shown["focus_areas"].splitlines() == model.lists["focus_areas"]
    assert shown["intro_cycles"] == model.intros["cycles"]
    assert shown["visit_form_title"] == "Classroom Visit Form"
    assert 'value="learning-teams" checked' in page
    shown["intro_timeline"] = "Our team meets every Tuesday."
    assert as_admin.post("/programs/new?model=learning-teams", data=shown).status_code == 302
    program = db.session.scalar(select(Program))
    assert program.model_key == "learning-teams"
    assert program.words["intro"]["timeline"] == "Our team meets every Tuesday."
    assert program.words["intro"]["partner"] == model.intros["partner"]
    assert program.settings["cycle"] == "learning-team-5-stage"
    assert program.settings["group"] == {"min": 2, "max": 8, "formed_by": "principal"}
    assert program.settings["practices"]["learning_targets"]["teachers"].startswith("I can")
    assert program.release_days == 0


def test_partners_in_practice_starts_with_seed_000s_deadlines(as_admin):
    year = school_year_of(clock.today())
    shown = form_values(as_admin.get("/programs/new?model=partners-in-practice")
                        .get_data(as_text=True))
    assert (shown["deadline_rows-0-due"], shown["deadline_rows-3-due"]) == (
        f"{year}-09-30", f"{year + 1}-03-31")
    assert (shown["deadline_rows-0-completed_by"], shown["deadline_rows-3-completed_by"]) == (
        "interest", "visits")
    assert shown["visit_form_title"] == "Partners in Practice Visitation Form"
    assert shown["release_days"] == "3"


def test_an_unknown_model_is_not_found(as_admin):
    assert as_admin.get("/programs/new?model=nonsense").status_code == 404


def test_with_a_latest_program_the_page_offers_its_next_year_first(as_admin, district):
    latest = edited_program(district, 2026)
    page = as_admin.get("/programs/new").get_data(as_text=True)
    assert f"Next year of {latest.name}, with your edits" in page
    assert 'name="model" value="" checked' in page


def test_a_programs_words_are_edited_on_its_form(as_admin, program):
    shown = form_values(as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True))
    assert shown["intro_objective"] == program.words["intro"]["objective"]
    shown.update(intro_approach="Choose how you will work together.",
                 visit_form_title="Our Visit Form")
    assert as_admin.post(f"/programs/{program.id}/edit", data=shown).status_code == 302
    db.session.refresh(program)
    assert program.words["intro"]["approach"] == "Choose how you will work together."
    assert program.words["visit_form_title"] == "Our Visit Form"
    assert program.words["intro"]["reflection"] == presets.model(None).intros["reflection"]


def test_a_missing_form_title_is_asked_for_and_typed_words_kept(as_admin, program):
    shown = form_values(as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True))
    shown.update(intro_partner="Kept words", visit_form_title="")
    page = as_admin.post(f"/programs/{program.id}/edit", data=shown).get_data(as_text=True)
    assert "This field is required" in page and "Kept words" in page


def test_rolling_over_keeps_model_words_and_settings(as_admin, district):
    program = factories.program_for(district, 2026)
    program.model_key, program.release_days = "ipi", 0
    program.words = {"intro": {**presets.model("ipi").intros, "objective": "Our focus"},
                     "visit_form_title": "Peer Observation Form"}
    program.settings = presets.model("ipi").settings()
    db.session.commit()
    shown = form_values(as_admin.get(f"/programs/{program.id}/next-year").get_data(as_text=True))
    assert shown["intro_objective"] == "Our focus"
    assert as_admin.post(f"/programs/{program.id}/next-year", data=shown).status_code == 302
    copy = db.session.scalar(select(Program).where(Program.id != program.id))
    assert copy.start_date == date(2027, 8, 15)
    assert (copy.model_key, copy.words, copy.settings) == (
        "ipi", program.words, program.settings)
