"""Download routes. Exactly those who may see the content may download the document."""
from __future__ import annotations

import hashlib
import io
import json
import re

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import access, audit, htmx
from ..documents import context as documents
from ..documents import docx, packet, pdf
from ..extensions import db
from ..progress import tracking
from . import bp, built_packets, packet_jobs

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def download_name(base: str, extension: str) -> str:
    """A file name safe on every system: no path separators or control characters.

    Accents and quotes stay; send_file encodes them for Content-Disposition (RFC 6266,
    with an ASCII fallback).
    """
    name = re.sub(r"[\x00-\x1f\x7f/\\\\:*?\"<>|]+", "-", base).strip(" .-") or "document"
    return f"{name[:150]}.{extension}"


def _send(context: dict, extension: str, kind: str, partnership, visit=None):
    """The reader's copy, with the record's document id and the signatures made so far;
    a filed record's PDF exactly as filed (its Word copy from what was filed)."""
    from . import filing

    filed = filing.apply_to(context, kind, partnership, visit)
    if filed is not None:
        return redirect(url_for("records.filed", version_id=filed.id, extension=extension))
    return send_document(context, extension, partnership.program.district_id)


def send_document(context: dict, extension: str, district_id: int):
    """The document as a download (audited): Word from the district's template if it has
    its own, PDF by Typst."""
    if extension == "docx":
        data = word_file(context, district_id)
    else:
        data = pdf.render(context)
    name = download_name(context["file_name"], extension)
    _record_download(name)
    return send_file(io.BytesIO(data), mimetype=FORMATS[extension], as_attachment=True,
                     download_name=name)


def word_file(context: dict, district_id: int) -> bytes:
    """The Word file, from the district's own template of the document if it has one."""
    from sqlalchemy import select

    from ..models import DistrictTemplate

    own = db.session.scalar(select(DistrictTemplate.docx).where(
        DistrictTemplate.district_id == district_id,
        DistrictTemplate.document == context["document"]))
    return docx.render(context, template_bytes=own)


def _record_download(name: str) -> None:
    """Who took a copy of which document (the audit log; a GET, so committed here)."""
    audit.record_now("document_downloaded", name, audit.describe_request())


def _reader_sees(partnership):
    """What of the partnership this reader may see: (include_cycles, may_see_visit)."""
    return (access.can_view_cycles(current_user, partnership),
            lambda visit: access.can_view_visit(current_user, visit))


def _weekly_reader(partnership):
    """A member's own copy holds their weekly reflections (and what partners shared with
    them); anyone else's copy holds none."""
    return current_user._get_current_object() if partnership.is_member(current_user) else None


@bp.route("/partnerships/<int:partnership_id>/plan.<any(docx,pdf):extension>")
@login_required
def plan(partnership_id: int, extension: str):
    """The partnership plan (objective, members, approach, timeline)."""
    partnership = access.partnership_for_view(partnership_id)
    if not partnership.objective:
        abort(404)
    return _send(documents.partnership_plan(partnership), extension, "partnership_plan",
                 partnership)


@bp.route("/partnerships/<int:partnership_id>/reflection.<any(docx,pdf):extension>")
@login_required
def reflection(partnership_id: int, extension: str):
    """The reflection record; cycle notes only for those who may read them."""
    partnership = access.partnership_for_view(partnership_id)
    include_cycles, _ = _reader_sees(partnership)
    weekly_reader = _weekly_reader(partnership)
    available = documents.available_documents(partnership, include_cycles,
                                              weekly_reader=weekly_reader)
    if not any(d["document"] == "reflection_record" for d in available):
        abort(404)
    return _send(documents.reflection_record(partnership, include_cycles,
                                             weekly_reader=weekly_reader), extension,
                 "reflection_record", partnership)


@bp.route("/visits/<int:visit_id>/visitation.<any(docx,pdf):extension>")
@login_required
def visitation(visit_id: int, extension: str):
    """The visitation form of one visit."""
    visit = access.visit_for_view(visit_id)
    if visit not in documents.filed_visits(visit.partnership):
        abort(404)  # declined and withdrawn requests are not part of the record
    return _send(documents.visitation_form(visit), extension, "visitation_form",
                 visit.partnership, visit)


