"""/verify: anyone holding a filed PDF (or its document id) learns, without signing in,
whether it is an unaltered record filed in this Tandem, and who signed it when. Nothing
more: not its content, not the partnership.

A file is matched by its SHA-256 against the filed versions (the same bytes: unaltered,
whatever certificate sealed it then; a PDF reader checks the seal itself); an id is
matched against the filed versions' ids. Each check is audited, and
an address may check VERIFY_LIMIT times per VERIFY_WINDOW (counted in the audit log,
which every app process shares).
"""
from __future__ import annotations

import hashlib
from datetime import timedelta

from flask import Blueprint, render_template
from sqlalchemy import func, select

from forms.record import VerifyForm

from .. import audit
from ..extensions import db
from ..models import AuditEvent
from ..models.base import utcnow
from ..net import client_address
from . import filing, scans

bp = Blueprint("verify", __name__, url_prefix="/verify")
VERIFY_LIMIT = 30
VERIFY_WINDOW = timedelta(minutes=10)


@bp.route("/", methods=["GET", "POST"])
def check():
    form = VerifyForm()
    if not form.is_submitted():
        return render_template("records/verify.html", form=form, outcome=None)
    if _too_many():
        return render_template("records/verify.html", form=form, outcome="throttled"), 429
    upload = form.document.data
    if form.validate() and upload:
        data = upload.read(scans.MAX_BYTES + 1)
        digest = hashlib.sha256(data).hexdigest()
        version = filing.by_hash(digest)
        # Byte for byte what was filed: unaltered, whichever certificate sealed it then.
        intact = version is not None
        audit.record_now("record_verified", version.code if version else "",
                         f"file sha256 {digest}: {'filed, unaltered' if intact else 'no match'}")
        return render_template("records/verify.html", form=VerifyForm(formdata=None),
                               outcome="filed" if intact else "unknown_file",
                               version=version if intact else None)
    if form.validate() and form.code.data:
        version = filing.by_code(form.code.data)
        audit.record_now("record_verified", version.code if version else "",
                         f"id {form.code.data[:40]}: {'filed' if version else 'no match'}")
        return render_template("records/verify.html", form=form,
                               outcome="filed_id" if version else "unknown_id",
                               version=version)
    if not form.errors:
        form.code.errors = ["Choose a filed PDF or type its document id."]
    return render_template("records/verify.html", form=form, outcome=None), 422


@bp.route("/<code>")
def record(code: str):
    """The link printed on a filed record (and its QR code)."""
    if _too_many():
        return render_template("records/verify.html", form=VerifyForm(formdata=None),
                               outcome="throttled"), 429
    version = filing.by_code(code)
    audit.record_now("record_verified", version.code if version else "",
                     f"link {code[:40]}: {'filed' if version else 'no match'}")
    return render_template("records/verify.html", form=VerifyForm(formdata=None),
                           outcome="filed_id" if version else "unknown_id", version=version)


def _too_many() -> bool:
    since = utcnow() - VERIFY_WINDOW
    count = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "record_verified", AuditEvent.address == client_address(),
        AuditEvent.created_at >= since))
    return count >= VERIFY_LIMIT
