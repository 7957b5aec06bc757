"""Server-side drafts of long forms: per user, per form, until submitted or discarded.

Forms whose text is not autosaved into their own object (a new cycle entry, a visit
request, the post-visit report, a cycle entry being edited, a follow-up request, a
decision's comment) post their fields here
while the user types (templates/_draft.html). When the page is opened again the draft
fills the form, with a note and a "Discard draft" button. The view that accepts the
form calls `discard()` in its own transaction. A draft is only ever read by its owner.

`form_key` is "<kind>:<object id>", e.g. "cycle-new:12"; KINDS lists the kinds and the
page each one lives on. Who may write which form is decided in access.draft_target().
"""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from . import access, database, htmx
from .extensions import db
from .models import FormDraft
from .models.base import utcnow

bp = Blueprint("drafts", __name__, url_prefix="/drafts")

# kind -> the page the form is on, from the object's id
KINDS = {
    "cycle-new": lambda i: url_for("partnerships.step", partnership_id=i, key="cycles"),
    "visit-new": lambda i: url_for("visits.new", partnership_id=i),
    "cycle-edit": lambda i: url_for("partnerships.cycle_edit", entry_id=i),
    "visit-report": lambda i: url_for("visits.detail", visit_id=i) + "#report",
    "followup-request": lambda i: url_for("visits.detail", visit_id=i) + "#followup-heading",
    "visit-decision": lambda i: url_for("visits.approvals") + f"#visit-{i}",
    "target-edit": lambda i: url_for("targets.edit", target_id=i),
    "target-comment": lambda i: url_for("targets.view", target_id=i) + "#comment-form",
}
# Not the user's words: tokens and switches that travel with every form.
NOT_KEPT = ("csrf_token", "once_key", "edit_token", "autosave", "version",
            "overwrite_version", "submit")
MAX_DRAFT_CHARS = 200_000  # a few long answers at the 20,000-character limit, with room


def key(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def find(form_key: str) -> FormDraft | None:
    """The current user's draft of this form, if any."""
    if not current_user.is_authenticated:
        return None
    return db.session.scalar(select(FormDraft).where(FormDraft.user_id == current_user.id,
                                                     FormDraft.form_key == form_key))


def find_many(form_keys: list[str]) -> dict[str, FormDraft]:
    """The current user's drafts of these forms, by form key: one query."""
    if not current_user.is_authenticated or not form_keys:
        return {}
    return {d.form_key: d for d in db.session.scalars(select(FormDraft).where(
        FormDraft.user_id == current_user.id, FormDraft.form_key.in_(form_keys)))}


def formdata(draft: FormDraft | None) -> MultiDict | None:
    """The draft as form data, to build the form from (WTForms `formdata=`)."""
    if draft is None:
        return None
    return MultiDict([(name, value) for name, values in draft.data.items()
                      for value in (values if isinstance(values, list) else [values])])


def keep(form_key: str, fields: MultiDict) -> FormDraft:
    """Store the posted fields as this user's draft of the form (in the caller's session)."""
    data = {name: values if len(values) > 1 else values[0]
            for name, values in fields.lists() if name not in NOT_KEPT}
    draft = find(form_key)
    if draft is None:
        draft = FormDraft(user_id=current_user.id, form_key=form_key, data=data)
        if database.add_unless_taken(draft):
            return draft
        draft = find(form_key)  # the same form's autosave from another tab came first
    draft.data = data
    draft.updated_at = utcnow()
    return draft


def discard(form_key: str) -> None:
    """Forget the current user's draft of this form (the form was sent, or thrown away)."""
    db.session.execute(delete(FormDraft).where(FormDraft.user_id == current_user.id,
                                               FormDraft.form_key == form_key))


def discard_everyones(form_keys: list[str]) -> None:
    """Forget every user's drafts of these forms (their object is gone)."""
    if form_keys:
        db.session.execute(delete(FormDraft).where(FormDraft.form_key.in_(form_keys)))


def _size(fields: MultiDict) -> int:
    return sum(len(value) for name, value in fields.items(multi=True) if name not in NOT_KEPT)


KIND_PATTERN = "any(" + ",".join(f'"{kind}"' for kind in KINDS) + "):kind"


@bp.route(f"/<{KIND_PATTERN}>/<int:object_id>", methods=["POST"])
@login_required
def save(kind: str, object_id: int):
    """Autosave: keep what is typed in the form as a draft; answer with the status line."""
    access.draft_target(kind, object_id)
    form_key = key(kind, object_id)
    if _size(request.form) > MAX_DRAFT_CHARS:
        return render_template("_draft_status.html", form_key=form_key, problem=_(
            "This is too long to keep as a draft. Shorten it before you send it.")), 413
    draft = keep(form_key, request.form)
    db.session.commit()
    return render_template("_draft_status.html", draft=draft, kind=kind, object_id=object_id)


@bp.route(f"/<{KIND_PATTERN}>/<int:object_id>/discard", methods=["POST"])
@login_required
def discard_view(kind: str, object_id: int):
    """Throw the draft away and show the form empty again."""
    access.draft_target(kind, object_id)
    discard(key(kind, object_id))
    db.session.commit()
    page = KINDS[kind](object_id)
    if htmx.wants_partial():
        return "", 200, {"HX-Redirect": page}  # load the page afresh, form empty
    return redirect(page)


def init_app(app) -> None:
    app.register_blueprint(bp)