@bp.route("/partnerships/<int:partnership_id>/packet", methods=["GET", "POST"])
@login_required
def packet_pdf(partnership_id: int):
    """The records packet: everything the reader may see, one PDF with bookmarks.

    A link (GET) downloads it at once. The packet button posts here: with HTMX the
    packet is built and kept for this user for a while, and the component swaps itself
    for a link to the finished file; without, the file comes at once. A packet of more
    than packet_jobs.LARGE documents is built by a job instead, whose progress the
    component (or, without HTMX, the job's page) shows.
    """
    partnership = access.partnership_for_view(partnership_id)
    if request.method == "POST" and _document_count(partnership) > packet_jobs.LARGE:
        job = packet_jobs.start(partnership)
        db.session.commit()
        if not htmx.wants_partial():
            return redirect(url_for("progress.job", job_id=job.id))
        return render_template("records/_packet.html", partnership=partnership, token=None,
                               **tracking.shown(job))
    contents = packet_contents(partnership)
    if not contents["documents"]:
        abort(404)
    data = packet.render(contents)
    name = download_name(contents["title"], "pdf")
    if request.method == "POST" and htmx.wants_partial():
        token = built_packets.keep(current_user.id, name, data, partnership.id,
                                   fingerprint(contents))
        return render_template("records/_packet.html", partnership=partnership, token=token,
                               count=len(contents["documents"]), size_kb=len(data) // 1024)
    _record_download(name)
    return send_file(io.BytesIO(data), mimetype=FORMATS["pdf"], as_attachment=True,
                     download_name=name)


def _document_count(partnership) -> int:
    include_cycles, may_see_visit = _reader_sees(partnership)
    return len(documents.available_documents(partnership, include_cycles, may_see_visit,
                                             _weekly_reader(partnership)))


def packet_contents(partnership, progress=None) -> dict:
    """The reader's documents; a filed one as it was filed (with its signatures, id and
    verify link), the others with their document id and the signatures made so far.
    `progress(done, total)` hears of each document ready (the packet job's count)."""
    from ..models import Visit
    from . import filing

    include_cycles, may_see_visit = _reader_sees(partnership)
    contents = documents.records_packet(partnership, include_cycles,
                                        may_see_visit=may_see_visit,
                                        weekly_reader=_weekly_reader(partnership))
    for n, context in enumerate(contents["documents"]):
        visit_id = contents["visits"][n]
        visit = db.session.get(Visit, visit_id) if visit_id else None
        filed = filing.apply_to(context, context["document"], partnership, visit)
        if filed is not None:
            contents["documents"][n] = filing.filed_copy_context(filed)
        if progress is not None:
            progress(n + 1, len(contents["documents"]))
    return contents


def fingerprint(contents: dict) -> str:
    """What a packet holds, in a few bytes: equal contents, equal fingerprint. The day it
    was printed is not what it holds (a packet built before midnight stays good after)."""
    text = json.dumps(_without_print_date(contents), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _without_print_date(value):
    if isinstance(value, dict):
        return {k: _without_print_date(v) for k, v in value.items() if k != "generated_on"}
    if isinstance(value, list):
        return [_without_print_date(v) for v in value]
    return value


@bp.route("/packets/<token>")
@login_required
def built_packet(token: str):
    """A packet built a moment ago, for the user who built it only."""
    found = built_packets.find(current_user.id, token)
    if found is None:
        abort(404)
    kept, path = found
    refusal = refusal_of_built_packet(kept["partnership"], kept["fingerprint"])
    if refusal is not None:
        return refusal
    name = kept["name"]
    _record_download(name)
    return send_file(path, mimetype=FORMATS["pdf"], as_attachment=True, download_name=name)


def refusal_of_built_packet(partnership_id: int, built_fingerprint: str):
    """Access and content again, at the download of a packet built earlier (here or by
    a job): what the reader may see can have changed since. None when it still holds."""
    partnership = access.partnership_for_view(partnership_id)
    if fingerprint(packet_contents(partnership)) == built_fingerprint:
        return None
    flash(_("The records changed after this packet was built (or what you may see of "
            "them did): build the packet again."), "error")
    return redirect(url_for("partnerships.overview", partnership_id=partnership.id)
                    + "#documents-heading")
