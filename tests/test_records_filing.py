"""Signing and filing records, over HTTP: signed in Tandem or on paper, filed unchanged
with their hash and the district's seal, locked until reopened, checked on /verify."""
from __future__ import annotations

import hashlib
import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader

from webapp.extensions import db
from webapp.models import AuditEvent, RecordVersion, VersionStatus

from . import factories
from .conftest import PASSWORD, _signed_in


@pytest.fixture
def ready_plan(partnership):
    """A partnership whose plan is complete, ready to sign."""
    p = partnership
    start = p.program.start_date
    p.focus_area, p.objective_source = "Sharing instructional strategies", "class"
    p.objective, p.student_goal, p.educator_goal = ("Number talks", "Explain strategies",
                                                    "Ask better questions")
    p.approaches, p.approach_plan = ["Observe practices and share feedback"], "Visit monthly"
    p.communication_plan = "Email on Fridays"
    p.start_date, p.end_date, p.cadence = start + timedelta(days=20), start + timedelta(
        days=200), "biweekly"
    db.session.commit()
    return p


def plan_page(p) -> str:
    return f"/records/plan/{p.id}"


def sign(client, p, slot: str, name: str, password: str = PASSWORD, drawn: str = ""):
    return client.post(plan_page(p) + "/sign", data={
        "slot": slot, "typed_name": name, "consent": "y", "password": password,
        "drawn": drawn})


def filed_versions(p) -> list[RecordVersion]:
    from webapp.records import filing

    record = filing.find(filing.PLAN, p)
    return [v for v in (record.versions if record else []) if v.status is VersionStatus.FILED]


def everyone_signs(app, p, teacher, partner, principal):
    as_teacher, as_partner = _signed_in(app, teacher), _signed_in(app, partner)
    as_principal = _signed_in(app, principal)
    assert sign(as_teacher, p, f"member:{teacher.id}", "Ana Teacher",
                drawn="[[[10,10],[200,150],[400,40]]]").status_code == 302
    assert sign(as_partner, p, f"member:{partner.id}", "Ben Partner").status_code == 302
    assert not filed_versions(p)
    assert sign(as_principal, p, f"principal:{p.school_id}", "Pat Principal").status_code == 302
    return as_teacher, as_partner, as_principal


def test_members_and_principal_sign_then_it_is_filed_with_its_hash_and_seal(
        app, ready_plan, teacher, partner, principal):
    as_teacher, _, as_principal = everyone_signs(app, ready_plan, teacher, partner, principal)
    [version] = filed_versions(ready_plan)
    assert version.signed_on == "tandem" and version.number == 1
    assert version.sha256 == hashlib.sha256(version.pdf).hexdigest()
    assert [s.role for s in version.signatures] == [
        "Teacher", "Teacher", "Principal, Riverside Elementary"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(version.pdf)).pages)
    assert "Signed electronically in Tandem by Ana Teacher on" in text
    assert f"/verify/{version.code}" in text and version.code in text
    assert "Draft" not in text
    # Downloads of the filed plan are the filed bytes, byte for byte.
    response = as_teacher.get(f"/records/partnerships/{ready_plan.id}/plan.pdf")
    assert response.status_code == 302
    assert as_teacher.get(response.headers["Location"]).data == version.pdf
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions.count("record_signed") == 3 and "record_filed" in actions


