"""Signing and filing: how a document becomes a record that never changes.

A document (a partnership's plan or reflection record, or a visit's visitation form)
names who must sign it: its signature slots (context.py): each member or the visiting
teacher, the principal of each of their schools (whoever holds the post when signing),
the district's approver where a visit needed one. The first signature starts a version
holding the file's copy of the document as it was signed. Someone signing after the
document changed starts the version over (the earlier signatures were for other
words; audited). When the last slot is signed the version is filed: its PDF is made
once, sealed by the district (seal.py), and kept with its SHA-256; it is never made
again. Instead of signing in Tandem, a signed paper copy can be scanned and uploaded;
it is filed the same way.

A filed record locks what it was made from (`locked_steps`, used by access.py) until
a principal reopens it with a reason; the next version must be signed again, and the
filed versions stay listed and downloadable.

The file's copy of the reflection record is the principal's: cycle notes only where the
partnership shares them, no weekly reflections.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..documents import context as documents
from ..documents import pdf
from ..extensions import db
from ..links import external_url
from ..models import (Partnership, Record, RecordSignature, RecordVersion, Role, User,
                      VersionStatus, Visit)
from ..models.base import utcnow

PLAN, VISIT_FORM, REFLECTION = "partnership_plan", "visitation_form", "reflection_record"
KINDS = (PLAN, VISIT_FORM, REFLECTION)
# The steps whose answers each document prints: filed, they may not change.
LOCKED_STEPS = {PLAN: ("objective", "partner", "approach", "timeline"),
                REFLECTION: ("cycles", "reflection")}
CONSENT = _l("I have read this document and I sign it. I agree that my typed name (and "
             "the signature I drew, if any) is my signature on it.")
SIGNED_IN_TANDEM = _l("Signed electronically in Tandem by %(name)s on %(day)s")
SIGNED_ON_PAPER = _l("Signed on paper; the signed copy was scanned and filed on %(day)s")
VERIFY_TEXT = _l("Check that this record is unaltered, and who signed it, at")
QR_ALT = _l("QR code of the verification link")


class FilingError(Exception):
    """Why a signature or a filing was refused, in words for the user."""


@dataclass
class State:
    """A document as it stands for its record: what is filed, what is being signed."""

    kind: str
    partnership: Partnership
    visit: Visit | None
    record: Record | None
    context: dict                    # the file's copy, with signatures made so far
    number: int                      # the version being signed (or the next one)
    signing: RecordVersion | None    # a version gathering signatures, if any
    stale: bool = False              # the document changed since someone signed
    filed: list[RecordVersion] = field(default_factory=list)  # every filed version

    @property
    def locked(self) -> RecordVersion | None:
        """The filed version in force (not reopened), if any."""
        latest = self.record.latest if self.record else None
        if latest is not None and latest.status is VersionStatus.FILED and not latest.reopened_at:
            return latest
        return None

    @property
    def slots(self) -> list[dict]:
        return self.context.get("signatures", [])

    def signed_slots(self) -> set[str]:
        if self.signing is None or self.stale:
            return set()
        return {s.slot for s in self.signing.signatures}


def page_of(record: Record) -> tuple[str, int]:
    """(which, object id) of a record's page: records.record_page and access take them."""
    if record.visit_id:
        return "visit", record.visit_id
    return ("plan" if record.kind == PLAN else "reflection"), record.partnership_id


def subject(kind: str, partnership: Partnership, visit: Visit | None = None) -> str:
    return f"{kind}:visit:{visit.id}" if kind == VISIT_FORM else f"{kind}:{partnership.id}"


def document_id(subject_key: str, number: int) -> str:
    """A version's id: ten characters from the app's secret key, not guessable from
    another's, the same each time the same version is printed."""
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(),
                      f"{subject_key}#{number}".encode(), hashlib.sha256).digest()
    code = base64.b32encode(digest).decode()[:10]
    return f"{code[:5]}-{code[5:]}"


def normalise_code(text: str) -> str:
    raw = "".join(ch for ch in text.upper() if ch.isalnum())[:10]
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == 10 else ""


def file_copy(kind: str, partnership: Partnership, visit: Visit | None = None) -> dict:
    """The document as it goes on file (the principal's copy)."""
    if kind == PLAN:
        return documents.partnership_plan(partnership)
    if kind == VISIT_FORM:
        return documents.visitation_form(visit)
    return documents.reflection_record(partnership, include_cycles=bool(
        partnership.share_cycles_with_principal))


