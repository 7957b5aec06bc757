"""#9, seed 001 in a real browser: a teacher of an Instructional Partners program sees the
partnership principles when invited, joins, writes this week's reflection (autosaved,
then saved) and sees the weeks they missed; at laptop and phone widths."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from playwright.sync_api import expect

from webapp.extensions import db
from webapp.models import MemberStatus, Membership
from webapp.partnerships.weekly import monday
from webapp.programs.operations import school_year_of

from .. import factories
from .conftest import assert_accessible, release_database, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_principles_on_joining_then_this_weeks_reflection_and_the_missed_weeks(
        page, app, monkeypatch, district, teacher, partner, width):
    today = date.today()
    monkeypatch.setitem(app.config, "TODAY", today)
    program = factories.instructional_partners_program(district, school_year_of(today))
    partnership = factories.partnership_for(program, partner, focus_area="Number talks",
                                            objective="Students explain their strategies.")
    partnership.memberships.append(Membership(user=teacher, status=MemberStatus.INVITED,
                                              invited_by_id=partner.id))
    email, partnership_id = teacher.email, partnership.id
    prompt = program.practice("weekly_reflections")["prompt"]
    release_database()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, email)

    # Invited: the seven principles, each with its meaning, before answering.
    page.get_by_role("button", name="Read and answer").click()
    principles = page.locator("#principles")
    expect(principles.get_by_role("heading", name="Partnership principles")).to_be_visible()
    expect(principles.locator("dt")).to_have_text(
        ["Equality", "Choice", "Voice", "Reflection", "Dialogue", "Praxis", "Reciprocity"])
    expect(principles).to_contain_text("Each partner expects to learn from the other.")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert_accessible(page)
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".flash-success")).to_contain_text("Welcome to the partnership!")

    # Three weeks pass: the partnership formed two weeks before this one.
    formed = datetime.combine(monday(today) - timedelta(days=12), time(12), tzinfo=timezone.utc)
    db.session.expire_all()
    joined = db.session.get(type(partnership), partnership_id)
    joined.created_at = formed
    joined.membership_of(teacher).responded_at = formed
    release_database()

    # Home: this week's reflection is due.
    page.goto("/")
    due = page.locator(".weekly-due")
    expect(due).to_contain_text("Your weekly reflection for the week of")
    due.get_by_role("link", name="Write it").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Weekly reflection, week of")
    expect(page.get_by_text(prompt)).to_be_visible()
    page.get_by_label("Dialogue: Partners listen to each other", exact=False).check()
    page.get_by_label("Your reflection this week").fill(
        "We tried turn-and-talk <before> sharing; quiet students spoke up.")
    expect(page.locator("#save-status-weekly")).to_contain_text("Saved", timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()

    # The weeks: this one written, the two before it missing (visible to the writer).
    expect(page.locator(".flash-success")).to_contain_text("is saved")
    this_week = page.locator(f"#week-{monday(today).isoformat()}")
    expect(this_week).to_contain_text("written")
    expect(this_week).to_contain_text("Dialogue: We tried turn-and-talk <before> sharing")
    for back in (7, 14):
        missed = page.locator(f"#week-{(monday(today) - timedelta(days=back)).isoformat()}")
        expect(missed).to_contain_text("missing")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert_accessible(page)
    page.screenshot(path=f"/tmp/weekly_reflections_{width}.png", full_page=True)
    page.goto("/")
    expect(page.locator(".weekly-due")).to_have_count(0)