def seal_status(app, data: bytes):
    """The district seal's validation status (pyhanko-certvalidator, its certificate as
    the trust root), as a PDF reader told to trust it would report it."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from webapp.records import seal

    with app.test_request_context():
        root = seal.certificate()
    [signature] = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    assert signature.field_name == seal.SEAL_FIELD
    # Through seal._run, as the app does: after a browser test, Playwright's event loop
    # runs in this thread, and pyHanko's sync API (asyncio.run) refuses to start there.
    return seal._run(async_validate_pdf_signature(signature,
                                                  ValidationContext(trust_roots=[root])))


def test_the_seal_validates_and_a_one_byte_change_breaks_it(app, ready_plan, teacher,
                                                            partner, principal):
    everyone_signs(app, ready_plan, teacher, partner, principal)
    [version] = filed_versions(ready_plan)
    status = seal_status(app, version.pdf)
    assert status.intact and status.valid and status.coverage.name == "ENTIRE_FILE"
    changed = bytearray(version.pdf)
    changed[2000] ^= 0x01  # one byte of the signed document (the seal is at the end)
    assert not seal_status(app, bytes(changed)).intact


def test_filed_plan_locks_its_steps_until_the_principal_reopens_it(
        app, ready_plan, teacher, partner, principal):
    as_teacher, _, as_principal = everyone_signs(app, ready_plan, teacher, partner, principal)
    [first] = filed_versions(ready_plan)
    page = as_teacher.get(f"/partnerships/{ready_plan.id}/objective").get_data(
        as_text=True)
    assert "is filed" in page
    response = as_teacher.post(f"/partnerships/{ready_plan.id}/objective", data={
        "focus_area": "Sharing instructional strategies", "objective": "A changed objective",
        "student_goal": "s", "educator_goal": "e", "objective_source": "class",
        "version": ready_plan.objective_version})
    assert response.status_code == 302
    db.session.expire_all()
    assert ready_plan.objective == "Number talks"
    page = as_teacher.get(response.headers["Location"]).get_data(as_text=True)
    assert "is filed" in page and "A changed objective" in page  # the text is kept

    # A teacher cannot reopen; the principal can, with a reason.
    assert as_teacher.post(plan_page(ready_plan) + "/reopen",
                           data={"reason": "x"}).status_code == 403
    missing = as_principal.post(plan_page(ready_plan) + "/reopen", data={"reason": ""})
    assert missing.status_code == 422 and "Say why" in missing.get_data(as_text=True)
    assert as_principal.post(plan_page(ready_plan) + "/reopen",
                             data={"reason": "The end date moved"}).status_code == 302
    ready_plan.objective = "A changed objective"
    db.session.commit()
    from webapp.records import filing

    found = filing.state(filing.PLAN, ready_plan)
    assert found.locked is None and found.number == 2 and not found.signed_slots()
    assert found.context["document_id"] != first.code
    page = as_principal.get(plan_page(ready_plan)).get_data(as_text=True)
    assert first.code in page and first.sha256 in page and "The end date moved" in page
    # The first version is still downloadable, unchanged.
    assert as_teacher.get(f"/records/filed/{first.id}.pdf").data == first.pdf
    assert as_teacher.get(f"/records/filed/{first.id}.docx").data[:2] == b"PK"


def test_signatures_made_before_a_change_no_longer_count(app, ready_plan, teacher, partner,
                                                         principal):
    as_teacher = _signed_in(app, teacher)
    sign(as_teacher, ready_plan, f"member:{teacher.id}", "Ana Teacher")
    ready_plan.approach_plan = "Visit every other week instead"
    db.session.commit()
    as_partner = _signed_in(app, partner)
    assert "must be signed again" in as_partner.get(plan_page(ready_plan)).get_data(
        as_text=True)
    sign(as_partner, ready_plan, f"member:{partner.id}", "Ben Partner")
    from webapp.records import filing

    found = filing.state(filing.PLAN, ready_plan)
    assert found.signed_slots() == {f"member:{partner.id}"}
    assert "record_signatures_cleared" in [e.action for e in db.session.query(AuditEvent)]


def test_a_wrong_password_refuses_the_signature_and_keeps_what_was_typed(app, ready_plan,
                                                                         teacher):
    as_teacher = _signed_in(app, teacher)
    response = sign(as_teacher, ready_plan, f"member:{teacher.id}", "Ana Q. Teacher",
                    password="not the password")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "That password is not right." in page and 'value="Ana Q. Teacher"' in page
    from webapp.records import filing

    assert filing.find(filing.PLAN, ready_plan) is None


def test_nobody_signs_for_someone_else_or_another_school(app, ready_plan, teacher, partner,
                                                         other_principal, other_teacher):
    as_teacher = _signed_in(app, teacher)
    assert sign(as_teacher, ready_plan, f"member:{partner.id}", "Ben").status_code == 422
    assert sign(as_teacher, ready_plan, f"principal:{ready_plan.school_id}",
                "Pat").status_code == 422
    for outsider in (other_principal, other_teacher):
        client = _signed_in(app, outsider)
        assert client.get(plan_page(ready_plan)).status_code in (403, 404)
        assert sign(client, ready_plan, f"principal:{ready_plan.school_id}",
                    "X").status_code in (403, 404)
    from webapp.records import filing

    assert filing.find(filing.PLAN, ready_plan) is None


def test_an_incomplete_plan_cannot_be_signed(app, partnership, teacher):
    partnership.objective = "Only this"
    db.session.commit()
    as_teacher = _signed_in(app, teacher)
    page = as_teacher.get(plan_page(partnership)).get_data(as_text=True)
    assert "Not complete yet" in page and "Student learning goal" in page
    assert 'id="sign-form"' not in page


# --- /verify ----------------------------------------------------------------------------

def test_verify_tells_an_unaltered_filed_record_from_a_changed_copy(app, client, ready_plan,
                                                                    teacher, partner,
                                                                    principal):
    everyone_signs(app, ready_plan, teacher, partner, principal)
    [version] = filed_versions(ready_plan)
    response = client.post("/verify/", data={
        "document": (io.BytesIO(version.pdf), "plan.pdf"), "code": ""},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert "This PDF is an unaltered record filed in Tandem." in page
    assert "Ana Teacher (Teacher) signed on" in page and "Number talks" not in page
    changed = bytearray(version.pdf)
    changed[2000] ^= 0x01
    changed = bytes(changed)
    response = client.post("/verify/", data={"document": (io.BytesIO(changed), "plan.pdf")},
                           content_type="multipart/form-data")
    assert "is not an unaltered record" in response.get_data(as_text=True)
    by_id = client.post("/verify/", data={"code": version.code.lower().replace("-", " ")})
    assert f"Document {version.code} is a record filed in Tandem." in by_id.get_data(
        as_text=True)
    assert "No filed record" in client.get("/verify/AAAAA-BBBBB").get_data(as_text=True)
    assert db.session.query(AuditEvent).filter_by(action="record_verified").count() == 4


def test_verify_is_rate_limited_per_address(app, client):
    from webapp.records import verify

    for _ in range(verify.VERIFY_LIMIT):
        assert client.get("/verify/AAAAA-BBBBB").status_code == 200
    assert client.get("/verify/AAAAA-BBBBB").status_code == 429


# --- print and sign on paper -------------------------------------------------------------

def scanned_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    from pypdf.actions import JavaScript

    writer.add_open_action(JavaScript("app.alert('hello');"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_jpeg_with_location() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (850, 1100), "white")
    exif = Image.Exif()
    exif[0x8825] = {2: (45.0, 30.0, 0.0)}  # GPS latitude
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["pdf", "jpeg"])
def test_a_signed_paper_scan_is_filed_with_its_hash(app, ready_plan, principal, kind):
    data = scanned_pdf() if kind == "pdf" else scanned_jpeg_with_location()
    as_principal = _signed_in(app, principal)
    response = as_principal.post(plan_page(ready_plan) + "/paper", data={
        "scan": (io.BytesIO(data), "looks-like.png")}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    [version] = filed_versions(ready_plan)
    assert version.signed_on == "paper"
    assert version.sha256 == hashlib.sha256(version.pdf).hexdigest()
    assert PdfReader(io.BytesIO(version.pdf)).pages
    status = seal_status(app, version.pdf)
    assert status.intact and status.valid
    if kind == "pdf":
        assert b"app.alert" not in version.scan and b"/JavaScript" not in version.pdf
    else:
        from PIL import Image

        assert version.scan_type == "image/jpeg"
        assert not Image.open(io.BytesIO(version.scan)).getexif()  # no location, no camera
    scan = as_principal.get(f"/records/filed/{version.id}/scan")
    assert scan.headers["Content-Disposition"].startswith("attachment")
    assert "record_scan_uploaded" in [e.action for e in db.session.query(AuditEvent)]


def test_a_file_that_is_not_a_scan_is_refused_by_its_content(app, ready_plan, principal):
    as_principal = _signed_in(app, principal)
    response = as_principal.post(plan_page(ready_plan) + "/paper", data={
        "scan": (io.BytesIO(b"<html>not a scan</html>"), "scan.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "not a PDF, PNG or JPEG" in response.get_data(as_text=True)
    assert not filed_versions(ready_plan)
    broken = as_principal.post(plan_page(ready_plan) + "/paper", data={
        "scan": (io.BytesIO(b"%PDF-1.7\nnonsense"), "scan.pdf")},
        content_type="multipart/form-data")
    assert broken.status_code == 422 and "could not be read" in broken.get_data(as_text=True)


def test_filed_visitation_form_locks_the_visit_report(app, program, teacher, partner,
                                                      principal, ready_plan):
    from webapp.models import VisitStatus

    visit = factories.visit_for(ready_plan, teacher, status=VisitStatus.APPROVED,
                                proposed_date=program.start_date)
    as_principal = _signed_in(app, principal)
    response = as_principal.post(f"/records/visit/{visit.id}/paper", data={
        "scan": (io.BytesIO(scanned_pdf()), "scan.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302
    as_teacher = _signed_in(app, teacher)
    response = as_teacher.post(f"/visits/{visit.id}/report", data={
        "learned_1": "A new thing I learned", "learned_2": "", "learned_3": "",
        "impact": "", "next_steps": "", "notes": ""})
    page = response.get_data(as_text=True)
    assert "is filed" in page and "A new thing I learned" in page
    db.session.expire_all()
    assert visit.learned_1 != "A new thing I learned"
    assert re.search(r"document [A-Z2-7]{5}-[A-Z2-7]{5}", page)


def test_a_partnership_whose_records_are_filed_still_completes(app, partnership, teacher,
                                                               partner, principal, program):
    """Filing the reflection record locks steps 5 and 6, not the completion."""
    app.config["TODAY"] = program.start_date + timedelta(days=120)
    factories.ready_to_complete(partnership, (teacher, partner),
                                program.start_date + timedelta(days=60))
    as_principal = _signed_in(app, principal)
    response = as_principal.post(f"/records/reflection/{partnership.id}/paper", data={
        "scan": (io.BytesIO(scanned_pdf()), "scan.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302
    as_teacher = _signed_in(app, teacher)
    response = as_teacher.post(f"/partnerships/{partnership.id}/complete",
                               data={"confirm": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert partnership.completed_at is not None


def test_the_packet_holds_a_filed_document_as_filed(app, ready_plan, teacher, partner,
                                                    principal):
    as_teacher, _, _ = everyone_signs(app, ready_plan, teacher, partner, principal)
    [version] = filed_versions(ready_plan)
    data = as_teacher.get(f"/records/partnerships/{ready_plan.id}/packet").data
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Signed electronically in Tandem by Ben Partner" in text
    assert f"Document {version.code}" in text and f"/verify/{version.code}" in text


def test_homes_list_what_waits_for_each_signature(app, ready_plan, teacher, partner,
                                                  principal, other_principal):
    as_teacher = _signed_in(app, teacher)
    sign(as_teacher, ready_plan, f"member:{teacher.id}", "Ana Teacher")
    assert "Waiting for your signature" not in as_teacher.get("/").get_data(as_text=True)
    for user in (partner, principal):
        page = _signed_in(app, user).get("/").get_data(as_text=True)
        assert "Waiting for your signature" in page and f"/records/plan/{ready_plan.id}" in page
    page = _signed_in(app, other_principal).get("/").get_data(as_text=True)
    assert "Waiting for your signature" not in page
