"""Three program models from start to documents in a real browser (#9): the district
administrator creates the year from the model, teachers (and the principal) go through
that model's journey as its pages offer it, and the documents and the principal's
dashboard speak that program's language. Partners in Practice (seed 000), Peer Partner
Protocol (seed 003) and the Instructional Partnership Initiative (seed 004)."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from .. import factories
from .conftest import assert_accessible, release_database, sign_in, sign_out
from .test_visits_browser import request_visit
from .test_wizard_browser import (
    QUESTIONS,
    complete,
    expect_step,
    hold_visits,
    open_page,  # noqa: F401 (a fixture)
    log_meeting,
    press_expecting_redirect,
    record_evidence,
    reflect,
    save_and_continue,
    search_colleague,
    start_partnership,
)

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 22)  # the program year 2026-27 runs from Aug 15 to Jun 30
STEP_URL = re.compile(r"/partnerships/(\d+)/")
PARK_WEST_WORDS = ("Park West", "Partners in Practice")


@pytest.fixture
def people(app, monkeypatch, school, admin, principal):
    """The district administrator, the principal and two teachers of one school, and the
    app's today pinned mid-autumn (the live server shares the app)."""
    monkeypatch.setitem(app.config, "TODAY", TODAY)
    ana = factories.UserFactory(school=school, name="Ana Teacher")
    ben = factories.UserFactory(school=school, name="Ben Partner")
    emails = dict(admin=admin.email, principal=principal.email, ana=ana.email,
                  ben=ben.email)
    release_database()
    return emails, ana, ben


# --- helpers -----------------------------------------------------------------------

def named(district, name: str) -> None:
    """The district named as in the seed followed (the factories' default is Park West,
    whose name must not show on another program's documents)."""
    district.name = name
    release_database()


