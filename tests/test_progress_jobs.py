"""Long jobs with progress (#12): a large records packet and a large roster import run
as jobs (at once, in-process, under TESTING), make what the direct path makes, and
show their progress, result or failure to their owner only."""
import io
import os
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, func, select

from webapp.admin import roster_jobs
from webapp.extensions import db
from webapp.models import AuditEvent, Job, JobStatus, Role, User, VisitStatus
from webapp.models.base import utcnow
from webapp.progress import tracking
from webapp.records import packet_jobs

from . import factories
from .test_roster import HEADER, confirm, upload

HX = {"HX-Request": "true"}


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def outline(data: bytes) -> list[str]:
    return [item.title for item in PdfReader(io.BytesIO(data)).outline
            if not isinstance(item, list)]


def only_job() -> Job:
    return db.session.scalars(select(Job)).one()


# --- the records packet -------------------------------------------------------------------

@pytest.fixture
def large_partnership(partnership, teacher):
    """A plan and one visitation form more than a packet builds in the request."""
    partnership.objective = "Number talks every morning"
    db.session.commit()
    for n in range(packet_jobs.LARGE):
        factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                            purpose=f"Visit number {n}",
                            proposed_date=partnership.program.start_date + timedelta(days=n))
    return partnership


def test_a_large_packet_is_built_by_a_job_as_the_direct_path_builds_it(as_teacher,
                                                                       large_partnership):
    url = f"/records/partnerships/{large_partnership.id}/packet"
    component = as_teacher.post(url, headers=HX).get_data(as_text=True)
    job = only_job()
    assert (job.kind, job.status, job.done, job.total) == (
        "records_packet", JobStatus.DONE, packet_jobs.LARGE + 1, packet_jobs.LARGE + 1)
    assert 'class="packet"' in component and "<html" not in component
    link = re.search(r'href="(/jobs/\d+/download)"', component).group(1)
    assert f"{packet_jobs.LARGE + 1} documents" in component

    from_job = as_teacher.get(link)
    direct = as_teacher.get(url)
    assert from_job.mimetype == "application/pdf"
    assert from_job.headers["Content-Disposition"] == direct.headers["Content-Disposition"]
    assert outline(from_job.data) == outline(direct.data)
    assert len(outline(from_job.data)) == packet_jobs.LARGE + 1
    assert pdf_pages(from_job.data) == pdf_pages(direct.data)
    # The file lives in the instance folder, never among static files.
    assert Path(tracking.folder(), job.result_file).is_file()


def test_without_javascript_a_large_packet_sends_to_the_jobs_page(as_teacher,
                                                                  large_partnership):
    response = as_teacher.post(f"/records/partnerships/{large_partnership.id}/packet")
    assert response.status_code == 302
    page = as_teacher.get(response.location).get_data(as_text=True)
    assert "<h1>Records packet</h1>" in page and 'aria-live="polite"' in page
    assert f'href="/jobs/{only_job().id}/download"' in page


def test_a_small_packet_stays_in_the_request(as_teacher, partnership):
    partnership.objective = "Number talks every morning"
    db.session.commit()
    url = f"/records/partnerships/{partnership.id}/packet"
    assert "/records/packets/" in as_teacher.post(url, headers=HX).get_data(as_text=True)
    # The button without JavaScript: the file at once.
    assert as_teacher.post(url).mimetype == "application/pdf"
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_a_packet_job_checks_access_and_contents_again_at_download(as_principal,
                                                                  large_partnership):
    component = as_principal.post(f"/records/partnerships/{large_partnership.id}/packet",
                                  headers=HX).get_data(as_text=True)
    link = re.search(r'href="(/jobs/\d+/download)"', component).group(1)
    assert as_principal.get(link).mimetype == "application/pdf"
    large_partnership.objective = "Changed after the build"
    db.session.commit()
    changed = as_principal.get(link)
    assert changed.status_code == 302 and "#documents-heading" in changed.location


# --- the roster import --------------------------------------------------------------------

def roster(count: int, school_name: str) -> str:
    rows = [f"Teacher {n:03d},t{n:03d}@example.org,{school_name},teacher,3-5,Math,{n % 20}"
            for n in range(count)]
    rows.append("Bad Email,not-an-email,,teacher,,,")
    return HEADER + "\n".join(rows) + "\n"


