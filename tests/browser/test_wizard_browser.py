"""The partnership wizard in a real browser: two teachers from start to completion
(with and without JavaScript), autosave, a stale edit, over-long text."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from .. import factories
from ..conftest import PASSWORD
from .conftest import (
    ConsoleLog,
    _assert_no_csp_violation,
    _new_context,
    _watched_page,
    assert_accessible,
    release_database,
    sign_out,
)

pytestmark = pytest.mark.browser

FOCUS = "Sharing instructional strategies"
OBJECTIVE = "Use number talks to build fluency in grade 4.\nEvery student explains a strategy."
STEP_URL = re.compile(r"/partnerships/(\d+)/(\w+)$")
QUESTIONS = ("Summarize impressions", "Analyze causal factors", "Construct new learning",
             "Commit to application", "Reflect on experience")


@pytest.fixture
def open_page(browser, live_server):
    """open_page(**context_options) -> a page in a context of its own (its own cookies)."""
    opened: list[tuple[object, ConsoleLog]] = []

    def open_(**options) -> Page:
        console = ConsoleLog()
        context = _new_context(browser, live_server, **options)
        opened.append((context, console))
        return _watched_page(context, console)

    yield open_
    for context, _console in opened:
        context.close()
    for _context, console in opened:
        _assert_no_csp_violation(console)


@pytest.fixture
def dates(app, program):
    """Dates inside the program year, as the date inputs want them; the app's today is
    after them (meetings are logged once held)."""
    start = program.start_date
    app.config["TODAY"] = start + timedelta(days=120)
    return {name: (start + timedelta(days=days)).isoformat() for name, days in
            [("start", 20), ("milestone", 60), ("cycle_b", 40), ("cycle_a", 54),
             ("end", 250)]}


# --- helpers -----------------------------------------------------------------------

def sign_in(page: Page, email: str, name: str) -> None:
    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=f"Welcome, {name}")).to_be_visible()


def expect_step(page: Page, number: int, title: str) -> None:
    expect(page.get_by_role("heading", name=f"Step {number} of 6: {title}")).to_be_visible()
    settled(page)


def settled(page: Page) -> None:
    """Wait until htmx has settled what it swapped in. htmx binds the triggers of new
    content (the live search, autosave) only when it settles, about 20 ms after the swap;
    a test that types in that window types into a field nothing listens to yet."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')")


def press_expecting_redirect(page: Page, button) -> None:
    """Press a button of a plain form: the POST must answer with a redirect."""
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        button.click()
    assert answer.value.status in (302, 303), (
        f"POST {answer.value.url} answered {answer.value.status}, not a redirect")
    page.wait_for_load_state()


def save_and_continue(page: Page, *, javascript: bool = True) -> None:
    button = page.get_by_role("button", name="Save and continue")
    if javascript:
        button.click()
    else:
        press_expecting_redirect(page, button)


def start_partnership(page: Page, *, javascript: bool = True) -> int:
    button = page.get_by_role("button", name="Start a partnership")
    if javascript:
        button.click()
    else:
        press_expecting_redirect(page, button)
    expect_step(page, 1, "Objective")
    return int(STEP_URL.search(page.url).group(1))


def fill_objective(page: Page, objective: str = OBJECTIVE) -> None:
    page.get_by_label("Area of focus").select_option(FOCUS)
    page.get_by_label("Our shared objective").fill(objective)
    page.get_by_label("Student learning goal").fill(
        "Students explain two strategies for multi-digit addition.")
    page.get_by_label("Educator learning goal").fill(
        "We learn to run number talks that include every student.")
    page.get_by_label("The needs of my class").check()


def search_colleague(page: Page, search: str, name: str, *, javascript: bool = True) -> None:
    if javascript:
        page.locator("#colleague-q").press_sequentially(search)  # live search
    else:
        page.locator("#colleague-q").fill(search)
        page.get_by_role("button", name="Search").click()  # the <noscript> button
    expect(page.locator("#colleague-results")).to_contain_text(name)


