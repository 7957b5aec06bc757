"""Background work that people wait for or rely on: mail on its way, reminders sent,
long jobs with their progress, and the worker's heartbeat."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (JSON, Date, Enum, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .user import User


def _enum(kind):
    return Enum(kind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class MailStatus(enum.Enum):
    QUEUED = "queued"          # waiting for its first try, or for the next one
    SENDING = "sending"        # a worker has it now
    SENT = "sent"
    GIVEN_UP = "given_up"      # refused too often: kept, with the reason


class OutgoingMail(db.Model):
    """One message, written in the same transaction as what it tells about, and sent by a
    job afterwards. It stays here whatever happens to the job queue: a message is
    never lost, only sent or given up with its reason."""

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(200))
    # Extra headers: List-Unsubscribe for reminders.
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[MailStatus] = mapped_column(_enum(MailStatus), default=MailStatus.QUEUED,
                                               index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "smtp", or "outbox" on an install without a mail server (instance/outbox/*.eml).
    delivered_by: Mapped[str] = mapped_column(String(20), default="")


class ReminderDigest(db.Model):
    """The one reminder mail a person got on a day: a second run that day sends none."""

    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("outgoing_mail.id",
                                                           ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReminderSent(db.Model):
    """One reminder of one item to one person: never twice, however often the job runs
    or how many workers run it (the unique constraint decides between two at once)."""

    __table_args__ = (UniqueConstraint("user_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    item: Mapped[str] = mapped_column(String(200))  # e.g. "deadline:12:partner:7"
    digest_id: Mapped[int] = mapped_column(ForeignKey("reminder_digest.id", ondelete="CASCADE"),
                                           index=True)


class ReminderOptOut(db.Model):
    """A person who wants no more reminders of a kind (the settings page, or one click
    on the mail's unsubscribe link)."""

    __tablename__ = "reminder_opt_out"

    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class JobStatus(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(db.Model):
    """A long piece of work someone started (a records packet, a roster import) and
    waits for: its progress ("12 of 31 documents"), then its result or what went wrong."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)
    # What the job works on, for the access check of its page (e.g. {"school_id": 3}).
    subject: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[JobStatus] = mapped_column(_enum(JobStatus), default=JobStatus.QUEUED)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    # The finished file, under <instance>/jobs/, and the name it downloads as.
    result_file: Mapped[str] = mapped_column(String(200), default="")
    result_name: Mapped[str] = mapped_column(String(200), default="")
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class WorkerBeat(db.Model):
    """When a worker last ran its heartbeat job: the outbox page and
    `flask --app webapp worker-status` tell whether background work is running."""

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
