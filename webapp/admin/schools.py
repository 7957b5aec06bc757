"""Schools of the district (district administrators)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from forms.staff import SchoolForm

from .. import access, audit
from ..extensions import db
from ..models import School, User
from . import bp


def _name_taken(name: str, school_id: int | None = None) -> bool:
    query = select(School.id).where(School.district_id == current_user.district_id,
                                    func.lower(School.name) == name.lower())
    if school_id is not None:
        query = query.where(School.id != school_id)
    return db.session.scalar(query) is not None


@bp.route("/schools", methods=["GET", "POST"])
@access.district_admin_required
def schools():
    """List the district's schools and add one."""
    form = SchoolForm()
    if form.validate_on_submit():
        if _name_taken(form.name.data):
            form.name.errors.append(_("The district already has a school of this name."))
        else:
            school = School(district_id=current_user.district_id, name=form.name.data)
            db.session.add(school)
            audit.record("school_created", form.name.data)
            db.session.commit()
            flash(_("%(name)s was added.", name=school.name), "success")
            return redirect(url_for("admin.schools"))
    staff_counts = dict(db.session.execute(
        select(User.school_id, func.count()).where(User.active).group_by(User.school_id)
    ).all())
    return render_template("admin/schools.html", form=form, staff_counts=staff_counts,
                           schools=db.session.scalars(access.schools_query(current_user)).all())


@bp.route("/schools/<int:school_id>/rename", methods=["GET", "POST"])
@access.district_admin_required
def school_rename(school_id: int):
    """Rename a school."""
    school = access.school_for_change(school_id)
    form = SchoolForm(obj=school)
    if form.validate_on_submit():
        if _name_taken(form.name.data, school.id):
            form.name.errors.append(_("The district already has a school of this name."))
        else:
            audit.record("school_renamed", school.name, f"→ {form.name.data}")
            school.name = form.name.data
            db.session.commit()
            flash(_("The school is now called %(name)s.", name=school.name), "success")
            return redirect(url_for("admin.schools"))
    return render_template("admin/school_rename.html", form=form, school=school)
