"""#8 point 3 for the visit's other long texts: the follow-up request and the comment on
a decision are kept as drafts (per user) until sent or discarded."""
from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import FormDraft, VisitStatus

HX = {"HX-Request": "true"}


def drafts_count():
    return db.session.scalar(select(func.count()).select_from(FormDraft))


def _visit(partnership, teacher, **values):
    day = partnership.program.start_date + timedelta(days=20)
    return factories.visit_for(partnership, teacher, proposed_date=day, **values)


def test_follow_up_request_draft_comes_back_until_sent(as_teacher, partnership, teacher,
                                                       principal):
    visit = _visit(partnership, teacher, status=VisitStatus.APPROVED)
    answer = as_teacher.post(f"/drafts/followup-request/{visit.id}", headers=HX,
                             data={"followup_request": "Tuesday <b>after</b> school"})
    assert answer.status_code == 200 and "Draft kept from" in answer.get_data(as_text=True)
    page = as_teacher.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "Tuesday &lt;b&gt;after&lt;/b&gt; school</textarea>" in page
    assert "Discard draft" in page
    as_teacher.post(f"/visits/{visit.id}/followup-request",
                    data={"followup_request": "Tuesday after school"})
    assert drafts_count() == 0


def test_follow_up_request_draft_is_the_visitors_only(signed_in, partnership, teacher,
                                                      partner):
    visit = _visit(partnership, teacher, status=VisitStatus.APPROVED)
    response = signed_in(partner).post(f"/drafts/followup-request/{visit.id}",
                                       data={"followup_request": "Not my visit"})
    assert response.status_code in (403, 404) and drafts_count() == 0


def test_decision_comment_draft_comes_back_on_the_queue_and_the_visit(
        as_principal, partnership, teacher):
    visit = _visit(partnership, teacher)
    as_principal.post(f"/drafts/visit-decision/{visit.id}", headers=HX,
                      data={"comment": "Report-card week; could you pick"})
    queue = as_principal.get("/visits/approvals").get_data(as_text=True)
    assert "Report-card week; could you pick</textarea>" in queue and "Discard draft" in queue
    page = as_principal.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "Report-card week; could you pick</textarea>" in page
    as_principal.post(f"/visits/{visit.id}/decide",
                      data={"decision": "decline", "comment": "Report-card week."})
    assert drafts_count() == 0
    db.session.refresh(visit)
    assert visit.status is VisitStatus.DECLINED


def test_refused_decision_keeps_the_comment_as_a_draft(as_principal, partnership, teacher):
    visit = _visit(partnership, teacher)
    as_principal.post(f"/visits/{visit.id}/decide",
                      data={"decision": "approve", "comment": "x" * 2001})
    assert drafts_count() == 1
    assert "x" * 2001 in as_principal.get("/visits/approvals").get_data(as_text=True)


def test_decision_draft_needs_the_right_to_decide(as_teacher, signed_in, partnership,
                                                  teacher, other_principal):
    visit = _visit(partnership, teacher)
    for client in (as_teacher, signed_in(other_principal)):
        response = client.post(f"/drafts/visit-decision/{visit.id}",
                               data={"comment": "Not mine to decide"})
        assert response.status_code in (403, 404)
    assert drafts_count() == 0
