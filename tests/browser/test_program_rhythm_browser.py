"""#9: the principal's dashboard under an IPI-like program (check-ins every month, the
cadence watch on) in a real browser, at laptop and phone widths."""
from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from webapp.extensions import db
from webapp.models import CycleEntry

from .conftest import assert_accessible, release_database, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 360])
def test_cadence_flag_and_check_ins_follow_the_program(page, app, monkeypatch, partnership,
                                                        program, teacher, principal, width):
    today = program.start_date + timedelta(days=75)
    monkeypatch.setitem(app.config, "TODAY", today)
    settings = dict(program.settings)
    settings["practices"] = {"checkins": {"interval_months": 1},
                             "cadence_watch": {"max_days": 14}}
    program.settings = settings
    partnership.start_date = program.start_date
    db.session.add(CycleEntry(partnership_id=partnership.id, author_id=teacher.id,
                              met_on=today - timedelta(days=23)))
    email = principal.email
    release_database()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, email)
    page.goto("/dashboard/")
    card = page.locator(f"#partnership-{partnership.id}")
    expect(card).to_contain_text(
        "No meeting logged for 23 days (the program asks for one at least every 14).")
    expect(card).to_contain_text("Check in every month")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert_accessible(page)
    page.screenshot(path=f"/tmp/practB_dashboard_{width}.png", full_page=True)
