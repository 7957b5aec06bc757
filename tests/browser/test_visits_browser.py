"""Classroom visits in a real browser: request, approval, report, follow-up, district."""
from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from .conftest import assert_accessible, release_database, sign_in, sign_out

pytestmark = pytest.mark.browser




def request_visit(page: Page, partnership_id: int, day: str, purpose: str) -> None:
    page.goto(f"/partnerships/{partnership_id}/cycles")
    page.get_by_role("button", name="Request a classroom visit").click()
    page.get_by_label("Date of proposed visit").fill(day)
    page.get_by_label("Half a day (0.5)").check()
    page.get_by_label("Location of visit").fill("Riverside Elementary, room 12")
    page.get_by_label("Teacher visited").select_option(label="Ben Partner")
    page.get_by_label("How will this visitation improve my instructional practice?").fill(purpose)
    page.get_by_role("button", name="Send the request to my principal").click()


def test_visit_from_request_to_follow_up_and_a_second_visit(page, app, monkeypatch,
                                                          partnership, teacher,
                                                          principal, admin):
    ids = dict(p=partnership.id, teacher=teacher.email, principal=principal.email,
               admin=admin.email)
    program = partnership.program
    first_day = program.start_date + timedelta(days=40)
    second_day = program.start_date + timedelta(days=100)
    # The app's today (not the calendar's): a month into the year for the request.
    monkeypatch.setitem(app.config, "TODAY", program.start_date + timedelta(days=30))
    release_database()

    sign_in(page, ids["teacher"])
    request_visit(page, ids["p"], first_day.isoformat(), "See number talks <live>.")
    expect(page.get_by_text("Your request is sent to your principal.")).to_be_visible()
    expect(page.get_by_text("0.5 of 3 days used")).to_be_visible()
    assert_accessible(page)
    visit_url = page.url
    sign_out(page)

    sign_in(page, ids["principal"])
    page.get_by_role("link", name="Approvals").click()
    assert_accessible(page)
    row = page.locator("article.decision", has_text="Ana Teacher")
    row.get_by_label("Comment for the teacher").fill("Enjoy the visit.")
    with page.expect_request(lambda r: r.headers.get("hx-request") == "true"):
        row.get_by_role("button", name="Approve").click()
    expect(row.get_by_text("Decision recorded.")).to_be_visible()
    sign_out(page)

    # The visit has happened: today moves on, after it and before the second one.
    monkeypatch.setitem(app.config, "TODAY", first_day + timedelta(days=45))
    sign_in(page, ids["teacher"])
    page.goto(visit_url)
    expect(page.get_by_text("approved", exact=True)).to_be_visible()
    page.get_by_label("Thing I learned, 1").fill("Wait time matters")
    page.get_by_label("Thing I learned, 2").fill("Sentence starters")
    page.get_by_label("Thing I learned, 3").fill("Record strategies")
    page.get_by_label("How this visitation will impact my practice").fill("Daily number talks")
    page.get_by_label("My next step(s)").fill("Start Monday\nCompare exit tickets")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    page.get_by_label("When could we meet to discuss the visit?").fill("Tuesday after 3 pm")
    page.get_by_role("button", name="Ask my principal for a meeting").click()
    assert_accessible(page)
    # A second visit in the same year.
    request_visit(page, ids["p"], second_day.isoformat(), "Watch the follow-up lesson.")
    expect(page.get_by_text("1 of 3 days used")).to_be_visible()
    second_url = page.url
    sign_out(page)

    sign_in(page, ids["principal"])
    page.goto(visit_url)
    # A meeting that has not happened yet is not recorded; one held late is, marked so.
    meeting = (first_day + timedelta(days=50)).isoformat()
    page.get_by_role("textbox", name="Date of follow-up meeting").fill(meeting)
    page.get_by_role("button", name="Record the meeting date").click()
    expect(page.locator("#followup_date-error")).to_contain_text(
        "Record the meeting once it has happened")
    meeting = (first_day + timedelta(days=40)).isoformat()
    page.get_by_role("textbox", name="Date of follow-up meeting").fill(meeting)
    page.get_by_role("button", name="Record the meeting date").click()
    expect(page.locator("#followup-date")).to_contain_text(meeting)
    expect(page.locator("#followup-date")).to_contain_text("held late")
    page.get_by_role("link", name="Approvals").click()
    page.locator("article.decision", has_text="Watch the follow-up lesson.").get_by_role(
        "button", name="Approve").click()
    sign_out(page)

    page.goto(second_url)  # signed out: sent to sign in
    sign_in(page, ids["admin"])
    page.goto(second_url)
    expect(page.get_by_text("waiting for the district")).to_be_visible()
    page.get_by_role("link", name="Approvals").click()
    page.wait_for_url("**/visits/approvals")  # loaded: htmx answers the button in place
    row = page.locator("article.decision", has_text="Watch the follow-up lesson.")
    row.get_by_role("button", name="Approve").click()
    expect(row.get_by_text("Decision recorded.")).to_be_visible()
