"""A member's weekly written reflection (seed 001: "Completion of written weekly reflections")."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .partnership import Partnership
from .user import User


class WeeklyReflection(db.Model):
    """One member's reflection on one week (Monday to Sunday) of a partnership: private to
    its writer unless shared with the partners; never shown to a principal."""

    __table_args__ = (UniqueConstraint("partnership_id", "user_id", "week_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    week_of: Mapped[date] = mapped_column(Date)  # the week's Monday
    # The partnership principle the writer chose to reflect on, by name ("" for none).
    principle: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    # The app's day (clock.today()) the text was first saved: after its week, it was late.
    written_on: Mapped[date | None] = mapped_column(Date)
    # A save names the version it started from; the page's edit token tells this tab's
    # own newer save (its autosave) from another tab's (see partnerships/saving.py).
    version: Mapped[int] = mapped_column(Integer, default=0)
    edit_token: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship()
    user: Mapped[User] = relationship()

    @property
    def written(self) -> bool:
        return bool(self.text.strip())
