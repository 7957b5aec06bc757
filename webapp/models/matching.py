"""Suggested matches from observation-rubric data (#11): indicator-level scores, pairs a
principal says must not be matched, and a principal's review of a run of suggestions."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (JSON, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow


class IndicatorScore(db.Model):
    """A teacher's score on one rubric indicator for a school year (evaluation data:
    principals see their school's, district administrators all, teachers never)."""

    __table_args__ = (UniqueConstraint("teacher_id", "school_year", "indicator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)
    school_year: Mapped[int] = mapped_column(Integer, index=True)  # 2025 for 2025–26
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                            index=True)
    indicator: Mapped[str] = mapped_column(String(120))
    score: Mapped[Decimal] = mapped_column(Numeric(3, 1))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id",
                                                                  ondelete="SET NULL"))

    teacher: Mapped["User"] = relationship(foreign_keys=[teacher_id])  # noqa: F821


class MatchExclusion(db.Model):
    """Two teachers the principal says must not be matched (first_id < second_id)."""

    __table_args__ = (UniqueConstraint("first_id", "second_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    first: Mapped["User"] = relationship(foreign_keys=[first_id])  # noqa: F821
    second: Mapped["User"] = relationship(foreign_keys=[second_id])  # noqa: F821


class MatchRun(db.Model):
    """A school's suggested pairs under review: locked and excluded pairs, each pair's
    focal indicators, the principal's note; finalized once (then partnerships exist)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"))
    school_year: Mapped[int] = mapped_column(Integer)   # the scores it was run on
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id",
                                                                 ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # [{"a", "b", "weight", "explanation", "indicators", "focal", "locked"}]
    pairs: Mapped[list] = mapped_column(JSON, default=list)
    unmatched: Mapped[dict] = mapped_column(JSON, default=dict)   # teacher id -> reason
    locked: Mapped[list] = mapped_column(JSON, default=list)      # [[a, b], ...]
    excluded: Mapped[list] = mapped_column(JSON, default=list)    # [[a, b], ...]
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=0)
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    school: Mapped["School"] = relationship()  # noqa: F821
    program: Mapped["Program"] = relationship()  # noqa: F821
