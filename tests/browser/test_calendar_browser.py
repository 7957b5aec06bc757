"""Calendars in a real browser: the standing meeting on the timeline step, the feed's
address on the calendar page, a visit added to a calendar app as a file."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from webapp.models import VisitStatus

from .. import factories
from .conftest import assert_accessible, release_database, sign_in

pytestmark = pytest.mark.browser


def test_a_standing_meeting_reaches_the_calendar_feed(page, client, partnership, teacher,
                                                      program):
    visit = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED)
    ids = dict(p=partnership.id, visit=visit.id, email=teacher.email,
               start=(program.start_date + timedelta(days=10)).isoformat(),
               end=(program.start_date + timedelta(days=200)).isoformat())
    release_database()  # the live server's requests write; this test's session must not hold on
    sign_in(page, ids["email"])

    page.goto(f"/partnerships/{ids['p']}/timeline")
    page.get_by_label("Start date").fill(ids["start"])
    page.get_by_label("End date").fill(ids["end"])
    page.get_by_label("Every other week").check()
    page.get_by_label("Meeting day").select_option(label="Tuesday")
    page.get_by_label("Meeting time").fill("15:30")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Step 5 of 6: Reflect – plan – act")).to_be_visible()

    page.get_by_role("link", name="Reminders", exact=True).click()
    page.get_by_role("link", name="Your calendar feed").click()
    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_role("textbox", name="Calendar address")
    expect(address).to_have_attribute("readonly", "")
    assert_accessible(page)
    feed = client.get(urlsplit(address.input_value()).path)
    events = {str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(feed.data).walk("VEVENT")}
    meeting = events[f"meeting-{ids['p']}"]
    assert meeting["RRULE"]["INTERVAL"] == [2] and meeting["RRULE"]["BYDAY"] == ["TU"]

    page.goto(f"/visits/{ids['visit']}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add the visit to my calendar (.ics)").click()
    assert download.value.suggested_filename == f"visit-{ids['visit']}.ics"
    saved = Calendar.from_ical(open(download.value.path(), "rb").read())
    assert [str(e["UID"]).split("@")[0] for e in saved.walk("VEVENT")] == [f"visit-{ids['visit']}"]
