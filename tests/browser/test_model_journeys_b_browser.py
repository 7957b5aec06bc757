"""#9's "Done when", seeds 001 and 002 in a real browser: a district administrator
creates the program year from the model, then the principal and teachers go through
that model's journey to its documents, as the pages offer it.

Instructional Partners (seed 001): the school's Instructional Target with look-fors, the
partnership principles on the invitation, the coaching cycle's stages, weekly written
reflections, the final reflection, the target's one-page PDF and the partnership's
documents. Learning Teams (seed 002): the principal forms a team of three, the team works
the five-stage cycle, the principal sees its stage and prints the families' summary."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from webapp.partnerships.weekly import monday

from .. import factories
from .conftest import assert_accessible, release_database, sign_in, sign_out
from .test_instructional_target_browser import fill_target
from .test_wizard_browser import (
    expect_step,
    reflect,
    save_and_continue,
    search_colleague,
    start_partnership,
)

pytestmark = pytest.mark.browser

# A day in the 2026–2027 program year, and never before the real date: the app dates
# what people do (a partnership formed, a reflection written) by the real clock, and a
# partnership formed "after" the pinned today has no weeks to write yet (CI once ran
# past midnight).
TODAY = max(date(2026, 11, 22), date.today())
THIS_WEEK = monday(TODAY).isoformat()


# --- helpers -----------------------------------------------------------------------

def create_program_from_model(page: Page, admin_email: str, model_label: str) -> None:
    """The district administrator: Programs → New program year → the model → Save."""
    sign_in(page, admin_email)
    page.get_by_role("link", name="Programs").first.click()
    page.get_by_role("button", name="New program year").click()
    page.get_by_label(model_label).check()
    page.get_by_role("button", name="Fill the form from this").click()
    expect(page.get_by_label(model_label)).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flash-success")).to_be_visible()
    sign_out(page)


def download(page: Page, link, tmp_path) -> tuple[str, bytes]:
    """Click a download link; return the file's name and bytes."""
    with page.expect_download() as info:
        link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_bytes()


def pdf_text(data: bytes, tmp_path) -> str:
    """The PDF's text by pdftotext (layout kept), checked to be a PDF by pypdf."""
    assert len(PdfReader(io.BytesIO(data)).pages) >= 1
    path = tmp_path / "text.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", " ", text)


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        xml = docx.read("word/document.xml").decode()
    return re.sub(r"<[^>]+>", "", xml)


def log_stage_record(page: Page, day: str, answers: dict[str, str]) -> None:
    """Log a meeting of the current stage with its record's answers."""
    form_box = page.locator("main details", has=page.locator("summary", has_text="Log a meeting"))
    if form_box.get_attribute("open") is None:
        form_box.locator("summary").click()
    page.get_by_label("Date we met").fill(day)
    page.get_by_label("Minutes met").fill("40")
    for label, text in answers.items():
        page.get_by_label(label, exact=False).fill(text)
    page.get_by_role("button", name="Add to the log").click()
    first = next(iter(answers.values()))
    expect(page.locator("article.cycle-entry", has_text=first)).to_be_visible()


# --- Instructional Partners (seed 001) ---------------------------------------------

