"""The home page: what each role has to do next."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from .. import access
from ..extensions import db
from ..models import Role, User
from . import bp


@bp.route("/")
@login_required
def home():
    """The signed-in user's home page, by role."""
    user = current_user
    if user.is_district_admin:
        return render_template("main/home_admin.html", **_staff_counts(user))
    if user.is_principal:
        return render_template("main/home_principal.html", **_staff_counts(user))
    principals = db.session.scalars(
        select(User).where(User.school_id == user.school_id, User.role == Role.PRINCIPAL,
                           User.active).order_by(User.name)
    ).all() if user.school_id else []
    return render_template("main/home_teacher.html", principals=principals)


def _staff_counts(user: User) -> dict:
    """Counts over the staff this user may see (their school, or the district)."""
    visible = access.staff_query(user).subquery()
    rows = db.session.execute(
        select(visible.c.role, visible.c.active, visible.c.password_hash.is_not(None),
               func.count()).group_by(visible.c.role, visible.c.active,
                                      visible.c.password_hash.is_not(None))
    ).all()
    counts = {"teachers": 0, "principals": 0, "admins": 0, "not_joined": 0, "inactive": 0}
    key = {Role.TEACHER: "teachers", Role.PRINCIPAL: "principals", Role.DISTRICT_ADMIN: "admins"}
    for role, active, joined, n in rows:
        if not active:
            counts["inactive"] += n
            continue
        counts[key[Role(role) if not isinstance(role, Role) else role]] += n
        if not joined:
            counts["not_joined"] += n
    schools = db.session.scalars(access.schools_query(user)).all()
    return {"counts": counts, "schools": schools}
