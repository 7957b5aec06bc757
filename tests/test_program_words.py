"""The step pages, the visit pages and the visitation form speak the program's words."""
from markupsafe import escape

import pytest

from webapp.documents import context as documents, docx, pdf
from webapp.extensions import db
from webapp.programs import presets

from . import factories
from .test_documents import docx_paragraphs, pdf_text, squash

# What Partners in Practice's step pages said before programs had words of their own.
TODAY = {
    "objective": "All collaborative activities benefit from a clearly defined objective. These goals can come from your own personal and professional needs or from the needs of your class, your PLC, your building, or your district.",
    "partner": "Once you have determined your objective, find someone who wants to work toward that objective with you: grade-level partners, subject partners, PLC members, cross-school teams, or anyone willing to work towards your shared objective. The only requirement for a partner is a commitment to the shared objective.",
    "approach": "Once you have shared communication on the objective, it comes time to plan: how can you and your partner(s) best work to achieve your shared objective? The important part is to decide openly and collectively on a course of action so that everyone is on the same page moving forward.",
    "timeline": "Timelines help you maintain the scope and sequence of your project and help you and your partner(s) stay at the same, collaborative pace. Effective partnerships meet at least every other week.",
    "cycles": "This process will be uniquely determined by your objective, your partner(s), your method, and your timeline. Regardless of the variables, make sure you schedule time to reflect, plan, act, and repeat.",
    "reflection": "Reflection should occur throughout any collaborative process; however, the reflection at the end of a process is especially critical. Each member answers the guiding questions; together you record the evidence of impact on student learning.",
}


def _as_model(program, key):
    model = presets.model(key)
    program.model_key, program.words, program.settings = key, model.words(), model.settings()
    db.session.commit()
    return model


def _step(client, partnership, key) -> str:
    return client.get(f"/partnerships/{partnership.id}/{key}").get_data(as_text=True)


@pytest.mark.parametrize("key", sorted(TODAY))
def test_partners_in_practice_steps_show_todays_intros(as_teacher, partnership, key):
    assert f'<p class="purpose">{escape(TODAY[key])}</p>' in _step(as_teacher, partnership, key)


def test_learning_teams_steps_show_their_own_intros(as_teacher, partnership, program):
    model = _as_model(program, "learning-teams")
    for key in presets.STEP_KEYS:
        page = _step(as_teacher, partnership, key)
        assert f'<p class="purpose">{escape(model.intros[key])}</p>' in page, key
        assert escape(TODAY[key]) not in page, key


def test_an_edited_intro_shows_and_an_empty_one_shows_none(as_teacher, partnership, program):
    program.words = {**program.words, "intro": {**program.words["intro"],
                                                "objective": "Ours <em>only</em>",
                                                "timeline": ""}}
    db.session.commit()
    assert '<p class="purpose">Ours &lt;em&gt;only&lt;/em&gt;</p>' in _step(
        as_teacher, partnership, "objective")
    assert 'class="purpose"' not in _step(as_teacher, partnership, "timeline")


def test_visit_pages_use_the_programs_form_title(as_teacher, partnership, program, teacher):
    visit = factories.visit_for(partnership, teacher)
    for url in (f"/visits/partnership/{partnership.id}/new", f"/visits/{visit.id}"):
        assert "<h1>Partners in Practice Visitation Form</h1>" in \
            as_teacher.get(url).get_data(as_text=True)
    _as_model(program, "ipi")  # a model with classroom visits and a neutral form title
    for url in (f"/visits/partnership/{partnership.id}/new", f"/visits/{visit.id}"):
        page = as_teacher.get(url).get_data(as_text=True)
        assert "<h1>Classroom Visit Form</h1>" in page and "Partners in Practice" not in page


def test_the_visitation_form_document_is_titled_by_the_program(partnership, program, teacher):
    visit = factories.visit_for(partnership, teacher)
    assert documents.visitation_form(visit)["title"] == "Partners in Practice Visitation Form"
    program.words = {**program.words, "visit_form_title": "Peer Observation Record"}
    db.session.commit()
    context = documents.visitation_form(visit)
    assert context["title"] == "Peer Observation Record"
    assert squash("Peer Observation Record") in squash("\n".join(docx_paragraphs(docx.render(context))))
    assert squash("Peer Observation Record") in squash(pdf_text(pdf.render(context)))