def create_program(page: Page, email: str, model_label: str, **fields: str) -> None:
    """The administrator makes this year's program from a model (and fills `fields`,
    by label), and saves it."""
    sign_in(page, email)
    page.get_by_role("link", name="Programs").first.click()
    page.get_by_role("button", name="New program year").click()
    page.get_by_label(model_label).check()
    page.get_by_role("button", name="Fill the form from this").click()
    expect(page.get_by_label(model_label)).to_be_checked()
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash-success")).to_contain_text(model_label.split(" (")[0])
    sign_out(page)


def write_objective(page: Page, focus: str, objective: str) -> None:
    page.get_by_label("Area of focus").select_option(focus)
    page.get_by_label("Our shared objective").fill(objective)
    page.get_by_label("Student learning goal").fill("Students explain their reasoning.")
    page.get_by_label("Educator learning goal").fill("We ask questions that open thinking.")
    page.get_by_label("The needs of my class").check()
    save_and_continue(page)


def accept_on_home(page: Page, inviter: str) -> None:
    invitations = page.locator("section[aria-labelledby=invitations-heading]")
    expect(invitations).to_contain_text(f"{inviter} invites you to a peer partnership")
    press_expecting_redirect(page, invitations.get_by_role("button", name="Accept"))
    expect(page.get_by_text("Welcome to the partnership!")).to_be_visible()


def invite_ben(page: Page, open_page, emails) -> Page:
    """At step 2 Ana invites Ben through the live search; Ben, on a page of his own,
    accepts on his home page. Returns Ben's page."""
    expect_step(page, 2, "Partner")
    search_colleague(page, "Ben", "Ben Partner")
    page.locator("#colleague-results").get_by_role("button", name="Invite Ben Partner").click()
    expect(page.get_by_text("Ben Partner is invited.")).to_be_visible()
    b = open_page()
    sign_in(b, emails["ben"])
    accept_on_home(b, "Ana Teacher")
    return b


def choose_approach(page: Page, approaches: tuple[str, ...], plan: str) -> None:
    for approach in approaches:
        page.get_by_label(approach).check()
    page.get_by_label("Our plan").fill(plan)
    page.get_by_label("How we will communicate").fill("A standing Tuesday meeting.")
    save_and_continue(page)


def set_timeline(page: Page, start: str, end: str) -> None:
    page.get_by_label("Start date").fill(start)
    page.get_by_label("End date").fill(end)
    page.get_by_label("Every other week").check()
    save_and_continue(page)


def intro(page: Page) -> str:
    return page.locator("main").inner_text()


def approve_on_approvals(page: Page, teacher: str) -> None:
    page.get_by_role("link", name="Approvals").click()
    # htmx answers the button in place once the page has loaded; clicked earlier (CI
    # under load), the form posts the whole page and the in-place answer never comes.
    page.wait_for_url("**/visits/approvals")  # the new page, loaded
    row = page.locator("article.decision", has_text=teacher)
    row.get_by_role("button", name="Approve").click()
    expect(row.get_by_text("Decision recorded.")).to_be_visible()


def report_visit(page: Page, visit_url: str) -> None:
    page.goto(visit_url)
    page.get_by_label("Thing I learned, 1").fill("Wait time matters")
    page.get_by_label("Thing I learned, 2").fill("Sentence starters")
    page.get_by_label("Thing I learned, 3").fill("Record strategies")
    page.get_by_label("How this visitation will impact my practice").fill("Daily number talks")
    page.get_by_label("My next step(s)").fill("Start Monday")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()


def finish(page: Page, b: Page, pid: int) -> None:
    """Both mark the cycles done, reflect, record the evidence, and A completes."""
    page.goto(f"/partnerships/{pid}/cycles")
    press_expecting_redirect(page, page.get_by_role(
        "button", name="We are ready for the final reflection"))
    expect_step(page, 6, "Final reflection")
    reflect(page, "Ana")
    b.goto(f"/partnerships/{pid}/reflection")
    reflect(b, "Ben")
    record_evidence(b, "Exit tickets: 18 of 24 students explained two strategies.")
    page.reload()
    complete(page)


def documents(page: Page, tmp_path, *names: str) -> dict[str, str]:
    """Download each named document as Word and PDF from the overview: {name: PDF text}."""
    rows = page.locator("#documents-heading + ul > li")
    texts = {}
    for name in names:
        row = rows.filter(has_text=name).first
        with page.expect_download() as info:
            row.get_by_role("link", name="Word").click()
        with zipfile.ZipFile(io.BytesIO(_saved(info.value, tmp_path).read_bytes())) as docx:
            word = docx.read("word/document.xml").decode()
        with page.expect_download() as info:
            row.get_by_role("link", name="PDF").click()
        path = _saved(info.value, tmp_path)
        assert len(PdfReader(path).pages) >= 1
        texts[name] = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                     text=True, check=True).stdout
        texts[name + " (Word)"] = word
    return texts


def _saved(download, tmp_path):
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def teacher_table_headings(page: Page) -> list[str]:
    return page.locator("#teachers th[scope=col]").all_inner_texts()


# --- Partners in Practice (seed 000) ------------------------------------------------