def invite(page: Page, name: str, *, javascript: bool = True) -> None:
    button = page.locator("#colleague-results").get_by_role("button", name=f"Invite {name}")
    if javascript:
        button.click()
    else:
        press_expecting_redirect(page, button)
    members = page.locator("section[aria-labelledby=members-heading]")
    expect(members.locator("li", has_text=name)).to_contain_text("invited, no answer yet")
    expect(page.get_by_text(f"{name} is invited.")).to_be_visible()


def accept_invitation(page: Page, inviter: str) -> None:
    invitations = page.locator("section[aria-labelledby=invitations-heading]")
    expect(invitations.get_by_role("heading", name="Invitations for you")).to_be_visible()
    expect(invitations).to_contain_text(f"{inviter} invites you to a peer partnership: {FOCUS}")
    press_expecting_redirect(page, invitations.get_by_role("button", name="Accept"))
    expect(page.get_by_text("Welcome to the partnership!")).to_be_visible()


def fill_approach(page: Page) -> None:
    page.get_by_label("Form a discussion group").check()
    page.get_by_label("Observe practices and share feedback").check()
    page.get_by_label("Our plan").fill("We observe each other's number talks twice a month.")
    page.get_by_label("How we will communicate").fill("Fifteen minutes after each visit.")


def add_milestone(page: Page, title: str, due: str, *, javascript: bool = True) -> None:
    page.get_by_label("Milestone", exact=True).fill(title)
    page.get_by_label("Due date").fill(due)
    button = page.get_by_role("button", name="Add milestone")
    if javascript:
        button.click()
    else:
        press_expecting_redirect(page, button)
    expect(page.get_by_role("row", name=re.compile(re.escape(title)))).to_contain_text(due)


def fill_timeline(page: Page, dates: dict) -> None:
    page.get_by_label("Start date").fill(dates["start"])
    page.get_by_label("End date").fill(dates["end"])
    page.get_by_label("Every other week").check()


def log_meeting(page: Page, day: str, note: str, *, javascript: bool = True) -> None:
    form_box = page.locator("details", has=page.locator("summary", has_text="Log a meeting"))
    if form_box.get_attribute("open") is None:
        form_box.locator("summary").click()
    page.get_by_label("Date we met").fill(day)
    page.get_by_label("Minutes met").fill("45")
    page.get_by_label("What we reflected on").fill(note)
    page.get_by_label("What we planned").fill("Try the dot-card warm-up.")
    button = page.get_by_role("button", name="Add to the log")
    if javascript:
        button.click()
    else:
        press_expecting_redirect(page, button)
    expect(page.locator("article.cycle-entry", has_text=note)).to_be_visible()


def reflect(page: Page, words: str, *, javascript: bool = True) -> None:
    for question in QUESTIONS:
        page.get_by_label(question).fill(f"{words}: {question.lower()}.")
    button = page.get_by_role("button", name="Submit my reflection")
    if javascript:
        button.click()
    else:
        press_expecting_redirect(page, button)
    mine = page.get_by_role("heading", name=re.compile("^My reflection"))
    expect(mine.locator(".badge")).to_have_text("submitted")
    expect(page.get_by_text("Your reflection is submitted.")).to_be_visible()


def evidence_field(page: Page):
    return page.get_by_role("textbox", name="Evidence of impact on student learning")


def record_evidence(page: Page, text: str, *, javascript: bool = True) -> None:
    evidence_field(page).fill(text)
    button = page.get_by_role("button", name="Save evidence")
    if javascript:
        # Wait for the save itself (not an autosave of the typing): the partner's page
        # reloads next and must find it.
        with page.expect_response(lambda r: r.url.endswith("/reflection/impact")
                                  and "autosave=1" not in (r.request.post_data or "")
                                  and r.ok):
            button.click()
    else:
        press_expecting_redirect(page, button)
    expect(evidence_field(page)).to_have_value(text)


