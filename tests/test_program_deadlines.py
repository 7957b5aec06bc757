"""The deadlines a program shows are its model's (#9: no Park West columns on a Dallas
program); Partners in Practice keeps its five."""
from datetime import timedelta

import pytest

from webapp.extensions import db
from webapp.programs import presets
from webapp.programs.operations import program_from_model

DEADLINE_HEADINGS = ("Told of interest", "Named a partner", "Agreed a goal",
                     "Visited a classroom", "Reflected")


def _as_model(program, key):
    """The program as made from that model for its year (its deadlines dated in it)."""
    made = program_from_model(program.district_id, presets.model(key), program.start_date.year)
    program.model_key, program.words, program.settings = key, made.words, made.settings
    db.session.commit()


def test_partners_in_practice_keeps_its_five_deadlines(as_principal, as_teacher, partnership,
                                                       program):
    _as_model(program, "partners-in-practice")
    assert program.deadline_keys == ("interest", "partner", "goal", "visits", "reflection")
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert all(heading in board for heading in DEADLINE_HEADINGS)
    timeline = as_teacher.get(f"/partnerships/{partnership.id}/timeline").get_data(as_text=True)
    assert "Identify the colleague you will work with" in timeline


@pytest.mark.parametrize("key", ["peer-partner-protocol", "learning-teams"])
def test_a_program_without_dated_deadlines_shows_none(app, as_principal, as_teacher,
                                                      partnership, partner, program, key):
    """Dallas: the partners set their own timeline. No deadline columns for the principal,
    no program deadlines among the milestones, no "visits by" rule on a request."""
    visits_day = program.deadline("visits")  # Partners in Practice's, before the change
    _as_model(program, key)
    assert program.deadline_keys == ()
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert not any(heading in board for heading in DEADLINE_HEADINGS)
    timeline = as_teacher.get(f"/partnerships/{partnership.id}/timeline").get_data(as_text=True)
    assert "Identify the colleague you will work with" not in timeline
    late_visit = visits_day + timedelta(days=10)
    app.config["TODAY"] = visits_day - timedelta(days=20)
    page = as_teacher.get(f"/visits/partnership/{partnership.id}/new").get_data(as_text=True)
    assert "Visits must happen by" not in page
    from .test_visits import request_data

    response = as_teacher.post(f"/visits/partnership/{partnership.id}/new", data=request_data(
        partnership, partner, proposed_date=late_visit.isoformat()))
    assert "the program's deadline for visits" not in response.get_data(as_text=True)


def test_the_program_form_asks_only_for_the_programs_deadlines(as_admin, program):
    _as_model(program, "peer-partner-protocol")
    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert "This program has no dated deadlines" in page
    assert "Identify the colleague you will work with" not in page
    _as_model(program, "partners-in-practice")
    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert "no dated deadlines" not in page
    assert "Identify the colleague you will work with" in page