def fingerprint(context: dict) -> str:
    """What a signature signs: the document's words and who must sign, not the day it is
    printed, its id or its letterhead."""
    signed = {key: value for key, value in context.items()
              if key not in ("generated_on", "document_id", "verify", "letterhead", "lang",
                             "missing", "words", "file_name")}
    signed["signatures"] = [(s["slot"], s["role"]) for s in context.get("signatures", [])]
    return hashlib.sha256(json.dumps(signed, sort_keys=True).encode()).hexdigest()


def find(kind: str, partnership: Partnership, visit: Visit | None = None) -> Record | None:
    return db.session.scalar(select(Record).where(
        Record.subject == subject(kind, partnership, visit)))


def state(kind: str, partnership: Partnership, visit: Visit | None = None) -> State:
    return _state(kind, partnership, visit, find(kind, partnership, visit))


def _state(kind: str, partnership: Partnership, visit: Visit | None,
           record: Record | None) -> State:
    latest = record.latest if record else None
    live = file_copy(kind, partnership, visit)
    signing = latest if latest is not None and latest.status is VersionStatus.SIGNING else None
    if signing is not None:
        number = signing.number
    else:
        number = latest.number + 1 if latest else 1
    found = State(kind, partnership, visit, record, live, number, signing,
                  filed=[v for v in (record.versions if record else [])
                         if v.status is VersionStatus.FILED])
    found.stale = signing is not None and signing.fingerprint != fingerprint(live)
    live["document_id"] = document_id(subject(kind, partnership, visit), number)
    _show_signatures(live, signing.signatures if signing and not found.stale else [])
    return found


def apply_to(context: dict, kind: str, partnership: Partnership,
             visit: Visit | None = None) -> RecordVersion | None:
    """Give a reader's copy of the document its record's document id and the signatures
    made so far; returns the filed version in force (whose stored PDF is then the copy
    to give). A document nobody has begun to sign needs no record at all."""
    record = find(kind, partnership, visit)
    if record is None:
        context["document_id"] = document_id(subject(kind, partnership, visit), 1)
        return None
    found = _state(kind, partnership, visit, record)
    if found.locked is not None:
        return found.locked
    context["document_id"] = found.context["document_id"]
    made = {line["slot"]: line for line in found.slots}
    for line in context.get("signatures", []):
        if line["slot"] in made:
            line.update(name=made[line["slot"]]["name"], signed=made[line["slot"]]["signed"],
                        drawn=made[line["slot"]]["drawn"])
    return None


def _show_signatures(context: dict, signatures: list[RecordSignature]) -> None:
    made = {s.slot: s for s in signatures}
    for line in context.get("signatures", []):
        signature = made.get(line["slot"])
        if signature is not None:
            line["name"] = signature.typed_name
            line["drawn"] = drawn_svg(signature.drawn)
            line["signed"] = str(SIGNED_IN_TANDEM % {
                "name": signature.typed_name, "day": signature.signed_at.date().isoformat()})


# --- who may sign ---------------------------------------------------------------------

def may_sign(user: User, slot: str, partnership: Partnership) -> bool:
    """Whether `user` may sign the line `slot` now."""
    kind, _, value = slot.partition(":")
    if not user.active:
        return False
    if kind == "member":
        return str(user.id) == value and partnership.is_member(user)
    if kind == "principal":
        return user.role is Role.PRINCIPAL and str(user.school_id) == value
    if kind == "district":
        return (user.role is Role.DISTRICT_ADMIN
                and user.district_id == partnership.program.district_id)
    return False


def open_slots_for(user: User, found: State) -> list[dict]:
    """The lines `user` may sign on this document now."""
    if found.locked is not None:
        return []
    done = found.signed_slots()
    return [line for line in found.slots
            if line["slot"] not in done and may_sign(user, line["slot"], found.partnership)]


# --- signing and filing ---------------------------------------------------------------

