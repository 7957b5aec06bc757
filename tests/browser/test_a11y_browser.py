"""Accessibility in a real browser (#8 point 19): contrast of control edges and focus
rings, focus after HTMX swaps, page titles, grouped choices, the idle sign-out warning."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from ..conftest import PASSWORD
from .conftest import release_database, sign_in

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

def test_choice_groups_are_fieldsets_with_errors_on_the_inputs(page, teacher, partner, program):
    from .. import factories

    email = teacher.email
    pid = factories.partnership_for(program, teacher, partner).id
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
    expect(cadence.get_by_role("radio")).to_have_count(3)
    for radio in cadence.get_by_role("radio").all():
        expect(radio).to_have_accessible_description("Establish a standing meeting time.")

    page.goto(f"/partnerships/{pid}/approach")
    approaches = page.get_by_role("group", name="Our approach")
    expect(approaches.get_by_role("checkbox", name="Form a discussion group")).to_be_visible()


# --- 19a/19b: focus and title after HTMX swaps -------------------------------------

def press(page: Page, control, key: str = "Enter") -> None:
    """Use a control as a keyboard user does: focus it, press Enter (or Space)."""
    control.focus()
    expect(control).to_be_focused()
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.keyboard.press(key)


def expect_focus_on(page: Page, locator) -> None:
    expect(locator).to_be_focused()
    assert page.evaluate("document.activeElement !== document.body")


@pytest.fixture
def pair(partnership):
    """The teacher's formed partnership (teacher and partner), objective written."""
    partnership.focus_area = "Sharing instructional strategies"
    partnership.objective = "Number talks in grade 4."
    partnership.student_goal = "Students explain."
    partnership.educator_goal = "We learn."
    partnership.objective_source = "class"
    return partnership


def test_save_and_continue_moves_focus_and_title_to_the_next_step(page, teacher, program):
    from .. import factories

    email = teacher.email
    pid = factories.partnership_for(program, teacher).id
    release_database()
    sign_in(page, email)
    page.goto(f"/partnerships/{pid}/objective")
    assert page.title() == "Objective · Partnership · Tandem"
    page.get_by_label("Area of focus").select_option("Sharing instructional strategies")
    page.get_by_label("Our shared objective").fill("Number talks in grade 4.")
    page.get_by_label("Student learning goal").fill("Students explain two strategies.")
    page.get_by_label("Educator learning goal").fill("We learn to run number talks.")
    page.get_by_label("The needs of my class").check()

    press(page, page.get_by_role("button", name="Save and continue"))
    expect_focus_on(page, page.get_by_role("heading", name="Step 2 of 6: Partner"))
    expect(page).to_have_url(f"{page.url.rsplit('/', 1)[0]}/partner")
    assert page.title() == "Partner · Partnership · Tandem"


def test_invite_keeps_focus_in_the_invite_section(page, teacher, partner, program):
    from .. import factories

    email = teacher.email
    pid = factories.partnership_for(program, teacher, objective="Number talks").id
    release_database()
    sign_in(page, email)
    page.goto(f"/partnerships/{pid}/partner")
    page.locator("#colleague-q").press_sequentially("Ben")
    invite = page.locator("#colleague-results").get_by_role("button", name="Invite Ben Partner")
    expect(invite).to_be_visible()
    press(page, invite, "Space")
    expect(page.get_by_text("Ben Partner is invited.")).to_be_visible()
    expect_focus_on(page, page.get_by_role("heading", name="Invite a colleague"))


def test_milestone_buttons_keep_focus_in_the_milestones(page, teacher, pair, program):
    from datetime import timedelta

    email, pid = teacher.email, pair.id
    due = (program.start_date + timedelta(days=30)).isoformat()
    release_database()
    sign_in(page, email)
    page.goto(f"/partnerships/{pid}/timeline")
    milestones = page.get_by_role("heading", name="Milestones")
    page.get_by_label("Milestone", exact=True).fill("First observation")
    page.get_by_label("Due date").fill(due)
    press(page, page.get_by_role("button", name="Add milestone"))
    expect(page.get_by_role("row", name="First observation")).to_be_visible()
    expect_focus_on(page, milestones)

    row = page.get_by_role("row", name="First observation")
    press(page, row.get_by_role("button", name="Mark done"))
    expect(row.get_by_role("button", name="Reopen")).to_be_visible()
    expect_focus_on(page, milestones)
    # The next Tab goes on from there, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('section')?.getAttribute("
                         "'aria-labelledby')") == "milestones-heading"


def test_approve_moves_focus_to_the_decision(page, pair, teacher, principal):
    from .. import factories

    email = principal.email
    visit = factories.visit_for(pair, teacher)
    vid = visit.id
    release_database()
    sign_in(page, email)
    page.goto("/visits/approvals")
    row = page.locator(f"#visit-{vid}")
    press(page, row.get_by_role("button", name="Approve"))
    expect_focus_on(page, page.locator(f"#visit-{vid}").get_by_role("status"))
    expect(page.locator(f"#visit-{vid}")).to_contain_text("Decision recorded.")


def test_check_in_moves_focus_to_its_message(page, pair, principal):
    email, pid = principal.email, pair.id
    release_database()
    sign_in(page, email)
    page.goto(f"/dashboard/partnerships/{pid}/check-ins")
    section = page.locator(f"#check-ins-{pid}")
    if section.locator("details").get_attribute("open") is None:
        section.locator("summary").click()
    press(page, section.get_by_role("button", name="Record the check-in"))
    message = page.locator(f"#check-ins-{pid}").get_by_role("status")
    expect(message).to_contain_text("recorded")
    expect_focus_on(page, message)


