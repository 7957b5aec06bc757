"""Defects found by walking issue 8's journeys as teachers and principals would (QA pass)."""
from webapp.extensions import db
from webapp.models import Partnership

from . import factories


def test_overview_offers_a_visit_request_only_when_one_can_be_made(as_teacher, program,
                                                                    teacher, partner):
    """A partnership nobody has joined yet cannot take a visit request (step 5 waits for a
    partner), so its overview does not offer one that leads nowhere (#8 point 13)."""
    alone = factories.partnership_for(program, teacher)
    page = as_teacher.get(f"/partnerships/{alone.id}/").get_data(as_text=True)
    assert "Request a classroom visit" not in page
    formed = factories.partnership_for(program, teacher, partner)
    page = as_teacher.get(f"/partnerships/{formed.id}/").get_data(as_text=True)
    assert "Request a classroom visit" in page
    db.session.get(Partnership, formed.id).completed_at = db.func.now()
    db.session.commit()
    page = as_teacher.get(f"/partnerships/{formed.id}/").get_data(as_text=True)
    assert "Request a classroom visit" not in page


def test_reopening_without_a_reason_heads_the_form_with_an_error_summary(
        as_principal, program, teacher, partner):
    """The refused reopen form starts with the summary that takes focus and links to the
    reason (#8 point 5: every form that can fail), not only a message at the field."""
    done = factories.partnership_for(program, teacher, partner)
    done.completed_at = db.func.now()
    db.session.commit()
    response = as_principal.post(f"/partnerships/{done.id}/reopen", data={"reason": " "})
    page = response.get_data(as_text=True)
    assert "Say why the partnership is reopened" in page
    summary = page[page.index('class="error-summary"'):]
    assert 'href="#reason"' in summary[:800] and "autofocus" in page
    assert db.session.get(Partnership, done.id).completed_at is not None
