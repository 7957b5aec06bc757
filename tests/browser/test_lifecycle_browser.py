"""The end of a partnership in a real browser (#8 points 8, 9): the confirm step, the
lock seen from a page opened before completing, and the principal's reopening."""
from __future__ import annotations

import os
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from webapp.extensions import db
from webapp.models.base import utcnow

from .. import factories
from .conftest import assert_accessible, release_database, sign_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("TANDEM_SCREENSHOTS")  # a folder: save screenshots there




def shot(page: Page, name: str) -> None:
    if SHOTS:
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def ready(app, partnership, teacher, partner, program):
    """A pair with everything the program asks for, and the app's today mid-year."""
    app.config["TODAY"] = program.start_date + timedelta(days=120)
    return factories.ready_to_complete(partnership, (teacher, partner),
                                       program.start_date + timedelta(days=60))


def test_complete_confirm_then_the_principal_reopens(page, ready, teacher, principal):
    pid, teacher_email, principal_email = ready.id, teacher.email, principal.email
    release_database()

    sign_in(page, teacher_email)
    page.goto(f"/partnerships/{pid}/reflection")
    expect(page.get_by_text("Everything the program asks for is there.")).to_be_visible()
    page.get_by_role("button", name="Mark the partnership complete…").click()
    expect(page.locator("#filed-list")).to_contain_text("Partnership plan")
    expect(page.locator("#filed-list")).to_contain_text("Reflection record")
    assert_accessible(page)
    shot(page, "complete-confirm")
    # Not ticked: asked again, with the message at the box.
    page.get_by_role("button", name="Mark the partnership complete").click()
    expect(page.get_by_text("Tick this box to confirm")).to_be_visible()
    expect(page.get_by_label("We have finished")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("We have finished").check()
    page.get_by_role("button", name="Mark the partnership complete").click()
    expect(page.get_by_text("Congratulations: your partnership is complete.")).to_be_visible()
    expect(page.locator("#completed-note")).to_contain_text("Its records are locked")
    page.goto(f"/partnerships/{pid}/timeline")
    expect(page.locator(".step-closed")).to_contain_text("records are locked")
    expect(page.get_by_role("button", name="Save and continue")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, principal_email)
    page.goto(f"/partnerships/{pid}/")
    page.get_by_text("Reopen this partnership").click()
    page.get_by_role("button", name="Reopen the partnership").click()
    expect(page.locator("#reason-error")).to_contain_text("Say why the partnership is reopened")
    expect(page.locator(".error-summary")).to_be_focused()
    page.get_by_label("Why reopen it?").fill("Add the spring <assessment> results.")
    shot(page, "reopen-form")
    page.get_by_role("button", name="Reopen the partnership").click()
    expect(page.get_by_text("The partnership is reopened.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, teacher_email)
    page.goto(f"/partnerships/{pid}/reflection")
    note = page.locator(".reopened")
    expect(note).to_contain_text("Reopened by Pat Principal")
    expect(note).to_contain_text("Add the spring <assessment> results.")
    assert_accessible(page)
    shot(page, "reopened-step")


def test_a_page_opened_before_completion_says_it_is_locked(page, ready, teacher):
    pid, teacher_email = ready.id, teacher.email
    release_database()
    sign_in(page, teacher_email)
    page.goto(f"/partnerships/{pid}/objective")
    expect(page.get_by_role("heading", name="Step 1 of 6: Objective")).to_be_visible()

    ready.completed_at = utcnow()  # the partner completes it meanwhile
    release_database()
    objective = page.get_by_label("Our shared objective, in our own words")
    objective.fill("A change typed after completion")
    expect(page.locator("#save-status-objective")).to_contain_text(
        "Not saved: This partnership is complete", timeout=8_000)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#wizard .step-closed")).to_contain_text("records are locked")
    shot(page, "locked-panel")
    db.session.refresh(ready)
    assert ready.objective == "Better number talks"