def sign(found: State, user: User, slot: str, typed_name: str, drawn: str, *, ip: str,
         user_agent: str) -> RecordVersion:
    """Add `user`'s signature on line `slot`; file the record when it was the last."""
    if found.locked is not None:
        raise FilingError(str(_l("This record is filed. Ask your principal to reopen it "
                                 "if something must change.")))
    if found.context.get("missing"):
        raise FilingError(str(_l("This document is not complete yet, so it cannot be "
                                 "signed: %(missing)s.",
                                 missing="; ".join(found.context["missing"]))))
    if slot not in {line["slot"] for line in open_slots_for(user, found)}:
        raise FilingError(str(_l("You cannot sign this line.")))
    version = _signing_version(found, user)
    role = next(line["role"] for line in found.slots if line["slot"] == slot)
    version.signatures.append(RecordSignature(
        slot=slot, user_id=user.id, role=role, typed_name=typed_name.strip()[:200],
        statement=str(CONSENT), drawn=drawn, ip=ip[:64], user_agent=user_agent[:300]))
    try:
        db.session.flush()
    except IntegrityError as error:  # signed a moment ago, from another tab
        db.session.rollback()
        raise FilingError(str(_l("This line was signed a moment ago."))) from error
    audit.record("record_signed", _audit_subject(found),
                 f"{version.code} v{version.number}: {role}", actor=user)
    complete_if_signed(found, version, user)
    return version


def _signing_version(found: State, user: User) -> RecordVersion:
    """The version this signature joins: the one being signed, started over if the
    document changed since, or a new one."""
    record = found.record or _new_record(found)
    found.record = record
    version = found.signing
    content = json.loads(json.dumps(found.context))  # as it stands, nobody signed yet
    if version is not None and found.stale:
        dropped = ", ".join(s.role for s in version.signatures)
        version.signatures.clear()
        version.content, version.fingerprint = content, fingerprint(content)
        audit.record("record_signatures_cleared", _audit_subject(found),
                     f"{version.code}: the document changed after {dropped} signed",
                     actor=user)
        found.stale = False
    if version is None:
        version = RecordVersion(
            number=found.number, code=found.context["document_id"], content=content,
            fingerprint=fingerprint(content), status=VersionStatus.SIGNING)
        record.versions.append(version)
        found.signing = version
    return version


def _new_record(found: State) -> Record:
    record = Record(subject=subject(found.kind, found.partnership, found.visit),
                    kind=found.kind, partnership_id=found.partnership.id,
                    visit_id=found.visit.id if found.visit else None)
    db.session.add(record)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # made a moment ago by someone else
        record = find(found.kind, found.partnership, found.visit)
    return record


def complete_if_signed(found: State, version: RecordVersion, user: User | None) -> bool:
    """File `version` if every line is signed (once, even if two last signatures race)."""
    signed = {s.slot for s in version.signatures}
    if version.status is not VersionStatus.SIGNING or any(
            line["slot"] not in signed for line in version.content.get("signatures", [])):
        return False
    context = _filed_context(version, version.signatures)
    data = _sealed(pdf.render(context), context)
    return _file(found, version, data, "tandem", user)


def file_paper(found: State, user: User, scan_pdf: bytes, scan: bytes, scan_type: str
               ) -> RecordVersion:
    """File a signed paper copy: the scan (as a PDF) becomes the filed record."""
    if found.locked is not None:
        raise FilingError(str(_l("This record is filed already.")))
    version = _signing_version(found, user)
    version.signatures.clear()
    version.scan, version.scan_type = scan, scan_type
    context = _filed_context(version, [], paper=True)
    _file(found, version, _sealed(scan_pdf, context), "paper", user)
    return version


