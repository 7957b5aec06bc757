"""Staff accounts."""
from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..extensions import db
from .base import UTCDateTime, utcnow
from .org import District, School


class Role(enum.Enum):
    TEACHER = "teacher"
    PRINCIPAL = "principal"
    DISTRICT_ADMIN = "district_admin"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])

    @classmethod
    def parse(cls, text: str) -> Role | None:
        """A role from a roster cell or CLI flag: value or label, any case."""
        key = text.strip().lower().replace("-", " ").replace("_", " ")
        for role in cls:
            if key in {role.value.replace("_", " "), str(ROLE_LABELS[role]).lower()}:
                return role
        return ALIASES.get(key)


ROLE_LABELS = {
    Role.TEACHER: _l("Teacher"),
    Role.PRINCIPAL: _l("Principal"),
    Role.DISTRICT_ADMIN: _l("District administrator"),
}
ALIASES = {"admin": Role.DISTRICT_ADMIN, "administrator": Role.DISTRICT_ADMIN,
           "school administrator": Role.PRINCIPAL}


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # Stored lower-cased, so the unique index is case-insensitive on every backend.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])
    )
    grade_band: Mapped[str] = mapped_column(String(40), default="")
    subject: Mapped[str] = mapped_column(String(120), default="")
    years_in_district: Mapped[int | None] = mapped_column(Integer)
    # A common planning period, for suggested matches (#11): free text or a short list.
    planning_period: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Part of the login cookie and the remember-me cookie: replacing it ends every
    # session of this user (logout, password change, deactivation).
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The private calendar feed's secret is signed from this: "" means no feed; a new
    # value revokes the old address (webapp/calendars).
    calendar_nonce: Mapped[str] = mapped_column(String(32), default="")

    district: Mapped[District] = relationship()
    school: Mapped[School | None] = relationship()

    @validates("email")
    def _normalize_email(self, _key, value: str) -> str:
        return normalize_email(value)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def end_all_sessions(self) -> None:
        self.session_token = new_session_token()

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    @property
    def is_teacher(self) -> bool:
        return self.role is Role.TEACHER

    @property
    def is_principal(self) -> bool:
        return self.role is Role.PRINCIPAL

    @property
    def is_district_admin(self) -> bool:
        return self.role is Role.DISTRICT_ADMIN

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role.value}>"


def normalize_email(value: str) -> str:
    return value.strip().lower()
