"""The school's Instructional Target (seed 001): written by the principal, read and
commented on by the staff, printed on one page, its look-fors chosen by partnerships."""
from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from webapp.documents import context as documents, docx, pdf
from webapp.extensions import db
from webapp.models import FormDraft, InstructionalTarget, TargetComment

from . import factories
from .test_documents import docx_paragraphs, pdf_text, printed_strings, squash

TODAY = date(2027, 2, 14)
AREAS = {
    "Student discourse": [
        "Students explain their reasoning to a partner before sharing with the class.",
        "Students build on or respectfully challenge a classmate's idea.",
        "Questions ask why and how, not only what.",
        "Every student speaks in each lesson.",
    ],
    "Learning targets": [
        "The day's learning target is posted in student-friendly words.",
        "Students can say what they are learning and why.",
        "The lesson closes by checking progress toward the target.",
        "Exit tickets are sorted to plan the next lesson.",
    ],
    "Feedback": [
        "Feedback names what is done well and one next step.",
        "Students act on feedback during the lesson.",
        "Peer feedback follows a shared protocol.",
        "Work is revised after feedback, not only graded.",
    ],
    "Data-based decisions": [
        "Teams look at common assessment results every two weeks.",
        "Small groups change as the data change.",
        "Interventions are chosen from student work, not opinions.",
        "Progress is charted where students can see it.",
    ],
}
VISION = ("In every classroom, students do the thinking: they talk about their reasoning, "
          "know what they are learning and why, and act on precise feedback. Teachers "
          "plan together from student work and hold each other to this vision.")


@pytest.fixture
def ip_program(district):
    """Alabama's Instructional Partners: the Instructional Target is on."""
    return factories.program_from_model(district, "instructional-partners")


@pytest.fixture
def target(school, ip_program):
    return factories.target_for(school, ip_program, AREAS, vision=VISION)


@pytest.fixture
def ip_partnership(ip_program, teacher, partner):
    return factories.partnership_for(ip_program, teacher, partner)


def edit_data(vision, areas, version, ids=None):
    """The edit form's fields for {area: [look-for]} (ids: {look-for text: id})."""
    ids = ids or {}
    data = {"vision": vision, "target_version": str(version)}
    for a, (title, texts) in enumerate(areas.items()):
        data[f"focus_areas-{a}-title"] = title
        for n, text in enumerate(texts):
            data[f"focus_areas-{a}-look_fors-{n}-text"] = text
            data[f"focus_areas-{a}-look_fors-{n}-id"] = ids.get(text, "")
    return data


def ids_of(target: InstructionalTarget) -> dict[str, str]:
    return {item["id"]: item["text"] for area in target.focus_areas
            for item in area["look_fors"]}


# --- writing the target -------------------------------------------------------------------

def test_principal_writes_the_target_with_look_fors(as_principal, school, ip_program):
    response = as_principal.post("/targets/start", data={"school_id": school.id,
                                                         "program_id": ip_program.id})
    target = db.session.scalar(select(InstructionalTarget))
    assert response.location == f"/targets/{target.id}/edit"
    page = as_principal.get(f"/targets/{target.id}/edit").get_data(as_text=True)
    assert "Focus area 1: title" in page and "Look-for 4 of focus area 4" in page
    assert "a few focus areas, each with clear, precise “look fors”" in page  # the model's words
    response = as_principal.post(f"/targets/{target.id}/edit",
                                 data=edit_data(VISION, AREAS, 0))
    assert response.location == f"/targets/{target.id}"
    db.session.refresh(target)
    assert target.vision == VISION and target.version == 1
    assert [a["title"] for a in target.focus_areas] == list(AREAS)
    assert list(ids_of(target)) == [f"lf{n}" for n in range(1, 17)]
    page = as_principal.get(f"/targets/{target.id}").get_data(as_text=True)
    assert "Students build on or respectfully challenge a classmate&#39;s idea." in page
    assert "Last changed by Pat Principal" in page
    # Starting again opens the same target; nothing is made twice.
    again = as_principal.post("/targets/start", data={"school_id": school.id,
                                                      "program_id": ip_program.id})
    assert again.location == f"/targets/{target.id}/edit"
    assert len(db.session.scalars(select(InstructionalTarget)).all()) == 1