def _file(found: State, version: RecordVersion, data: bytes, signed_on: str,
          user: User | None) -> bool:
    db.session.flush()
    claimed = db.session.execute(
        update(RecordVersion).where(RecordVersion.id == version.id,
                                    RecordVersion.status == VersionStatus.SIGNING)
        .values(status=VersionStatus.FILED, filed_at=utcnow(), signed_on=signed_on,
                filed_by_id=user.id if user else None, pdf=data,
                sha256=hashlib.sha256(data).hexdigest())
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        return False
    db.session.refresh(version)
    audit.record("record_filed", _audit_subject(found),
                 f"{version.code} v{version.number} ({signed_on}), sha256 {version.sha256}",
                 actor=user)
    return True


def _filed_context(version: RecordVersion, signatures, paper: bool = False) -> dict:
    context = json.loads(json.dumps(version.content))
    context["document_id"] = version.code
    context["missing"] = []
    _show_signatures(context, signatures)
    if paper:
        for line in context.get("signatures", []):
            line["signed"] = str(SIGNED_ON_PAPER % {"day": utcnow().date().isoformat()})
    url = external_url("verify.record", code=version.code)
    context["verify"] = {"url": url, "text": str(VERIFY_TEXT), "qr": _qr_svg(url),
                         "qr_alt": str(QR_ALT)}
    return context


def drawn_svg(strokes: str) -> str:
    """A drawn signature (strokes of numbers in a 1000 × 300 box) as an SVG of lines:
    made here from numbers only, so nothing the browser sent is passed on as it came."""
    if not strokes:
        return ""
    paths = []
    for stroke in json.loads(strokes):
        points = " ".join(f"{x:g},{y:g}" for x, y in stroke)
        if points:
            paths.append(f'<polyline points="{points}"/>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="300" '
            'viewBox="0 0 1000 300"><g fill="none" stroke="#111" stroke-width="6" '
            f'stroke-linecap="round" stroke-linejoin="round">{"".join(paths)}</g></svg>')


def _sealed(data: bytes, context: dict) -> bytes:
    from .seal import seal

    return seal(data, reason=f"{context['title']} {context['document_id']}: filed",
                location=" – ".join(context["letterhead"]["lines"]))


def _qr_svg(url: str) -> str:
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", border=0, xmldecl=False,
                                    svgns=True, omitsize=False)
    return out.getvalue().decode()


def filed_copy_context(version: RecordVersion) -> dict:
    """The context a filed version was made from, with its signatures: for its Word copy
    (the PDF is the stored bytes)."""
    if version.signed_on == "paper":
        return _filed_context(version, [], paper=True)
    return _filed_context(version, version.signatures)


# --- reopening and locks --------------------------------------------------------------

def reopen(found: State, user: User, reason: str) -> None:
    version = found.locked
    if version is None:
        raise FilingError(str(_l("This record is not filed.")))
    version.reopened_at, version.reopened_by_id = utcnow(), user.id
    version.reopen_reason = reason.strip()
    audit.record("record_reopened", _audit_subject(found),
                 f"{version.code} v{version.number}: {reason.strip()}", actor=user)


def locked_steps(partnership: Partnership) -> dict[str, RecordVersion]:
    """Step key -> the filed version that locks it."""
    locks = {}
    for kind, steps in LOCKED_STEPS.items():
        record = find(kind, partnership)
        version = record.latest if record else None
        if version is not None and version.status is VersionStatus.FILED \
                and not version.reopened_at:
            locks.update(dict.fromkeys(steps, version))
    return locks


def visit_locked(visit: Visit) -> RecordVersion | None:
    record = find(VISIT_FORM, visit.partnership, visit)
    version = record.latest if record else None
    if version is not None and version.status is VersionStatus.FILED and not version.reopened_at:
        return version
    return None


def by_code(code: str) -> RecordVersion | None:
    code = normalise_code(code)
    return db.session.scalar(select(RecordVersion).where(
        RecordVersion.code == code, RecordVersion.status == VersionStatus.FILED)) if code else None


def by_hash(sha256: str) -> RecordVersion | None:
    return db.session.scalar(select(RecordVersion).where(
        RecordVersion.sha256 == sha256, RecordVersion.status == VersionStatus.FILED))


def _audit_subject(found: State) -> str:
    return found.context["file_name"]


def waiting_for(user: User) -> list[tuple[RecordVersion, str]]:
    """Versions being signed that wait for `user`'s signature, with the page to sign on."""
    from flask import url_for

    from sqlalchemy.orm import joinedload, selectinload

    from ..models import Program

    versions = db.session.scalars(
        select(RecordVersion).join(Record).join(Partnership).join(Program)
        .where(RecordVersion.status == VersionStatus.SIGNING,
               Program.district_id == user.district_id)
        .options(selectinload(RecordVersion.signatures),
                 joinedload(RecordVersion.record).joinedload(Record.partnership))
        .order_by(RecordVersion.started_at))
    found = []
    for version in versions:
        partnership = version.record.partnership
        signed = {s.slot for s in version.signatures}
        if any(line["slot"] not in signed and may_sign(user, line["slot"], partnership)
               for line in version.content.get("signatures", [])):
            which, object_id = page_of(version.record)
            found.append((version, url_for("records.record_page", which=which,
                                           object_id=object_id)))
    return found
