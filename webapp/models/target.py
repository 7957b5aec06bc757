"""A school's Instructional Target (seed 001): its vision of effective teaching and
learning, a few focus areas with their look-fors, and the staff's comments on it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .org import School
from .program import Program
from .user import User


class InstructionalTarget(db.Model):
    """One school's target for one program year.

    focus_areas: [{"id": "fa1", "title": str, "look_fors": [{"id": "lf1", "text": str}]}].
    Ids are never reused (next_id counts on): partnerships keep the ids they chose, and
    `retired` keeps a removed look-for's last words ({id: {"text", "focus_area"}}) so a
    partnership that chose it can still read it.
    """

    __table_args__ = (UniqueConstraint("school_id", "program_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"),
                                            index=True)
    vision: Mapped[str] = mapped_column(Text, default="")
    focus_areas: Mapped[list] = mapped_column(JSON, default=list)
    retired: Mapped[dict] = mapped_column(JSON, default=dict)
    next_id: Mapped[int] = mapped_column(Integer, default=1)
    # Stale-edit protection: a save names the version it was written on.
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    school: Mapped[School] = relationship()
    program: Mapped[Program] = relationship()
    updated_by: Mapped[User | None] = relationship()
    comments: Mapped[list[TargetComment]] = relationship(
        back_populates="target", cascade="all, delete-orphan",
        order_by="(TargetComment.created_at, TargetComment.id)")

    def look_fors(self) -> dict[str, dict]:
        """Every look-for ever in the target by id: {"text", "focus_area", "current"}."""
        found = {key: {**value, "current": False} for key, value in (self.retired or {}).items()}
        for area in self.focus_areas or []:
            for item in area["look_fors"]:
                found[item["id"]] = {"text": item["text"], "focus_area": area["title"],
                                     "current": True}
        return found


class TargetComment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(
        ForeignKey("instructional_target.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    target: Mapped[InstructionalTarget] = relationship(back_populates="comments")
    author: Mapped[User] = relationship()
