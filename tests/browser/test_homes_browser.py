"""Home pages in a real browser (#8 points 10, 14, 15): "I'm interested", notices marked
read in place, and the principal's counts and Approvals badge."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from webapp.extensions import db
from webapp.models import Notice

from .. import factories
from .conftest import assert_accessible, release_database, sign_in, sign_out

pytestmark = pytest.mark.browser




@pytest.fixture(params=["laptop", "phone"])
def any_page(request):
    return request.getfixturevalue("page" if request.param == "laptop" else "phone_page")


def test_teacher_says_interested_and_the_principal_sees_it(any_page, program, teacher,
                                                            principal, partner):
    page = any_page
    db.session.add(Notice(user_id=teacher.id, message="Ben Partner <declined> your invitation.",
                          url="/"))
    db.session.commit()
    emails = (teacher.email, principal.email)  # read before the live server writes
    release_database()
    width = page.viewport_size["width"]

    sign_in(page, emails[0])
    notices = page.locator("#notices")
    expect(notices).to_contain_text("Ben Partner <declined> your invitation.")
    assert_accessible(page)
    with page.expect_request(lambda r: r.headers.get("hx-request") == "true"):
        notices.get_by_role("button", name="Mark as read").click()
    expect(page.locator("#notices")).not_to_contain_text("declined")
    page.get_by_role("button", name="I’m interested").click()
    expect(page.locator("#interest")).to_contain_text(
        "You told your school administrator of your interest")
    expect(page.get_by_role("button", name="Take it back")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    sign_out(page)

    sign_in(page, emails[1])
    waiting = page.get_by_role("link", name="1 interested teacher without a partner")
    expect(waiting).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    waiting.click()
    row = page.locator("#teachers tr", has_text="Ana Teacher")
    expect(row.locator("td").first).to_contain_text("done")
    expect(row.locator("td").first).to_contain_text("on ")


def test_approvals_link_counts_for_eyes_and_screen_readers(page, partnership, teacher,
                                                           principal):
    factories.visit_for(partnership, teacher)
    email = principal.email  # read before the live server writes
    release_database()
    sign_in(page, email)
    link = page.get_by_role("link", name="Approvals (1 waiting)")
    expect(link).to_have_count(1)
    expect(page.get_by_role("link", name="1 visit request to decide")).to_be_visible()
    assert_accessible(page)
