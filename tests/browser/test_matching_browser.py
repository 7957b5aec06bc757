"""Suggested matches in a real browser (#11): the principal imports last year's scores,
reviews the suggestions, excludes a pair, finalizes with a note; a teacher sees the
invitation with the note and the focal indicators, never a score."""
from __future__ import annotations

import os
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from webapp.extensions import db
from webapp.programs import presets
from webapp.programs.operations import program_from_model, school_year_of

from .. import factories
from .conftest import assert_accessible, release_database, sign_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("TANDEM_SCREENSHOTS")


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_import_review_exclude_finalize_and_the_invitation(page, district, school, teacher,
                                                           partner, principal, tmp_path):
    program = program_from_model(district.id, presets.model("ipi"),
                                 school_year_of(date.today()))
    db.session.add(program)
    cara = factories.UserFactory(school=school, name="Cara Cole", email="cara@example.org")
    dev = factories.UserFactory(school=school, name="Dev Diaz", email="dev@example.org")
    db.session.commit()
    rows = [(teacher, 1, 3), (partner, 5, 5), (cara, 4, 3), (dev, 3, 2)]
    csv = tmp_path / "scores.csv"
    csv.write_text("email,Questioning,Academic Feedback\n" + "".join(
        f"{user.email},{q},{f}\n" for user, q, f in rows))
    last_year = f"{program.start_date.year - 1}–{program.start_date.year % 100:02d}"
    teacher_email, principal_email = teacher.email, principal.email
    release_database()

    sign_in(page, principal_email)
    page.goto("/dashboard/")
    page.get_by_role("link", name="Observation scores", exact=True).click()
    page.get_by_label("School year of the scores").select_option(label=last_year)
    page.get_by_label("Scores (CSV)").set_input_files(str(csv))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#count-create")).to_have_text("8")
    assert_accessible(page)
    page.get_by_role("button", name="Import 8 scores").click()
    expect(page.get_by_text("Scores imported: 8 new")).to_be_visible()

    page.goto("/matching/")
    page.get_by_role("button", name="Suggest matches").click()
    expect(page.get_by_role("heading", name="2 suggested pairs")).to_be_visible()
    expect(page.get_by_text("Cara scored 4 on Questioning, where Ana scored 1")).to_be_visible()
    assert_accessible(page)
    shot(page, "matching-review")
    # Exclude Ana & Cara: Ana goes with Ben; Cara and Dev are left, each with a reason.
    page.locator("article", has_text="Ana Teacher & Cara Cole").get_by_role(
        "button", name="Exclude this pair").click()
    expect(page.get_by_role("heading", name="1 suggested pair")).to_be_visible()
    expect(page.locator("article", has_text="Ana Teacher & Ben Partner")).to_be_visible()
    expect(page.locator("#unmatched")).to_contain_text("Cara Cole")
    pair = page.locator("article", has_text="Ana Teacher & Ben Partner")
    expect(pair.get_by_label("Questioning")).to_be_checked()
    pair.get_by_text("Other indicators").click()
    pair.get_by_label("Thinking", exact=True).check()
    page.get_by_label("Your note to the teachers").fill("You both teach grades 3-5.")
    page.get_by_role("button", name="Invite the teachers of 1 pair").click()
    expect(page.get_by_text("1 partnerships suggested")).to_be_visible()

    sign_in(page, teacher_email)
    page.goto("/")
    page.get_by_role("button", name="Read and answer").click()
    expect(page.locator("#invitation-note")).to_have_text("You both teach grades 3-5.")
    expect(page.locator("#invitation-indicators")).to_have_text("Questioning, Thinking")
    expect(page.get_by_text("scored")).to_have_count(0)
    assert_accessible(page)
    shot(page, "matching-invitation")
