"""The principal's and district's pages in a real browser: accessible, and in place."""
from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, release_database, sign_in

pytestmark = pytest.mark.browser




@pytest.fixture(params=["laptop", "phone"])
def any_page(request):
    """The test once on a laptop-sized page, once on a phone."""
    return request.getfixturevalue("page" if request.param == "laptop" else "phone_page")


def open_menu_on_a_phone(page) -> None:
    """A phone folds the navigation links into a Menu (#8 point 20): open it. Decided by
    the screen's width, not by the Menu's visibility, which may be read while the next
    page is still loading (before its stylesheet hides the Menu on a laptop)."""
    expect(page.locator("form[action$='/auth/logout']")).to_be_attached()  # signed in
    if page.viewport_size["width"] < 1024:  # the Menu folds below 64rem
        page.locator(".nav-menu > summary").click()


def test_principal_dashboard_and_check_in_in_place(any_page, partnership, principal, admin):
    page = any_page
    emails = (principal.email, admin.email)
    pid = partnership.id
    release_database()
    width = page.viewport_size["width"]

    sign_in(page, emails[0])
    open_menu_on_a_phone(page)
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard: Riverside Elementary")).to_be_visible()
    assert_accessible(page)
    section = page.locator(f"#check-ins-{pid}")
    section.locator("summary").click()
    section.get_by_label("Date of the check-in").fill(date.today().isoformat())
    section.get_by_label("Note").fill("Talked in the hallway: <going well> & on track")
    with page.expect_request(lambda r: r.headers.get("hx-request") == "true"):
        section.get_by_role("button", name="Record the check-in").click()
    expect(page.locator(f"#check-ins-{pid}")).to_contain_text(
        "Talked in the hallway: <going well> & on track")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    open_menu_on_a_phone(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, emails[1])
    page.goto("/dashboard/district")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
