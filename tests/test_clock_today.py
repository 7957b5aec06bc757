"""One "today" (webapp/clock.py, pinned by the TODAY setting): every page that decides
by the date asks it, never the calendar directly."""
from datetime import date, timedelta

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import ProgramInterest


@pytest.fixture
def early(app, program):
    """Pin today to early in the program year, before its first deadline."""
    day = program.start_date + timedelta(days=5)
    assert day != date.today()
    app.config["TODAY"] = day
    return day


def test_principal_dashboard_uses_the_pinned_day(as_principal, early, teacher):
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert f"Today: {early:%b} {early.day}, {early.year}" in page


def test_teacher_home_uses_the_pinned_day(as_teacher, early, program):
    page = as_teacher.get("/").get_data(as_text=True)
    # The interest deadline is still ahead on the pinned day.
    assert "Tell your school administrator by September 30" in page


def test_new_cycle_entry_is_dated_the_pinned_day(as_teacher, early, partnership):
    page = as_teacher.get(f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    assert f'name="met_on" required type="date" value="{early.isoformat()}"' in page


def test_check_in_after_the_pinned_day_is_refused(as_principal, early, partnership):
    from webapp.models import CheckIn

    later, prefix = early + timedelta(days=10), f"check-in-{partnership.id}-"
    response = as_principal.post(f"/dashboard/partnerships/{partnership.id}/check-ins",
                                 data={prefix + "day": later.isoformat(),
                                       prefix + "note": "Talked"})
    assert "Record a check-in once it has happened" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(CheckIn)) is None


def test_release_day_form_starts_at_the_pinned_day(as_principal, early, teacher):
    page = as_principal.get(f"/dashboard/teachers/{teacher.id}/release-days").get_data(
        as_text=True)
    assert f'value="{early.isoformat()}"' in page


def test_current_program_is_the_one_of_the_pinned_day(app, as_teacher, as_admin, program,
                                                      district):
    earlier = factories.program_for(district, program.start_date.year - 1)
    app.config["TODAY"] = earlier.start_date + timedelta(days=3)
    assert earlier.name in as_admin.get("/dashboard/district").get_data(as_text=True)
    as_teacher.post("/interest")
    interest = db.session.scalar(db.select(ProgramInterest))
    assert interest.program_id == earlier.id


def test_new_program_form_is_for_the_pinned_school_year(app, as_admin):
    app.config["TODAY"] = date(2031, 9, 1)
    page = as_admin.get("/programs/new").get_data(as_text=True)
    assert "2031-08-15" in page and "Partners in Practice 2031/32" in page