def hold_visits(partnership_id: int, *members) -> None:
    """Each member's classroom visit, held and reported on (seed 000: one visit each)."""
    from webapp.extensions import db
    from webapp.models import Partnership, VisitStatus
    from webapp.models.base import utcnow

    partnership = db.session.get(Partnership, partnership_id)
    for member in members:
        factories.visit_for(partnership, member, status=VisitStatus.APPROVED,
                            reported_at=utcnow(), learned_1="Wait time", learned_2="Starters",
                            learned_3="Recording", impact="Daily talks", next_steps="Try it")
    release_database()


def complete(page: Page) -> None:
    """Open the confirm step, tick the box, and complete (#8 point 8)."""
    page.get_by_role("button", name="Mark the partnership complete…").click()
    expect(page.get_by_role("heading", name="Mark the partnership complete")).to_be_visible()
    page.get_by_label("We have finished").check()
    press_expecting_redirect(page, page.get_by_role("button",
                                                     name="Mark the partnership complete"))
    expect(page.get_by_text("Congratulations: your partnership is complete.")).to_be_visible()
    expect(page.locator("h1 + p .badge")).to_have_text("complete")


def expect_objective_with_line_break(page: Page) -> None:
    first, second = OBJECTIVE.split("\n")
    shown = page.locator("section[aria-labelledby=ov-objective] dd.carried").first
    expect(shown).to_contain_text(first)
    assert re.fullmatch(re.escape(first) + r"\r?\n" + re.escape(second),
                        shown.inner_text()), repr(shown.inner_text())
    # Rendered on two lines, not one: the line box is at least twice one line's height.
    height, line = shown.evaluate(
        "e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)]")
    assert height >= 1.9 * line, (height, line)


# --- tests -------------------------------------------------------------------------

