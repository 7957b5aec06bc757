"""Turning practices on and off for the year on the program form (#9: everything the model
sets can be changed afterwards)."""
from __future__ import annotations

import re

from webapp.extensions import db


def _data(program, **more):
    return {"name": program.name, "start_date": program.start_date.isoformat(),
            "end_date": program.end_date.isoformat(), "focus_areas": "Reading",
            "release_days": str(program.release_days),
            "visit_form_title": "Partners in Practice Visitation Form",
            "practices_shown": "1", **more}


def _ticked(page: str) -> list[str]:
    return re.findall(r'<input [^>]*checked id="practices_on-\d+" name="practices_on" '
                      r'type="checkbox" value="([a-z_]+)"', page)


def test_the_form_shows_the_practices_on(as_admin, program):
    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert _ticked(page) == ["visits", "growth_plan_opt_out", "checkins"]
    assert "Weekly written reflections (seed 001)" in page


def test_turning_a_practice_on_starts_from_its_seed_and_off_keeps_the_edits(
        as_admin, program, as_teacher, partnership):
    # Weekly reflections on: the Instructional Partners prompt, and the teacher has them.
    response = as_admin.post(f"/programs/{program.id}/edit", data=_data(program, practices_on=[
        "visits", "growth_plan_opt_out", "checkins", "weekly_reflections"]))
    assert response.status_code == 302
    db.session.refresh(program)
    assert program.practice("weekly_reflections")["prompt"].startswith(
        "What did you and your partner try this week")
    assert as_teacher.get(f"/partnerships/{partnership.id}/weekly").status_code == 200
    # The growth-plan wording edited, then the practice off: the teacher's page is gone ...
    settings = dict(program.settings)
    settings["practices"] = {**settings["practices"], "growth_plan_opt_out": {
        "min_years": 5, "wording": "Our own words."}}
    program.settings = settings
    db.session.commit()
    as_admin.post(f"/programs/{program.id}/edit", data=_data(program, practices_on=[
        "visits", "checkins", "weekly_reflections"]))
    db.session.refresh(program)
    assert program.practice("growth_plan_opt_out") is None
    assert as_teacher.get("/dashboard/growth-plan").status_code == 404
    # ... and on again, with the district's own words back.
    as_admin.post(f"/programs/{program.id}/edit", data=_data(program, practices_on=[
        "visits", "checkins", "weekly_reflections", "growth_plan_opt_out"]))
    db.session.refresh(program)
    assert program.practice("growth_plan_opt_out") == {"min_years": 5,
                                                       "wording": "Our own words."}


def test_visits_off_and_on_keep_the_release_days_in_one_place(as_admin, program):
    as_admin.post(f"/programs/{program.id}/edit",
                  data=_data(program, practices_on=["checkins"], release_days="2"))
    db.session.refresh(program)
    assert program.practice("visits") is None
    as_admin.post(f"/programs/{program.id}/edit",
                  data=_data(program, practices_on=["checkins", "visits"], release_days="4"))
    db.session.refresh(program)
    assert program.practice("visits")["release_days"] == 4 == program.release_days
    assert program.practice("visits")["approver_title"] == "Superintendent/CEO"


def test_a_post_without_the_switches_changes_no_practice(as_admin, program):
    before = [name for name in ("visits", "growth_plan_opt_out", "checkins")
              if program.practice(name)]
    data = _data(program)
    del data["practices_shown"]
    assert as_admin.post(f"/programs/{program.id}/edit", data=data).status_code == 302
    db.session.refresh(program)
    assert [name for name in ("visits", "growth_plan_opt_out", "checkins")
            if program.practice(name)] == before


# The settings of each practice that is on --------------------------------------------

def _settings_data(program, **more):
    return _data(program, **{
        "practices_on": ["visits", "growth_plan_opt_out", "checkins"],
        "practice_settings_shown": "1", "visits_lengths": "0.5, 1",
        "visits_extra_need_approval": "y", "visits_approver_title": "Superintendent/CEO",
        "growth_min_years": "3", "growth_wording": "Our words.",
        "checkins_interval_months": "2", **more})


