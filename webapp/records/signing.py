"""The record page of a document: who must sign, who has, the filed versions; signing in
Tandem, filing a signed paper copy, reopening (webapp/records/filing.py does the work).

    /records/plan/<partnership id>          the partnership plan
    /records/reflection/<partnership id>    the reflection record
    /records/visit/<visit id>               a visit's visitation form
"""
from __future__ import annotations

import io
import json

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from forms.record import PaperForm, RecordReopenForm, SignForm

from .. import access, audit, throttle
from ..extensions import db
from ..models import RecordVersion, VersionStatus
from ..net import client_address
from ..passwords import verify_password
from . import bp, filing, scans
from .views import FORMATS, download_name, word_file

KIND = {"plan": filing.PLAN, "reflection": filing.REFLECTION, "visit": filing.VISIT_FORM}
MAX_DRAWN = 60_000  # characters of stroke data from the signature pad


def _load(which: str, object_id: int) -> filing.State:
    partnership, visit = access.record_document_for_view(which, object_id)
    return filing.state(KIND[which], partnership, visit)


def page_url(found: filing.State) -> str:
    if found.visit is not None:
        return url_for("records.record_page", which="visit", object_id=found.visit.id)
    which = "plan" if found.kind == filing.PLAN else "reflection"
    return url_for("records.record_page", which=which, object_id=found.partnership.id)


@bp.route("/<any(plan,reflection,visit):which>/<int:object_id>", methods=["GET"])
@login_required
def record_page(which: str, object_id: int):
    found = _load(which, object_id)
    return _page(found)


def _page(found: filing.State, sign_form=None, paper_form=None, reopen_form=None,
          status: int = 200):
    slots = filing.open_slots_for(current_user, found)
    if slots and sign_form is None:
        sign_form = SignForm(formdata=None, typed_name=current_user.name)
    if sign_form is not None:
        sign_form.slot.choices = _choices(slots)
    may_paper = access.can_file_paper(current_user, found.partnership) and found.locked is None
    may_reopen = access.can_reopen_record(current_user, found.partnership) and found.locked
    return render_template(
        "records/record.html", found=found, page_url=page_url(found),
        sign_form=sign_form if slots else None,
        paper_form=(paper_form or PaperForm(formdata=None)) if may_paper else None,
        reopen_form=(reopen_form or RecordReopenForm(formdata=None)) if may_reopen else None,
        signed=found.signed_slots(),
        signatures={s.slot: s for s in (found.signing.signatures if found.signing
                                         and not found.stale else [])},
    ), status


@bp.route("/<any(plan,reflection,visit):which>/<int:object_id>/sign", methods=["POST"])
@login_required
def sign(which: str, object_id: int):
    """Sign one line: consent, typed name, optional drawing, confirmed by password."""
    found = _load(which, object_id)
    slots = filing.open_slots_for(current_user, found)
    form = SignForm()
    form.slot.choices = _choices(slots)
    if not slots:
        flash(_("There is nothing for you to sign on this document now."), "info")
        return redirect(page_url(found))
    if not form.validate():
        return _page(found, sign_form=form, status=422)
    drawn = _drawing(form.drawn.data)
    if drawn is None:
        form.drawn.errors = [_("The drawn signature could not be read; clear it and draw "
                               "again, or sign with your typed name only.")]
        return _page(found, sign_form=form, status=422)
    reservation = throttle.reserve(current_user.email, client_address())
    if reservation is None or not verify_password(current_user.password_hash,
                                                  form.password.data):
        audit.record_now("record_sign_refused", found.context["file_name"],
                         "wrong password" if reservation else "too many attempts")
        form.password.errors = [_("That password is not right.") if reservation else _(
            "Too many wrong passwords. Wait a few minutes and try again.")]
        return _page(found, sign_form=form, status=422)
    throttle.release(reservation)
    try:
        version = filing.sign(found, current_user, form.slot.data, form.typed_name.data,
                              drawn, ip=client_address(),
                              user_agent=request.headers.get("User-Agent", ""))
    except filing.FilingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(page_url(found))
    db.session.commit()
    if version.status is VersionStatus.FILED:
        flash(_("Signed. That was the last signature: the record is filed as document "
                "%(code)s.", code=version.code), "success")
    else:
        flash(_("Signed. The record is filed once everyone has signed."), "success")
    return redirect(page_url(found))


