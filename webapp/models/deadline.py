"""A program deadline completed by hand: the principal ticks it for a teacher, with the day."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .program import Program
from .user import User


class DeadlineTick(db.Model):
    """One teacher's hand-ticked deadline ("completed_by": "manual") in one program. An
    untick deletes the row; both are in the audit log."""

    __table_args__ = (UniqueConstraint("program_id", "deadline_key", "teacher_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"),
                                            index=True)
    deadline_key: Mapped[str] = mapped_column(String(100))  # the key in settings["deadlines"]
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                            index=True)
    done_on: Mapped[date] = mapped_column(Date)
    ticked_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    ticked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    program: Mapped[Program] = relationship()
    teacher: Mapped[User] = relationship(foreign_keys=[teacher_id])
