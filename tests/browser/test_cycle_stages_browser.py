"""#9: a Learning Teams team logs the record of its stage and moves on to the next stage
(HTMX, the step panel swapped in place); its principal sees the stage on the dashboard,
at laptop and phone widths, and opens the families' summary."""
from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from webapp.extensions import db
from webapp.programs import presets

from .. import factories
from .conftest import assert_accessible, release_database, sign_in, sign_out

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 360])
def test_a_team_moves_through_a_stage_and_the_principal_sees_it(
        page, app, monkeypatch, program, teacher, partner, principal, width):
    monkeypatch.setitem(app.config, "TODAY", program.start_date + timedelta(days=40))
    model = presets.model("learning-teams")
    program.model_key, program.words = model.key, model.words()
    program.settings = copy.deepcopy(model.settings())
    team = factories.partnership_for(program, teacher, partner,
                                     focus_area="Monitoring the learning data of each child")
    team_id, teacher_email, principal_email = team.id, teacher.email, principal.email
    release_database()
    page.set_viewport_size({"width": width, "height": 900})

    sign_in(page, teacher_email)
    page.goto(f"/partnerships/{team_id}/cycles")
    expect(page.locator("#current-stage")).to_have_text(
        "Round 1, stage 1 of 5: Analyze student data")
    expect(page.locator("#teachers-learning-target")).to_contain_text("I can effectively work")
    page.get_by_label("Which student data did the team look at").fill(
        "Running records of all 24 readers")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.locator(".cycle-entry")).to_contain_text("Running records of all 24 readers")
    page.get_by_role("button", name="Move on to stage 2").click()
    expect(page.locator("#current-stage")).to_have_text(
        "Round 1, stage 2 of 5: Set shared goals for student and educator learning")
    expect(page.get_by_label("Our shared goal for student learning")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert_accessible(page)
    sign_out(page)

    sign_in(page, principal_email)
    page.goto("/dashboard/")
    expect(page.locator(f"#stage-{team_id}")).to_have_text(
        "Cycle: round 1, stage 2 of 5: Set shared goals for student and educator learning")
    expect(page.locator("#learning-targets")).to_contain_text("I can create the conditions")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert_accessible(page)
    page.get_by_role("link", name="Summary of our learning teams for families").click()
    expect(page.locator("main")).to_contain_text(
        "Round 1, stage 2 of 5: Set shared goals for student and educator learning")
    expect(page.locator("main")).not_to_contain_text("Ana Teacher")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert_accessible(page)
