"""Defects found by walking issue 8's journeys in a browser as teachers would (QA pass)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import release_database, sign_in

pytestmark = pytest.mark.browser


def overlap(a: dict, b: dict) -> bool:
    """Whether two bounding boxes share any pixels (text drawn over text)."""
    return not (a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
                or a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"])


def test_over_long_message_is_readable_and_said_once(page, teacher, partnership):
    """The autosave's over-long message sits below the field's help, not over it, and a
    page reopened with the over-long draft does not say it twice after the next autosave."""
    email, url = teacher.email, f"/partnerships/{partnership.id}/approach"
    release_database()
    sign_in(page, email)
    page.goto(url)
    page.get_by_label("Our plan").fill("p" * 45_000)
    message = page.locator("#approach_plan-autosave-error")
    expect(message).to_contain_text("Keep this to 20000 characters", timeout=8_000)
    assert not overlap(message.bounding_box(), page.locator("#approach_plan-help").bounding_box())
    page.reload()  # the draft comes back with the server's message at the field
    expect(page.locator("#approach_plan-error")).to_contain_text("Keep this to 20000")
    with page.expect_response(lambda r: r.request.method == "POST", timeout=8_000):
        page.get_by_label("Our plan").fill("q" * 45_000)  # autosaved again, still too long
    page.wait_for_timeout(300)  # the swap settles
    expect(page.locator("#approach_plan-autosave-error, #approach_plan-error")).to_have_count(
        1, timeout=8_000)
    expect(page.locator(".field:has(#approach_plan) .field-error")).to_have_count(1)
