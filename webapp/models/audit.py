"""The audit log: who did what, when, from where."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .user import User


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # The district the event belongs to (the actor's, or the subject's when no one is
    # signed in); each district's administrators read only their own.
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    # What the action was about, as text: it must survive the object's deletion.
    subject: Mapped[str] = mapped_column(String(300), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="")

    actor: Mapped[User | None] = relationship()