def test_two_teachers_complete_the_journey(page, open_page, teacher, partner, program, dates):
    a_email, b_email = teacher.email, partner.email
    release_database()

    # Teacher A starts a partnership and writes the objective.
    sign_in(page, a_email, "Ana Teacher")
    pid = start_partnership(page)
    assert_accessible(page)
    fill_objective(page)
    page.evaluate("window.tandemPageMarker = 'still here'")
    with page.expect_request(lambda r: r.method == "POST"
                             and r.url.endswith(f"/partnerships/{pid}/objective")) as saved:
        save_and_continue(page)
    assert saved.value.headers.get("hx-request") == "true"
    expect_step(page, 2, "Partner")
    expect(page).to_have_url(re.compile(rf"/partnerships/{pid}/partner$"))  # HX-Push-Url
    assert page.evaluate("window.tandemPageMarker") == "still here", "the page reloaded"
    expect(page.get_by_text("Saved. On to the next step.")).to_be_visible()
    expect(page.locator("li.step-done", has_text="Objective")).to_have_count(1)

    # ... finds Ben with the live search and invites him.
    expect(page.get_by_role("search")).to_contain_text("Find a colleague by name")
    with page.expect_request(lambda r: "/colleagues?q=" in r.url) as searched:
        search_colleague(page, "ben p", "Ben Partner")
    assert searched.value.headers.get("hx-request") == "true"
    assert_accessible(page)
    invite(page, "Ben Partner")
    assert page.evaluate("window.tandemPageMarker") == "still here"
    sign_out(page)

    # Teacher B accepts on the home page; the wizard goes on at step 3.
    b = open_page()
    sign_in(b, b_email, "Ben Partner")
    accept_invitation(b, "Ana Teacher")
    expect_step(b, 3, "Approach")
    assert_accessible(b)
    fill_approach(b)
    save_and_continue(b)

    expect_step(b, 4, "Timeline")
    assert_accessible(b)
    add_milestone(b, "First peer observation", dates["milestone"])
    fill_timeline(b, dates)
    save_and_continue(b)

    expect_step(b, 5, "Reflect – plan – act")
    expect(b.locator("main details")).to_have_attribute("open", "")  # not the nav's Menu
    assert_accessible(b)
    log_meeting(b, dates["cycle_b"], "Ben's first number talk went quickly.")

    # A logs a later meeting: the newest is shown first.
    sign_in(page, a_email, "Ana Teacher")
    page.goto(f"/partnerships/{pid}/cycles")
    expect(page.locator("main details")).not_to_have_attribute("open", "")
    log_meeting(page, dates["cycle_a"], "Ana's class used dot cards.")
    logged = page.get_by_text(f"The meeting of {dates['cycle_a']} is logged.")
    expect(logged).to_be_visible()  # the message comes with the swapped-in step
    page.reload()
    entries = page.locator("article.cycle-entry")
    expect(entries).to_have_count(2)
    expect(logged).to_have_count(0)  # ... and does not come back on the next page
    expect(entries.nth(0)).to_contain_text(dates["cycle_a"])
    expect(entries.nth(0)).to_contain_text("logged by Ana Teacher")
    expect(entries.nth(1)).to_contain_text("logged by Ben Partner")
    expect(page.get_by_role("heading", name="Our log (2)")).to_be_visible()

    # Both are ready: the flag is the partnership's, so B sees A's choice.
    press_expecting_redirect(page, page.get_by_role(
        "button", name="We are ready for the final reflection"))
    expect_step(page, 6, "Final reflection")
    b.goto(f"/partnerships/{pid}/cycles")
    expect(b.get_by_text("You marked the cycles as finished.")).to_be_visible()
    b.get_by_role("link", name=re.compile("Final reflection")).click()
    expect_step(b, 6, "Final reflection")

    # Each reflects; B records the evidence; A completes.
    assert_accessible(page)
    reflect(page, "Ana")
    reflect(b, "Ben")
    record_evidence(b, "Exit tickets: 18 of 24 students explained two strategies.")

    page.reload()
    expect(page.locator("section[aria-labelledby=others-heading]")).to_contain_text(
        "Ben: summarize impressions.")
    expect(evidence_field(page)).to_have_value(
        "Exit tickets: 18 of 24 students explained two strategies.")
    hold_visits(pid, teacher, partner)
    page.reload()
    complete(page)
    expect(page.locator("nav.progress-steps li.step-done")).to_have_count(6)
    expect_objective_with_line_break(page)
    expect(page.locator("#ov-timeline + dl")).to_contain_text("Every other week")
    expect(page.locator("section[aria-labelledby=ov-timeline]")).to_contain_text(
        "First peer observation")
    expect(page.locator("section[aria-labelledby=ov-reflection] h3")).to_have_count(3)
    assert_accessible(page)


def test_journey_without_javascript(open_page, teacher, partner, program, dates):
    a_email, b_email = teacher.email, partner.email
    release_database()
    a = open_page(java_script_enabled=False)

    sign_in(a, a_email, "Ana Teacher")
    pid = start_partnership(a, javascript=False)
    fill_objective(a)
    save_and_continue(a, javascript=False)
    expect_step(a, 2, "Partner")
    expect(a).to_have_url(re.compile(rf"/partnerships/{pid}/partner$"))
    search_colleague(a, "Ben", "Ben Partner", javascript=False)
    invite(a, "Ben Partner", javascript=False)

    b = open_page(java_script_enabled=False)
    sign_in(b, b_email, "Ben Partner")
    accept_invitation(b, "Ana Teacher")
    expect_step(b, 3, "Approach")
    fill_approach(b)
    save_and_continue(b, javascript=False)

    expect_step(b, 4, "Timeline")
    add_milestone(b, "Unit plan drafted", dates["milestone"], javascript=False)
    fill_timeline(b, dates)
    save_and_continue(b, javascript=False)

    expect_step(b, 5, "Reflect – plan – act")
    log_meeting(b, dates["cycle_b"], "Planned the first lesson together.", javascript=False)
    press_expecting_redirect(b, b.get_by_role("button",
                                              name="We are ready for the final reflection"))
    expect_step(b, 6, "Final reflection")
    reflect(b, "Ben", javascript=False)
    record_evidence(b, "Quiz scores rose from 61% to 78%.", javascript=False)

    a.goto(f"/partnerships/{pid}/reflection")
    reflect(a, "Ana", javascript=False)
    hold_visits(pid, teacher, partner)
    a.reload()
    complete(a)
    expect(a.locator("nav.progress-steps li.step-done")).to_have_count(6)
    expect_objective_with_line_break(a)


