"""Accessibility in a real browser (#8 point 19): contrast of control edges and focus
rings, focus after HTMX swaps, page titles, grouped choices, the idle sign-out warning."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ..conftest import PASSWORD
from .conftest import release_database

pytestmark = pytest.mark.browser

# The contrast of two CSS colours, the second painted on white, the first (if it is
# half transparent) blended over the second. WCAG 2.x relative luminance.
CONTRAST_JS = """
([fg, bg]) => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const lum = c => { const f = v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const white = {r: 255, g: 255, b: 255, a: 1};
  const back = over(parse(bg), white);
  const front = over(parse(fg), back);
  const [hi, lo] = [lum(front), lum(back)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
"""

# The colour that shows a control's focus: a visible outline, else the widest
# box-shadow ring (Pico draws focus as `0 0 0 <width> <colour>`).
FOCUS_COLOUR_JS = """
el => {
  el.getAnimations().forEach(a => a.finish());  // Pico fades the ring in
  const s = getComputedStyle(el);
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) return s.outlineColor;
  let best = null, widest = 0;
  for (const shadow of s.boxShadow.split(/,(?![^(]*\\))/)) {
    const colour = (shadow.match(/rgba?\\([^)]+\\)/) || [null])[0];
    const lengths = shadow.replace(/rgba?\\([^)]+\\)/, '').trim().split(/\\s+/).map(parseFloat);
    const spread = lengths[3] || 0;
    if (colour && spread > widest) { widest = spread; best = colour; }
  }
  return best;
}
"""


def contrast(page: Page, foreground: str, background: str) -> float:
    return page.evaluate(CONTRAST_JS, [foreground, background])


def page_background(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def sign_in(page: Page, email: str) -> None:
    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Welcome", exact=False)).to_be_visible()


# --- 19c: contrast -----------------------------------------------------------------

def test_input_borders_have_three_to_one_contrast(page):
    page.goto("/auth/login")
    email = page.get_by_label("Email")
    border, inside = email.evaluate(
        "e => [getComputedStyle(e).borderTopColor, getComputedStyle(e).backgroundColor]")
    assert contrast(page, border, page_background(page)) >= 3, border
    assert contrast(page, border, inside) >= 3, (border, inside)
    checkbox = page.get_by_label("Keep me signed in")
    edge = checkbox.evaluate("e => getComputedStyle(e).borderTopColor")
    assert contrast(page, edge, page_background(page)) >= 3, edge


@pytest.mark.parametrize("control", ["email", "checkbox", "submit", "link"])
def test_focus_ring_has_three_to_one_contrast(page, control):
    page.goto("/auth/login")
    target = {
        "email": page.get_by_label("Email"),
        "checkbox": page.get_by_label("Keep me signed in"),
        "submit": page.get_by_role("button", name="Sign in"),
        "link": page.get_by_role("link", name="Forgot your password?"),
    }[control]
    # Reach it with the keyboard, so :focus-visible applies as for a keyboard user.
    for _ in range(20):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail(f"Tab never reached the {control}")
    ring = target.evaluate(FOCUS_COLOUR_JS)
    assert ring, f"the focused {control} shows no ring"
    assert contrast(page, ring, page_background(page)) >= 3, (control, ring)


# --- 19d: groups of radios and checkboxes ------------------------------------------

def test_choice_groups_are_fieldsets_with_errors_on_the_inputs(page, teacher, program):
    from .. import factories

    email = teacher.email
    pid = factories.partnership_for(program, teacher).id
    release_database()
    sign_in(page, email)
    page.goto(f"/partnerships/{pid}/objective")
    group = page.get_by_role("group", name="Where does this objective come from?")
    expect(group.get_by_role("radio")).to_have_count(5)
    expect(group.get_by_role("radio", name="The needs of my class")).to_be_visible()

    page.get_by_role("button", name="Save and continue").click()  # nothing filled in
    error = group.locator(".field-error")
    expect(error).to_be_visible()
    for radio in group.get_by_role("radio").all():
        expect(radio).to_have_attribute("aria-invalid", "true")
        expect(radio).to_have_accessible_description(error.inner_text())

    page.goto(f"/partnerships/{pid}/timeline")
    cadence = page.get_by_role("group", name="We will meet")
    for radio in cadence.get_by_role("radio").all():
        expect(radio).to_have_accessible_description("Establish a standing meeting time.")

    page.goto(f"/partnerships/{pid}/approach")
    approaches = page.get_by_role("group", name="Our approach")
    expect(approaches.get_by_role("checkbox", name="Form a discussion group")).to_be_visible()
