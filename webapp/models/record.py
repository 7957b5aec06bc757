"""Records for the file: a document of a partnership (or of one visit) and its versions.

A version gathers the signatures its document needs; when the last one is in, it is
filed: the exact PDF bytes are kept with their SHA-256 and never made again. A principal
may reopen a filed record (with a reason); the next version starts over, and earlier
filed versions stay as they were.
"""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (JSON, Enum, ForeignKey, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow


class VersionStatus(enum.Enum):
    SIGNING = "signing"    # gathering signatures; the document may still change
    FILED = "filed"        # signed (in Tandem or on paper) and kept; never changes


class Record(db.Model):
    """One document of one partnership: its plan, its reflection record, or the
    visitation form of one of its visits (`subject` says which, uniquely)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped["Partnership"] = relationship()  # noqa: F821
    versions: Mapped[list[RecordVersion]] = relationship(
        back_populates="record", order_by="RecordVersion.number",
        cascade="all, delete-orphan")

    @property
    def latest(self) -> RecordVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def locked(self) -> bool:
        """Filed and not reopened: what it was made from may not change."""
        return self.latest is not None and self.latest.status is VersionStatus.FILED


class RecordVersion(db.Model):
    __table_args__ = (UniqueConstraint("record_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"),
                                           index=True)
    number: Mapped[int] = mapped_column(Integer)
    # The document id printed on every page and typed on /verify: random, not guessable.
    code: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[VersionStatus] = mapped_column(
        Enum(VersionStatus, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]),
        default=VersionStatus.SIGNING)
    # What the signers signed: the document's plain context and its fingerprint.
    content: Mapped[dict] = mapped_column(JSON)
    fingerprint: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    filed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "tandem" (signed here) or "paper" (a signed scan uploaded)
    signed_on: Mapped[str] = mapped_column(String(10), default="tandem")
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    scan: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    scan_type: Mapped[str] = mapped_column(String(40), default="")
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reopened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reopen_reason: Mapped[str] = mapped_column(Text, default="")

    record: Mapped[Record] = relationship(back_populates="versions")
    signatures: Mapped[list[RecordSignature]] = relationship(
        back_populates="version", order_by="RecordSignature.id", cascade="all, delete-orphan")
    filed_by: Mapped["User | None"] = relationship(foreign_keys=[filed_by_id])  # noqa: F821
    reopened_by: Mapped["User | None"] = relationship(foreign_keys=[reopened_by_id])  # noqa: F821


class RecordSignature(db.Model):
    """One required signature, made: who, as what (`slot`), when and from where."""

    __table_args__ = (UniqueConstraint("version_id", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("record_version.id", ondelete="CASCADE"), index=True)
    slot: Mapped[str] = mapped_column(String(60))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    role: Mapped[str] = mapped_column(String(200))
    typed_name: Mapped[str] = mapped_column(String(200))
    statement: Mapped[str] = mapped_column(Text)
    drawn: Mapped[str] = mapped_column(Text, default="")  # an SVG path drawn on a pad
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")

    version: Mapped[RecordVersion] = relationship(back_populates="signatures")
    user: Mapped["User"] = relationship()  # noqa: F821


class DistrictTemplate(db.Model):
    """A district's own Word template for one document, checked before it is kept."""

    __table_args__ = (UniqueConstraint("district_id", "document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id", ondelete="CASCADE"),
                                             index=True)
    document: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(200))
    docx: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