def test_instructional_partners_from_the_target_to_the_documents(
        page, app, monkeypatch, tmp_path, district, admin, principal, teacher, partner):
    monkeypatch.setitem(app.config, "TODAY", TODAY)
    district.name = "Alabama Pilot District"
    admin_email, principal_email = admin.email, principal.email
    ana, ben = teacher.email, partner.email
    release_database()

    create_program_from_model(page, admin_email,
                              "Instructional Partners (Alabama Instructional Partners Pilot)")

    # The principal writes the school's Instructional Target with its look-fors.
    sign_in(page, principal_email)
    page.locator("#instructional-target").get_by_role(
        "button", name="Write your school’s Instructional Target").click()
    fill_target(page, "Every student reasons aloud about mathematics every day.")
    page.get_by_role("button", name="Save the target").click()
    expect(page.locator(".flash-success")).to_contain_text("The Instructional Target is saved.")
    _, target_pdf = download(page, page.get_by_role("link", name="PDF — Instructional Target"),
                             tmp_path)
    assert len(PdfReader(io.BytesIO(target_pdf)).pages) == 1  # the one-page target
    text = pdf_text(target_pdf, tmp_path)
    for words in ("Instructional Target", "Riverside Elementary",
                  "Every student reasons aloud about mathematics every day.",
                  "Student discourse", "Every student speaks in each lesson.",
                  "Students act on feedback in class."):
        assert words in text, (words, text)

    # Ana starts a partnership: step 1 in the program's words, look-fors as the focus.
    sign_in(page, ana)
    pid = start_partnership(page)
    expect(page.locator("main")).to_contain_text("Choose your focus from your school's "
                                                 "Instructional Target")
    look_fors = page.get_by_role("group", name="Look-fors we focus on")
    look_fors.get_by_label("Student discourse: Every student speaks in each lesson.").check()
    look_fors.get_by_label("Feedback: Students act on feedback in class.").check()
    page.get_by_label("Area of focus").select_option("Use of best instructional practices")
    page.get_by_label("Our shared objective, in our own words").fill(
        "Every student explains a strategy in our number talks.")
    page.get_by_label("Student learning goal").fill("Students explain two strategies.")
    page.get_by_label("Educator learning goal").fill("We ask open questions and wait.")
    page.get_by_label("The needs of my class").check()
    assert_accessible(page)
    save_and_continue(page)
    expect_step(page, 2, "Partner")
    expect(page.locator("main")).to_contain_text("treat others the way you would like")
    search_colleague(page, "Ben", "Ben Partner")
    page.locator("#colleague-results").get_by_role("button", name="Invite Ben Partner").click()
    expect(page.get_by_text("Ben Partner is invited.")).to_be_visible()

    # Ben reads the seven principles on the invitation and accepts.
    sign_in(page, ben)
    page.get_by_role("button", name="Read and answer").click()
    principles = page.locator("#principles")
    expect(principles).to_contain_text("Partners in Instructional Partners")
    expect(principles.locator("dt")).to_have_text(
        ["Equality", "Choice", "Voice", "Reflection", "Dialogue", "Praxis", "Reciprocity"])
    assert_accessible(page)
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".flash-success")).to_contain_text("Welcome to the partnership!")

    # Approach and timeline, in the program's words and lists.
    expect_step(page, 3, "Approach")
    expect(page.locator("main")).to_contain_text("measure the impact on their students")
    page.get_by_label("Use of the coaching cycle").check()
    page.get_by_label("Modeling").check()
    page.get_by_label("Our plan").fill("Ben models number talks; Ana tries them with feedback.")
    page.get_by_label("How we will communicate").fill("Tuesdays after school.")
    save_and_continue(page)
    expect_step(page, 4, "Timeline")
    expect(page.locator("main")).to_contain_text("how long this coaching cycle will run")
    page.get_by_label("Start date").fill("2026-09-01")
    page.get_by_label("End date").fill("2027-05-31")
    page.get_by_label("Weekly", exact=True).check()
    save_and_continue(page)

    # The coaching cycle: stage 1's record, then on to stage 2 and its record.
    expect(page.locator("#current-stage")).to_have_text(
        "Round 1, stage 1 of 4: Set a focus from student work and data")
    expect(page.locator("main")).to_contain_text("Instructional coaching offers")
    log_stage_record(page, "2026-11-10", {
        "Which student work and other classroom data did we analyze?":
            "Exit tickets from three number talks.",
        "Our focus: the goal for students": "Every student explains one strategy aloud.",
    })
    page.get_by_role("button", name=re.compile("^Move on to stage 2")).click()
    expect(page.locator("#current-stage")).to_have_text(
        "Round 1, stage 2 of 4: Learn the practice: precise instructions and modeling")
    assert_accessible(page)
    log_stage_record(page, "2026-11-17", {
        "Which practice are we learning": "Ben modeled wait time and partner talk.",
    })

    # Each writes this week's reflection; Ben's is his alone.
    reflections = {ben: "Ben: wait time gave quiet students room to answer.",
                   ana: "Ana: partner talk before sharing worked in 4B."}
    for email in (ben, ana):
        sign_in(page, email)
        page.goto(f"/partnerships/{pid}/")
        page.get_by_role("link", name="My weekly reflections").click()
        page.locator(f"#week-{THIS_WEEK}").get_by_role("link").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Weekly reflection")
        page.get_by_label("Your reflection this week").fill(reflections[email])
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator(".flash-success")).to_contain_text("is saved")
        expect(page.locator(f"#week-{THIS_WEEK}")).to_contain_text("written")
    assert_accessible(page)

    # Final reflections (Ana signed in, then Ben).
    page.goto(f"/partnerships/{pid}/cycles")
    page.get_by_role("button", name="We are ready for the final reflection").click()
    expect_step(page, 6, "Final reflection")
    reflect(page, "Ana")
    sign_in(page, ben)
    page.goto(f"/partnerships/{pid}/reflection")
    reflect(page, "Ben")

    # Documents: the plan and the reflection record, in the program's own words. Ben's
    # copy of the reflection record holds his weekly reflection.
    page.goto(f"/partnerships/{pid}/")
    documents = page.locator("#documents-heading + ul > li")
    plan = documents.filter(has_text="plan")
    name, data = download(page, plan.get_by_role("link", name=re.compile("^Word")), tmp_path)
    assert name.endswith(".docx")
    plan_words = docx_text(data)
    for words in ("Alabama Pilot District", "Every student explains a strategy in our "
                  "number talks.", "Student discourse: Every student speaks in each lesson.",
                  "Use of the coaching cycle"):
        assert words in plan_words, (words, plan_words)
    assert "Park West" not in plan_words
    name, data = download(page, plan.get_by_role("link", name=re.compile("^PDF")), tmp_path)
    assert name.endswith(".pdf")
    text = pdf_text(data, tmp_path)
    for words in ("Use of best instructional practices", "Feedback: Students act on "
                  "feedback in class.", "Use of the coaching cycle", "Modeling"):
        assert words in text, (words, text)
    assert "Park West" not in text

    record = documents.filter(has_text="eflection")
    _, data = download(page, record.get_by_role("link", name=re.compile("^PDF")), tmp_path)
    text = pdf_text(data, tmp_path)
    assert reflections[ben] in text
    assert reflections[ana] not in text  # Ana's weekly reflection is hers alone
    assert "Ben: summarize impressions." in text
    assert "Set a focus from student work and data" in text  # the stage of a record
    assert "Exit tickets from three number talks." in text

    # The principal's copy has the final reflections, no one's weekly reflection.
    sign_in(page, principal_email)
    page.goto(f"/partnerships/{pid}/")
    record = page.locator("#documents-heading + ul > li").filter(has_text="eflection")
    _, data = download(page, record.get_by_role("link", name=re.compile("^PDF")), tmp_path)
    text = pdf_text(data, tmp_path)
    assert "Ben: summarize impressions." in text
    assert reflections[ben] not in text and reflections[ana] not in text
    assert_accessible(page)


