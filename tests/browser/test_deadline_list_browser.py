"""A program's own deadlines in a real browser (#9): the district administrator adds a
deadline the principal ticks by hand, and the principal ticks it for a teacher in place,
on a laptop and on a phone; the pages stay accessible and nothing sticks out sideways."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import DeadlineTick, ProgramInterest

from .conftest import assert_accessible, release_database, sign_in, sign_out

pytestmark = pytest.mark.browser


@pytest.fixture(params=["laptop", "phone"])
def any_page(request):
    """The test once on a laptop-sized page, once on a phone."""
    return request.getfixturevalue("page" if request.param == "laptop" else "phone_page")


def fits(page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_admin_adds_a_hand_ticked_deadline_and_the_principal_ticks_it(
        any_page, program, admin, principal, teacher):
    page = any_page
    db.session.add(ProgramInterest(program=program, teacher=teacher))
    db.session.commit()
    program_id, teacher_id, teacher_name = program.id, teacher.id, teacher.name
    due = min(program.end_date, date.today() + timedelta(days=30))
    emails = (admin.email, principal.email)
    release_database()

    sign_in(page, emails[0])
    page.goto(f"/programs/{program_id}/edit")
    row = page.locator("#deadline_rows-5")  # the first empty row, after the five
    expect(row.locator("legend")).to_have_text("New deadline")
    row.get_by_label("Name").fill("Observed lesson <with the principal>")
    row.get_by_label("Date").fill(due.isoformat())
    row.get_by_label("Completed when").select_option("manual")
    assert_accessible(page)
    fits(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash-success")).to_contain_text("Saved.")
    expect(page.get_by_role("cell", name="Observed lesson <with the principal>",
                            exact=False)).to_be_visible()
    sign_out(page)

    sign_in(page, emails[1])
    page.goto("/dashboard/")
    expect(page.get_by_role("columnheader", name="Observed lesson <with the principal>",
                            exact=False)).to_be_attached()
    cell = page.locator("tr", has_text=teacher_name).locator(".deadline-tick")
    expect(cell).to_contain_text("due")
    assert_accessible(page)
    fits(page)
    cell.get_by_label(f"Day {teacher_name} did “Observed lesson <with the principal>”") \
        .fill(date.today().isoformat())
    with page.expect_request(lambda r: r.headers.get("hx-request") == "true"):
        cell.get_by_role("button", name="Tick as done").click()
    cell = page.locator("tr", has_text=teacher_name).locator(".deadline-tick")
    expect(cell).to_contain_text("done on")
    expect(cell.get_by_role("button", name="Untick")).to_be_visible()
    assert_accessible(page)
    fits(page)
    release_database()
    tick = db.session.scalar(select(DeadlineTick).where(DeadlineTick.teacher_id == teacher_id))
    assert tick is not None and tick.done_on == date.today()
    db.session.remove()