def test_look_fors_need_their_focus_area_and_the_text_is_kept(as_principal, target):
    data = edit_data("<b>Our</b> vision", {"": ["Students <script> talk"]}, target.version)
    response = as_principal.post(f"/targets/{target.id}/edit", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Name this focus area: it has look-fors." in page
    assert "Students &lt;script&gt; talk" in page and "&lt;b&gt;Our&lt;/b&gt; vision" in page
    assert "<script> talk" not in page
    db.session.refresh(target)
    assert target.vision == VISION  # nothing saved
    draft = db.session.scalar(select(FormDraft))
    assert draft.data["vision"] == "<b>Our</b> vision"  # nor lost


def test_over_long_vision_is_refused_with_its_length(as_principal, target):
    data = edit_data("v" * 1501, AREAS, target.version)
    page = as_principal.post(f"/targets/{target.id}/edit", data=data).get_data(as_text=True)
    assert "Keep this to 1500 characters; it has 1501 now" in page and "v" * 1501 in page


def test_a_stale_save_shows_both_versions_and_keeps_the_text(as_principal, admin, signed_in,
                                                              target):
    as_admin = signed_in(admin)
    first = as_admin.post(f"/targets/{target.id}/edit",
                          data=edit_data("The district's wording", AREAS, 1, _text_ids(target)))
    assert first.status_code == 302
    stale = as_principal.post(f"/targets/{target.id}/edit",
                              data=edit_data("The principal's wording", AREAS, 1,
                                             _text_ids(target)))
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "Dana Admin changed the target since you opened it." in page
    assert "The district&#39;s wording" in page and "The principal&#39;s wording" in page
    db.session.refresh(target)
    assert target.vision == "The district's wording" and target.version == 2
    overwrite = as_principal.post(f"/targets/{target.id}/edit", data={
        **edit_data("The principal's wording", AREAS, 1, _text_ids(target)),
        "overwrite_version": "2"})
    assert overwrite.status_code == 302
    db.session.refresh(target)
    assert target.vision == "The principal's wording" and target.version == 3


def _text_ids(target):
    return {text: key for key, text in ids_of(target).items()}


def test_a_draft_of_the_target_comes_back(as_principal, target):
    as_principal.post(f"/drafts/target-edit/{target.id}",
                      data={"vision": "Half a new vision", "target_version": "1"})
    page = as_principal.get(f"/targets/{target.id}/edit").get_data(as_text=True)
    assert "Half a new vision" in page and "Draft kept from" in page


def test_edits_keep_look_for_ids_and_removed_ones_stay_readable(as_principal, as_teacher,
                                                                 target, ip_partnership):
    ip_partnership.look_fors = ["lf2", "lf5"]
    db.session.commit()
    ids = _text_ids(target)
    areas = {title: list(texts) for title, texts in AREAS.items()}
    areas["Student discourse"][1] = "Students build on a classmate's idea."  # reworded
    ids["Students build on a classmate's idea."] = "lf2"
    del areas["Learning targets"][0]  # lf5 removed
    areas["Feedback"].append("Students keep a feedback log.")  # new
    response = as_principal.post(f"/targets/{target.id}/edit",
                                 data=edit_data(VISION, areas, 1, ids))
    assert response.status_code == 302
    db.session.refresh(target)
    current = ids_of(target)
    assert current["lf2"] == "Students build on a classmate's idea."
    assert "lf5" not in current and current["lf17"] == "Students keep a feedback log."
    assert target.retired["lf5"]["text"] == AREAS["Learning targets"][0]
    overview = as_teacher.get(f"/partnerships/{ip_partnership.id}/").get_data(as_text=True)
    assert "Student discourse: Students build on a classmate&#39;s idea." in overview
    assert "The day&#39;s learning target is posted" in overview
    assert "no longer in the target" in overview
    plan = documents.partnership_plan(ip_partnership, TODAY)
    field = next(f for f in plan["sections"][0]["fields"] if f["label"] == "Look-fors we focus on")
    assert field["value"] == (
        "Student discourse: Students build on a classmate's idea.\n"
        "Learning targets: The day's learning target is posted in student-friendly words. "
        "(no longer in the target)")


def test_teachers_cannot_write_or_edit_the_target(as_teacher, school, ip_program, target):
    assert as_teacher.post("/targets/start", data={"school_id": school.id,
                                                   "program_id": ip_program.id}).status_code == 403
    assert as_teacher.get(f"/targets/{target.id}/edit").status_code == 403
    assert as_teacher.post(f"/targets/{target.id}/edit",
                           data=edit_data("Mine now", AREAS, 1)).status_code == 403
    assert as_teacher.post(f"/drafts/target-edit/{target.id}",
                           data={"vision": "x"}).status_code == 403
    db.session.refresh(target)
    assert target.vision == VISION


def test_other_schools_targets_and_comments_are_refused(signed_in, other_teacher,
                                                        other_principal, other_school,
                                                        ip_program, target, teacher):
    db.session.add(TargetComment(target_id=target.id, author_id=teacher.id, body="Ours"))
    db.session.commit()
    comment = db.session.scalar(select(TargetComment))
    for user in (other_teacher, other_principal):
        client = signed_in(user)
        assert client.get(f"/targets/{target.id}").status_code == 403
        assert client.get(f"/targets/{target.id}/target.pdf").status_code == 403
        assert client.post(f"/targets/{target.id}/comments",
                           data={"body": "Hello"}).status_code == 403
        assert client.post(f"/targets/comments/{comment.id}/delete").status_code == 403
        assert "Ours" not in client.get("/").get_data(as_text=True)
    assert signed_in(other_principal).post("/targets/start", data={
        "school_id": target.school_id, "program_id": ip_program.id}).status_code == 403
    far = factories.AdminFactory(district=factories.DistrictFactory(name="Far"), name="Far Admin")
    assert signed_in(far).get(f"/targets/{target.id}").status_code == 404
    assert len(db.session.scalars(select(TargetComment)).all()) == 1


def test_a_program_without_the_practice_has_no_target(as_principal, as_teacher, school,
                                                      program, ip_program):
    """Partners in Practice: no start, no link on the home pages."""
    target = factories.target_for(school, program, AREAS)
    assert as_principal.post("/targets/start", data={"school_id": school.id,
                                                     "program_id": program.id}).status_code == 403
    assert as_principal.get(f"/targets/{target.id}").status_code == 404
    ip_program.settings = {**ip_program.settings, "practices": {}}
    db.session.commit()
    for client in (as_principal, as_teacher):
        assert "Instructional Target" not in client.get("/").get_data(as_text=True)


# --- comments -----------------------------------------------------------------------------

def test_staff_comment_and_the_principal_sees_them(as_teacher, as_principal, target, teacher):
    response = as_teacher.post(f"/targets/{target.id}/comments",
                               data={"body": "Could we add <i>wait time</i>?"})
    assert response.location == f"/targets/{target.id}#comments"
    page = as_principal.get(f"/targets/{target.id}").get_data(as_text=True)
    assert "Ana Teacher" in page and "Could we add &lt;i&gt;wait time&lt;/i&gt;?" in page
    comment = db.session.scalar(select(TargetComment))
    assert f'datetime="{comment.created_at.date().isoformat()}"' in page
    assert "Delete my comment" not in page  # not the principal's own
    assert "1 comment" in as_principal.get("/").get_data(as_text=True)


def test_an_empty_comment_is_refused_and_a_draft_kept(as_teacher, target):
    page = as_teacher.post(f"/targets/{target.id}/comments",
                           data={"body": "  "}).get_data(as_text=True)
    assert "Write your comment first." in page
    as_teacher.post(f"/drafts/target-comment/{target.id}", data={"body": "Half a thought"})
    page = as_teacher.get(f"/targets/{target.id}").get_data(as_text=True)
    assert "Half a thought" in page and "Draft kept from" in page


def test_a_teacher_deletes_their_own_comment_only(as_teacher, target, teacher, partner):
    theirs = TargetComment(target_id=target.id, author_id=partner.id, body="Partner's")
    mine = TargetComment(target_id=target.id, author_id=teacher.id, body="Mine")
    db.session.add_all([theirs, mine])
    db.session.commit()
    page = as_teacher.get(f"/targets/{target.id}").get_data(as_text=True)
    assert page.count("Delete my comment") == 1
    assert as_teacher.post(f"/targets/comments/{theirs.id}/delete").status_code == 403
    assert as_teacher.post(f"/targets/comments/{mine.id}/delete").status_code == 302
    assert [c.body for c in db.session.scalars(select(TargetComment))] == ["Partner's"]


# --- partnerships choose look-fors ----------------------------------------------------------

OBJECTIVE = {
    "focus_area": "Data-based decision-making",
    "objective": "Plan small groups from exit tickets",
    "student_goal": "Students explain their reasoning.",
    "educator_goal": "We plan from student work.",
    "objective_source": "class",
}


def test_step_one_offers_the_targets_look_fors(as_teacher, target, ip_partnership):
    page = as_teacher.get(f"/partnerships/{ip_partnership.id}/objective").get_data(as_text=True)
    assert "Look-fors we focus on" in page
    assert 'value="lf13"' in page and "Data-based decisions: Teams look at common" in page
    assert "Read your school’s Instructional Target" in page
    response = as_teacher.post(f"/partnerships/{ip_partnership.id}/objective", data={
        **OBJECTIVE, "look_fors": ["lf1", "lf13"], "version": "0"})
    assert response.status_code == 302
    db.session.refresh(ip_partnership)
    assert ip_partnership.look_fors == ["lf1", "lf13"]
    overview = as_teacher.get(f"/partnerships/{ip_partnership.id}/").get_data(as_text=True)
    assert "Data-based decisions: Teams look at common assessment results" in overview
    plan = "\n".join(docx_paragraphs(docx.render(documents.partnership_plan(ip_partnership,
                                                                           TODAY))))
    assert "Look-fors we focus on\nStudent discourse: Students explain their reasoning to a " \
           "partner before sharing with the class.\nData-based decisions: Teams" in plan


def test_a_look_for_not_in_the_target_is_refused(as_teacher, target, ip_partnership):
    page = as_teacher.post(f"/partnerships/{ip_partnership.id}/objective", data={
        **OBJECTIVE, "look_fors": ["lf99"], "version": "0"}).get_data(as_text=True)
    assert "Look-fors we focus on" in page and "not a valid choice" in page
    db.session.refresh(ip_partnership)
    assert ip_partnership.look_fors == []


def test_without_a_target_step_one_says_so_and_keeps_the_choice(as_teacher, ip_program,
                                                                 ip_partnership):
    ip_partnership.look_fors = ["lf1"]
    db.session.commit()
    page = as_teacher.get(f"/partnerships/{ip_partnership.id}/objective").get_data(as_text=True)
    assert "Instructional Target is not written yet" in page
    assert 'name="look_fors"' not in page
    as_teacher.post(f"/partnerships/{ip_partnership.id}/objective",
                    data={**OBJECTIVE, "version": "0"})
    db.session.refresh(ip_partnership)
    assert ip_partnership.look_fors == ["lf1"] and ip_partnership.objective_version == 1


def test_partners_in_practice_shows_nothing_of_targets(as_teacher, partnership):
    page = as_teacher.get(f"/partnerships/{partnership.id}/objective").get_data(as_text=True)
    assert "Look-fors" not in page and "Instructional Target" not in page
    overview = as_teacher.get(f"/partnerships/{partnership.id}/").get_data(as_text=True)
    assert "Look-fors" not in overview
    plan = documents.partnership_plan(partnership, TODAY)
    assert all(f["label"] != "Look-fors we focus on" for f in plan["sections"][0]["fields"])


# --- the one-page document ------------------------------------------------------------------

@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_target_downloads_for_its_staff(as_teacher, target, extension):
    response = as_teacher.get(f"/targets/{target.id}/target.{extension}")
    assert response.status_code == 200
    assert "Instructional Target - Riverside Elementary" in response.headers[
        "Content-Disposition"]


def test_word_and_pdf_print_every_string_of_the_target(target):
    context = documents.instructional_target(target, TODAY)
    assert "signatures" not in context
    words = "\n".join(docx_paragraphs(docx.render(context)))
    text = squash(pdf_text(pdf.render(context)))
    for string in printed_strings(context):
        if string in ("Signatures", "Signature", "Date"):
            continue  # the target is not signed
        assert string in words, string
        assert squash(string) in text, string
    assert "Signatures" not in words and "Signatures" not in text


def test_the_target_prints_on_one_page(target, tmp_path):
    """4 focus areas of 4 look-fors and a vision: one page, in PDF and in Word's layout."""
    data = pdf.render(documents.instructional_target(target, TODAY))
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    word = Document(io.BytesIO(docx.render(documents.instructional_target(target, TODAY))))
    assert not any("w:br" in p._p.xml and 'w:type="page"' in p._p.xml for p in word.paragraphs)
    path = tmp_path / "target.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")],
                   check=True)
    assert [p.name for p in tmp_path.glob("page*.png")] == ["page-1.png"]


