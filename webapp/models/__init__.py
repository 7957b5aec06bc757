"""The data model. Each module holds one area; import from here."""
from .audit import AuditEvent
from .auth import AuthToken, LoginFailure, TokenPurpose
from .org import District, School
from .user import Role, User

__all__ = [
    "AuditEvent",
    "AuthToken",
    "District",
    "LoginFailure",
    "Role",
    "School",
    "TokenPurpose",
    "User",
]