def staff_and_audit() -> tuple[list, list]:
    staff = db.session.execute(select(
        User.email, User.name, User.role, User.school_id, User.grade_band, User.subject,
        User.years_in_district, User.invited_at.is_not(None))
        .where(User.role != Role.DISTRICT_ADMIN).order_by(User.email)).all()
    audit = db.session.execute(select(AuditEvent.action, AuditEvent.subject,
                                      AuditEvent.detail, AuditEvent.actor_id,
                                      AuditEvent.address)
                               .where(AuditEvent.action != "sign_in")  # the test's own
                               .order_by(AuditEvent.action, AuditEvent.subject)).all()
    return staff, audit


def test_a_large_roster_import_is_a_job_with_the_direct_paths_result(as_admin, school,
                                                                     monkeypatch):
    text = roster(roster_jobs.LARGE + 50, school.name)
    monkeypatch.setattr(roster_jobs, "LARGE", 10_000)  # the direct path first
    done = confirm(as_admin, upload(as_admin, text).get_data(as_text=True), invite=True)
    assert done.location.endswith("/admin/staff")
    direct = staff_and_audit()
    db.session.execute(delete(AuditEvent))
    db.session.execute(delete(User).where(User.role != Role.DISTRICT_ADMIN))
    db.session.commit()

    monkeypatch.undo()
    preview = upload(as_admin, text).get_data(as_text=True)
    started = confirm(as_admin, preview, invite=True)
    job = only_job()
    assert started.location.endswith(f"/jobs/{job.id}")
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 250, 250)
    assert job.result == {"created": 250, "updated": 0, "unchanged": 0, "refused": 1,
                          "invited": 250}
    assert staff_and_audit() == direct
    assert not tracking.input_path(job).exists()  # the staff list is not kept
    page = as_admin.get(started.location).get_data(as_text=True)
    assert ("Roster imported: 250 created, 0 updated, 0 unchanged, 1 rows refused. "
            "250 invitations were sent.") in page

    # The same file again changes nothing; with one name changed, that one row.
    assert "Nothing to import" in upload(as_admin, text).get_data(as_text=True)
    renamed = text.replace("Teacher 007,", "Teacher Seven,")
    again = confirm(as_admin, upload(as_admin, renamed).get_data(as_text=True))
    assert db.session.get(Job, int(again.location.rsplit("/", 1)[1])).result == {
        "created": 0, "updated": 1, "unchanged": 249, "refused": 1, "invited": 0}
    assert db.session.scalar(select(User.name).where(User.email == "t007@example.org")) \
        == "Teacher Seven"


def test_a_roster_job_stopped_halfway_keeps_what_it_did_and_says_what_to_do(
        as_admin, school, monkeypatch):
    from webapp.auth import accounts

    monkeypatch.setattr(tracking, "WRITE_EVERY", 0)  # commit each batch
    sent = []
    real_send = accounts.send_invitation

    def send_then_fail(member):
        if len(sent) == 120:
            raise OSError("disk full")
        sent.append(member.email)
        return real_send(member)

    monkeypatch.setattr(accounts, "send_invitation", send_then_fail)
    text = roster(300, school.name)
    response = confirm(as_admin, upload(as_admin, text).get_data(as_text=True), invite=True)
    job = only_job()
    assert job.status is JobStatus.FAILED and job.done == 100  # two batches were committed
    page = as_admin.get(response.location).get_data(as_text=True)
    assert "import the same file again to finish the rest" in page
    assert "It had done 100 of 300 rows when it stopped." in page
    assert "Upload the roster again" in page
    assert db.session.scalar(select(func.count()).select_from(User)
                             .where(User.role == Role.TEACHER)) == 100

    monkeypatch.undo()
    confirm(as_admin, upload(as_admin, text).get_data(as_text=True))
    finished = db.session.scalars(select(Job).order_by(Job.id.desc())).first()
    assert finished.result["created"] == 200 and finished.result["unchanged"] == 100


# --- the component, access, failures, clean-up ---------------------------------------------

def a_job(user, **values) -> Job:
    job = Job(kind="records_packet", user_id=user.id, district_id=user.district_id,
              subject={"partnership_id": 1}, **values)
    db.session.add(job)
    db.session.commit()
    return job


def test_a_running_job_polls_itself_and_shows_its_count(as_teacher, teacher):
    job = a_job(teacher, status=JobStatus.RUNNING, done=12, total=31)
    partial = as_teacher.get(f"/jobs/{job.id}", headers=HX)
    body = partial.get_data(as_text=True)
    assert "12 of 31 documents" in body and "<html" not in body
    assert 'value="12" max="31"' in body and "<progress" in body
    assert f'data-hx-get="/jobs/{job.id}"' in body
    assert 'data-hx-trigger="every 1s"' in body and 'data-hx-swap="outerHTML"' in body
    assert "HX-Request" in partial.headers["Vary"]
    page = as_teacher.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert 'aria-live="polite"' in page and "12 of 31 documents" in page
    assert f'<a href="/jobs/{job.id}">Refresh</a>' in page  # without JavaScript


