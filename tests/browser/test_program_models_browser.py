"""Choosing a program model on the New program year page (#9), on a laptop and a phone:
the form fills from the model, its words can be changed, and the pages stay accessible."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Program
from webapp.programs import presets

from .conftest import assert_accessible, release_database, sign_in
from .test_rollover_browser import fits, sized_page  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def test_admin_creates_a_learning_teams_year(sized_page, admin, request):  # noqa: F811
    page = sized_page
    email = admin.email
    release_database()
    sign_in(page, email)
    page.goto("/programs/new")
    expect(page.get_by_label("Partners in Practice (Park West School Division)")).to_be_checked()
    page.get_by_label("Learning Teams (District Learning Teams implementation)").check()
    page.get_by_role("button", name="Fill the form from this").click()

    model = presets.model("learning-teams")
    expect(page.get_by_label("Program name")).to_have_value(re_start("Learning Teams "))
    expect(page.get_by_label("Step 5, Reflect – plan – act")).to_have_value(model.intros["cycles"])
    expect(page.get_by_label("Title of the classroom visit form")).to_have_value(
        "Classroom Visit Form")
    assert_accessible(page)
    fits(page)
    width = page.viewport_size["width"]
    page.screenshot(path=f"/tmp/mdl/new-program-{width}.png", full_page=True)
    page.get_by_label("Step 4, Timeline").fill("Our team meets every Tuesday after school.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash-success")).to_contain_text("Learning Teams")

    db.session.rollback()
    program = db.session.scalar(select(Program))
    assert program.model_key == "learning-teams"
    assert program.words["intro"]["timeline"] == "Our team meets every Tuesday after school."


def re_start(text: str):
    import re

    return re.compile("^" + re.escape(text))
