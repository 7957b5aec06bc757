"""The target's pages: the school's list, reading and commenting, editing, printing."""
from __future__ import annotations


from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from forms.target import CommentForm, TargetForm

from .. import access, database, drafts, htmx, once
from ..documents import context as documents
from ..extensions import db
from ..models import InstructionalTarget, Program, TargetComment
from ..models.base import utcnow
from ..records.views import send_document
from . import bp, content

CONFLICT = 409


@bp.app_context_processor
def target_helpers() -> dict:
    """For the home pages, the overview and step 1 (nothing where the practice is off)."""
    return {"school_targets": _school_targets, "chosen_look_fors": content.chosen,
            "school_target_of": _written_target_of, "look_fors_of": content.look_fors,
            "district_has_targets": _district_has_targets, "seen_look_fors": content.seen}


def _district_has_targets() -> bool:
    programs = db.session.scalars(select(Program).where(
        Program.district_id == current_user.district_id))
    return any(content.has_practice(program) for program in programs)


def _written_target_of(partnership):
    target = content.target_for_partnership(partnership)
    return target if content.is_written(target) else None


def _school_targets() -> list[dict]:
    """The current user's school's programs with a target practice, and their targets."""
    school = current_user.school if current_user.is_authenticated else None
    if school is None:
        return []
    return [{"program": program, "target": content.target_of(school.id, program),
             "school": school} for program in content.programs_for_school(school)]


@bp.route("/")
@login_required
def index():
    """The targets of the user's school (every school's, for the district)."""
    if current_user.is_district_admin:
        # Every school's targets from three queries, whatever the number of schools.
        schools = db.session.scalars(access.schools_query(current_user)).all()
        programs = [p for p in db.session.scalars(
            select(Program).where(Program.district_id == current_user.district_id)
            .options(selectinload(Program.schools)).order_by(Program.start_date.desc()))
            if content.has_practice(p)]
        targets = {(t.school_id, t.program_id): t for t in db.session.scalars(
            select(InstructionalTarget).where(
                InstructionalTarget.program_id.in_([p.id for p in programs])))}
        rows = [{"program": program, "target": targets.get((school.id, program.id)),
                 "school": school}
                for school in schools for program in programs if program.runs_in(school.id)]
    else:
        rows = _school_targets()
    for row in rows:
        row["may_write"] = access.can_write_target_for(current_user, row["school"],
                                                       row["program"])
    return render_template("targets/index.html", rows=rows)


@bp.route("/start", methods=["POST"])
@login_required
def start():
    """Begin the school's target for a program (once; a second start opens the first)."""
    school = access.school_or_404(request.form.get("school_id", type=int) or 0)
    program = db.session.get(Program, request.form.get("program_id", type=int) or 0)
    if program is None or program.district_id != current_user.district_id:
        abort(404)
    if not access.can_write_target_for(current_user, school, program):
        access.refuse(f"school {school.id}")
    target = content.target_of(school.id, program)
    if target is None:
        target = InstructionalTarget(school_id=school.id, program_id=program.id)
        if not database.add_unless_taken(target):
            target = content.target_of(school.id, program)
        db.session.commit()
    return redirect(url_for("targets.edit", target_id=target.id))


@bp.route("/<int:target_id>")
@login_required
def view(target_id: int):
    """The target, its comments and the comment form."""
    target = access.target_for_view(target_id)
    return _render_view(target)


def _render_view(target, comment_form=None, status_code: int = 200):
    draft = drafts.find(drafts.key("target-comment", target.id))
    if comment_form is None:
        comment_form = CommentForm(formdata=drafts.formdata(draft))
    return render_template(
        "targets/view.html", target=target, comment_form=comment_form, comment_draft=draft,
        may_edit=access.can_edit_target(current_user, target)), status_code


@bp.route("/<int:target_id>/edit", methods=["GET", "POST"])
@login_required
def edit(target_id: int):
    """Write or change the target; a save from an older version shows both texts."""
    target = access.target_for_change(target_id)
    draft_key = drafts.key("target-edit", target.id)
    if request.method == "GET":
        draft = drafts.find(draft_key)  # what was typed last time and not saved
        form = TargetForm(formdata=drafts.formdata(draft)) if draft else content.form_for(target)
        return _render_edit(target, form, draft=draft)
    form = TargetForm()
    overwrite = request.form.get("overwrite_version", "")
    if overwrite.isdigit():  # the writer saw the other version and keeps theirs
        form.target_version.data = overwrite
    if not form.validate():
        drafts.keep(draft_key, request.form)
        db.session.commit()
        return _render_edit(target, form, status_code=htmx.VALIDATION_FAILED
                            if htmx.wants_partial() else 200)
    if form.target_version.data != str(target.version):
        drafts.keep(draft_key, request.form)
        db.session.commit()
        theirs = {"vision": target.vision, "focus_areas": target.focus_areas}
        return _render_edit(target, form, conflict={"theirs": theirs,
                                                    "mine": content.submitted(form)},
                            status_code=CONFLICT)
    content.apply(target, content.submitted(form))
    target.version += 1
    target.updated_by_id, target.updated_at = current_user.id, utcnow()
    drafts.discard(draft_key)
    db.session.commit()
    flash(_("The Instructional Target is saved."), "success")
    return redirect(url_for("targets.view", target_id=target.id))


def _render_edit(target, form, *, draft=None, conflict=None, status_code: int = 200):
    return render_template("targets/edit.html", target=target, form=form, conflict=conflict,
                           draft=draft or drafts.find(drafts.key("target-edit", target.id)),
                           version=target.version), status_code


@bp.route("/<int:target_id>/comments", methods=["POST"])
@login_required
def comment(target_id: int):
    """A member of the school's staff comments on the target."""
    target = access.target_for_view(target_id)
    form = CommentForm()
    draft_key = drafts.key("target-comment", target.id)
    if not form.validate():
        drafts.keep(draft_key, request.form)
        db.session.commit()
        return _render_view(target, form, htmx.VALIDATION_FAILED if htmx.wants_partial()
                            else 200)
    claim = once.claim()
    if claim.earlier_url is None:  # else a retry: the comment is there already
        db.session.add(TargetComment(target_id=target.id, author_id=current_user.id,
                                     body=form.body.data))
        db.session.flush()
        claim.done(url_for("targets.view", target_id=target.id) + "#comments")
        drafts.discard(draft_key)
        db.session.commit()
        flash(_("Your comment is posted."), "success")
    return redirect(url_for("targets.view", target_id=target.id) + "#comments")


@bp.route("/comments/<int:comment_id>/delete", methods=["POST"])
@login_required
def delete_comment(comment_id: int):
    """Its author deletes a comment."""
    comment = access.target_comment_for_author(comment_id)
    target_id = comment.target_id
    db.session.delete(comment)
    db.session.commit()
    flash(_("Your comment is deleted."), "info")
    return redirect(url_for("targets.view", target_id=target_id) + "#comments")


@bp.route("/<int:target_id>/target.<any(docx,pdf):extension>")
@login_required
def document(target_id: int, extension: str):
    """The target on one page, as Word or PDF."""
    target = access.target_for_view(target_id)
    if not content.is_written(target):
        abort(404)
    return send_document(documents.instructional_target(target), extension,
                         target.program.district_id)