def test_a_waiting_or_running_job_says_when_no_worker_runs(as_teacher, teacher):
    from webapp.models import WorkerBeat

    queued, running = a_job(teacher), a_job(teacher, status=JobStatus.RUNNING, total=31)
    page = as_teacher.get(f"/jobs/{queued.id}").get_data(as_text=True)
    assert "Waiting for the background worker" in page
    assert "No background worker is running, so this has not started" in page
    page = as_teacher.get(f"/jobs/{running.id}").get_data(as_text=True)
    assert "No background worker is running, so this cannot finish" in page
    db.session.add(WorkerBeat(name="worker:1"))
    db.session.commit()
    for job in (queued, running):
        assert "No background worker" not in as_teacher.get(f"/jobs/{job.id}").get_data(
            as_text=True)


def test_a_finished_job_stops_polling(as_teacher, teacher):
    job = a_job(teacher, status=JobStatus.DONE, done=31, total=31,
                result={"documents": 31, "size_kb": 800, "fingerprint": "x"})
    body = as_teacher.get(f"/jobs/{job.id}", headers=HX).get_data(as_text=True)
    assert "data-hx-trigger" not in body
    assert "removed a day after it was built" in body  # no file kept for this row
    assert as_teacher.get(f"/jobs/{job.id}/download").status_code == 404


def test_a_failed_job_shows_its_reason(as_teacher, teacher):
    job = a_job(teacher, status=JobStatus.FAILED, done=3, total=31,
                message="The printer caught fire. Try again tomorrow.")
    body = as_teacher.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "The printer caught fire. Try again tomorrow." in body
    assert "It had done 3 of 31 documents when it stopped." in body
    assert "data-hx-trigger" not in body
    assert "Back to the partnership’s documents" in body


def test_an_error_in_a_packet_job_fails_it_with_words(as_teacher, large_partnership,
                                                     monkeypatch):
    from webapp.documents import packet

    def broken(contents):
        raise RuntimeError("typst exploded")

    monkeypatch.setattr(packet, "render", broken)
    body = as_teacher.post(f"/records/partnerships/{large_partnership.id}/packet",
                           headers=HX).get_data(as_text=True)
    job = only_job()
    assert job.status is JobStatus.FAILED and job.finished_at is not None
    assert "It stopped on an error in Tandem. Try again" in body
    assert "typst exploded" not in body
    assert "Back to the partnership" in body


@pytest.mark.parametrize("who", ["colleague", "principal", "elsewhere"])
def test_only_the_owner_sees_a_job(who, signed_in, teacher, principal, school):
    done = a_job(teacher, status=JobStatus.DONE, done=2, total=2,
                 result={"documents": 2, "size_kb": 1, "fingerprint": "x"})
    tracking.keep_result(done, b"%PDF-1.7 secret", "Records packet.pdf")
    db.session.commit()
    other = {
        "colleague": lambda: factories.UserFactory(school=school, name="Cora Colleague"),
        "principal": lambda: principal,
        "elsewhere": lambda: factories.UserFactory(
            school=factories.SchoolFactory(district=factories.DistrictFactory(name="Far")),
            name="Far Teacher"),
    }[who]()
    client = signed_in(other)
    expected = 404 if who == "elsewhere" else 403
    assert client.get(f"/jobs/{done.id}").status_code == expected
    assert client.get(f"/jobs/{done.id}", headers=HX).status_code == expected
    assert client.get(f"/jobs/{done.id}/download").status_code == expected
    if expected == 403:
        refused = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "access_refused")).all()
        assert {e.subject for e in refused} == {f"job {done.id}"}


def test_clean_up_removes_day_old_files_and_month_old_rows(app, teacher):
    kept = a_job(teacher, status=JobStatus.DONE)
    tracking.keep_result(kept, b"new", "new.pdf")
    old = a_job(teacher, status=JobStatus.DONE)
    tracking.keep_result(old, b"old", "old.pdf")
    gone = a_job(teacher, status=JobStatus.DONE, created_at=utcnow() - timedelta(days=31))
    db.session.commit()
    day_ago = time.time() - 25 * 3600
    os.utime(tracking.folder() / old.result_file, (day_ago, day_ago))
    gone_id = gone.id
    tracking.clean_up()
    assert tracking.result_path(kept) is not None
    assert tracking.result_path(old) is None
    assert db.session.get(Job, gone_id) is None and db.session.get(Job, old.id) is not None
