"""Accounts in a real browser: invite, set a password, sign in; staff search; home pages."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .. import factories
from ..conftest import PASSWORD
from .conftest import assert_accessible, release_database

pytestmark = pytest.mark.browser

SET_PASSWORD_LINK = re.compile(r"https?://\S+/auth/set-password/[\w.\-]+")
NEW_PASSPHRASE = "copper kettle whistles beside the orchard gate"


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_admin_invites_a_teacher_who_sets_a_password_and_signs_in(page, admin, school):
    admin_email = admin.email
    release_database()

    page.goto("/auth/login")
    assert_accessible(page)
    sign_in(page, admin_email)
    expect(page.get_by_role("heading", name="Welcome, Dana Admin")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Staff", exact=True).click()
    page.get_by_role("button", name="Add a staff member").click()
    expect(page.get_by_role("heading", name="Add a staff member")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Full name").fill("Nora Newcomer")
    page.get_by_label("Email").fill("nora.newcomer@example.org")
    page.get_by_label("Role").select_option(label="Teacher")
    page.get_by_label("School", exact=True).select_option(label="Riverside Elementary")
    page.get_by_label("Grade band").select_option("K-2")
    page.get_by_label("Subject").fill("Literacy")
    page.get_by_label("Years in the district").fill("1")
    expect(page.get_by_label("Send an invitation to set a password now")).to_be_checked()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Nora Newcomer was added.")).to_be_visible()

    page.get_by_role("link", name="Outbox").click()
    message = page.locator("article", has_text="nora.newcomer@example.org")
    expect(message).to_have_count(1)
    assert_accessible(page)
    link = SET_PASSWORD_LINK.search(message.inner_text()).group(0)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()

    page.goto(link)
    expect(page.get_by_role("heading", name="Welcome to Tandem, Nora Newcomer")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSPHRASE)
    page.get_by_label("New password again").fill(NEW_PASSPHRASE)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("Your password is set.")).to_be_visible()

    sign_in(page, "nora.newcomer@example.org", NEW_PASSPHRASE)
    expect(page.get_by_role("heading", name="Welcome, Nora Newcomer")).to_be_visible()
    expect(page.get_by_text("Riverside Elementary").first).to_be_visible()
    assert_accessible(page)


def test_staff_search_filters_rows_as_you_type(page, admin, school):
    factories.UserFactory(school=school, name="Ana Teacher")
    factories.UserFactory(school=school, name="Bruno Teacher")
    factories.UserFactory(school=school, name="Carla Teacher")
    admin_email = admin.email
    release_database()
    sign_in(page, admin_email)

    page.goto("/admin/staff")
    rows = page.locator("#staff-rows tbody tr")
    expect(rows).to_have_count(4)
    page.evaluate("window.tandemPageMarker = 'still here'")

    with page.expect_response(lambda r: "/admin/staff?" in r.url
                              and r.request.headers.get("hx-request") == "true"):
        page.locator("#staff-q").press_sequentially("brun")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Bruno Teacher")
    assert page.evaluate("window.tandemPageMarker") == "still here", "the page reloaded"
    expect(page).to_have_url(re.compile(r"q=brun"))
    assert_accessible(page)

    page.locator("#staff-q").fill("")
    expect(rows).to_have_count(4)
    assert page.evaluate("window.tandemPageMarker") == "still here"


def test_staff_list_on_a_phone_is_accessible_with_and_without_matches(phone_page, admin, school):
    factories.UserFactory(school=school, name="Ana Teacher")
    admin_email = admin.email
    release_database()
    page = phone_page
    sign_in(page, admin_email)

    page.goto("/admin/staff")
    expect(page.locator("#staff-rows tbody tr")).to_have_count(2)
    assert_accessible(page)
    # The table scrolls sideways on a phone: with no links left in it, the scrolling
    # region itself must still be reachable by keyboard.
    page.locator("#staff-q").fill("nobody-by-this-name")
    expect(page.get_by_text("Nobody matches.")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("role", ["teacher", "principal", "admin"])
@pytest.mark.parametrize("viewport", ["laptop", "phone"])
def test_home_page_is_accessible(request, role, viewport, school):
    user = request.getfixturevalue(role)
    email, name = user.email, user.name
    release_database()
    page = request.getfixturevalue("phone_page" if viewport == "phone" else "page")

    sign_in(page, email)
    expect(page.get_by_role("heading", name=f"Welcome, {name}")).to_be_visible()
    assert_accessible(page)
    if viewport == "phone":
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"


def test_staff_form_with_a_bad_email_keeps_what_was_typed(page, admin, school):
    admin_email, school_id = admin.email, school.id
    release_database()
    sign_in(page, admin_email)

    page.goto("/admin/staff/new")
    page.get_by_label("Full name").fill("Zoë Typed-Carefully")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("School", exact=True).select_option(label="Riverside Elementary")
    page.get_by_label("Subject").fill("Music")
    page.get_by_role("button", name="Save").click()

    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#email-error")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Zoë Typed-Carefully")
    expect(email).to_have_value("not-an-email")
    expect(page.get_by_label("Subject")).to_have_value("Music")
    expect(page.get_by_label("School", exact=True)).to_have_value(str(school_id))
    assert_accessible(page)
