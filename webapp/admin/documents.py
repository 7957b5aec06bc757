"""The district's letterhead and its own Word templates (district administrators).

A template is checked before it is used: it must be a .docx whose fields are all in the
document's context (unknown ones are refused by name), and it must render, in a Jinja
sandbox, with demo data (documents/samples.py). The administrator then sees the demo
rendering and confirms; until then the upload waits in the instance folder, for its
uploader only, for an hour. The built-in template can be restored at any time. PDFs are
always typeset by Tandem and keep the letterhead.
"""
from __future__ import annotations

import io
import json
import re
import secrets
import time
from pathlib import Path

from flask import (abort, current_app, flash, redirect, render_template, request, send_file,
                   url_for)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from forms.record import ConfirmTemplateForm, LetterheadForm, TemplateForm

from .. import access, audit
from ..documents import docx
from ..documents.letterhead import NotAnImage, reencode
from ..documents.samples import DOCUMENTS, sample_context
from ..extensions import db
from ..models import District, DistrictTemplate
from . import bp

NAMES = {"partnership_plan": _l("Partnership plan"), "visitation_form": _l("Visitation form"),
         "reflection_record": _l("Reflection record"),
         "instructional_target": _l("Instructional Target"),
         "families_summary": _l("Summary for families")}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
KEEP_SECONDS = 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
DOCUMENT = "<any(" + ",".join(DOCUMENTS) + "):document>"  # in the routes


def _district() -> District:
    return db.session.get(District, current_user.district_id)


def _own_templates() -> dict[str, DistrictTemplate]:
    rows = db.session.scalars(select(DistrictTemplate).where(
        DistrictTemplate.district_id == current_user.district_id))
    return {row.document: row for row in rows}


def _page(letterhead_form=None, template_forms=None, status: int = 200):
    district = _district()
    if letterhead_form is None:
        letterhead_form = LetterheadForm(formdata=None,
                                         lines="\n".join(district.letterhead_lines or []))
    forms = {document: TemplateForm(formdata=None, prefix=document) for document in DOCUMENTS}
    forms.update(template_forms or {})
    return render_template("admin/documents.html", district=district, names=NAMES,
                           letterhead_form=letterhead_form, template_forms=forms,
                           own=_own_templates()), status


@bp.route("/documents", methods=["GET"])
@access.district_admin_required
def documents():
    return _page()


@bp.route("/documents/letterhead", methods=["POST"])
@access.district_admin_required
def letterhead():
    form = LetterheadForm()
    if not form.validate():
        return _page(letterhead_form=form, status=422)
    district = _district()
    upload = form.logo.data
    if upload and getattr(upload, "filename", ""):
        try:
            district.logo_png = reencode(upload.read(MAX_TEMPLATE_BYTES + 1))
        except NotAnImage:
            form.logo.errors = [_("This file is not a PNG or JPEG picture.")]
            return _page(letterhead_form=form, status=422)
    elif form.remove_logo.data:
        district.logo_png = None
    district.letterhead_lines = [line.strip() for line in form.lines.data.splitlines()
                                 if line.strip()]
    audit.record("letterhead_changed", district.name,
                 " / ".join(district.letterhead_lines) or "(the district's name)")
    db.session.commit()
    flash(_("The letterhead is saved. Documents printed from now on carry it."), "success")
    return redirect(url_for("admin.documents"))


@bp.route(f"/documents/templates/{DOCUMENT}.docx")
@access.district_admin_required
def template_file(document: str):
    """The template in use: the district's own, or the built-in one."""
    own = _own_templates().get(document)
    data = own.docx if own else docx.builtin_template(document)
    return send_file(io.BytesIO(data), mimetype=DOCX, as_attachment=True,
                     download_name=f"{document}.docx")


@bp.route(f"/documents/templates/{DOCUMENT}",
          methods=["POST"])
@access.district_admin_required
def upload_template(document: str):
    form = TemplateForm(prefix=document)
    if not form.validate():
        return _page(template_forms={document: form}, status=422)
    data = form.template.data.read(MAX_TEMPLATE_BYTES + 1)
    problem = _problem(document, data)
    if problem:
        form.template.errors = [problem]
        return _page(template_forms={document: form}, status=422)
    preview = docx.render(sample_context(document, _district()), template_bytes=data)
    token = _keep(document, form.template.data.filename or f"{document}.docx", data)
    return render_template("admin/template_preview.html", document=document, names=NAMES,
                           token=token, paragraphs=_paragraphs(preview),
                           form=ConfirmTemplateForm(formdata=None, token=token))


