"""Long jobs in the browser (#12): the progress component polls and replaces itself until
the packet is ready, and a large packet's button builds it through a job."""
from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from webapp import jobs
from webapp.extensions import db
from webapp.models import Job, JobStatus, VisitStatus
from webapp.records import packet_jobs

from .. import factories
from .conftest import assert_accessible, release_database, sign_in

pytestmark = pytest.mark.browser


def test_the_component_follows_the_job_until_its_file_is_ready(page, teacher, partnership):
    partnership.objective = "Number talks every morning"
    job = Job(kind="records_packet", user_id=teacher.id, district_id=teacher.district_id,
              status=JobStatus.RUNNING, done=12, total=31,
              subject={"partnership_id": partnership.id})
    db.session.add(job)
    db.session.flush()
    email, job_id = teacher.email, job.id  # read now: a read later would hold the lock
    release_database()
    sign_in(page, email)
    page.goto(f"/jobs/{job_id}")
    expect(page.get_by_text("12 of 31 documents")).to_be_visible()
    assert_accessible(page)

    job.done = 20
    release_database()
    expect(page.get_by_text("20 of 31 documents")).to_be_visible()  # polled, not reloaded

    job.status = JobStatus.QUEUED  # now the real work, as the worker would run it
    release_database()
    jobs.enqueue("records_packet", job_id)  # at once under TESTING
    release_database()
    ready = page.get_by_role("button", name="Download the records packet (PDF)")
    expect(ready).to_be_visible()
    assert page.locator("[data-hx-trigger]").count() == 0  # it stopped asking
    with page.expect_download() as info:
        ready.click()
    assert PdfReader(info.value.path()).metadata.title.startswith("Records packet")


def test_a_large_packet_button_goes_through_a_job(page, teacher, partnership):
    partnership.objective = "Number talks every morning"
    db.session.commit()
    for n in range(packet_jobs.LARGE):
        factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                            proposed_date=partnership.program.start_date + timedelta(days=n))
    email, partnership_id = teacher.email, partnership.id
    release_database()
    sign_in(page, email)
    page.goto(f"/partnerships/{partnership_id}/")
    page.get_by_role("button", name="Records packet (all documents, one PDF)").click()
    ready = page.get_by_role("button", name="Download the records packet (PDF)")
    expect(ready).to_be_visible(timeout=20_000)
    assert ready.get_attribute("href").startswith("/jobs/")
    assert_accessible(page)
    with page.expect_download() as info:
        ready.click()
    outline = PdfReader(info.value.path()).outline
    assert len([item for item in outline if not isinstance(item, list)]) == packet_jobs.LARGE + 1