def test_unusual_text_in_the_target_prints_exactly(school, ip_program):
    hostile = "Tom & Jerry <script>\"' {{7*7}} </w:t> Élève"
    target = factories.target_for(school, ip_program, {hostile: [hostile]}, vision=hostile)
    context = documents.instructional_target(target, TODAY)
    assert hostile in docx_paragraphs(docx.render(context))
    assert squash(hostile) in squash(pdf_text(pdf.render(context)))


def test_the_word_template_uses_exactly_its_context(target):
    from docxtpl import DocxTemplate

    from webapp.documents.context import METADATA_KEYS

    context = documents.instructional_target(target, TODAY)
    template = DocxTemplate(docx.TEMPLATE_DIR / "instructional_target.docx")
    used = template.get_undeclared_template_variables(jinja_env=docx.jinja_env())
    assert used == set(context) - METADATA_KEYS


# --- cycle entries mark the look-fors they saw ---------------------------------------------

def test_a_cycle_entry_marks_the_look_fors_seen(app, as_teacher, target, ip_partnership):
    from datetime import timedelta

    program = ip_partnership.program
    app.config["TODAY"] = program.start_date + timedelta(days=30)
    factories.fill_steps(ip_partnership)
    ip_partnership.look_fors = ["lf1", "lf5"]
    db.session.commit()
    page = as_teacher.get(f"/partnerships/{ip_partnership.id}/cycles").get_data(as_text=True)
    assert "Look-fors we saw" in page
    assert 'value="lf1"' in page and 'value="lf5"' in page and 'value="lf2"' not in page
    response = as_teacher.post(f"/partnerships/{ip_partnership.id}/cycles/new", data={
        "met_on": program.start_date.isoformat(), "attendees": "Ana, Ben",
        "answer_1": "We watched each other's number talks.", "reflected": "Number talks",
        "look_fors_seen": ["lf5"]})
    assert response.status_code == 302
    entry = max(ip_partnership.cycles, key=lambda e: e.id)
    db.session.refresh(entry)
    assert entry.look_fors_seen == ["lf5"]
    page = as_teacher.get(f"/partnerships/{ip_partnership.id}/cycles").get_data(as_text=True)
    assert "Learning targets: The day&#39;s learning target is posted" in page
    # Editing the entry keeps the mark, and can change it.
    edit = as_teacher.get(f"/partnerships/cycles/{entry.id}/edit").get_data(as_text=True)
    assert re.search(r'<input [^>]*checked [^>]*value="lf5"', edit)
    assert not re.search(r'<input [^>]*checked [^>]*value="lf1"', edit)
    as_teacher.post(f"/partnerships/cycles/{entry.id}/edit", data={
        "met_on": program.start_date.isoformat(), "answer_1": "Watched again",
        "look_fors_seen": ["lf1", "lf5"], "version": str(entry.version)})
    db.session.refresh(entry)
    assert entry.look_fors_seen == ["lf1", "lf5"] and entry.answers[0]["answer"] == "Watched again"