def _problem(document: str, data: bytes) -> str | None:
    """Why this upload cannot be the template, or None."""
    if len(data) > MAX_TEMPLATE_BYTES:
        return _("The template is larger than 5 MB.")
    sample = sample_context(document, _district())
    try:
        unknown = docx.check_template(data, sample)
    except docx.NotAWordDocument:
        return _("This file is not a Word document (.docx).")
    except ValueError as error:
        return _("The template could not be filled in with sample data: %(error)s",
                 error=str(error)[:300])
    if unknown:
        return _("The template uses fields this document does not have: %(names)s. Use "
                 "the fields of the current template.", names=", ".join(sorted(unknown)))
    try:
        docx.render(sample, template_bytes=data)
    except Exception as error:  # a template error: say what it is, keep nothing
        current_app.logger.info("District template refused: %s", error)
        return _("The template could not be filled in with sample data: %(error)s",
                 error=str(error)[:300])
    return None


def _paragraphs(data: bytes) -> list[str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append(" · ".join(cell.text for cell in row.cells))
    return [text for text in texts if text.strip()]


@bp.route(f"/documents/templates/{DOCUMENT}/preview.docx")
@access.district_admin_required
def template_preview(document: str):
    found = _find(request.args.get("token", ""))
    if found is None or found[0]["document"] != document:
        abort(404)
    preview = docx.render(sample_context(document, _district()), template_bytes=found[1])
    return send_file(io.BytesIO(preview), mimetype=DOCX, as_attachment=True,
                     download_name=f"{document} - preview.docx")


@bp.route(f"/documents/templates/{DOCUMENT}/use",
          methods=["POST"])
@access.district_admin_required
def use_template(document: str):
    form = ConfirmTemplateForm()
    found = _find(form.token.data or "") if form.validate() else None
    if found is None or found[0]["document"] != document:
        flash(_("That upload has expired. Upload the template again."), "error")
        return redirect(url_for("admin.documents"))
    meta, data = found
    if _problem(document, data):  # checked again: nothing unchecked is ever used
        abort(409)
    row = _own_templates().get(document) or DistrictTemplate(
        district_id=current_user.district_id, document=document)
    row.docx, row.file_name, row.uploaded_by_id = data, meta["name"][:200], current_user.id
    from ..models.base import utcnow

    row.uploaded_at = utcnow()
    db.session.add(row)
    audit.record("district_template_uploaded", str(NAMES[document]), meta["name"][:200])
    db.session.commit()
    flash(_("Word files of the %(name)s now use your template.", name=NAMES[document]),
          "success")
    return redirect(url_for("admin.documents"))


@bp.route(f"/documents/templates/{DOCUMENT}/restore",
          methods=["POST"])
@access.district_admin_required
def restore_template(document: str):
    row = _own_templates().get(document)
    if row is not None:
        db.session.delete(row)
        audit.record("district_template_restored", str(NAMES[document]))
        db.session.commit()
    flash(_("Word files of the %(name)s use Tandem's built-in template again.",
            name=NAMES[document]), "success")
    return redirect(url_for("admin.documents"))


# Uploads waiting for confirmation ----------------------------------------------------------

def _folder() -> Path:
    folder = Path(current_app.instance_path) / "pending_templates"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _keep(document: str, name: str, data: bytes) -> str:
    cutoff = time.time() - KEEP_SECONDS
    for path in _folder().iterdir():
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    base = _folder() / f"{current_user.id}-{token}"
    base.with_suffix(".docx").write_bytes(data)
    base.with_suffix(".json").write_text(json.dumps({"document": document, "name": name}))
    return token


def _find(token: str) -> tuple[dict, bytes] | None:
    if not TOKEN.match(token):
        return None
    base = _folder() / f"{current_user.id}-{token}"
    data, meta = base.with_suffix(".docx"), base.with_suffix(".json")
    if not data.exists() or time.time() - data.stat().st_mtime > KEEP_SECONDS:
        return None
    return json.loads(meta.read_text()), data.read_bytes()