def test_the_district_changes_a_practices_settings(as_admin, program):
    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert 'name="visits_lengths" type="text" value="0.5, 1"' in page
    assert 'name="visits_approver_title" type="text" value="Superintendent/CEO"' in page
    assert 'name="cadence_max_days"' not in page  # Partners in Practice has no cadence watch
    response = as_admin.post(f"/programs/{program.id}/edit", data=_settings_data(
        program, visits_lengths="0.5, 1, 2", visits_approver_title="Director of Schools",
        growth_min_years="5", checkins_interval_months="3"))
    assert response.status_code == 302
    db.session.refresh(program)
    assert program.practice("visits")["lengths"] == [0.5, 1.0, 2.0]
    assert program.practice("visits")["approver_title"] == "Director of Schools"
    assert program.practice("growth_plan_opt_out") == {"min_years": 5, "wording": "Our words."}
    assert program.practice("checkins") == {"interval_months": 3}


def test_bad_settings_come_back_at_the_field_with_the_text_kept(as_admin, program):
    response = as_admin.post(f"/programs/{program.id}/edit", data=_settings_data(
        program, visits_lengths="half, 1", visits_approver_title="",
        checkins_interval_months="", growth_wording="Kept words <b>."))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "“half” is not a length in half days (0.5 to 5)." in page
    assert "Name who approves the further visits." in page
    assert "Give a number." in page
    assert "Kept words &lt;b&gt;." in page
    db.session.refresh(program)
    assert program.practice("visits")["lengths"] == [0.5, 1.0]


# The cycle and the objective sources ---------------------------------------------------

def test_an_unused_programs_cycle_can_change(as_admin, program, partnership, as_teacher):
    from webapp.partnerships import steps

    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert re.search(r'<input [^>]*checked id="cycle-\d" name="cycle" type="radio" '
                     r'value="reflect-plan-act"', page)
    response = as_admin.post(f"/programs/{program.id}/edit",
                             data=_data(program, cycle="learning-team-5-stage"))
    assert response.status_code == 302
    db.session.refresh(program)
    assert program.settings["cycle"] == "learning-team-5-stage"
    assert [s["key"] for s in program.cycle_stages] == [
        "analyze", "goals", "learn", "implement", "assess"]
    assert program.step_title(steps.BY_KEY["cycles"]) == "Five-stage cycle"
    step = as_teacher.get(f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    assert "Analyze student data" in step


def test_the_cycle_stays_once_work_is_logged_in_it(as_admin, program, partnership, teacher):
    from datetime import date

    from webapp.models import CycleEntry

    partnership.cycles.append(CycleEntry(author=teacher, met_on=date(2026, 10, 1),
                                         reflected="Our first meeting.", version=1))
    db.session.commit()
    response = as_admin.post(f"/programs/{program.id}/edit", data=_data(
        program, cycle="coaching", intro_objective="Words I typed"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "have logged work in its cycle already" in page
    assert "Words I typed" in page
    db.session.refresh(program)
    assert program.settings["cycle"] == "reflect-plan-act"


def test_the_objective_step_offers_the_programs_sources(as_admin, program, partnership,
                                                        as_teacher):
    sources = ["own", "class", "plc", "building"]
    none_ticked = as_admin.post(f"/programs/{program.id}/edit",
                                data=_data(program, objective_sources_shown="1"))
    assert "Tick at least one." in none_ticked.get_data(as_text=True)
    response = as_admin.post(f"/programs/{program.id}/edit", data=_data(
        program, objective_sources_shown="1", objective_sources=sources))
    assert response.status_code == 302
    db.session.refresh(program)
    assert program.settings["objective_sources"] == sources
    step = as_teacher.get(f"/partnerships/{partnership.id}/objective").get_data(as_text=True)
    assert 'value="building"' in step and 'value="district"' not in step
