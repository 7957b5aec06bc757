"""Word files as a principal files them: real properties, page numbers Word updates, a
signature block kept whole, every page's footer, the draft notice, the letterhead,
a district's own template, and the templates inside the wheel.

Rendered without HTTP and read back with python-docx (tests/test_documents.py has the
fixtures and checks the text both formats print).
"""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from shutil import copy, copytree, ignore_patterns

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from jinja2.sandbox import SecurityError
from PIL import Image

from webapp.documents import docx
from webapp.documents.letterhead import reencode
from webapp.extensions import db

from .test_documents import build, docx_paragraphs, full_partnership  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ("partnership_plan", "visitation_form", "reflection_record")
TEMPLATES = DOCUMENTS + ("instructional_target", "families_summary")
SIGNED = "Signed electronically in Tandem on 2027-03-01"


def word(context: dict, **options) -> Document:
    return Document(io.BytesIO(docx.render(context, **options)))


def part_xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def district_template(*lines: str) -> bytes:
    """A district's own template: a paragraph per line."""
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def signature_block(document):
    """The block before the 'Signatures' heading, the heading and the signature table."""
    blocks = list(document.iter_inner_content())
    at = next(n for n, b in enumerate(blocks) if not isinstance(b, Table) and b.text == "Signatures")
    return blocks[at - 1], blocks[at], blocks[at + 1]


def keeps_with_next(row) -> bool:
    return all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)


def cannot_split(row) -> bool:
    return row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None


# --- the file's properties ----------------------------------------------------------------

def test_core_properties_name_the_document_its_people_and_date(full_partnership):
    context = build("partnership_plan", full_partnership)
    context["document_id"] = "TD-2027-0042"
    moment = datetime(2027, 2, 14, 9, 30, tzinfo=timezone.utc)
    properties = word(context, moment=moment).core_properties
    assert properties.title == "Partnership plan – Ana Teacher & Ben Partner – 2027-02-14"
    assert properties.author == "Ana Teacher & Ben Partner"
    assert properties.subject == "Park West School Division – Riverside Elementary"
    assert properties.identifier == "TD-2027-0042"
    assert properties.language == "en"
    assert properties.last_modified_by == "Tandem"
    assert properties.created == properties.modified == moment
    assert properties.revision == 1
    assert properties.comments == ""


