"""The year's rollover in a real browser (#9): an administrator starts next year from a
program, on a laptop and on a narrow phone, and the pages stay accessible."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Program

from ..conftest import PASSWORD
from ..test_rollover import edited_program
from .conftest import _new_context, _watched_page, assert_accessible, release_database

pytestmark = pytest.mark.browser


@pytest.fixture(params=[1280, 360], ids=["1280px", "360px"])
def sized_page(request, browser, live_server, console):
    """A page 1280 or 360 pixels wide."""
    context = _new_context(browser, live_server,
                           viewport={"width": request.param, "height": 800})
    yield _watched_page(context, console)
    context.close()
    assert not console.csp_violations, console.csp_violations


def fits(page) -> None:
    """Nothing sticks out sideways (the programs table scrolls inside its own box)."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_admin_starts_next_year_from_a_program(sized_page, district, admin):
    page = sized_page
    program = edited_program(district, 2026)
    program_id, email = program.id, admin.email
    release_database()

    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/programs/")
    assert_accessible(page)
    fits(page)
    page.get_by_role("link", name="Start next year from this program").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Start next year from Partners in Practice 2026/27")
    expect(page.get_by_label("Program name")).to_have_value("Partners in Practice 2027/28")
    expect(page.get_by_label("First day of the program year")).to_have_value("2027-08-15")
    expect(page.get_by_label("Areas of focus")).to_have_value("Reading fluency\nNumber sense")
    assert_accessible(page)
    fits(page)
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".flash-success")).to_contain_text("Partners in Practice 2027/28")
    expect(page.get_by_role("cell", name="Partners in Practice 2027/28",
                                exact=True)).to_be_visible()

    # The same again: the overlap is named next to the dates and must be confirmed.
    page.goto(f"/programs/{program_id}/next-year")
    page.get_by_role("button", name="Save").click()
    warning = page.locator("#overlap-warning")
    expect(warning).to_contain_text("Partners in Practice 2027/28")
    assert_accessible(page)
    fits(page)
    page.get_by_role("link", name="Cancel").click()
    db.session.expire_all()
    assert len(db.session.scalars(select(Program)).all()) == 2
    release_database()

    # The unused copy can be deleted after confirming.
    page.get_by_role("link", name="Delete Partners in Practice 2027/28").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator(".flash-info")).to_contain_text("was deleted")
    db.session.expire_all()
    assert [p.id for p in db.session.scalars(select(Program))] == [program_id]