def test_partners_in_practice_journey(page, open_page, app, monkeypatch,
                                      people, tmp_path):
    emails, ana, ben = people
    create_program(page, emails["admin"], "Partners in Practice (Park West School Division)")

    # Ana writes the objective and invites Ben; Ben accepts and plans.
    sign_in(page, emails["ana"])
    pid = start_partnership(page)
    write_objective(page, "Sharing instructional strategies", "Number talks in grade 4.")
    b = invite_ben(page, open_page, emails)
    expect_step(b, 3, "Approach")
    choose_approach(b, ("Form a discussion group", "Observe practices and share feedback"),
                    "We observe each other's number talks.")
    expect_step(b, 4, "Timeline")
    set_timeline(b, "2026-09-20", "2027-05-15")
    expect_step(b, 5, "Reflect – plan – act")
    log_meeting(b, "2026-11-10", "Ben's first number talk went quickly.")

    # Ana asks for a classroom visit on Park West's form; the principal approves.
    request_visit(page, pid, "2026-11-30", "See number talks.")
    expect(page.get_by_text("Your request is sent to your principal.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Partners in Practice Visitation Form"))
           ).to_be_visible()
    expect(page.get_by_text("0.5 of 3 days used")).to_be_visible()
    visit_url = page.url
    sign_in(page, emails["principal"])
    approve_on_approvals(page, "Ana Teacher")
    page.get_by_role("link", name="Dashboard").first.click()
    headings = teacher_table_headings(page)
    assert len(headings) >= 1 + 5, headings  # the teacher and Park West's five deadlines
    assert any("Release time" in h for h in headings)
    assert any("Growth plan" in h for h in headings)
    expect(page.get_by_role("heading", name="Teachers and the program’s deadlines")
           ).to_be_visible()
    assert_accessible(page)

    # The visit has been held: Ana reports on it (Ben's visit, held too, from factories).
    monkeypatch.setitem(app.config, "TODAY", date(2026, 12, 7))
    sign_in(page, emails["ana"])
    report_visit(page, visit_url)
    hold_visits(pid, ben)
    finish(page, b, pid)

    texts = documents(page, tmp_path, "Partnership plan", "Visitation form")
    assert "Partners in Practice Visitation Form" in texts["Visitation form"]
    assert "Park West School Division" in texts["Partnership plan"]
    assert "Number talks in grade 4." in texts["Partnership plan (Word)"]


# --- Peer Partner Protocol (seed 003) -----------------------------------------------

def test_peer_partner_protocol_journey(page, open_page, district, people, tmp_path):
    emails, ana, ben = people
    named(district, "Dallas School District")
    create_program(page, emails["admin"], "Peer Partner Protocol (Dallas School District)")

    sign_in(page, emails["ana"])
    pid = start_partnership(page)
    assert "All collaborative activities benefit from a clearly defined objective" in intro(page)
    write_objective(page, "Refine a practice", "Refine our exit tickets.")
    b = invite_ben(page, open_page, emails)
    expect_step(b, 3, "Approach")
    choose_approach(b, ("Start a book study", "Plan lessons and analyze results"),
                    "We read one chapter a week and try it.")
    # No dated deadlines: the partners set their own timeline, as short as they like.
    expect_step(b, 4, "Timeline")
    assert "maybe it is a single day, a week, a month, or even a year" in intro(b)
    assert_accessible(b)
    set_timeline(b, "2026-11-02", "2026-12-18")
    expect_step(b, 5, "Reflect – plan – act")
    # Dallas has no classroom-visit practice: no request button.
    expect(b.get_by_role("button", name="Request a classroom visit")).to_have_count(0)
    log_meeting(b, "2026-11-16", "We tried the first chapter's exit ticket.")

    finish(page, b, pid)
    texts = documents(page, tmp_path, "Partnership plan", "Reflection record")
    for text in texts.values():
        assert not any(words in text for words in PARK_WEST_WORDS), text[:400]
    assert "Refine our exit tickets." in texts["Partnership plan"]
    assert QUESTIONS[0] in texts["Reflection record"] or "impressions" in texts[
        "Reflection record"].lower()

    # The principal's dashboard has no Park West deadline columns, release time or
    # growth plans.
    sign_in(page, emails["principal"])
    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.get_by_role("heading", name="Teachers", exact=True)).to_be_visible()
    assert teacher_table_headings(page) == ["Teacher"]
    expect(page.locator("#followups")).to_have_count(0)
    expect(page.locator("#growth-plans")).to_have_count(0)
    expect(page.locator(f"#partnership-{pid}")).to_contain_text("complete")
    assert_accessible(page)


# --- Instructional Partnership Initiative (seed 004) ------------------------------

