"""#9: check-ins, the meeting cadence watch and the group size follow the program's
settings (a practice absent from settings["practices"] is off); programs from before
program models keep today's rhythm."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from webapp.dashboard import status
from webapp.extensions import db
from webapp.models import CycleEntry, MemberStatus
from webapp.programs import presets

from . import factories


def _with(program, practices=None, group=None):
    """Give the program other settings (a new dict: the JSON column sees the change)."""
    settings = dict(program.settings or {})
    if practices is not None:
        settings["practices"] = practices
    if group is not None:
        settings["group"] = group
    program.settings = settings
    db.session.commit()


@pytest.fixture
def pinned(app, program, monkeypatch):
    """The app's today: two and a half months into the program year."""
    day = program.start_date + timedelta(days=75)
    monkeypatch.setitem(app.config, "TODAY", day)
    return day


# 1. Check-ins --------------------------------------------------------------------

def test_partners_in_practice_and_programs_before_models_check_in_every_other_month(
        partnership, program):
    assert program.practice("checkins") == {"interval_months": 2}
    assert presets.model("partners-in-practice").practices["checkins"] == {"interval_months": 2}
    _with(program, practices=None)
    program.settings = {}
    db.session.commit()
    partnership.start_date = date(2019, 10, 1)
    assert program.practice("checkins") == {"interval_months": 2}
    assert not status.check_in_due(partnership, None, date(2019, 12, 1))
    assert status.check_in_due(partnership, None, date(2019, 12, 2))


def test_check_in_interval_comes_from_the_program(partnership, program):
    _with(program, practices={"checkins": {"interval_months": 1}})
    partnership.start_date = date(2019, 10, 1)
    assert not status.check_in_due(partnership, None, date(2019, 11, 1))
    assert status.check_in_due(partnership, None, date(2019, 11, 2))


def test_check_ins_off_no_section_and_no_count(as_principal, partnership, program, pinned):
    partnership.start_date = program.start_date
    db.session.commit()
    on = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "check-in due" in on and 'id="check-ins-' in on
    assert "1</strong> check-in due" in as_principal.get("/").get_data(as_text=True)
    _with(program, practices={"visits": program.settings["practices"]["visits"]})
    off = as_principal.get("/dashboard/").get_data(as_text=True)
    assert 'id="check-ins-' not in off and "check-in" not in off
    assert "check-in" not in as_principal.get("/").get_data(as_text=True)
    assert not status.check_in_due(partnership, None, pinned)


def test_a_check_in_is_not_recorded_when_the_program_has_none(as_principal, partnership,
                                                              program, pinned):
    """Check-ins off: a form posted anyway (an old page) records nothing and says why,
    keeping the note."""
    from webapp.models import CheckIn

    _with(program, practices={"visits": program.settings["practices"]["visits"]})
    prefix = f"check-in-{partnership.id}-"  # each partnership's form has its own names
    page = as_principal.post(f"/dashboard/partnerships/{partnership.id}/check-ins", data={
        prefix + "day": pinned.isoformat(), prefix + "note": "Talked at recess"}
    ).get_data(as_text=True)
    assert "has no principal check-ins to record" in page and "Talked at recess" in page
    assert db.session.query(CheckIn).count() == 0


def test_check_in_wording_follows_the_interval(as_principal, partnership, program, pinned):
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Check in every other month" in page
    _with(program, practices={"checkins": {"interval_months": 3}})
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Check in every 3 months" in page and "every other month" not in page


# 2. Cadence watch ----------------------------------------------------------------

def _log_meeting(partnership, author, day):
    db.session.add(CycleEntry(partnership_id=partnership.id, author_id=author.id, met_on=day))
    db.session.commit()


def test_cadence_watch_flags_a_long_gap_since_the_last_meeting(
        as_principal, partnership, program, teacher, pinned):
    _with(program, practices={"cadence_watch": {"max_days": 14}})
    partnership.start_date = program.start_date
    _log_meeting(partnership, teacher, pinned - timedelta(days=40))
    _log_meeting(partnership, teacher, pinned - timedelta(days=23))
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert ("No meeting logged for 23 days (the program asks for one at least every 14)"
            in page)
    _log_meeting(partnership, teacher, pinned - timedelta(days=14))
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "No meeting logged" not in page


def test_cadence_watch_counts_from_the_start_without_meetings(partnership, program, pinned):
    _with(program, practices={"cadence_watch": {"max_days": 14}})
    partnership.start_date = pinned - timedelta(days=15)
    db.session.commit()
    assert status.meeting_gaps([partnership], program, pinned) == {partnership.id: 15}
    partnership.start_date = pinned - timedelta(days=14)
    db.session.commit()
    assert status.meeting_gaps([partnership], program, pinned) == {}


def test_cadence_watch_off_for_partners_in_practice(as_principal, partnership, program, pinned):
    partnership.start_date = program.start_date
    db.session.commit()
    assert program.practice("cadence_watch") is None
    assert status.meeting_gaps([partnership], program, pinned) == {}
    assert "No meeting logged" not in as_principal.get("/dashboard/").get_data(as_text=True)


# 3. Group size -------------------------------------------------------------------

def test_invitations_stop_at_the_programs_largest_group(as_teacher, program, teacher, school):
    _with(program, group={"min": 2, "max": 3})
    p = factories.partnership_for(program, teacher)
    first, second, third = (factories.UserFactory(school=school) for _ in range(3))
    as_teacher.post(f"/partnerships/{p.id}/invitations", data={"user_id": first.id})
    as_teacher.post(f"/partnerships/{p.id}/invitations", data={"user_id": second.id})
    page = as_teacher.post(f"/partnerships/{p.id}/invitations", data={"user_id": third.id},
                           follow_redirects=True).get_data(as_text=True)
    db.session.refresh(p)
    assert {m.user_id for m in p.memberships if m.status is MemberStatus.INVITED} == {
        first.id, second.id}
    assert "up to 3 members" in page


def test_partners_in_practice_keeps_groups_of_up_to_six(program):
    assert program.group_size == (2, 6)
    program.settings = {}
    assert program.group_size == (2, 6)


def test_match_form_uses_the_programs_group_size(as_principal, program, school):
    _with(program, group={"min": 2, "max": 2})
    teachers = [factories.UserFactory(school=school) for _ in range(3)]
    form = as_principal.get("/dashboard/matches/new").get_data(as_text=True)
    assert "Choose 2 teachers." in form
    page = as_principal.post("/dashboard/matches/new", data={
        "teacher_ids": [t.id for t in teachers]}).get_data(as_text=True)
    assert "Choose 2 teachers; you chose 3." in page
    _with(program, group={"min": 3, "max": 8})
    page = as_principal.post("/dashboard/matches/new", data={
        "teacher_ids": [t.id for t in teachers[:2]]}).get_data(as_text=True)
    assert "Choose between 3 and 8 teachers; you chose 2." in page
