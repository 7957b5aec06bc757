"""One-time keys (#8 point 6): a retried creation POST creates nothing new."""
import re
from datetime import timedelta

from sqlalchemy import func, select

from webapp import mail
from webapp.extensions import db
from webapp.models import CycleEntry, SubmissionKey, Visit

from .test_visits import request_data

KEY = re.compile(r'name="once_key" value="([^"]+)"')


def key_from(client, url):
    return KEY.search(client.get(url).get_data(as_text=True)).group(1)


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_retried_cycle_entry_is_logged_once(as_teacher, partnership, program):
    key = key_from(as_teacher, f"/partnerships/{partnership.id}/cycles")
    data = {"met_on": (program.start_date + timedelta(days=3)).isoformat(),
            "reflected": "We looked at exit tickets.", "once_key": key}
    first = as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data=data)
    again = as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data=data)
    assert first.status_code == again.status_code == 302
    assert again.location == first.location
    assert count(CycleEntry) == 1
    # With HTMX the retry answers with the step panel, still without a second entry.
    panel = as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data=data,
                            headers={"HX-Request": "true"})
    assert panel.status_code == 200 and "We looked at exit tickets." in panel.get_data(
        as_text=True)
    assert count(CycleEntry) == 1


def test_each_rendered_form_has_a_fresh_key(as_teacher, partnership, program):
    url = f"/partnerships/{partnership.id}/cycles"
    first, second = key_from(as_teacher, url), key_from(as_teacher, url)
    assert first != second
    for key, text in ((first, "One"), (second, "Two")):
        as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
            "met_on": program.start_date.isoformat(), "reflected": text, "once_key": key})
    assert count(CycleEntry) == 2


def test_a_refused_form_keeps_its_key_free(as_teacher, partnership, program):
    key = key_from(as_teacher, f"/partnerships/{partnership.id}/cycles")
    url = f"/partnerships/{partnership.id}/cycles/new"
    as_teacher.post(url, data={"met_on": "not a date", "reflected": "Kept", "once_key": key})
    assert count(SubmissionKey) == 0
    as_teacher.post(url, data={"met_on": program.start_date.isoformat(), "reflected": "Kept",
                               "once_key": key})
    assert count(CycleEntry) == 1


def test_retried_visit_request_is_sent_once(as_teacher, partnership, partner, principal):
    url = f"/visits/partnership/{partnership.id}/new"
    data = {**request_data(partnership, partner), "once_key": key_from(as_teacher, url)}
    first = as_teacher.post(url, data=data)
    again = as_teacher.post(url, data=data)
    visit = db.session.scalar(select(Visit))
    assert first.location == again.location == f"/visits/{visit.id}"
    assert count(Visit) == 1
    assert len(mail.read_outbox()) == 1  # the principal is asked once


def test_another_users_key_is_refused(as_teacher, partnership, partner, program, signed_in):
    key = key_from(as_teacher, f"/partnerships/{partnership.id}/cycles")
    data = {"met_on": program.start_date.isoformat(), "reflected": "Mine", "once_key": key}
    as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data=data)
    response = signed_in(partner).post(f"/partnerships/{partnership.id}/cycles/new", data=data)
    assert response.status_code == 400
    assert count(CycleEntry) == 1


def test_malformed_key_is_refused(as_teacher, partnership, program):
    response = as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
        "met_on": program.start_date.isoformat(), "reflected": "Notes", "once_key": "<script>"})
    assert response.status_code == 400
    assert count(CycleEntry) == 0