def test_ipi_journey(page, open_page, app, monkeypatch, district, people, tmp_path):
    emails, ana, ben = people
    named(district, "Hamilton County Schools")
    create_program(page, emails["admin"],
                   "Instructional Partnership Initiative (Tennessee Department of Education)",
                   **{"Focal rubric indicators": "Questioning\nAcademic Feedback\n"
                                                 "Grouping Students"})

    # The principal matches Ana and Ben with a focal indicator.
    sign_in(page, emails["principal"])
    page.get_by_role("link", name="Dashboard").first.click()
    page.get_by_role("button", name="Suggest a match").click()
    page.get_by_label(re.compile("^Ana Teacher")).check()
    page.get_by_label(re.compile("^Ben Partner")).check()
    page.get_by_label("Questioning").check()
    page.get_by_label("Your note to the teachers").fill("You both teach grade 4 math.")
    assert_accessible(page)
    page.get_by_role("button", name="Suggest this match").click()
    expect(page.locator(".flash-success")).to_contain_text("Match suggested")
    sign_out(page)

    b = open_page()
    sign_in(b, emails["ben"])
    accept_on_home(b, "Pat Principal")
    sign_in(page, emails["ana"])
    accept_on_home(page, "Pat Principal")
    pid = int(STEP_URL.search(page.url).group(1))
    page.goto(f"/partnerships/{pid}/objective")
    expect_step(page, 1, "Objective")
    assert "discuss the indicator(s) your principal gave you" in intro(page)
    write_objective(page, "Focal indicator(s) of the observation rubric",
                    "Ask questions at several levels.")
    # The pair is formed already: step 2 lists both, and the steps go on.
    expect_step(page, 2, "Partner")
    members = page.locator("section[aria-labelledby=members-heading]")
    expect(members).to_contain_text("Ana Teacher")
    expect(members).to_contain_text("Ben Partner")
    page.locator("nav.progress-steps").get_by_role("link", name=re.compile("Approach")).click()
    expect_step(page, 3, "Approach")
    choose_approach(page, ("Peer observation", "Review each other's lesson plans"),
                    "We observe each other and review lesson plans.")
    expect_step(page, 4, "Timeline")
    set_timeline(page, "2026-09-01", "2027-05-28")
    expect_step(page, 5, "Reflect – plan – act")
    log_meeting(page, "2026-10-30", "We chose the questions to try.")

    # The principal: focal indicator, cadence flag (23 days > 14), a check-in.
    sign_in(page, emails["principal"])
    page.get_by_role("link", name="Dashboard").first.click()
    card = page.locator(f"#partnership-{pid}")
    expect(card).to_contain_text("No meeting logged for 23 days")
    expect(card).to_contain_text("check-in due")
    expect(card).to_contain_text("Check in every other month")
    assert teacher_table_headings(page) == ["Teacher", "Release time"]  # no deadlines
    card.locator("summary", has_text="add one").click()
    card.get_by_label("Date").fill("2026-11-20")
    card.get_by_role("button", name="Record the check-in").click()
    expect(card).to_contain_text("Last check-in: Nov 20, 2026.")
    expect(card).not_to_contain_text("check-in due")
    assert_accessible(page)
    page.goto(f"/partnerships/{pid}/")
    expect(page.locator("main")).to_contain_text("Focal rubric indicator(s)")
    expect(page.locator("main")).to_contain_text("Questioning")

    # A classroom visit, approved by the principal alone (no district step).
    sign_in(page, emails["ana"])
    request_visit(page, pid, "2026-11-30", "See questioning in Ben's class.")
    expect(page.get_by_text("Your request is sent to your principal.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Classroom Visit Form"))).to_be_visible()
    visit_url = page.url
    sign_in(page, emails["principal"])
    approve_on_approvals(page, "Ana Teacher")
    page.goto(visit_url)
    expect(page.get_by_text("approved", exact=True)).to_be_visible()
    expect(page.get_by_text("waiting for the district")).to_have_count(0)

    monkeypatch.setitem(app.config, "TODAY", date(2026, 12, 7))
    sign_in(page, emails["ana"])
    report_visit(page, visit_url)
    hold_visits(pid, ben)
    finish(page, b, pid)
    texts = documents(page, tmp_path, "Partnership plan", "Visit")
    assert "Classroom Visit Form" in texts["Visit"]
    for text in texts.values():
        assert not any(words in text for words in PARK_WEST_WORDS), text[:400]
    assert "Questioning" in texts["Partnership plan"]
