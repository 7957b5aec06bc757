"""Step 6: each member's final reflection and the shared evidence of impact (completing
the partnership is in lifecycle.py)."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forms.reflection import ImpactForm, ReflectionForm

from .. import access, htmx
from ..extensions import db
from ..models import FinalReflection
from ..models.base import utcnow
from . import bp, context
from .saving import SaveResult, missing_required, save_section, shown_values

QUESTION_FIELDS = ReflectionForm.REQUIRED


def _reflection_step(partnership):
    return redirect(url_for("partnerships.step", partnership_id=partnership.id,
                            key="reflection"))


@bp.route("/<int:partnership_id>/reflection/mine", methods=["POST"])
@login_required
def reflection_save(partnership_id: int):
    """Save (autosave) or submit one's own answers to the five questions."""
    partnership = access.partnership_for_change(partnership_id, "reflection")
    form = ReflectionForm()
    autosave = request.form.get("autosave") == "1"
    mine = context.own_reflection(partnership)
    if mine is None:
        mine = FinalReflection(user_id=current_user.id, version=0)
        partnership.reflections.append(mine)
    if not form.validate():
        if autosave:
            return context.save_status(partnership, "reflection", form=form), 422
        return context.render_step(partnership, "reflection", reflection_form=form,
                                   status_code=htmx.VALIDATION_FAILED)
    # Only the author writes here, but two tabs of theirs can still race.
    if form.version.data != str(mine.version) and \
            request.form.get("overwrite_version") != str(mine.version):
        conflict, newer = _conflict(form, mine), mine.version
        db.session.rollback()
        if autosave:
            return context.save_status(partnership, "reflection", result=conflict,
                                       version=newer), 409
        return context.render_step(partnership, "reflection", reflection_form=form,
                                   reflection_conflict=conflict, status_code=409)
    for name in QUESTION_FIELDS:
        setattr(mine, name, getattr(form, name).data)
    mine.version += 1
    mine.updated_at = utcnow()
    form.version.data = str(mine.version)
    submit = not autosave and request.form.get("submit") == "1"
    if submit and not missing_required(form):
        mine.submitted_at = utcnow()
    db.session.commit()
    if autosave:
        return context.save_status(partnership, "reflection", version=mine.version,
                                   result=SaveResult(saved=True, saved_by=current_user.name,
                                                     saved_at=mine.updated_at.isoformat()))
    if submit and mine.submitted_at:
        flash(_("Your reflection is submitted."), "success")
    if not form.errors and not htmx.wants_partial():
        return _reflection_step(partnership)  # post/redirect/get without JS
    return context.render_step(partnership, "reflection", reflection_form=form,
                               status_code=200 if not form.errors else htmx.VALIDATION_FAILED)


def _conflict(form: ReflectionForm, mine: FinalReflection) -> SaveResult:
    """Both versions of one's reflection, for the shared conflict panel."""
    saved = {name: getattr(mine, name) for name in QUESTION_FIELDS}
    typed = {name: getattr(form, name).data for name in QUESTION_FIELDS}
    at = mine.updated_at.isoformat(timespec="seconds") if mine.updated_at else ""
    return SaveResult(saved=False, conflict=True, theirs=saved,
                      shown_theirs=shown_values(form, saved),
                      shown_mine=shown_values(form, typed),
                      saved_by=current_user.name, saved_at=at, saved_by_me=True)


@bp.route("/<int:partnership_id>/reflection/impact", methods=["POST"])
@login_required
def impact_save(partnership_id: int):
    """The partners' shared evidence of impact on student learning."""
    partnership = access.partnership_for_change(partnership_id, "reflection")
    form = ImpactForm()
    autosave = request.form.get("autosave") == "1"
    overwrite = request.form.get("overwrite_version")
    if overwrite and overwrite.isdigit():
        form.version.data = overwrite
    if not form.validate():
        if autosave:
            return context.save_status(partnership, "impact", form=form), 422
        return context.render_step(partnership, "reflection", impact_form=form,
                                   status_code=htmx.VALIDATION_FAILED)
    result = save_section(partnership, "impact", form, ("impact_evidence",))
    if result.saved:
        db.session.commit()
    if autosave:
        return context.save_status(partnership, "impact", result=result), (
            409 if result.conflict else 200)
    if result.conflict:
        return context.render_step(partnership, "reflection", impact_form=form,
                                   impact_conflict=result, status_code=409)
    if not htmx.wants_partial():
        return _reflection_step(partnership)  # post/redirect/get without JS
    return context.render_step(partnership, "reflection", impact_form=form)
