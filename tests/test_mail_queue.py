"""Mail goes out by jobs, against a real SMTP server the tests start (aiosmtpd): a message
is delivered once, tried again after a refusal, and kept — visible to district
administrators — while the server is down, until sent or given up with the reason."""
from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from webapp import jobs, mail
from webapp.extensions import db
from webapp.models import AuditEvent, MailStatus, OutgoingMail
from webapp.models.base import utcnow

from .smtp_server import SMTPServer, free_port


@pytest.fixture
def smtp(app):
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False,
                          MAIL_USE_SSL=False, MAIL_TIMEOUT=5)
        yield server


def _only_message() -> OutgoingMail:
    db.session.expire_all()
    return db.session.scalars(select(OutgoingMail)).one()


def test_a_message_is_delivered_once_after_the_commit(smtp, teacher):
    mail.send(teacher.email, "Your   partnership\nis complete", "Hello.\n\nA body.")
    assert smtp.received == []  # nothing goes before the transaction commits
    db.session.commit()
    assert len(smtp.received) == 1
    delivered = smtp.received[0]
    assert delivered["To"] == teacher.email
    assert delivered["Subject"] == "Your partnership is complete"
    assert "X-Tandem-District" not in delivered  # for the outbox file only
    row = _only_message()
    assert (row.status, row.attempts, row.delivered_by) == (MailStatus.SENT, 1, "smtp")
    assert row.sent_at is not None and row.district_id == teacher.district_id
    assert mail.retry_due() == 0  # the minute job finds nothing to do
    assert len(smtp.received) == 1


def test_a_rolled_back_transaction_sends_nothing(smtp, teacher):
    mail.send(teacher.email, "Never", "Not sent.")
    db.session.rollback()
    db.session.commit()
    assert smtp.received == []
    assert db.session.scalars(select(OutgoingMail)).all() == []


def test_a_refusal_is_tried_again_after_the_backoff_and_delivered_once(smtp, teacher):
    smtp.recorder.refuse_next = 2
    mail.send(teacher.email, "Reminder", "Body.")
    db.session.commit()
    row = _only_message()
    assert (row.status, row.attempts) == (MailStatus.QUEUED, 1)
    assert "451" in row.last_error and "Try again later" in row.last_error
    first_wait = row.next_attempt_at - utcnow()
    assert timedelta(seconds=50) < first_wait <= timedelta(minutes=1)

    assert mail.retry_due() == 0  # not yet: the backoff holds it
    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        assert mail.retry_due() == 1  # refused again: next try in 5 minutes
        row = _only_message()
        assert (row.status, row.attempts) == (MailStatus.QUEUED, 2)
        assert timedelta(minutes=4) < row.next_attempt_at - utcnow() <= timedelta(minutes=5)
    with time_machine.travel(utcnow() + timedelta(minutes=8)):
        assert mail.retry_due() == 1
        assert mail.retry_due() == 0
    assert len(smtp.received) == 1
    row = _only_message()
    assert (row.status, row.attempts, row.last_error) == (MailStatus.SENT, 3, "")


def test_two_workers_never_send_a_message_twice(smtp, teacher):
    smtp.recorder.refuse_next = 1
    mail.send(teacher.email, "Once", "Body.")
    db.session.commit()  # refused once: queued for a minute
    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        row_id = _only_message().id
        mail.deliver(row_id)
        mail.deliver(row_id)  # a second worker with the same job
        mail.retry_due()      # and the minute job
    assert len(smtp.received) == 1


def test_a_server_that_is_down_keeps_the_message_visible_then_gives_up(app, teacher, as_admin):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False,
                      MAIL_TIMEOUT=2)
    mail.send(teacher.email, "Welcome aboard", "Body.")
    db.session.commit()
    row = _only_message()
    assert row.status is MailStatus.QUEUED and row.attempts == 1
    assert "refused the connection" in row.last_error

    page = as_admin.get("/admin/outbox").get_data(as_text=True)
    assert "Welcome aboard" in page and "try 1 failed" in page
    assert "refused the connection" in page
    assert "No background worker has run yet" in page

    moment = utcnow()
    for _ in range(mail.TRIES):
        moment += timedelta(hours=13)
        with time_machine.travel(moment):
            mail.retry_due()
    row = _only_message()
    assert (row.status, row.attempts) == (MailStatus.GIVEN_UP, mail.TRIES)
    page = as_admin.get("/admin/outbox").get_data(as_text=True)
    assert f"Given up after {mail.TRIES} tries." in page and "Welcome aboard" in page

    # The server is back: the administrator tries it again, and it goes.
    with SMTPServer() as server:
        app.config["MAIL_PORT"] = server.port
        response = as_admin.post(f"/admin/outbox/{row.id}/retry")
        assert response.status_code == 302
        assert len(server.received) == 1
    assert _only_message().status is MailStatus.SENT
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "mail_retried"))


def test_a_recipient_refused_for_good_is_given_up_at_once(smtp, teacher):
    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such mailbox"

    smtp.recorder.handle_RCPT = refuse
    mail.send(teacher.email, "Hello", "Body.")
    db.session.commit()
    row = _only_message()
    assert row.status is MailStatus.GIVEN_UP and row.attempts == 1
    assert "refused the address: 550" in row.last_error


def test_the_outbox_is_per_district_and_mail_of_another_cannot_be_retried(
        as_admin, teacher, app):
    from . import factories

    elsewhere = factories.UserFactory(school=factories.SchoolFactory())
    message = mail.send(elsewhere.email, "Other district's news", "Body.")
    db.session.commit()
    page = as_admin.get("/admin/outbox").get_data(as_text=True)
    assert "Other district" not in page
    assert as_admin.post(f"/admin/outbox/{message.id}/retry").status_code in (403, 404)


def test_without_a_mail_server_mail_is_written_to_the_outbox(teacher, as_admin):
    mail.send(teacher.email, "Outbox only", "Body with a link.")
    db.session.commit()
    assert [m.subject for m in mail.read_outbox()] == ["Outbox only"]
    row = _only_message()
    assert (row.status, row.delivered_by) == (MailStatus.SENT, "outbox")
    page = as_admin.get("/admin/outbox").get_data(as_text=True)
    assert "Written to the outbox" in page and "Body with a link." in page


def test_the_heartbeat_tells_whether_a_worker_runs(as_admin, app):
    assert not jobs.worker_alive()
    jobs.heartbeat()
    assert jobs.worker_alive()
    assert "The background worker is running" in as_admin.get("/admin/outbox").get_data(
        as_text=True)
    with time_machine.travel(utcnow() + timedelta(minutes=10)):
        assert not jobs.worker_alive()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["worker-status"])
    assert result.exit_code == 0 and "A worker is running" in result.output
