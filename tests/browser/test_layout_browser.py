"""Layout on a phone (360 px) and a laptop (1280 px), #8 point 20: no page scrolls
sideways, and the milestone buttons, the deadline and district tables and the
navigation links are all inside the viewport."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Partnership

from .conftest import _new_context, release_database, sign_in as sign_in_with_form

pytestmark = pytest.mark.browser

PASSWORD = "demo passphrase for the layout"
ADMIN = "xavier.moreau@demo.tandem.school"
PRINCIPAL = "ursula.grant@demo.tandem.school"

# Elements of `selector` wholly inside the viewport and inside any box that clips them
# (a scrolling table wrapper cuts a column off without the page scrolling).
OUTSIDE_JS = """
selector => [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length)
  .filter(e => {
    const r = e.getBoundingClientRect();
    let left = 0, right = window.innerWidth;
    for (let box = e.parentElement; box; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') {
        const b = box.getBoundingClientRect();
        left = Math.max(left, b.left); right = Math.min(right, b.right);
      }
    }
    return r.left < left - 1 || r.right > right + 1;
  }).map(e => (e.textContent || e.tagName).trim().slice(0, 40))
"""


@pytest.fixture
def demo(app):
    """The demo district; returns a member's email and id of an open partnership with
    milestones (step 4)."""
    result = app.test_cli_runner().invoke(args=["demo", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    open_ones = [p for p in db.session.scalars(select(Partnership))
                 if p.milestones and not p.completed_at]
    partnership = open_ones[0]
    found = partnership.members[0].email, partnership.id
    release_database()
    return found


@pytest.fixture(params=[360, 1280], ids=["phone", "laptop"])
def sized_page(request, browser, live_server):
    context = _new_context(browser, live_server,
                           viewport={"width": request.param, "height": 800})
    yield context.new_page()
    context.close()


def sign_in(page: Page, email: str) -> None:
    """Sign in as another user (the last one signs out first) with the demo's password."""
    sign_in_with_form(page, email, PASSWORD)


def assert_fits(page: Page, *selectors: str) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= width, f"{page.url} scrolls sideways: {scroll} px on a {width} px screen"
    for selector in selectors:
        assert page.locator(selector).count(), f"nothing matches {selector} on {page.url}"
        outside = page.evaluate(OUTSIDE_JS, selector)
        assert not outside, f"{selector} on {page.url} is cut off: {outside}"


def open_menu_if_folded(page: Page) -> None:
    """By the screen's width (the Menu folds below 64rem), not by a visibility that may be
    read before the page's stylesheet applies."""
    if page.viewport_size["width"] < 1024:
        page.locator(".nav-menu > summary").click()


def test_pages_fit_the_screen(sized_page, demo):
    page = sized_page
    teacher_email, pid = demo
    phone = page.viewport_size["width"] < 600

    sign_in(page, teacher_email)
    page.goto(f"/partnerships/{pid}/timeline")
    expect(page.get_by_role("button", name="Mark done").first).to_be_visible()
    assert_fits(page, "section[aria-labelledby=milestones-heading] button",
                "section[aria-labelledby=milestones-heading] td")

    sign_in(page, PRINCIPAL)
    page.goto("/dashboard/")
    assert_fits(page, "#teachers td", "#teachers tbody th")

    sign_in(page, ADMIN)
    page.goto("/dashboard/district")
    assert_fits(page, ".table-wrap td", ".table-wrap tbody th")

    # The administrator's links: folded into a Menu on a phone, in one row on a laptop.
    page.goto("/")
    links = page.locator("header .nav-links > li")
    expect(links).to_have_count(12)  # 11 links and Sign out
    menu = page.get_by_text("Menu", exact=True)
    if phone:
        expect(menu).to_be_visible()
        expect(links.first).to_be_hidden()
        header_height = page.locator("header").bounding_box()["height"]
        assert header_height < 100, f"the header takes {header_height} px"
        open_menu_if_folded(page)
    else:
        expect(menu).to_be_hidden()
    for index in range(links.count()):
        expect(links.nth(index)).to_be_visible()
    assert_fits(page, "header .nav-links > li")
    if not phone:
        middles = [(lambda box: box["y"] + box["height"] / 2)(links.nth(i).bounding_box())
                   for i in range(links.count())]
        assert max(middles) - min(middles) < 8, f"the links wrap onto several lines: {middles}"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    expect(page).to_have_url(f"{page.url.split('/admin')[0]}/admin/audit")