def test_records_packet_moves_focus_to_the_download(page, pair, teacher):
    email, pid = teacher.email, pair.id
    release_database()
    sign_in(page, email)
    page.goto(f"/partnerships/{pid}/")
    press(page, page.get_by_role("button", name="Records packet (all documents, one PDF)"))
    expect_focus_on(page, page.get_by_role("button", name="Download the records packet (PDF)"))


# --- 19e: warning before the idle sign-out -----------------------------------------

def test_idle_sign_out_warns_and_lets_the_user_stay(app, page, teacher, monkeypatch):
    # A 6-second timeout: the warning comes at half of it (2 minutes on a real one).
    monkeypatch.setitem(app.config, "IDLE_TIMEOUT_MINUTES", 0.1)
    email = teacher.email
    release_database()
    sign_in(page, email)
    assert page.locator("body").get_attribute("data-idle-seconds") == "6"
    warning = page.get_by_role("alertdialog", name="Are you still there?")
    expect(warning).to_be_hidden()

    expect(warning).to_be_visible(timeout=6_000)
    expect(warning).to_contain_text("you will be signed out in 0:0")
    stay = warning.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    with page.expect_response(lambda r: r.url.endswith("/auth/stay")) as renewed:
        page.keyboard.press("Enter")
    assert renewed.value.status == 204
    expect(warning).to_be_hidden()

    # Six seconds after signing in, the session lives on: "Stay" renewed the server's
    # clock (no other request was made).
    expect(warning).to_be_visible(timeout=6_000)
    page.wait_for_timeout(1_500)
    page.reload()
    expect(page.get_by_role("heading", name="Welcome", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_attached()

    # Ignored, the warning says so at the end; the next page is the sign-in page.
    expect(warning).to_contain_text("You were signed out", timeout=8_000)
    expect(warning.get_by_role("button", name="Close")).to_be_focused()
    page.wait_for_timeout(1_500)  # the server counts whole seconds
    page.reload()
    expect(page.get_by_text("You were signed out after a period of inactivity.")).to_be_visible()


def test_no_idle_warning_for_keep_me_signed_in(app, page, teacher, monkeypatch):
    monkeypatch.setitem(app.config, "IDLE_TIMEOUT_MINUTES", 0.1)
    email = teacher.email
    release_database()
    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Keep me signed in").check()
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Welcome", exact=False)).to_be_visible()
    assert page.locator("body").get_attribute("data-idle-seconds") is None
    expect(page.locator("#idle-warning")).to_have_count(0)


# --- 19f: landmarks ----------------------------------------------------------------

LANDMARK_RULES = ["landmark-unique", "landmark-no-duplicate-banner",
                  "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main",
                  "landmark-one-main"]


def test_repeated_landmarks_have_unique_names(app, page):
    """axe's landmark rules are only 'moderate', so assert_accessible lets them pass."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import Partnership

    from .conftest import _axe_source

    demo_password = "demo passphrase for the landmarks"
    result = app.test_cli_runner().invoke(args=["demo", "--password", demo_password])
    assert result.exit_code == 0, result.output
    formed = [p for p in db.session.scalars(select(Partnership).order_by(Partnership.id))
              if p.is_formed and not p.completed_at][0]
    teacher, pid = formed.members[0].email, formed.id
    release_database()
    visits = {
        teacher: ["/", *[f"/partnerships/{pid}/{key}" for key in (
            "objective", "partner", "approach", "timeline", "cycles", "reflection")],
            f"/partnerships/{pid}/"],
        "ursula.grant@demo.tandem.school": ["/", "/dashboard/", "/visits/approvals",
                                            "/admin/staff"],
        "xavier.moreau@demo.tandem.school": ["/", "/dashboard/district", "/admin/staff",
                                             "/admin/audit", "/programs/", "/admin/schools"],
    }
    found = []
    for email, paths in visits.items():
        sign_in(page, email, demo_password)
        expect(page.get_by_role("heading", name="Welcome", exact=False)).to_be_visible()
        for path in paths:
            page.goto(path)
            page.evaluate(_axe_source())
            results = page.evaluate("rules => axe.run({runOnly: {type: 'rule', values: rules}})",
                                    LANDMARK_RULES)
            found += [f"{path}: {v['id']} {[n['target'] for n in v['nodes']]}"
                      for v in results["violations"]]
    assert not found, "\n".join(found)


def test_idle_warning_counts_the_activity_of_other_tabs(app, page, teacher, monkeypatch):
    """The session is one for all tabs: working in another tab keeps this one from
    warning (or saying "signed out") at its own time."""
    # A 12-second timeout: the warning comes 6 seconds after the last request.
    monkeypatch.setitem(app.config, "IDLE_TIMEOUT_MINUTES", 0.2)
    email = teacher.email
    release_database()
    sign_in(page, email)
    started = time.monotonic()
    warning = page.get_by_role("alertdialog", name="Are you still there?")
    other = page.context.new_page()
    page.wait_for_timeout(3_000)
    other.goto("/")  # activity in the other tab, 3 seconds later
    page.wait_for_timeout(max(0, 7_000 - (time.monotonic() - started) * 1000))
    expect(warning).to_be_hidden()  # on its own, it would have warned at 6 s
    expect(warning).to_be_visible(timeout=5_000)  # 6 s after the other tab's request
    other.close()
