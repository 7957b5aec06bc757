"""The district and its schools."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import JSON, Boolean, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow


class District(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The letterhead of its documents: lines above the title, and a logo (PNG, re-encoded).
    letterhead_lines: Mapped[list | None] = mapped_column(JSON)
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # The district's time zone (an IANA name such as "America/Winnipeg"): calendar feeds
    # and the standing meeting's time are in it. "" until the administrator sets it: UTC.
    time_zone: Mapped[str] = mapped_column(String(64), default="")
    # Reminders paused for the whole district (summer): the job sends none, and catches
    # nothing up when they resume.
    reminders_paused: Mapped[bool] = mapped_column(Boolean, default=False)

    schools: Mapped[list[School]] = relationship(
        back_populates="district", order_by="School.name"
    )

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")


class School(db.Model):
    __table_args__ = (UniqueConstraint("district_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    district: Mapped[District] = relationship(back_populates="schools")

    def __repr__(self) -> str:
        return f"<School {self.id} {self.name!r}>"
