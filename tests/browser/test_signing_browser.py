"""Signing and filing in a real browser (#10): two members and the principal sign the
plan (one on a phone, one drawing a signature); it is filed; the filed PDF verifies on
/verify and a changed copy does not; editing is refused until the principal reopens; the
next version needs new signatures while the first stays listed."""
from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from .. import factories
from ..conftest import PASSWORD
from .conftest import assert_accessible, release_database, sign_in, sign_out

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("TANDEM_SCREENSHOTS")  # a folder: save screenshots there


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def sign_the_plan(page: Page, name: str, draw: bool = False) -> None:
    page.get_by_label("Your full name").fill(name)
    if draw:
        canvas = page.locator("#signature-canvas")
        expect(canvas).to_be_visible()
        canvas.scroll_into_view_if_needed()  # the mouse draws where the viewport is
        box = canvas.bounding_box()
        page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.7)
        page.mouse.down()
        for step in range(1, 12):
            page.mouse.move(box["x"] + 20 + step * 25,
                            box["y"] + box["height"] * (0.3 if step % 2 else 0.7))
        page.mouse.up()
    page.get_by_label("I have read this document and I sign it").check()
    page.get_by_label("Your password").fill(PASSWORD)
    shot(page, f"sign-form-{name.split()[0].lower()}")
    page.get_by_role("button", name="Sign", exact=True).click()


def test_members_and_principal_sign_file_verify_and_reopen(
        page, phone_page, partnership, teacher, partner, principal, tmp_path):
    factories.fill_steps(partnership)
    pid = partnership.id
    emails = teacher.email, partner.email, principal.email
    release_database()

    # Ana opens the plan's record page from the overview and signs, drawing too.
    sign_in(page, emails[0])
    page.goto(f"/partnerships/{pid}/")
    page.get_by_role("link", name="Sign and file — Partnership plan").click()
    expect(page.locator("#record-status")).to_contain_text("Ready to sign")
    assert_accessible(page)
    sign_the_plan(page, "Ana Teacher", draw=True)
    expect(page.get_by_text("Signed. The record is filed once everyone has signed.")
           ).to_be_visible()
    shot(page, "signing-after-ana")

    # Ben signs on his phone.
    sign_in(phone_page, emails[1])
    phone_page.goto(f"/records/plan/{pid}")
    expect(phone_page.get_by_role("cell", name="Signed on")).to_have_count(1)
    assert_accessible(phone_page)
    sign_the_plan(phone_page, "Ben Partner")
    expect(phone_page.get_by_text("Signed.", exact=False).first).to_be_visible()
    shot(phone_page, "signing-phone")

    # The principal signs last: the plan is filed.
    sign_out(page)
    sign_in(page, emails[2])
    page.goto(f"/records/plan/{pid}")
    sign_the_plan(page, "Pat Principal")
    expect(page.get_by_text("That was the last signature")).to_be_visible()
    expect(page.locator("#record-status")).to_contain_text("Filed on")
    assert_accessible(page)
    with page.expect_download() as info:
        page.locator("#filed-versions").get_by_role("link", name="PDF").first.click()
    filed = tmp_path / "filed.pdf"
    info.value.save_as(filed)
    if SHOTS:
        info.value.save_as(f"{SHOTS}/filed-plan.pdf")
    from webapp.extensions import db
    from webapp.models import RecordSignature

    drawn = {s.typed_name: s.drawn for s in db.session.query(RecordSignature)}
    release_database()
    assert drawn["Ana Teacher"].startswith("[[[") and drawn["Ben Partner"] == ""
    shot(page, "signing-filed")

    # Anyone can check the file on /verify, signed in or not.
    sign_out(page)
    page.goto("/verify/")
    assert_accessible(page)
    page.get_by_label("A filed PDF").set_input_files(str(filed))
    page.get_by_role("button", name="Verify").click()
    expect(page.locator("#verify-outcome")).to_contain_text(
        "This PDF is an unaltered record filed in Tandem.")
    expect(page.locator("#verify-outcome")).to_contain_text("Ben Partner (Teacher) signed on")
    changed = bytearray(filed.read_bytes())
    changed[3000] ^= 0x01
    (tmp_path / "changed.pdf").write_bytes(bytes(changed))
    page.get_by_label("A filed PDF").set_input_files(str(tmp_path / "changed.pdf"))
    page.get_by_role("button", name="Verify").click()
    expect(page.locator("#verify-outcome")).to_contain_text("is not an unaltered record")

    # Ana cannot change the objective now.
    sign_in(page, emails[0])
    page.goto(f"/partnerships/{pid}/objective")
    expect(page.get_by_text("The Partnership plan is filed")).to_be_visible()
    expect(page.get_by_label("Our shared objective, in our own words")).to_have_count(0)

    # The principal reopens it with a reason.
    sign_in(page, emails[2])
    page.goto(f"/records/plan/{pid}")
    page.get_by_label("Why reopen this record?").fill("The end date moves to June.")
    page.get_by_role("button", name="Reopen").click()
    expect(page.get_by_text("The record is reopened.")).to_be_visible()
    expect(page.locator("#filed-versions")).to_contain_text("Version 1")
    expect(page.locator("#filed-versions")).to_contain_text("The end date moves to June.")

    # Ana changes the plan; the new version has no signatures yet, the old one stays.
    sign_in(page, emails[0])
    page.goto(f"/partnerships/{pid}/objective")
    page.get_by_label("Our shared objective, in our own words").fill("Better number talks, all year")
    page.locator("input[name=objective_source]").first.check()
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator("#step-heading")).not_to_contain_text("Objective")  # saved, on
    page.goto(f"/records/plan/{pid}")
    expect(page.locator("#record-status")).to_contain_text("Ready to sign")
    expect(page.get_by_role("cell", name="Not signed yet")).to_have_count(3)
    expect(page.locator("#filed-versions li")).to_have_count(1)
    shot(page, "signing-reopened")
