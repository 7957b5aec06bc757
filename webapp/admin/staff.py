"""Staff accounts: list (admins: district, principals: their school), add, edit."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from forms.staff import StaffForm

from .. import access, audit, htmx
from ..auth import accounts
from ..extensions import db
from ..ids import bounded_int
from ..models import MatchExclusion, Role, User
from ..models.user import normalize_email
from . import bp

PAGE_SIZE = 100  # people per page of the staff list

@bp.route("/staff")
@access.staff_viewer_required
def staff():
    """Staff list with search and filters; HTMX asks for the rows alone."""
    query = access.staff_query(current_user)
    q = request.args.get("q", "").strip()
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(or_(func.lower(User.name).like(pattern), User.email.like(pattern)))
    school_id = request.args.get("school", type=bounded_int)
    if school_id:
        query = query.where(User.school_id == access.school_for_view(school_id).id)
    show = request.args.get("status", "active")
    if show == "active":
        query = query.where(User.active)
    elif show == "not_joined":
        query = query.where(User.active, User.password_hash.is_(None))
    elif show == "inactive":
        query = query.where(User.active.is_(False))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, -(-total // PAGE_SIZE))
    # Bounded: a huge page number would overflow the query's OFFSET.
    page = min(max(request.args.get("page", 1, type=bounded_int), 1), pages)
    members = db.session.scalars(query.options(selectinload(User.school))
                                 .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return htmx.render(
        "admin/staff.html", "admin/_staff_rows.html", members=members, q=q, show=show,
        school_id=school_id, schools=db.session.scalars(access.schools_query(current_user)).all(),
        total=total, page_number=page, pages=pages, first=(page - 1) * PAGE_SIZE + 1,
    )


def _staff_form(member: User | None = None) -> StaffForm:
    schools = db.session.scalars(access.schools_query(current_user)).all()
    form = StaffForm(obj=member, schools=schools)
    if member is not None and request.method == "GET":
        form.role.data = member.role.value
        form.school_id.data = member.school_id or 0
    return form


def _email_taken(email: str, member: User | None = None) -> bool:
    query = select(User.id).where(User.email == normalize_email(email))
    if member is not None:
        query = query.where(User.id != member.id)
    return db.session.scalar(query) is not None


def _apply_form(form: StaffForm, member: User) -> None:
    role = Role(form.role.data)
    if member.id is not None and member.role is not role:
        audit.record("role_changed", member.email, f"{member.role.value} → {role.value}")
    member.name = form.name.data
    member.email = form.email.data
    member.role = role
    member.school_id = form.school_id.data or None
    member.grade_band = form.grade_band.data or ""
    member.subject = form.subject.data or ""
    member.years_in_district = form.years_in_district.data
    member.planning_period = form.planning_period.data or ""


@bp.route("/staff/new", methods=["GET", "POST"])
@access.district_admin_required
def staff_new():
    """Add one staff member, and invite them."""
    form = _staff_form()
    if form.validate_on_submit():
        if _email_taken(form.email.data):
            form.email.errors.append(_("Someone already has this email address."))
        else:
            member = User(district_id=current_user.district_id)
            _apply_form(form, member)
            db.session.add(member)
            db.session.flush()
            audit.record("user_created", member.email, member.role.value)
            if form.send_invitation.data:
                accounts.send_invitation(member)
            db.session.commit()
            flash(_("%(name)s was added.", name=member.name), "success")
            return redirect(url_for("admin.staff_detail", user_id=member.id))
    return render_template("admin/staff_form.html", form=form, member=None)


@bp.route("/staff/<int:user_id>")
@access.staff_viewer_required
def staff_detail(user_id: int):
    """One staff member's details."""
    member = access.staff_member_for_view(user_id)
    return render_template("admin/staff_detail.html", member=member,
                           can_manage=access.can_manage_staff(current_user),
                           not_matched_with=_not_matched_with(member))


def _not_matched_with(member: User) -> list[User] | None:
    """For the member's principal: the colleagues never to be matched with them (#11)."""
    if not (current_user.is_principal and member.school_id == current_user.school_id):
        return None
    rows = db.session.scalars(select(MatchExclusion).where(
        or_(MatchExclusion.first_id == member.id, MatchExclusion.second_id == member.id)))
    return [row.second if row.first_id == member.id else row.first for row in rows]


@bp.route("/staff/<int:user_id>/edit", methods=["GET", "POST"])
@access.district_admin_required
def staff_edit(user_id: int):
    """Edit a staff member's details and role."""
    member = access.staff_member_for_change(user_id)
    form = _staff_form(member)
    del form.send_invitation
    if form.validate_on_submit():
        if _email_taken(form.email.data, member):
            form.email.errors.append(_("Someone already has this email address."))
        elif member.id == current_user.id and form.role.data != Role.DISTRICT_ADMIN.value:
            form.role.errors.append(_("You cannot remove your own administrator role."))
        else:
            _apply_form(form, member)
            audit.record("user_updated", member.email)
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("admin.staff_detail", user_id=member.id))
    return render_template("admin/staff_form.html", form=form, member=member)


@bp.route("/staff/<int:user_id>/deactivate", methods=["POST"])
@access.district_admin_required
def staff_deactivate(user_id: int):
    """Deactivate an account: it can no longer sign in and every session ends."""
    member = access.staff_member_for_change(user_id)
    if member.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
    else:
        member.active = False
        member.end_all_sessions()
        audit.record("user_deactivated", member.email)
        db.session.commit()
        flash(_("%(name)s is deactivated and signed out.", name=member.name), "success")
    return redirect(url_for("admin.staff_detail", user_id=member.id))


@bp.route("/staff/<int:user_id>/reactivate", methods=["POST"])
@access.district_admin_required
def staff_reactivate(user_id: int):
    """Let a deactivated account sign in again."""
    member = access.staff_member_for_change(user_id)
    member.active = True
    audit.record("user_reactivated", member.email)
    db.session.commit()
    flash(_("%(name)s can sign in again.", name=member.name), "success")
    return redirect(url_for("admin.staff_detail", user_id=member.id))


@bp.route("/staff/<int:user_id>/invite", methods=["POST"])
@access.district_admin_required
def staff_invite(user_id: int):
    """Send (or send again) an invitation link."""
    member = access.staff_member_for_change(user_id)
    if not member.active:
        flash(_("Reactivate the account before inviting."), "error")
    else:
        accounts.send_invitation(member)
        db.session.commit()
        flash(_("An invitation was sent to %(email)s.", email=member.email), "success")
    return redirect(url_for("admin.staff_detail", user_id=member.id))


@bp.route("/staff/invite-all", methods=["POST"])
@access.district_admin_required
def staff_invite_all():
    """Invite every active member who has no password and was never invited."""
    count = invite_uninvited()
    db.session.commit()
    flash(_("%(n)d invitations were sent.", n=count), "success")
    return redirect(url_for("admin.staff", status="not_joined"))


def invite_uninvited() -> int:
    waiting = db.session.scalars(
        access.staff_query(current_user).where(
            User.active, User.password_hash.is_(None), User.invited_at.is_(None))
    ).all()
    for member in waiting:
        accounts.send_invitation(member)
    return len(waiting)
