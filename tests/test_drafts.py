"""Server-side drafts of long forms (#8 point 3): kept per user and form, back on reopening,
gone once sent or discarded, private to their writer."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import FormDraft, VisitStatus

from . import factories
from .test_visits import request_data

HX = {"HX-Request": "true"}


def drafts_count():
    return db.session.scalar(select(func.count()).select_from(FormDraft))


def test_new_cycle_entry_draft_comes_back_until_sent(as_teacher, partnership, program):
    url = f"/drafts/cycle-new/{partnership.id}"
    answer = as_teacher.post(url, headers=HX, data={
        "reflected": "Half-written <b>notes</b> on exit tickets", "minutes": "40",
        "once_key": "k" * 32})
    assert answer.status_code == 200 and "Draft kept from" in answer.get_data(as_text=True)
    page = as_teacher.get(f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    assert "Half-written &lt;b&gt;notes&lt;/b&gt; on exit tickets" in page
    assert "Draft kept from" in page and "Discard draft" in page
    assert 'value="40"' in page
    as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
        "met_on": program.start_date.isoformat(), "reflected": "Finished notes"})
    assert drafts_count() == 0
    page = as_teacher.get(f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    assert "Half-written" not in page and "Draft kept from" not in page


def test_discarding_a_draft_empties_the_form(as_teacher, partnership):
    as_teacher.post(f"/drafts/cycle-new/{partnership.id}", data={"planned": "Throw me away"})
    response = as_teacher.post(f"/drafts/cycle-new/{partnership.id}/discard",
                               data={"planned": "Throw me away"})
    assert response.status_code == 302
    assert response.location == f"/partnerships/{partnership.id}/cycles"
    assert drafts_count() == 0
    assert "Throw me away" not in as_teacher.get(response.location).get_data(as_text=True)
    # With HTMX the page is loaded afresh.
    as_teacher.post(f"/drafts/cycle-new/{partnership.id}", data={"planned": "Again"})
    response = as_teacher.post(f"/drafts/cycle-new/{partnership.id}/discard", headers=HX)
    assert response.headers["HX-Redirect"] == f"/partnerships/{partnership.id}/cycles"
    assert drafts_count() == 0


def test_refused_entry_is_kept_as_a_draft(as_teacher, partnership):
    as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
        "met_on": "not a date", "acted": "What we did, typed without JavaScript"})
    page = as_teacher.get(f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    assert "What we did, typed without JavaScript" in page


def test_drafts_are_private(as_teacher, partnership, partner, signed_in, other_teacher,
                            teacher, program):
    as_teacher.post(f"/drafts/cycle-new/{partnership.id}", data={"reflected": "Ana's secret"})
    as_partner = signed_in(partner)
    assert "Ana&#39;s secret" not in as_partner.get(
        f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    # Ben's own draft of the same form is his, and leaves Ana's alone.
    as_partner.post(f"/drafts/cycle-new/{partnership.id}", data={"reflected": "Ben's words"})
    assert drafts_count() == 2
    page = as_teacher.get(f"/partnerships/{partnership.id}/cycles").get_data(as_text=True)
    assert "Ana&#39;s secret" in page and "Ben&#39;s words" not in page
    # Outsiders cannot write a draft of a form they cannot send.
    outsider = signed_in(other_teacher)
    assert outsider.post(f"/drafts/cycle-new/{partnership.id}",
                         data={"reflected": "x"}).status_code == 403
    from webapp.models import CycleEntry

    entry = CycleEntry(author_id=teacher.id, met_on=program.start_date, version=1,
                       reflected="Ana's entry")
    partnership.cycles.append(entry)
    db.session.commit()
    assert as_partner.post(f"/drafts/cycle-edit/{entry.id}",
                           data={"reflected": "x"}).status_code == 403
    assert as_teacher.post("/drafts/cycle-new/999999", data={}).status_code == 404
    assert as_teacher.post("/drafts/unknown-kind/1", data={}).status_code == 404
    assert drafts_count() == 2


def test_visit_request_draft(as_teacher, partnership, partner):
    url = f"/visits/partnership/{partnership.id}/new"
    as_teacher.post(f"/drafts/visit-new/{partnership.id}", data={
        "purpose": "To see how Ben runs number talks", "location": "Room 12"})
    page = as_teacher.get(url).get_data(as_text=True)
    assert "To see how Ben runs number talks" in page and "Room 12" in page
    assert "Discard draft" in page
    as_teacher.post(url, data=request_data(partnership, partner))
    assert drafts_count() == 0


def test_refused_visit_request_is_kept_as_a_draft(as_teacher, partnership, partner):
    url = f"/visits/partnership/{partnership.id}/new"
    late = (partnership.program.deadline("visits") + timedelta(days=1)).isoformat()
    as_teacher.post(url, data=request_data(partnership, partner, proposed_date=late,
                                           purpose="Kept though refused"))
    assert "Kept though refused" in as_teacher.get(url).get_data(as_text=True)


def test_cycle_edit_draft(as_teacher, partnership, teacher, program):
    from webapp.models import CycleEntry

    entry = CycleEntry(author_id=teacher.id, met_on=program.start_date, version=1,
                       reflected="Saved text")
    partnership.cycles.append(entry)
    db.session.commit()
    as_teacher.post(f"/drafts/cycle-edit/{entry.id}", data={
        "reflected": "Saved text, and an unsent addition", "version": "1"})
    page = as_teacher.get(f"/partnerships/cycles/{entry.id}/edit").get_data(as_text=True)
    assert "Saved text, and an unsent addition" in page and "Draft kept from" in page
    as_teacher.post(f"/partnerships/cycles/{entry.id}/edit", data={
        "version": "1", "met_on": program.start_date.isoformat(),
        "reflected": "Saved text, and an unsent addition"})
    assert drafts_count() == 0


def test_post_visit_report_draft(as_teacher, partnership, teacher):
    past = partnership.program.start_date
    visit = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                                proposed_date=past)
    as_teacher.post(f"/drafts/visit-report/{visit.id}", data={"impact": "I will try it"})
    page = as_teacher.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "I will try it" in page and "Draft kept from" in page


@pytest.mark.parametrize("size", [200_001])
def test_oversized_draft_refused_with_a_message(as_teacher, partnership, size):
    response = as_teacher.post(f"/drafts/cycle-new/{partnership.id}", headers=HX,
                               data={"reflected": "x" * size})
    assert response.status_code == 413
    assert "too long to keep as a draft" in response.get_data(as_text=True)
    assert drafts_count() == 0


def test_a_draft_autosave_on_a_locked_partnership_answers_with_its_status_line(
        as_teacher, partnership, teacher, program):
    """An edit page opened before completion keeps autosaving its draft; the answer must
    fit the draft's status line, not put the whole cycles step inside the form."""
    from webapp.models import CycleEntry
    from webapp.models.base import utcnow

    entry = CycleEntry(author_id=teacher.id, met_on=program.start_date, version=1,
                       reflected="Ana's entry")
    partnership.cycles.append(entry)
    partnership.completed_at = utcnow()
    db.session.commit()
    response = as_teacher.post(f"/drafts/cycle-edit/{entry.id}", headers=HX,
                               data={"reflected": "Typed after completion"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Not saved:" in page and "records are locked" in page
    assert 'id="wizard"' not in page and "<form" not in page


def test_two_tabs_creating_the_same_draft_at_once_keep_the_last_text(
        as_teacher, partnership, teacher, monkeypatch):
    """Both requests found no draft yet (PostgreSQL runs them at once): the second one
    updates the row the first inserted instead of failing on its unique constraint."""
    from webapp import drafts

    url = f"/drafts/cycle-new/{partnership.id}"
    as_teacher.post(url, headers=HX, data={"reflected": "From the first tab"})
    real_find, calls = drafts.find, []

    def stale_find(form_key):
        calls.append(form_key)
        return None if len(calls) == 1 else real_find(form_key)  # the first read is stale

    monkeypatch.setattr(drafts, "find", stale_find)
    answer = as_teacher.post(url, headers=HX, data={"reflected": "From the second tab"})
    assert answer.status_code == 200
    db.session.expire_all()
    kept = db.session.scalars(select(FormDraft)).all()
    assert [d.data["reflected"] for d in kept] == ["From the second tab"]
    assert kept[0].user_id == teacher.id
