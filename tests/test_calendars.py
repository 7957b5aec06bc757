"""Calendars (#12): the standing meeting on the timeline step, each person's private feed,
"Add to calendar" for a visit and its follow-up meeting, the district's time zone.
Every calendar is read back with the icalendar library, as a calendar app would."""
import re
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar
from itsdangerous import URLSafeSerializer
from sqlalchemy import select

from webapp.calendars import ics
from webapp.extensions import db
from webapp.models import AuditEvent, CheckIn, CycleEntry, Milestone, VisitStatus
from webapp.visits.rules import one_month_after

from . import factories

ZONE = "America/Winnipeg"
FEED_URL = re.compile(r'id="feed-url" value="([^"]+)"')


def _feed_path(client) -> str:
    """Make the signed-in user's feed address on the calendar page; its path."""
    assert client.post("/calendar/feed").status_code == 302
    page = client.get("/calendar/").get_data(as_text=True)
    return urlsplit(FEED_URL.search(page).group(1)).path


def _calendar(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response.content_type == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.data)


def _events(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def planned(partnership, program, teacher):
    """The pair's timeline: dates, every other week on Tuesdays at 15:30, in Winnipeg."""
    teacher.district.time_zone = ZONE
    partnership.start_date = date(program.start_date.year, 9, 8)
    partnership.end_date = date(program.end_date.year, 5, 28)
    partnership.cadence = "biweekly"
    partnership.meeting_weekday, partnership.meeting_time = 1, time(15, 30)
    partnership.milestones.append(Milestone(title="Unit plan drafted",
                                            due_date=program.start_date + timedelta(days=50)))
    db.session.commit()
    return partnership


# The timeline step ------------------------------------------------------------------

def _timeline_post(partnership, **values) -> dict:
    return {"version": str(partnership.timeline_version),
            "start_date": partnership.program.start_date.isoformat(),
            "end_date": (partnership.program.start_date + timedelta(days=200)).isoformat(),
            "cadence": "weekly", **values}


def test_the_timeline_step_saves_the_standing_meeting(as_teacher, partnership):
    response = as_teacher.post(f"/partnerships/{partnership.id}/timeline",
                               data=_timeline_post(partnership, meeting_weekday="3",
                                                   meeting_time="08:15"))
    assert response.status_code == 302
    db.session.refresh(partnership)
    assert (partnership.meeting_weekday, partnership.meeting_time) == (3, time(8, 15))
    overview = as_teacher.get(f"/partnerships/{partnership.id}/").get_data(as_text=True)
    assert "Thursday at 8:15" in overview


def test_a_day_without_a_time_is_refused_at_the_field_and_kept(as_teacher, partnership):
    response = as_teacher.post(f"/partnerships/{partnership.id}/timeline",
                               data=_timeline_post(partnership, meeting_weekday="4",
                                                   meeting_time=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="meeting_time-error"' in page
    assert "Choose the time of the meeting too" in page
    assert '<option selected value="4">Friday</option>' in page
    db.session.refresh(partnership)
    assert partnership.meeting_weekday is None


def test_a_bad_time_keeps_what_was_typed(as_teacher, partnership):
    response = as_teacher.post(f"/partnerships/{partnership.id}/timeline",
                               data=_timeline_post(partnership, meeting_weekday="1",
                                                   meeting_time="25:99"))
    page = response.get_data(as_text=True)
    assert "Not a valid time value." in page and 'value="25:99"' in page


def test_a_stale_timeline_save_is_still_refused(as_teacher, partnership):
    partnership.timeline_version = 3
    db.session.commit()
    response = as_teacher.post(f"/partnerships/{partnership.id}/timeline",
                               data={**_timeline_post(partnership, meeting_weekday="1",
                                                      meeting_time="15:30"), "version": "1"})
    assert response.status_code == 409
    db.session.refresh(partnership)
    assert partnership.meeting_weekday is None


# A teacher's feed -------------------------------------------------------------------

def test_a_teachers_feed(as_teacher, client, planned, teacher, partner, other_teacher,
                         program):
    own = factories.visit_for(planned, teacher, status=VisitStatus.APPROVED)
    received = factories.visit_for(planned, partner)  # waiting for the principal
    declined = factories.visit_for(planned, teacher, status=VisitStatus.DECLINED)
    elsewhere = factories.partnership_for(program, other_teacher,
                                          factories.UserFactory(school=other_teacher.school))
    theirs = factories.visit_for(elsewhere, other_teacher)

    calendar = _calendar(client.get(_feed_path(as_teacher)))
    events = _events(calendar)

    deadlines = {uid for uid in events if uid.startswith(f"deadline-{program.id}-")}
    assert len(deadlines) == len(program.deadlines)
    assert f"milestone-{planned.milestones[0].id}@tandem.test" in events
    assert events[f"visit-{own.id}@tandem.test"]["STATUS"] == "CONFIRMED"
    assert events[f"visit-{received.id}@tandem.test"]["STATUS"] == "TENTATIVE"
    assert "waiting for approval" in str(events[f"visit-{received.id}@tandem.test"]["SUMMARY"])
    assert f"visit-{declined.id}@tandem.test" not in events
    assert f"visit-{theirs.id}@tandem.test" not in events
    # The follow-up of their own approved visit: due within a month, all day.
    followup = events[f"followup-{own.id}@tandem.test"]
    assert followup.decoded("DTSTART") == one_month_after(own.proposed_date)
    assert "due" in str(followup["SUMMARY"])
    assert f"followup-{received.id}@tandem.test" not in events
    assert str(events[f"visit-{own.id}@tandem.test"]["URL"]) == f"http://tandem.test/visits/{own.id}"


def test_the_standing_meeting_recurs_in_the_district_time_zone(as_teacher, client, planned):
    calendar = _calendar(client.get(_feed_path(as_teacher)))
    meeting = _events(calendar)[f"meeting-{planned.id}@tandem.test"]

    assert meeting["DTSTART"].params["TZID"] == ZONE
    start = meeting.decoded("DTSTART")
    assert start.weekday() == 1 and start.time() == time(15, 30)
    assert start.date() >= planned.start_date and (start.date() - planned.start_date).days < 7
    rule = meeting["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2] and rule["BYDAY"] == ["TU"]
    until = rule["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset() == timedelta(0)  # UTC, as RFC 5545 asks
    assert until.astimezone(start.tzinfo).date() == planned.end_date
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [ZONE]
    assert not calendar.get_missing_tzids()


def test_a_monthly_meeting_keeps_its_weekday_position(as_teacher, client, planned):
    planned.cadence = "monthly"
    planned.start_date = date(planned.start_date.year, 9, 14)  # the 2nd Tuesday is the 15th
    db.session.commit()
    rule = _events(_calendar(client.get(_feed_path(as_teacher))))[
        f"meeting-{planned.id}@tandem.test"]["RRULE"]
    first = date(planned.start_date.year, 9, 14)
    tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    assert rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [1]
    position = (tuesday.day - 1) // 7 + 1
    assert rule["BYDAY"] == [f"{position if position < 5 else -1}TU"]


def test_no_standing_meeting_without_a_day_and_time(as_teacher, client, planned):
    planned.meeting_time = None
    db.session.commit()
    events = _events(_calendar(client.get(_feed_path(as_teacher))))
    assert f"meeting-{planned.id}@tandem.test" not in events


def test_uids_are_stable_across_fetches(as_teacher, client, planned, teacher):
    factories.visit_for(planned, teacher)
    path = _feed_path(as_teacher)
    first = _events(_calendar(client.get(path)))
    second = _events(_calendar(client.get(path)))
    assert set(first) == set(second) and len(first) > 5
    for uid, event in first.items():
        assert event["SUMMARY"] == second[uid]["SUMMARY"]
        assert event.decoded("DTSTART") == second[uid].decoded("DTSTART")


def test_without_a_time_zone_times_are_utc(as_teacher, client, planned, teacher):
    teacher.district.time_zone = ""
    db.session.commit()
    calendar = _calendar(client.get(_feed_path(as_teacher)))
    meeting = _events(calendar)[f"meeting-{planned.id}@tandem.test"]
    assert meeting.decoded("DTSTART").utcoffset() == timedelta(0)
    assert not calendar.get_missing_tzids()


# The address: made, replaced, revoked ---------------------------------------------------

def test_a_new_address_replaces_the_old_and_revoking_stops_it(as_teacher, client, teacher):
    first = _feed_path(as_teacher)
    second = _feed_path(as_teacher)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert as_teacher.post("/calendar/feed/revoke").status_code == 302
    assert client.get(second).status_code == 404
    page = as_teacher.get("/calendar/").get_data(as_text=True)
    assert "feed-url" not in page and "Make my calendar address" in page
    actions = db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.actor_id == teacher.id, AuditEvent.action.like("calendar_%"))).all()
    assert sorted(actions) == ["calendar_feed_created", "calendar_feed_created",
                               "calendar_feed_revoked"]


def test_a_deactivated_users_feed_stops(as_teacher, client, teacher):
    path = _feed_path(as_teacher)
    teacher.active = False
    db.session.commit()
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("token", ["nothing", "WzEsImFiYyJd.forged", ""])
def test_a_forged_address_is_not_found(client, token, as_teacher):
    _feed_path(as_teacher)
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_token_signed_for_something_else_is_not_found(app, client, as_teacher, teacher):
    _feed_path(as_teacher)
    db.session.refresh(teacher)
    other_salt = URLSafeSerializer(app.config["SECRET_KEY"], salt="tandem-device")
    token = other_salt.dumps([teacher.id, teacher.calendar_nonce])
    assert client.get(f"/calendar/{token}.ics").status_code == 404


# Principals and district administrators ----------------------------------------------

def test_a_principals_feed(as_principal, client, planned, teacher, partner, other_teacher,
                           principal, program):
    held = factories.visit_for(planned, teacher, status=VisitStatus.APPROVED,
                               followup_date=program.start_date + timedelta(days=70))
    waiting = factories.visit_for(planned, partner)
    elsewhere = factories.partnership_for(program, other_teacher,
                                          factories.UserFactory(school=other_teacher.school))
    theirs = factories.visit_for(elsewhere, other_teacher, status=VisitStatus.APPROVED)
    db.session.add(CheckIn(partnership_id=planned.id, day=planned.start_date + timedelta(days=5),
                           by_id=principal.id))
    db.session.commit()

    events = _events(_calendar(client.get(_feed_path(as_principal))))
    assert {f"visit-{held.id}@tandem.test", f"visit-{waiting.id}@tandem.test"} <= set(events)
    assert f"visit-{theirs.id}@tandem.test" not in events
    assert f"followup-{theirs.id}@tandem.test" not in events
    followup = events[f"followup-{held.id}@tandem.test"]
    assert followup.decoded("DTSTART") == held.followup_date
    assert "held" in str(followup["SUMMARY"])
    # Seed 000's check-ins every other month: two months after the last one.
    check_in = events[f"checkin-{planned.id}@tandem.test"]
    assert check_in.decoded("DTSTART") == date(planned.start_date.year, 11, 13)  # from Sep 13
    assert any(uid.startswith(f"deadline-{program.id}-") for uid in events)
    assert f"meeting-{planned.id}@tandem.test" not in events  # the partners' own meeting


def test_a_district_administrators_feed(as_admin, client, planned, teacher, partner, program):
    extra = factories.visit_for(planned, teacher, status=VisitStatus.PENDING_DISTRICT)
    first = factories.visit_for(planned, partner)
    events = _events(_calendar(client.get(_feed_path(as_admin))))
    assert f"visit-{extra.id}@tandem.test" in events
    assert f"visit-{first.id}@tandem.test" not in events
    assert any(uid.startswith(f"deadline-{program.id}-") for uid in events)


# Add to calendar ----------------------------------------------------------------------

def test_a_visit_and_its_follow_up_as_files(as_teacher, partnership, teacher):
    visit = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED)
    page = as_teacher.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert f"/visits/{visit.id}/calendar.ics" in page and f"/visits/{visit.id}/followup.ics" in page

    response = as_teacher.get(f"/visits/{visit.id}/calendar.ics")
    assert response.headers["Content-Disposition"] == f'attachment; filename="visit-{visit.id}.ics"'
    events = _events(_calendar(response))
    assert list(events) == [f"visit-{visit.id}@tandem.test"]
    event = events[f"visit-{visit.id}@tandem.test"]
    assert event.decoded("DTSTART") == visit.proposed_date
    assert event.decoded("DTEND") == visit.proposed_date + timedelta(days=1)

    followup = _events(_calendar(as_teacher.get(f"/visits/{visit.id}/followup.ics")))
    assert list(followup) == [f"followup-{visit.id}@tandem.test"]


def test_a_waiting_visit_has_no_follow_up_file_yet(as_teacher, partnership, teacher):
    visit = factories.visit_for(partnership, teacher)
    assert as_teacher.get(f"/visits/{visit.id}/calendar.ics").status_code == 200
    assert as_teacher.get(f"/visits/{visit.id}/followup.ics").status_code == 404


@pytest.mark.parametrize("who", ["other_teacher", "other_principal"])
def test_another_teachers_or_schools_visit_is_refused(request, signed_in, partnership, teacher,
                                                      who):
    visit = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED)
    client = signed_in(request.getfixturevalue(who))
    for path in (f"/visits/{visit.id}/calendar.ics", f"/visits/{visit.id}/followup.ics"):
        assert client.get(path).status_code in (403, 404)


# What a feed says, and what it never says ---------------------------------------------

def test_user_text_is_escaped_and_comes_back_whole(as_teacher, client, planned):
    tricky = "Plan, teach; reflect\nBEGIN:VEVENT\nUID:evil@example.org"
    planned.milestones[0].title = tricky
    db.session.commit()
    response = client.get(_feed_path(as_teacher))
    events = _events(_calendar(response))
    assert "evil@example.org" not in events
    assert str(events[f"milestone-{planned.milestones[0].id}@tandem.test"]["SUMMARY"]) == \
        f"Milestone: {tricky}"
    assert b"\r\nBEGIN:VEVENT\r\nUID:evil" not in response.data


def test_names_with_commas_and_semicolons_round_trip(as_teacher, client, planned, partner):
    partner.name = "Okafor, David; Jr."
    db.session.commit()
    events = _events(_calendar(client.get(_feed_path(as_teacher))))
    assert str(events[f"meeting-{planned.id}@tandem.test"]["SUMMARY"]) == \
        "Partnership meeting: Ana Teacher & Okafor, David; Jr."


def test_no_private_notes_in_the_feed(as_teacher, client, planned, teacher):
    factories.visit_for(planned, teacher, status=VisitStatus.APPROVED, purpose="SECRET-PURPOSE",
                        principal_comment="SECRET-COMMENT", notes="SECRET-NOTES")
    planned.cycles.append(CycleEntry(author=teacher, met_on=planned.start_date,
                                     reflected="SECRET-REFLECTION", version=1))
    db.session.commit()
    body = client.get(_feed_path(as_teacher)).data
    assert b"SECRET" not in body


# The district's time zone --------------------------------------------------------------

def test_an_administrator_sets_the_time_zone(as_admin, admin):
    page = as_admin.get("/calendar/").get_data(as_text=True)
    assert f'<option value="{ZONE}">{ZONE}</option>' in page
    assert as_admin.post("/calendar/time-zone", data={"time_zone": ZONE}).status_code == 302
    db.session.refresh(admin.district)
    assert admin.district.time_zone == ZONE
    assert db.session.scalar(select(AuditEvent.detail).where(
        AuditEvent.action == "district_time_zone_set")) == ZONE


def test_an_unknown_time_zone_is_refused(as_admin, admin):
    response = as_admin.post("/calendar/time-zone", data={"time_zone": "Mars/Olympus_Mons"})
    assert response.status_code == 422
    assert 'id="time_zone-error"' in response.get_data(as_text=True)
    db.session.refresh(admin.district)
    assert admin.district.time_zone == ""


def test_only_administrators_see_the_time_zone_form(as_teacher):
    assert "time_zone" not in as_teacher.get("/calendar/").get_data(as_text=True)


# The renderer alone ------------------------------------------------------------------------

def test_the_renderer_needs_no_app():
    stamp = datetime(2026, 9, 1, tzinfo=timezone.utc)
    entry = ics.Entry("deadline-1-goal", "Deadline: goal", "https://example.org/",
                      date(2026, 10, 30))
    calendar = Calendar.from_ical(ics.render([entry], name="Test", host="example.org",
                                             stamp=stamp))
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == "deadline-1-goal@example.org"
    assert event.decoded("DTEND") == date(2026, 10, 31)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert calendar["X-PUBLISHED-TTL"] == "PT1H"
