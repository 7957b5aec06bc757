"""#9, seed 001 in a real browser: the principal writes the school's Instructional Target
with look-fors, a teacher reads it and comments, then ticks look-fors in step 1 as the
partnership's focus; the principal reads the comment. At laptop and phone widths."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .. import factories
from .conftest import assert_accessible, release_database, sign_in

pytestmark = pytest.mark.browser


def fill_target(page, vision: str) -> None:
    """The target's vision and two focus areas with three look-fors, on its edit page."""
    page.get_by_label("Our vision of effective teaching and learning").fill(vision)
    page.get_by_label("Focus area 1: title").fill("Student discourse")
    page.get_by_label("Look-for 1 of focus area 1").fill(
        "Students explain their reasoning to a partner.")
    page.get_by_label("Look-for 2 of focus area 1").fill("Every student speaks in each lesson.")
    page.get_by_label("Focus area 2: title").fill("Feedback")
    page.get_by_label("Look-for 1 of focus area 2").fill("Students act on feedback in class.")


def no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


@pytest.mark.parametrize("width", [1280, 390])
def test_principal_writes_the_target_a_teacher_comments_and_chooses_look_fors(
        page, district, school, teacher, partner, principal, width):
    program = factories.program_from_model(district, "instructional-partners")
    partnership = factories.partnership_for(program, teacher, partner)
    principal_email, teacher_email, teacher_name = principal.email, teacher.email, teacher.name
    partnership_id = partnership.id
    release_database()
    page.set_viewport_size({"width": width, "height": 900})

    # The principal starts the target from the home page and writes it.
    sign_in(page, principal_email)
    home_target = page.locator("#instructional-target")
    expect(home_target.get_by_role("heading", name="Instructional Target")).to_be_visible()
    home_target.get_by_role("button", name="Write your school’s Instructional Target").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the Instructional Target")
    fill_target(page, "Students do the thinking & talking <every day>.")
    expect(page.locator(".draft-status")).to_contain_text("Draft kept from", timeout=10_000)
    no_sideways_scroll(page, width)
    assert_accessible(page)
    page.get_by_role("button", name="Save the target").click()
    expect(page.locator(".flash-success")).to_contain_text("The Instructional Target is saved.")
    target = page.locator("#target")
    expect(target).to_contain_text("Students do the thinking & talking <every day>.")
    expect(target.get_by_role("heading", name="Student discourse")).to_be_visible()
    expect(target.locator("li")).to_have_text([
        "Students explain their reasoning to a partner.", "Every student speaks in each lesson.",
        "Students act on feedback in class."])
    no_sideways_scroll(page, width)
    assert_accessible(page)

    # A teacher reads it from home and comments.
    sign_in(page, teacher_email)
    page.locator("#instructional-target").get_by_role(
        "link", name="Read your school’s Instructional Target").click()
    expect(page.locator("#target")).to_contain_text("Every student speaks in each lesson.")
    page.get_by_label("Your comment").fill("Could we add wait time as a look-for?")
    page.get_by_role("button", name="Post the comment").click()
    comments = page.locator("#comments")
    expect(comments.locator(".target-comment")).to_contain_text(
        "Could we add wait time as a look-for?")
    expect(comments.locator(".target-comment")).to_contain_text(teacher_name)
    expect(page.get_by_role("link", name="Edit the target")).to_have_count(0)
    no_sideways_scroll(page, width)
    assert_accessible(page)

    # Step 1: the partnership ticks the look-fors it will focus on.
    page.goto(f"/partnerships/{partnership_id}/objective")
    look_fors = page.get_by_role("group", name="Look-fors we focus on")
    look_fors.get_by_label("Student discourse: Every student speaks in each lesson.").check()
    look_fors.get_by_label("Feedback: Students act on feedback in class.").check()
    page.get_by_label("Area of focus").select_option("Data-based decision-making")
    page.get_by_label("Our shared objective, in our own words").fill("Everyone talks.")
    page.get_by_label("Student learning goal").fill("Students explain.")
    page.get_by_label("Educator learning goal").fill("We listen.")
    page.get_by_label("The needs of my class").check()
    no_sideways_scroll(page, width)
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partner")
    page.goto(f"/partnerships/{partnership_id}/")
    expect(page.locator("ul.look-fors li")).to_have_text([
        "Student discourse: Every student speaks in each lesson.",
        "Feedback: Students act on feedback in class."])

    # The principal sees the comment, and its count at home.
    sign_in(page, principal_email)
    expect(page.locator("#instructional-target")).to_contain_text("1 comment")
    page.locator("#instructional-target").get_by_role(
        "link", name="Read your school’s Instructional Target").click()
    expect(page.locator("#comments")).to_contain_text("Could we add wait time as a look-for?")
    expect(page.get_by_role("button", name="Delete my comment")).to_have_count(0)
