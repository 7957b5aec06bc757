"""Classroom visits (seed 000's visitation form), release days, check-ins, opt-outs."""
from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Date, Enum, ForeignKey, Numeric, String, Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .partnership import Partnership
from .program import Program
from .user import User


class VisitStatus(enum.Enum):
    PENDING_PRINCIPAL = "pending_principal"
    PENDING_DISTRICT = "pending_district"
    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"


def _enum(kind):
    return Enum(kind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class Visit(db.Model):
    """A request to visit a colleague's classroom, and what came of it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    # The program year whose release time the visit used, once its partnership was carried
    # into a later year (#9); empty: it counts in the partnership's program.
    program_id: Mapped[int | None] = mapped_column(ForeignKey("program.id"), index=True)
    visitor_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    # The visitation form's "Name" and "School", as they were when the form was filled.
    visitor_name: Mapped[str] = mapped_column(String(200))
    visitor_school: Mapped[str] = mapped_column(String(200))
    proposed_date: Mapped[date] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(300))
    visited_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    visited_name: Mapped[str] = mapped_column(String(200))
    length_days: Mapped[Decimal] = mapped_column(Numeric(3, 1))
    purpose: Mapped[str] = mapped_column(Text)
    status: Mapped[VisitStatus] = mapped_column(_enum(VisitStatus),
                                                default=VisitStatus.PENDING_PRINCIPAL)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    principal_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    principal_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    principal_comment: Mapped[str] = mapped_column(Text, default="")
    district_decider_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    district_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    district_comment: Mapped[str] = mapped_column(Text, default="")
    # After the visit (the form's "Post visitation follow-up questions").
    learned_1: Mapped[str] = mapped_column(Text, default="")
    learned_2: Mapped[str] = mapped_column(Text, default="")
    learned_3: Mapped[str] = mapped_column(Text, default="")
    impact: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The follow-up meeting with the school administrator (within one month).
    followup_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    followup_request: Mapped[str] = mapped_column(Text, default="")
    followup_date: Mapped[date | None] = mapped_column(Date)

    partnership: Mapped[Partnership] = relationship()
    visitor: Mapped[User] = relationship(foreign_keys=[visitor_id])
    visited: Mapped[User | None] = relationship(foreign_keys=[visited_id])
    principal: Mapped[User | None] = relationship(foreign_keys=[principal_id])
    district_decider: Mapped[User | None] = relationship(foreign_keys=[district_decider_id])

    @property
    def counts_against_release(self) -> bool:
        return self.status in (VisitStatus.PENDING_PRINCIPAL, VisitStatus.PENDING_DISTRICT,
                               VisitStatus.APPROVED)

    @property
    def is_pending(self) -> bool:
        return self.status in (VisitStatus.PENDING_PRINCIPAL, VisitStatus.PENDING_DISTRICT)


class ReleaseDay(db.Model):
    """Release time the principal records besides visits (e.g. meeting the partner)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    days: Mapped[Decimal] = mapped_column(Numeric(3, 1))
    reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    program: Mapped[Program] = relationship()
    teacher: Mapped[User] = relationship(foreign_keys=[teacher_id])
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id])


class CheckIn(db.Model):
    """The principal's informal check-in with a partnership (seed 004: every other month)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship()
    by: Mapped[User] = relationship()


class GrowthPlanOptOut(db.Model):
    """A teacher in year 3+ opting out of the summative growth plan for a program year."""

    __table_args__ = (UniqueConstraint("program_id", "teacher_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    program: Mapped[Program] = relationship()
    teacher: Mapped[User] = relationship()
