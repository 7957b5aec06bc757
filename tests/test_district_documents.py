"""The district's letterhead and its own Word templates: checked, previewed with demo data,
used for Word files only (PDFs keep Tandem's layout and the letterhead), restorable."""
from __future__ import annotations

import io
import re
import subprocess

import pikepdf
import pytest
from docx import Document

from webapp.documents import docx as word
from webapp.extensions import db
from webapp.models import AuditEvent, DistrictTemplate

from .test_documents import docx_paragraphs


def template_with(paragraph: str, document: str = "partnership_plan") -> bytes:
    """The built-in template with one more paragraph at the top."""
    doc = Document(io.BytesIO(word.builtin_template(document)))
    doc.paragraphs[0].insert_paragraph_before(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def upload(client, data: bytes, document: str = "partnership_plan", name: str = "ours.docx"):
    return client.post(f"/admin/documents/templates/{document}", data={
        f"{document}-template": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.fixture
def planned(partnership):
    partnership.objective = "Number talks"
    db.session.commit()
    return partnership


def test_a_template_with_unknown_fields_is_refused_by_name(as_admin):
    response = upload(as_admin, template_with("{{ secret_key }} and {{ user.password }}"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "fields this document does not have: secret_key, user" in page
    assert db.session.query(DistrictTemplate).count() == 0


def test_a_file_that_is_not_a_word_document_is_refused(as_admin):
    response = upload(as_admin, b"%PDF-1.7 not a docx")
    assert response.status_code == 422
    assert "not a Word document" in response.get_data(as_text=True)


def test_a_template_renders_in_a_sandbox(as_admin):
    response = upload(as_admin, template_with("{{ title.__class__.__mro__[1].__subclasses__() }}"))
    assert response.status_code == 422
    assert "could not be filled in with sample data" in response.get_data(as_text=True)
    assert db.session.query(DistrictTemplate).count() == 0


def test_a_good_template_is_previewed_then_used_for_word_and_restorable(
        as_admin, as_teacher, planned, district):
    district.letterhead_lines = ["Park West School Division", "123 Main Street, Winnipeg"]
    db.session.commit()
    response = upload(as_admin, template_with("OUR OWN TEMPLATE for {{ people }}"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "OUR OWN TEMPLATE for Ana Sample &amp; Ben Example" in page  # demo data
    assert db.session.query(DistrictTemplate).count() == 0  # not used before confirming
    token = re.search(r'name="token"[^>]*value="([^"]+)"', page).group(1)
    preview = as_admin.get(f"/admin/documents/templates/partnership_plan/preview.docx?token={token}")
    assert "OUR OWN TEMPLATE for Ana Sample & Ben Example" in docx_paragraphs(preview.data)
    assert as_admin.post("/admin/documents/templates/partnership_plan/use",
                         data={"token": token}).status_code == 302

    plan = as_teacher.get(f"/records/partnerships/{planned.id}/plan.docx").data
    paragraphs = docx_paragraphs(plan)
    assert "OUR OWN TEMPLATE for Ana Teacher & Ben Partner" in paragraphs
    assert "123 Main Street, Winnipeg" in paragraphs
    pdf = as_teacher.get(f"/records/partnerships/{planned.id}/plan.pdf").data
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout
    assert "123 Main Street, Winnipeg" in text.decode() and b"OUR OWN" not in text

    assert as_admin.post("/admin/documents/templates/partnership_plan/restore").status_code == 302
    plan = as_teacher.get(f"/records/partnerships/{planned.id}/plan.docx").data
    assert not any("OUR OWN TEMPLATE" in p for p in docx_paragraphs(plan))
    actions = [e.action for e in db.session.query(AuditEvent)]
    assert "district_template_uploaded" in actions and "district_template_restored" in actions


def test_an_expired_or_foreign_upload_cannot_be_used(as_admin):
    response = as_admin.post("/admin/documents/templates/partnership_plan/use",
                             data={"token": "A" * 24})
    assert response.status_code == 302
    assert db.session.query(DistrictTemplate).count() == 0


def logo_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1200, 300), (20, 60, 120)).save(out, format="PNG")
    return out.getvalue()


def test_letterhead_lines_and_logo_go_on_every_document(as_admin, as_teacher, planned,
                                                        district):
    response = as_admin.post("/admin/documents/letterhead", data={
        "lines": "Park West School Division\n<b>{{7*7}}</b> Office", "logo": (
            io.BytesIO(logo_png()), "logo.png")}, content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(district)
    assert district.letterhead_lines == ["Park West School Division", "<b>{{7*7}}</b> Office"]
    from PIL import Image

    assert Image.open(io.BytesIO(district.logo_png)).size == (600, 150)  # scaled to fit
    pdf = as_teacher.get(f"/records/partnerships/{planned.id}/plan.pdf").data
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout
    assert "<b>{{7*7}}</b> Office" in text.decode()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        images = [obj for obj in document.objects if isinstance(obj, pikepdf.Stream)
                  and obj.get("/Subtype") == "/Image"]
        assert images
    assert "<b>{{7*7}}</b> Office" in docx_paragraphs(
        as_teacher.get(f"/records/partnerships/{planned.id}/plan.docx").data)


def test_a_logo_that_is_not_a_picture_is_refused(as_admin, district):
    response = as_admin.post("/admin/documents/letterhead", data={
        "lines": "Kept text", "logo": (io.BytesIO(b"GIF89a..."), "logo.png")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "not a PNG or JPEG" in page and "Kept text" in page
    db.session.refresh(district)
    assert district.logo_png is None and not district.letterhead_lines


@pytest.mark.parametrize("who", ["as_teacher", "as_principal"])
def test_only_district_administrators_manage_documents(who, request):
    client = request.getfixturevalue(who)
    assert client.get("/admin/documents").status_code == 403
    assert upload(client, template_with("x")).status_code == 403