def test_autosave_shows_saved_and_survives_reload(page, teacher, program):
    email = teacher.email
    pid = factories.partnership_for(program, teacher).id
    release_database()
    sign_in(page, email, "Ana Teacher")
    page.goto(f"/partnerships/{pid}/objective")

    status = page.locator("#save-status-objective")
    expect(status).to_be_empty()
    page.get_by_label("Our shared objective").press_sequentially("Draft: more student talk")
    expect(status).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    expect(page.locator("#version-objective")).to_have_value("1")

    page.reload()
    expect(page.get_by_label("Our shared objective")).to_have_value("Draft: more student talk")
    expect(page.locator("li.step-in-progress", has_text="Objective")).to_have_count(1)


def test_stale_edit_shows_both_versions(page, open_page, teacher, partner, program):
    a_email, b_email = teacher.email, partner.email
    pid = factories.partnership_for(
        program, teacher, partner, focus_area=FOCUS, objective="The first wording.",
        student_goal="Students explain.", educator_goal="We learn.",
        objective_source="class").id
    release_database()
    b = open_page()
    sign_in(page, a_email, "Ana Teacher")
    sign_in(b, b_email, "Ben Partner")
    page.goto(f"/partnerships/{pid}/objective")
    b.goto(f"/partnerships/{pid}/objective")

    b.get_by_label("Our shared objective").fill("Ben's wording of the objective.")
    save_and_continue(b)
    expect_step(b, 2, "Partner")

    mine = "Ana's wording, typed on the old page."
    field = page.get_by_label("Our shared objective")
    field.fill(mine)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        save_and_continue(page)
    assert answer.value.status == 409
    conflict = page.locator(".conflict")
    expect(conflict).to_contain_text("Ben Partner changed this step")
    expect(conflict.locator("dl.theirs")).to_contain_text("Ben's wording of the objective.")
    expect(field).to_have_value(mine)
    expect_step(page, 1, "Objective")
    assert_accessible(page)

    conflict.get_by_role("button", name="Save my version over theirs").click()
    expect_step(page, 2, "Partner")
    b.goto(f"/partnerships/{pid}/objective")
    expect(b.get_by_label("Our shared objective")).to_have_value(mine)


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_over_long_text_keeps_text(open_page, teacher, program, javascript):
    email = teacher.email
    pid = factories.partnership_for(program, teacher).id
    release_database()
    page = open_page(java_script_enabled=javascript)
    failures = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}")
            if r.status >= 500 else None)
    sign_in(page, email, "Ana Teacher")
    page.goto(f"/partnerships/{pid}/objective")

    field = page.get_by_label("Our shared objective")
    # No maxlength attribute: the browser would cut a paste silently; the server keeps
    # every word and says how long the text is.
    expect(field).not_to_have_attribute("maxlength", re.compile(".*"))
    text = "x" * 20_001
    fill_objective(page, objective=text)
    assert field.input_value() == text
    page.get_by_role("button", name="Save and continue").click()

    error = page.locator("#objective-error")
    expect(error).to_contain_text("Keep this to 20000 characters; it has 20001 now")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", re.compile("objective-error"))
    assert field.input_value() == text
    expect(page.get_by_label("Student learning goal")).to_have_value(
        "Students explain two strategies for multi-digit addition.")
    expect_step(page, 1, "Objective")
    assert not failures, failures
