"""Programs per school (#9): a district runs different programs in different schools, each
school's pages follow its own program, and the district summary has a table per program."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Partnership, Program
from webapp.programs import presets
from webapp.programs.operations import current_program, programs_by_school
from webapp.programs.rollover import next_year_copy

from . import factories
from .test_deadline_list import rows_of

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today(app):
    app.config["TODAY"] = TODAY


def _program(district, key, *schools):
    from webapp.programs.operations import program_from_model

    program = program_from_model(district.id, presets.model(key), 2026)
    program.schools = list(schools)
    db.session.add(program)
    db.session.commit()
    return program


@pytest.fixture
def two_programs(district, school, other_school):
    """Partners in Practice for every school; Learning Teams in the other school only."""
    return (_program(district, "partners-in-practice"),
            _program(district, "learning-teams", other_school))


def test_each_school_gets_its_own_program(two_programs, district, school, other_school):
    everywhere, teams = two_programs
    assert current_program(district.id, TODAY, school.id) == everywhere
    assert current_program(district.id, TODAY, other_school.id) == teams
    assert programs_by_school(district.id, [school.id, other_school.id], TODAY) == {
        school.id: everywhere, other_school.id: teams}
    # A school listed nowhere and a program for every school: still that one.
    third = factories.SchoolFactory(district=district, name="Hillcrest High")
    assert current_program(district.id, TODAY, third.id) == everywhere


def test_a_program_for_one_school_is_not_another_schools(district, school, other_school):
    teams = _program(district, "learning-teams", other_school)
    assert current_program(district.id, TODAY, other_school.id) == teams
    assert current_program(district.id, TODAY, school.id) is None


def test_teachers_start_partnerships_in_their_schools_program(two_programs, signed_in,
                                                              teacher, other_teacher):
    everywhere, teams = two_programs
    for user, expected in ((teacher, everywhere), (other_teacher, teams)):
        response = signed_in(user).post("/partnerships/new")
        assert response.status_code == 302
        started = db.session.scalar(select(Partnership).where(
            Partnership.created_by_id == user.id))
        assert started.program_id == expected.id
    # The Learning Teams teacher's home speaks of teams' words, not Park West's deadlines.
    home = signed_in(other_teacher).get("/").get_data(as_text=True)
    assert "Sep 30" not in home


def test_admin_ticks_schools_and_a_clash_is_refused_with_the_text_kept(
        as_admin, admin, two_programs, school, other_school):
    everywhere, teams = two_programs
    page = as_admin.get(f"/programs/{everywhere.id}/edit").get_data(as_text=True)
    assert "Schools that run this program" in page and "Riverside Elementary" in page
    data = {
        "name": everywhere.name, "start_date": everywhere.start_date.isoformat(),
        "end_date": everywhere.end_date.isoformat(),
        **rows_of(everywhere),
        "focus_areas": "Reading fluency", "approaches": "Book study",
        "release_days": "3", "visit_form_title": "Partners in Practice Visitation Form",
        "intro_objective": "Our own words for step 1",
        "schools": [str(school.id), str(other_school.id)]}
    refused = as_admin.post(f"/programs/{everywhere.id}/edit", data=data)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "Lakeview Middle School runs Learning Teams 2026/27 on some of these dates." in text
    assert "Our own words for step 1" in text
    db.session.refresh(everywhere)
    assert everywhere.schools == []

    saved = as_admin.post(f"/programs/{everywhere.id}/edit",
                          data={**data, "schools": [str(school.id)]})
    assert saved.status_code == 302
    db.session.refresh(everywhere)
    assert everywhere.schools == [school]
    page = as_admin.get(f"/programs/{everywhere.id}/edit").get_data(as_text=True)
    ticked = re.findall(r'<input [^>]*checked id="schools-\d+" name="schools" '
                        r'type="checkbox" value="(\d+)"', page)
    assert ticked == [str(school.id)]


def test_next_year_keeps_the_schools(two_programs, other_school):
    _everywhere, teams = two_programs
    assert next_year_copy(teams).schools == [other_school]


def test_district_summary_has_a_table_per_program(as_admin, two_programs, school,
                                                  other_school, teacher, other_teacher):
    everywhere, teams = two_programs
    factories.partnership_for(everywhere, teacher)
    factories.partnership_for(teams, other_teacher)
    page = as_admin.get("/dashboard/district").get_data(as_text=True)
    first, second = page.index(f">{teams.name}</h2>"), page.index(f">{everywhere.name}</h2>")
    assert first < second  # by name
    teams_table, pip_table = page[first:second], page[second:]
    assert "Riverside Elementary" in pip_table and "Lakeview" not in pip_table
    assert "Lakeview Middle School" in teams_table and "Riverside" not in teams_table
    # Release days belong to the program with classroom visits only.
    assert "Release days used" in pip_table and "Release days used" not in teams_table
