"""The families' summary (seed 002): a school's learning teams on one page for parents and
community members (focus and stage, the learning target for them), as a page to print and
as Word and PDF. No names of teachers or students, no notes."""
import copy
from datetime import timedelta

import pytest
from docxtpl import DocxTemplate

from webapp.documents import docx, families, pdf
from webapp.documents.context import METADATA_KEYS
from webapp.extensions import db
from webapp.models import CycleEntry
from webapp.programs import presets

from . import factories
from .test_documents import docx_paragraphs, pdf_text, printed_strings, squash

PARENTS = "I can describe the benefits of learning teams in my child's school"


@pytest.fixture
def learning_teams(program, app):
    model = presets.model("learning-teams")
    program.model_key, program.words = model.key, model.words()
    program.settings = copy.deepcopy(model.settings())
    db.session.commit()
    app.config["TODAY"] = program.start_date + timedelta(days=40)
    return program


@pytest.fixture
def teams(learning_teams, teacher, partner, school, other_teacher):
    """Two teams of the school (one a stage on), one not yet formed, one elsewhere."""
    first = factories.partnership_for(learning_teams, teacher, partner,
                                      focus_area="Monitoring the learning data of each child",
                                      objective="Private words of Ana's team",
                                      cycle_stage="goals")
    first.cycles.append(CycleEntry(author=teacher, met_on=learning_teams.start_date,
                                   cycle_round=1, stage="analyze", stage_name="Analyze",
                                   answers=[{"prompt": "Data?", "answer": "Jamie struggles"}]))
    second = factories.partnership_for(
        learning_teams, factories.UserFactory(school=school, name="Cleo Third"),
        factories.UserFactory(school=school, name="Dev Fourth"),
        focus_area="Providing support for students who struggle", cycle_round=2)
    factories.partnership_for(learning_teams, factories.UserFactory(school=school,
                                                                    name="Eve Alone"))
    factories.partnership_for(learning_teams, other_teacher,
                              factories.UserFactory(school=other_teacher.school),
                              focus_area="Enriching learning elsewhere")
    db.session.commit()
    return first, second


def summary(school, program):
    from webapp.models import Partnership

    formed = [p for p in db.session.query(Partnership).filter_by(school_id=school.id)
              .order_by(Partnership.id) if p.is_formed]
    return families.families_summary(school, program, formed, program.start_date)


def test_the_summary_has_each_teams_focus_and_stage_and_the_families_target(
        teams, school, learning_teams):
    context = summary(school, learning_teams)
    assert context["teams"]["rows"] == [
        {"focus": "Monitoring the learning data of each child",
         "stage": "Round 1, stage 2 of 5: Set shared goals for student and educator learning"},
        {"focus": "Providing support for students who struggle",
         "stage": "Round 2, stage 1 of 5: Analyze student data"}]
    target = context["sections"][0]["fields"][0]
    assert target["label"] == "Our learning target for parents and community members"
    assert target["value"].startswith(PARENTS)
    stages = context["sections"][1]["fields"][0]["value"]
    assert stages.startswith("1. Analyze student data\n2. Set shared goals")
    assert "signatures" not in context


def test_no_names_and_no_notes_anywhere(teams, school, learning_teams):
    context = summary(school, learning_teams)
    printed = "\n".join(printed_strings(context))
    word = "\n".join(docx_paragraphs(docx.render(context)))
    portable = pdf_text(pdf.render(context))
    for text in (printed, word, portable):
        for private in ("Ana Teacher", "Ben Partner", "Cleo", "Dev Fourth", "Jamie", "Private words",
                        "Eve Alone", "Pat Principal"):
            assert private not in text, private
    assert "Riverside Elementary" in word  # the school's name is the letterhead


def test_word_and_pdf_print_every_label_and_value(teams, school, learning_teams):
    context = summary(school, learning_teams)
    word = squash("\n".join(docx_paragraphs(docx.render(context))))
    portable = squash(pdf_text(pdf.render(context)))
    for text in printed_strings(context):
        assert squash(text) in word, text
        assert squash(text) in portable, text


def test_the_template_uses_exactly_its_context(teams, school, learning_teams):
    context = summary(school, learning_teams)
    template = DocxTemplate(docx.TEMPLATE_DIR / "families_summary.docx")
    used = template.get_undeclared_template_variables(jinja_env=docx.jinja_env())
    assert used == set(context) - METADATA_KEYS


def test_it_is_one_page_for_a_school_of_twelve_teams(learning_teams, school):
    from pypdf import PdfReader
    import io

    for n in range(12):
        factories.partnership_for(learning_teams,
                                  factories.UserFactory(school=school, name=f"A{n} Teacher"),
                                  factories.UserFactory(school=school, name=f"B{n} Teacher"),
                                  focus_area=learning_teams.focus_areas[n % 3])
    context = summary(school, learning_teams)
    assert len(PdfReader(io.BytesIO(pdf.render(context))).pages) == 1


def test_hostile_text_prints_as_text(learning_teams, school, teacher, partner):
    settings = copy.deepcopy(learning_teams.settings)
    settings["practices"]["learning_targets"]["parents_community"] = "Tom & <b>Jerry</b> {{7*7}}"
    learning_teams.settings = settings
    factories.partnership_for(learning_teams, teacher, partner, focus_area="<script>x</script>")
    context = summary(school, learning_teams)
    assert "Tom & <b>Jerry</b> {{7*7}}" in docx_paragraphs(docx.render(context))
    assert squash("Tom & <b>Jerry</b> {{7*7}}") in squash(pdf_text(pdf.render(context)))


def test_an_empty_school_says_so(learning_teams, school):
    context = summary(school, learning_teams)
    assert context["teams"]["rows"] == []
    assert "No learning team has started yet." in docx_paragraphs(docx.render(context))


# --- the routes ---------------------------------------------------------------------------

def test_the_principal_opens_the_page_and_downloads_word_and_pdf(as_principal, teams, school):
    page = as_principal.get(f"/dashboard/schools/{school.id}/families")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Our learning teams: a summary for families" in html
    assert "Round 1, stage 2 of 5" in html and "Ana Teacher" not in html.split("<main")[1]
    assert "Enriching learning elsewhere" not in html  # another school's team
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert f"/dashboard/schools/{school.id}/families" in board
    for extension, kind in (("docx", "wordprocessingml"), ("pdf", "application/pdf")):
        response = as_principal.get(f"/dashboard/schools/{school.id}/families.{extension}")
        assert response.status_code == 200 and kind in response.mimetype
        assert "summary for families" in response.headers["Content-Disposition"]


def test_only_the_schools_principal_and_the_district_may_open_it(
        teams, school, other_school, signed_in, principal, other_principal, admin, teacher):
    url = f"/dashboard/schools/{school.id}/families"
    assert signed_in(admin).get(url).status_code == 200
    assert signed_in(admin).get(f"/dashboard/schools/{other_school.id}/families.pdf"
                                ).status_code == 200
    assert signed_in(other_principal).get(url).status_code == 403
    assert signed_in(other_principal).get(url + ".pdf").status_code == 403
    assert signed_in(teacher).get(url).status_code == 403
    assert signed_in(principal).get(f"/dashboard/schools/{other_school.id}/families"
                                    ).status_code == 403


def test_a_program_without_learning_targets_has_no_summary(as_principal, program, school):
    assert as_principal.get(f"/dashboard/schools/{school.id}/families").status_code == 404
    assert as_principal.get(f"/dashboard/schools/{school.id}/families.pdf").status_code == 404
    assert "families" not in as_principal.get("/dashboard/").get_data(as_text=True)