def test_without_a_moment_the_file_is_dated_now_not_2013(full_partnership):
    properties = word(build("visitation_form", full_partnership)).core_properties
    assert abs(properties.created - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_a_long_title_is_cut_to_what_word_properties_hold(full_partnership):
    context = build("partnership_plan", full_partnership)
    context["people"] = "A very long list of people, " * 20
    properties = word(context).core_properties
    assert len(properties.title) == len(properties.author) == 255


def test_page_numbers_are_fields_word_updates_on_open(full_partnership):
    data = docx.render(build("reflection_record", full_partnership))
    assert '<w:updateFields w:val="true"/><w:compat>' in part_xml(data, "word/settings.xml")
    footer = part_xml(data, "word/footer1.xml")
    assert '<w:fldSimple w:instr="PAGE">' in footer
    assert '<w:fldSimple w:instr="NUMPAGES">' in footer


# --- layout: footer, draft, signatures ----------------------------------------------------

@pytest.mark.parametrize("kind", DOCUMENTS)
def test_every_pages_footer_names_the_document_people_date_and_id(full_partnership, kind):
    context = build(kind, full_partnership)
    context["document_id"] = "TD-2027-0042"
    footer = [p.text for p in word(context).sections[0].footer.paragraphs]
    left = f"{context['title']} · {context['people']} · 2027-02-14"
    # python-docx leaves the PAGE and NUMPAGES fields out of the text (Word fills them in).
    assert footer == [f"{left}\tDocument TD-2027-0042 · Page  of "]


def test_a_document_without_an_id_does_not_print_the_word(full_partnership):
    context = build("visitation_form", full_partnership)
    context["document_id"] = ""
    document = word(context)
    assert document.sections[0].footer.paragraphs[0].text.endswith("\tPage  of ")
    assert "Generated on 2027-02-14" in [p.text for p in document.paragraphs]


def test_a_draft_says_so_on_every_page_and_lists_what_is_missing(full_partnership):
    full_partnership.student_goal = full_partnership.communication_plan = ""
    db.session.commit()
    context = build("partnership_plan", full_partnership)
    assert len(context["missing"]) == 2
    document = word(context)
    assert [p.text for p in document.sections[0].header.paragraphs] == ["DRAFT"]
    texts = [p.text for p in document.paragraphs]
    notice = texts.index("Draft: this record is not complete yet. Missing:")
    assert texts[notice + 1:notice + 3] == context["missing"]
    assert texts[notice - 1].startswith("Generated on 2027-02-14")  # under the title


def test_a_complete_record_carries_no_draft_mark(full_partnership):
    context = build("partnership_plan", full_partnership)
    assert context["missing"] == []
    document = word(context)
    printed = docx_paragraphs(docx.render(context))
    assert [p.text for p in document.sections[0].header.paragraphs] == [""]
    assert not [text for text in printed if "DRAFT" in text or "Missing:" in text]


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_the_signature_block_is_never_split_nor_left_alone(full_partnership, kind):
    context = build(kind, full_partnership)
    before, heading, table = signature_block(word(context))
    assert heading.paragraph_format.keep_with_next  # the heading stays with the rows
    assert len(table.rows) == len(context["signatures"])
    assert all(cannot_split(row) and keeps_with_next(row) for row in table.rows)
    # ... and the block with the last thing before it: the last milestone, the last answer.
    if isinstance(before, Table):
        assert keeps_with_next(before.rows[-1])
        assert not any(keeps_with_next(row) for row in before.rows[1:-1])
    else:
        assert before.style.name == "Answer" and before.paragraph_format.keep_with_next
        answers = [p for p in word(context).paragraphs if p.style.name == "Answer"]
        assert [p.paragraph_format.keep_with_next for p in answers].count(True) == 1


def test_a_signature_in_tandem_prints_how_and_when_instead_of_the_lines(full_partnership):
    context = build("partnership_plan", full_partnership)
    context["signatures"][0]["signed"] = SIGNED
    _, _, table = signature_block(word(context))
    signed, unsigned = table.rows[0], table.rows[1]
    assert [c.text for c in signed.cells] == ["Ana Teacher\nTeacher"] + [SIGNED] * 3  # merged
    assert [c.text for c in unsigned.cells] == ["Ben Partner\nTeacher", "Signature", "", "Date"]
    assert all(cannot_split(row) and keeps_with_next(row) for row in table.rows)


def test_a_filed_record_says_where_to_verify_it(full_partnership):
    context = build("visitation_form", full_partnership)
    assert "Verify" not in "\n".join(docx_paragraphs(docx.render(context)))
    context["verify"] = {"url": "https://tandem.test/v/TD-7", "text": "Verify this record at",
                         "qr": "<svg/>", "qr_alt": "QR code"}
    texts = [p.text for p in word(context).paragraphs]
    at = texts.index("Verify this record at")
    assert texts[at + 1] == "https://tandem.test/v/TD-7"
    assert texts.index("Signatures") < at


# --- letterhead ---------------------------------------------------------------------------

def test_letterhead_lines_print_exactly_as_typed(full_partnership):
    lines = ["{{7*7}} Unified {% if x %}", "</w:t></w:r><w:r><w:t> & <b>", "مدرسة النور الابتدائية"]
    full_partnership.program.district.letterhead_lines = lines
    db.session.commit()
    context = build("partnership_plan", full_partnership)
    texts = [p.text for p in word(context).paragraphs]
    assert texts[:5] == lines + ["Riverside Elementary", "Partnership plan"]


def test_the_district_logo_is_a_picture_with_its_alternative_text(full_partnership):
    picture = io.BytesIO()
    Image.new("RGB", (300, 100), "navy").save(picture, format="PNG")
    full_partnership.program.district.logo_png = reencode(picture.getvalue())
    db.session.commit()
    data = docx.render(build("partnership_plan", full_partnership))
    document = Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    assert 'descr="Logo of Park West School Division"' in part_xml(data, "word/document.xml")
    assert document.paragraphs[0].style.name == "Letterhead"


# --- a district's own template ------------------------------------------------------------

def test_a_districts_template_renders_with_the_same_escaping(full_partnership):
    context = build("partnership_plan", full_partnership)
    context["people"] = "{{7*7}} <w:t> & Ben"
    data = district_template("District copy: {{ title }} for {{ people }}")
    assert docx.check_template(data, context) == []
    document = word(context, template_bytes=data)
    assert [p.text for p in document.paragraphs] == [
        "District copy: Partnership plan for {{7*7}} <w:t> & Ben"]
    assert document.core_properties.author == "{{7*7}} <w:t> & Ben"


def test_check_template_names_the_variables_the_context_lacks(full_partnership):
    context = build("partnership_plan", full_partnership)
    data = district_template("{{ title }}", "{{ principal_phone }}", "{{ school }}")
    assert docx.check_template(data, context) == ["principal_phone", "school"]
    misspelt = district_template("{{ letterhead.motto }}")
    assert docx.check_template(misspelt, context) == ["motto"]


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7 not a Word file", b"PK\x03\x04 broken"])
def test_check_template_refuses_a_file_that_is_not_a_word_document(full_partnership, data):
    with pytest.raises(docx.NotAWordDocument, match="not a Word document"):
        docx.check_template(data, build("partnership_plan", full_partnership))


def test_check_template_refuses_a_zip_of_another_kind(full_partnership):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(docx.NotAWordDocument, match="not a Word document"):
        docx.check_template(out.getvalue(), build("partnership_plan", full_partnership))


def test_check_template_refuses_tags_that_do_not_parse(full_partnership):
    with pytest.raises(ValueError, match="do not parse"):
        docx.check_template(district_template("{{ title "), build("partnership_plan",
                                                                    full_partnership))


def test_a_districts_template_cannot_reach_pythons_internals(full_partnership):
    context = build("partnership_plan", full_partnership)
    data = district_template("{{ title.__class__.__mro__ }}")
    with pytest.raises(ValueError, match="does not render"):
        docx.check_template(data, context)
    with pytest.raises(SecurityError):
        docx.render(context, template_bytes=data)


# --- packaging ----------------------------------------------------------------------------

def test_the_wheel_holds_the_templates_and_docx_finds_them_installed(tmp_path):
    """A plain `pip install .` (not editable) gets the .docx files: built as pip builds it
    (from a copy, as setuptools leaves a build/ folder behind), installed into a folder and
    found by importlib.resources there, outside the source tree."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        copy(ROOT / name, source / name)
    for name in ("webapp", "forms", "doc_templates"):
        copytree(ROOT / name, source / name, ignore=ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", tmp_path / "dist", source], check=True,
                   capture_output=True)
    wheel = next((tmp_path / "dist").glob("tandem-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"doc_templates/{name}.docx" for name in TEMPLATES} <= set(names)
    subprocess.run([*pip, "install", "--no-deps", "--target", tmp_path / "site", wheel],
                   check=True, capture_output=True)
    found = subprocess.run(
        [sys.executable, "-S", "-c", ("from importlib.resources import files; print(len(files("
                                      "'doc_templates').joinpath('visitation_form.docx')"
                                      ".read_bytes()))")],
        cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")}, check=True,
        capture_output=True, text=True)
    assert int(found.stdout) == len((ROOT / "doc_templates/visitation_form.docx").read_bytes())