def test_no_look_fors_at_a_meeting_without_a_target(app, as_teacher, partnership):
    from datetime import timedelta

    app.config["TODAY"] = partnership.program.start_date + timedelta(days=30)
    factories.fill_steps(partnership)
    page = as_teacher.get(f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    assert "Look-fors we saw" not in page


# --- valid HTML ---------------------------------------------------------------------------

def test_the_target_pages_are_valid_html(app, as_principal, as_teacher, target, ip_partnership,
                                         tmp_path, teacher):
    """The Nu HTML Checker finds no error on the target's pages, their failed and
    conflicting forms, and step 1 with look-fors (the demo has no target to check)."""
    from pathlib import Path

    from .test_html_valid import _check, _vnu_jar

    jar = _vnu_jar()
    db.session.add(TargetComment(target_id=target.id, author_id=teacher.id, body="Nice"))
    db.session.commit()
    pages = [
        as_principal.get("/targets/"), as_principal.get(f"/targets/{target.id}"),
        as_principal.get(f"/targets/{target.id}/edit"), as_principal.get("/"),
        as_teacher.get(f"/targets/{target.id}"), as_teacher.get("/"),
        as_teacher.get(f"/partnerships/{ip_partnership.id}/objective"),
        as_teacher.get(f"/partnerships/{ip_partnership.id}/"),
        as_principal.post(f"/targets/{target.id}/edit",
                          data=edit_data("x" * 1501, {"": ["orphan"]}, target.version)),
        as_principal.post(f"/targets/{target.id}/edit", data=edit_data("Old", AREAS, 0)),
        as_teacher.post(f"/targets/{target.id}/comments", data={"body": ""}),
    ]
    files = []
    for n, response in enumerate(pages):
        assert response.status_code in (200, 409), (n, response.status_code)
        files.append(tmp_path / f"{n:02d}.html")
        files[-1].write_text(response.get_data(as_text=True), encoding="utf-8")
    report = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
              for m in _check(jar, files) if m.get("type") == "error"]
    assert not report, "\n".join(report)