# --- Learning Teams (seed 002) -----------------------------------------------------

def test_learning_teams_the_principal_forms_a_team_that_works_the_cycle(
        page, app, monkeypatch, tmp_path, district, school, admin, principal, teacher,
        partner):
    monkeypatch.setitem(app.config, "TODAY", TODAY)
    district.name = "Lakeside Learning District"
    third = factories.UserFactory(school=school, name="Cleo Third")
    admin_email, principal_email = admin.email, principal.email
    ana, ben, cleo = teacher.email, partner.email, third.email
    release_database()

    create_program_from_model(page, admin_email,
                              "Learning Teams (District Learning Teams implementation)")

    # The principal forms a team of three from the dashboard.
    sign_in(page, principal_email)
    page.goto("/dashboard/")
    page.get_by_role("button", name="Form a team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Form a team")
    expect(page.locator("main")).not_to_contain_text("invitation")  # formed at once
    team = page.get_by_role("group", name="Teachers of the team")
    for name in ("Ana Teacher", "Ben Partner", "Cleo Third"):
        team.get_by_label(name).check()
    page.get_by_label("Focus", exact=True).select_option(
        "Providing support for students who struggle")
    assert_accessible(page)
    page.get_by_role("button", name="Form this team").click()
    expect(page.locator(".flash-success")).to_be_visible()

    # Ana finds the team on her home page and fills step 1.
    sign_in(page, ana)
    page.locator("main").get_by_role("link", name=re.compile(
        "Providing support for students who struggle")).first.click()
    page.get_by_role("link", name=re.compile("Objective")).first.click()
    expect(page.locator("main")).to_contain_text("Start from your students' learning data")
    page.get_by_label("Our shared objective, in our own words").fill(
        "Every struggling reader gets support within a week.")
    page.get_by_label("Student learning goal").fill("Readers below benchmark gain one level.")
    page.get_by_label("Educator learning goal").fill("We learn to run guided reading groups.")
    page.get_by_label("The needs of my class").check()
    save_and_continue(page)
    pid = int(re.search(r"/partnerships/(\d+)/", page.url).group(1))

    # Ben: approach and timeline.
    sign_in(page, ben)
    page.goto(f"/partnerships/{pid}/approach")
    expect(page.locator("main")).to_contain_text("Decide together how your team will learn")
    page.get_by_label("Analyze student work together").check()
    page.get_by_label("Our plan").fill("We bring running records to each meeting.")
    page.get_by_label("How we will communicate").fill("Thursdays in room 12.")
    save_and_continue(page)
    expect(page.locator("main")).to_contain_text("standing collaboration time")
    page.get_by_label("Start date").fill("2026-09-01")
    page.get_by_label("End date").fill("2027-05-31")
    page.get_by_label("Weekly", exact=True).check()
    save_and_continue(page)

    # Cleo logs the stage-1 record and moves the team to stage 2.
    sign_in(page, cleo)
    page.goto(f"/partnerships/{pid}/cycles")
    expect(page.locator("#teachers-learning-target")).to_contain_text(
        "I can effectively work as a member of a collaborative professional learning team")
    expect(page.locator("#current-stage")).to_have_text(
        "Round 1, stage 1 of 5: Analyze student data")
    log_stage_record(page, "2026-11-12", {
        "Which student data did the team look at": "Running records of 70 readers.",
        "What does it tell us about each child": "Nine readers struggle with decoding.",
    })
    page.get_by_role("button", name=re.compile("^Move on to stage 2")).click()
    expect(page.locator("#current-stage")).to_have_text(
        "Round 1, stage 2 of 5: Set shared goals for student and educator learning")
    assert_accessible(page)

    # The principal sees the stage and the targets, prints the families' summary and
    # downloads the team's documents.
    sign_in(page, principal_email)
    page.goto("/dashboard/")
    expect(page.locator(f"#stage-{pid}")).to_contain_text(
        "round 1, stage 2 of 5: Set shared goals for student and educator learning")
    expect(page.locator("#learning-targets")).to_contain_text("I can create the conditions")
    page.get_by_role("link", name="Summary of our learning teams for families").click()
    assert_accessible(page)
    _, data = download(page, page.get_by_role("link", name=re.compile("^PDF")), tmp_path)
    text = pdf_text(data, tmp_path)
    assert "Providing support for students who struggle" in text
    assert "Set shared goals for student and educator learning" in text
    assert "I can describe the benefits of learning teams" in text
    for private in ("Ana Teacher", "Ben Partner", "Cleo Third", "Nine readers struggle"):
        assert private not in text, private

    page.goto(f"/partnerships/{pid}/")
    plan = page.locator("#documents-heading + ul > li").filter(has_text="plan")
    name, data = download(page, plan.get_by_role("link", name=re.compile("^PDF")), tmp_path)
    text = pdf_text(data, tmp_path)
    assert "Lakeside Learning District" in text and "Park West" not in text
    assert "Analyze student work together" in text
    for member in ("Ana Teacher", "Ben Partner", "Cleo Third"):
        assert member in text, member
    assert "Every struggling reader gets support within a week." in text
    _, data = download(page, plan.get_by_role("link", name=re.compile("^Word")), tmp_path)
    assert "Every struggling reader gets support within a week." in docx_text(data)
