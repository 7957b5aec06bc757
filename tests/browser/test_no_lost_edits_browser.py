"""Nothing typed is lost (#8 points 1–5), in a real browser."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from webapp.extensions import db

from .conftest import release_database, sign_in

pytestmark = pytest.mark.browser




def timeline_page(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name="Step 4 of 6: Timeline")).to_be_visible()


@pytest.fixture
def dated_partnership(partnership):
    """A partnership whose timeline was saved once: start, end, every other week."""
    program = partnership.program
    partnership.start_date = program.start_date + timedelta(days=20)
    partnership.end_date = program.start_date + timedelta(days=200)
    partnership.cadence = "biweekly"
    partnership.timeline_version = 1
    db.session.commit()
    return partnership


def reload_partnership(partnership):
    db.session.expire_all()
    return partnership


@pytest.mark.parametrize("how", ["mouse", "enter", "no-js-mouse", "no-js-enter"])
def test_adding_a_milestone_keeps_the_unsaved_timeline_edits(browser, live_server, teacher,
                                                            dated_partnership, how):
    program = dated_partnership.program
    new_end = (program.start_date + timedelta(days=230)).isoformat()
    due = (program.start_date + timedelta(days=60)).isoformat()
    email, url = teacher.email, f"/partnerships/{dated_partnership.id}/timeline"
    release_database()
    context = browser.new_context(base_url=live_server.url,
                                  java_script_enabled=not how.startswith("no-js"))
    context.set_default_timeout(5_000)
    page = context.new_page()
    try:
        sign_in(page, email)
        timeline_page(page, url)
        # Change the end date and the cadence, then at once add a milestone: the
        # autosave (1.5 s after typing) has not run yet.
        page.get_by_label("End date").fill(new_end)
        page.get_by_label("Weekly", exact=True).check()
        page.get_by_label("Milestone", exact=True).fill("First peer observation")
        page.get_by_label("Due date").fill(due)
        if how.endswith("enter"):
            page.get_by_label("Due date").press("Enter")
        else:
            page.get_by_role("button", name="Add milestone").click()
        expect(page.get_by_role("row", name="First peer observation")).to_contain_text(due)
        # Still on step 4, and the edits made before the milestone are on the page...
        expect(page.get_by_role("heading", name="Step 4 of 6: Timeline")).to_be_visible()
        expect(page.get_by_label("End date")).to_have_value(new_end)
        expect(page.get_by_label("Weekly", exact=True)).to_be_checked()
        # ...and saved.
        saved = reload_partnership(dated_partnership)
        assert saved.end_date.isoformat() == new_end
        assert saved.cadence == "weekly"
        assert [m.title for m in saved.milestones] == ["First peer observation"]
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_marking_done_and_removing_keep_the_unsaved_timeline_edits(
        browser, live_server, teacher, dated_partnership, javascript):
    from webapp.models import Milestone

    program = dated_partnership.program
    for title in ("Unit plan drafted", "Exit tickets compared"):
        dated_partnership.milestones.append(
            Milestone(title=title, due_date=program.start_date + timedelta(days=70)))
    db.session.commit()
    start = program.start_date
    email, url = teacher.email, f"/partnerships/{dated_partnership.id}/timeline"
    release_database()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(5_000)
    page = context.new_page()
    try:
        sign_in(page, email)
        timeline_page(page, url)
        page.get_by_label("Weekly", exact=True).check()
        page.get_by_role("button", name=re.compile(r"^Mark done\W+Unit plan drafted")).click()
        expect(page.get_by_role("row", name="Unit plan drafted")).to_contain_text("Done")
        expect(page.get_by_label("Weekly", exact=True)).to_be_checked()
        new_start = (start + timedelta(days=25)).isoformat()
        page.get_by_label("Start date").fill(new_start)
        page.get_by_role("button", name=re.compile(r"^Remove\W+Exit tickets compared")).click()
        expect(page.get_by_role("row", name="Exit tickets compared")).to_have_count(0)
        expect(page.get_by_label("Start date")).to_have_value(new_start)
        saved = reload_partnership(dated_partnership)
        assert (saved.cadence, saved.start_date.isoformat()) == ("weekly", new_start)
        assert [(m.title, m.done) for m in saved.milestones] == [("Unit plan drafted", True)]
    finally:
        context.close()


def test_new_cycle_entry_is_kept_as_a_draft_and_leaving_asks_first(page, teacher,
                                                                   partnership):
    email, url = teacher.email, f"/partnerships/{partnership.id}/cycles"
    day = (partnership.program.start_date + timedelta(days=3)).isoformat()
    release_database()
    sign_in(page, email)
    page.goto(url)
    reflected = page.get_by_label("What we reflected on")
    # Leaving right after typing (before the autosave) asks first.
    reflected.fill("Exit tickets showed two strategies")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Partnership overview").click()
    expect(page).to_have_url(re.compile(r"/cycles$"))
    assert asked == ["beforeunload"]
    # The autosave keeps it on the server; then leaving no longer asks.
    expect(page.get_by_text("Draft kept from")).to_be_visible(timeout=8_000)
    page.reload()
    expect(page.get_by_label("What we reflected on")).to_have_value(
        "Exit tickets showed two strategies")
    expect(page.get_by_text("Draft kept from")).to_be_visible()
    # Sending it is no reason to ask, and the draft is gone afterwards.
    page.get_by_label("Date we met").fill(day)
    page.get_by_role("button", name="Add to the log").click()
    expect(page.locator("article.cycle-entry", has_text="Exit tickets")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Draft kept from")).to_have_count(0)
    # Discarding a draft empties the form.
    page.locator("summary", has_text="Log a meeting").click()
    page.get_by_label("What we planned").fill("A plan to throw away")
    expect(page.get_by_role("button", name="Discard draft")).to_be_visible(timeout=8_000)
    page.get_by_role("button", name="Discard draft").click()
    expect(page.get_by_label("What we planned")).to_have_value("")
    expect(page.get_by_text("Draft kept from")).to_have_count(0)


def test_over_long_paste_is_marked_at_its_field_and_the_rest_is_saved(page, teacher,
                                                                      partnership):
    email, url = teacher.email, f"/partnerships/{partnership.id}/approach"
    choice = partnership.program.approaches[0]
    release_database()
    sign_in(page, email)
    page.goto(url)
    plan = page.get_by_label("Our plan")
    plan.fill("p" * 16_500)
    expect(page.locator("#approach_plan-count")).to_have_text("16,500 of 20,000 characters")
    page.get_by_label(choice).check()
    plan.fill("p" * 45_000)  # a paste
    message = page.locator("#approach_plan-autosave-error")
    expect(message).to_contain_text("Keep this to 20000 characters", timeout=8_000)
    expect(message).to_have_attribute("role", "alert")
    expect(plan).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#approach_plan-count")).to_contain_text("45,000 of 20,000 characters")
    db.session.expire_all()
    assert partnership.approaches == [choice]  # the ticked approach is saved anyway
    page.reload()
    expect(page.get_by_label("Our plan")).to_have_value("p" * 45_000)
    expect(page.get_by_label(choice)).to_be_checked()
    # Shortened, the message goes away at the next autosave.
    page.get_by_label("Our plan").fill("A plan of a sensible length")
    expect(page.locator(".field-error")).to_have_count(0, timeout=8_000)
    expect(page.get_by_label("Our plan")).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("javascript", [True, False])
def test_error_summary_takes_focus_and_leads_to_the_field(browser, live_server, teacher,
                                                          partnership, javascript):
    email, url = teacher.email, f"/partnerships/{partnership.id}/timeline"
    release_database()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(5_000)
    page = context.new_page()
    try:
        sign_in(page, email)
        page.goto(url)
        page.get_by_label("Start date").fill("2001-01-01")  # outside the program year
        page.get_by_role("button", name="Save and continue").click()
        summary = page.locator("[data-error-summary]")
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("Start date: Choose a date within the program year")
        expect(summary).to_contain_text("We will meet: Please fill this in")
        summary.get_by_role("link", name=re.compile("^We will meet")).click()
        expect(page.get_by_label("Weekly", exact=True)).to_be_in_viewport()
        if javascript:
            # A filled-in answer loses its stale message at once.
            cadence_error = page.locator("#cadence-error")
            expect(cadence_error).to_be_visible()
            page.get_by_label("Weekly", exact=True).check()
            expect(cadence_error).to_have_count(0)
            expect(page.get_by_label("Weekly", exact=True)).not_to_have_attribute(
                "aria-invalid", "true")
    finally:
        context.close()


def test_a_send_that_failed_still_asks_before_leaving(page, teacher, partnership):
    """The form counts as saved only once the server took it: a send lost on the way
    (network down) leaves the text unsaved, so leaving still asks (review of #8)."""
    email, url = teacher.email, f"/partnerships/{partnership.id}/cycles"
    day = (partnership.program.start_date + timedelta(days=3)).isoformat()
    release_database()
    sign_in(page, email)
    page.goto(url)
    page.route(re.compile(r"/(cycles/new|drafts/)"), lambda route: route.abort())
    page.get_by_label("Date we met").fill(day)
    page.get_by_label("What we reflected on").fill("Words the server never got")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.locator("#connection-status")).to_be_visible()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Partnership overview").click()
    expect(page).to_have_url(re.compile(r"/cycles$"))
    assert asked == ["beforeunload"]
    expect(page.get_by_label("What we reflected on")).to_have_value("Words the server never got")
