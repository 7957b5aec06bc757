"""Who may see or change what. Every view and partial asks here; nowhere else decides.

Teachers see their own things, principals their school, district administrators
everything in their district. A refusal is logged and answered with 403; an object
that does not exist (or lies in another district) is a 404.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import Select, select

from . import audit
from .extensions import db
from .models import Role, School, User


def refuse(subject: str = "") -> None:
    """Log the refused request and stop it with 403."""
    audit.record_now("access_refused", subject or audit.describe_request(),
                     detail=audit.describe_request())
    abort(403)


def roles_required(*roles: Role) -> Callable:
    """Decorator: signed in, and holding one of `roles`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                refuse()
            return view(*args, **kwargs)

        return wrapped

    return decorator


district_admin_required = roles_required(Role.DISTRICT_ADMIN)
staff_viewer_required = roles_required(Role.DISTRICT_ADMIN, Role.PRINCIPAL)


# Schools -------------------------------------------------------------------------

def can_manage_schools(user: User) -> bool:
    return user.is_district_admin


def can_view_school(user: User, school: School) -> bool:
    if school.district_id != user.district_id:
        return False
    return user.is_district_admin or (user.is_principal and user.school_id == school.id)


def school_or_404(school_id: int) -> School:
    school = db.session.get(School, school_id)
    if school is None or school.district_id != current_user.district_id:
        abort(404)
    return school


def school_for_view(school_id: int) -> School:
    school = school_or_404(school_id)
    if not can_view_school(current_user, school):
        refuse(f"school {school.id}")
    return school


def school_for_change(school_id: int) -> School:
    school = school_or_404(school_id)
    if not can_manage_schools(current_user):
        refuse(f"school {school.id}")
    return school


def schools_query(user: User) -> Select:
    query = select(School).where(School.district_id == user.district_id).order_by(School.name)
    if not user.is_district_admin:
        query = query.where(School.id == user.school_id)
    return query


# Staff ---------------------------------------------------------------------------

def can_view_staff_member(viewer: User, member: User) -> bool:
    if member.district_id != viewer.district_id:
        return False
    if viewer.is_district_admin or viewer.id == member.id:
        return True
    return viewer.is_principal and member.school_id == viewer.school_id


def can_manage_staff(user: User) -> bool:
    return user.is_district_admin


def staff_query(user: User) -> Select:
    """The accounts `user` may list: the district for admins, the school for principals."""
    query = select(User).where(User.district_id == user.district_id).order_by(User.name)
    if user.is_district_admin:
        return query
    if user.is_principal:
        return query.where(User.school_id == user.school_id)
    return query.where(User.id == user.id)


def staff_member_or_404(user_id: int) -> User:
    member = db.session.get(User, user_id)
    if member is None or member.district_id != current_user.district_id:
        abort(404)
    return member


def staff_member_for_view(user_id: int) -> User:
    member = staff_member_or_404(user_id)
    if not can_view_staff_member(current_user, member):
        refuse(f"user {member.id}")
    return member


def staff_member_for_change(user_id: int) -> User:
    member = staff_member_or_404(user_id)
    if not can_manage_staff(current_user):
        refuse(f"user {member.id}")
    return member


# District-wide records -----------------------------------------------------------

def can_read_audit_log(user: User) -> bool:
    return user.is_district_admin


def can_read_outbox(user: User) -> bool:
    return user.is_district_admin