def _choices(slots: list[dict]) -> list[SelectChoice]:
    return [SelectChoice(line["slot"], line["role"]) for line in slots]


def _drawing(raw: str | None) -> str | None:
    """The pad's strokes kept as numbers only: [[[x, y], ...], ...] within 0..1000;
    "" for none, None if unreadable."""
    if not raw:
        return ""
    if len(raw) > MAX_DRAWN:
        return None
    try:
        strokes = json.loads(raw)
        clean = [[[round(float(x), 1), round(float(y), 1)] for x, y in stroke]
                 for stroke in strokes]
    except (ValueError, TypeError):
        return None
    if not all(0 <= v <= 1000 for stroke in clean for point in stroke for v in point):
        return None
    return json.dumps(clean, separators=(",", ":"))


@bp.route("/<any(plan,reflection,visit):which>/<int:object_id>/paper", methods=["POST"])
@login_required
def paper(which: str, object_id: int):
    """File a signed paper copy, scanned."""
    found = _load(which, object_id)
    if not access.can_file_paper(current_user, found.partnership):
        access.refuse(found.context["file_name"])
    form = PaperForm()
    if not form.validate():
        return _page(found, paper_form=form, status=422)
    try:
        scan_pdf, kept, media = scans.prepare(form.scan.data.read(scans.MAX_BYTES + 1))
        version = filing.file_paper(found, current_user, scan_pdf, kept, media)
    except scans.ScanRefused as error:
        form.scan.errors = [str(error)]
        return _page(found, paper_form=form, status=422)
    except filing.FilingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(page_url(found))
    audit.record("record_scan_uploaded", found.context["file_name"],
                 f"{version.code} v{version.number}: {media}")
    db.session.commit()
    flash(_("The signed copy is filed as document %(code)s.", code=version.code), "success")
    return redirect(page_url(found))


@bp.route("/<any(plan,reflection,visit):which>/<int:object_id>/reopen", methods=["POST"])
@login_required
def reopen(which: str, object_id: int):
    found = _load(which, object_id)
    if not access.can_reopen_record(current_user, found.partnership):
        access.refuse(found.context["file_name"])
    form = RecordReopenForm()
    if not form.validate():
        return _page(found, reopen_form=form, status=422)
    try:
        filing.reopen(found, current_user, form.reason.data)
    except filing.FilingError as error:
        flash(str(error), "error")
        return redirect(page_url(found))
    db.session.commit()
    flash(_("The record is reopened. The filed version stays on file; the next version "
            "must be signed again."), "success")
    return redirect(page_url(found))


@bp.route("/filed/<int:version_id>.<any(docx,pdf):extension>")
@login_required
def filed(version_id: int, extension: str):
    """A filed version: the PDF exactly as filed; its Word copy from what was filed."""
    version = db.session.get(RecordVersion, version_id)
    if version is None or version.status is not VersionStatus.FILED:
        abort(404)
    record = version.record
    access.record_document_for_view(*filing.page_of(record))
    base = f"{version.content['file_name']} - {version.code}"
    if extension == "pdf":
        data = version.pdf
    else:
        data = word_file(filing.filed_copy_context(version), record.partnership.program.district_id)
    name = download_name(base, extension)
    audit.record_now("document_downloaded", name, f"filed version {version.code}")
    return send_file(io.BytesIO(data), mimetype=FORMATS[extension], as_attachment=True,
                     download_name=name)


@bp.route("/filed/<int:version_id>/scan")
@login_required
def scan(version_id: int):
    """The scan of a paper-signed version, as uploaded (cleaned), never inline."""
    version = db.session.get(RecordVersion, version_id)
    if version is None or version.signed_on != "paper" or not version.scan:
        abort(404)
    record = version.record
    access.record_document_for_view(*filing.page_of(record))
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[
        version.scan_type]
    name = download_name(f"{version.content['file_name']} - {version.code} - scan", extension)
    audit.record_now("document_downloaded", name, f"scan of {version.code}")
    return send_file(io.BytesIO(version.scan), mimetype=version.scan_type,
                     as_attachment=True, download_name=name)
