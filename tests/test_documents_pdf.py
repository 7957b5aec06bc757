"""The PDFs for the file: text exactly as typed in any script, archival and accessible,
and laid out so that a principal can file them (signature block kept whole and with what
precedes it, every page's footer, drafts marked, the visit's decision printed).

Text is read back with poppler's pdftotext, which follows the text layer (ToUnicode and
the ActualText of characters printed with the fallback box) and puts right-to-left runs
in logical order. One exception, tested on its own: a ligature glyph standing for several
letters in a right-to-left run (Arabic lam-alef) comes back from poppler with its letters
swapped (it reverses characters, not glyphs); pypdf reads it right.
"""
from __future__ import annotations

import io
import re
import subprocess
from datetime import datetime, timedelta, timezone

import pikepdf
import pytest
from pypdf import PdfReader

from webapp.documents import context as documents, packet, pdf
from webapp.extensions import db
from webapp.models import FinalReflection, VisitStatus

from . import factories
from .test_documents import TODAY, build, full_partnership, hostile  # noqa: F401 (fixtures)

# Bidi embedding marks pdftotext wraps right-to-left runs in; not part of the text.
BIDI_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
HOSTILE = {
    "markup": "#set page(fill: red) *bold* _it_ $x^2$ <b>Tom & Jerry</b> [link](x) \\n",
    "typst_code": '#{ panic("no") } #read("/etc/passwd") #sys.inputs',
    "jinja": "{{7*7}} {% if x %}{_{ y }_}",
    "wordml": "</w:t></w:r><w:r><w:t>",
    "arabic": "تعلم الطلبة الكسور بالرسم",  # lam-alef: see the test of its own
    "hebrew": "התלמידים למדו שברים בציור",
    "mixed": "We tried حل المسائل with 24 students, then שברים again.",
    "cjk": "学生们用画图学习分数。日本語のテキスト、한국어 문장",
    "emoji": "Great visit 😀👍🏽 ✓ — “quoted” 👩‍🏫",
    "lines": "First line\nsecond line\n\n  indented fourth line\nlast line",
    "long": ("Twenty thousand characters of reflection. " * 500)[:20_000],
    # No NUL: PostgreSQL stores none (test_documents tests it in a context).
    "controls": "bell\x07 vertical tab\x0b tab\there\r\nnext",
}


def pdftotext(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                            capture_output=True, check=True)
    return BIDI_MARKS.sub("", result.stdout.decode())


def pages_text(data: bytes) -> list[str]:
    return pdftotext(data).split("\f")[:-1]


def squash(text: str) -> str:
    return "".join(text.split())


def body_text(data: bytes) -> str:
    """The pages' text without their footers (the last line of each page)."""
    return "\n".join(page.rstrip().rsplit("\n", 1)[0] for page in pages_text(data))


@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE), indirect=True)
@pytest.mark.parametrize("kind", ["partnership_plan", "visitation_form", "reflection_record"])
def test_any_text_prints_as_typed_in_logical_order(hostile, kind):
    """Markup of every kind prints literally; every script comes back in logical order
    (characters no font has print as boxes but stay in the text layer)."""
    partnership, text = hostile
    from webapp.documents.text import clean

    expected = clean(text)
    printed = squash(body_text(pdf.render(build(kind, partnership))))
    lines = [squash(line) for line in expected.split("\n") if line.strip()]
    positions = [printed.find(line) for line in lines]
    assert -1 not in positions, (lines, printed[:400])
    assert positions == sorted(positions)


def test_lam_alef_ligature_keeps_its_letters_in_the_text_layer(full_partnership):
    full_partnership.objective = "تعلم الطلاب الكسور"
    db.session.commit()
    data = pdf.render(build("partnership_plan", full_partnership))
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert all(word in text for word in ("تعلم", "الطلاب", "الكسور"))


@pytest.mark.parametrize("kind", ["partnership_plan", "visitation_form", "reflection_record"])
def test_every_pdf_is_pdf_a_2_and_pdf_ua_1_with_structure_language_and_fonts(
        full_partnership, kind):
    data = pdf.render(build(kind, full_partnership))
    with pikepdf.open(io.BytesIO(data)) as document:
        meta = document.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        assert "/StructTreeRoot" in document.Root and document.Root.MarkInfo.Marked
        assert str(document.Root.Lang) == "en"
        assert document.Root.ViewerPreferences.DisplayDocTitle
        title = str(meta["dc:title"])
        assert title.startswith(build(kind, full_partnership)["title"])
        assert "Ana Teacher" in title and TODAY.isoformat() in title
        assert len(document.Root.Outlines.First.keys()) > 0  # bookmarks
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # all embedded


def test_bookmarks_follow_the_sections(full_partnership):
    data = pdf.render(build("reflection_record", full_partnership))
    with pikepdf.open(io.BytesIO(data)) as document:
        outline = document.open_outline()
        top = outline.root[0]
        assert top.title == "Reflection record"
        sections = [item.title for item in top.children]
        assert "Reflect – plan – act" in sections and "Signatures" in sections
        assert "Final reflection: Ana Teacher" in sections


def test_every_page_names_the_document_its_people_date_and_id(full_partnership):
    context = build("reflection_record", full_partnership)
    context["document_id"] = "K7Q2M-9XD4T"
    pages = pages_text(pdf.render(context))
    assert len(pages) > 10
    for number, page in enumerate(pages, 1):
        footer = page.rstrip().rsplit("\n", 1)[-1]
        assert "Reflection record · Ana Teacher & Ben Partner · 2027-02-14" in footer
        assert f"Document K7Q2M-9XD4T · Page {number} of {len(pages)}" in footer


@pytest.mark.parametrize("words", range(0, 400, 9))
def test_signature_block_is_never_alone_on_a_page_nor_split(full_partnership, words):
    """The notes before the signatures grow a few words at a time, pushing the block over
    the page end: it moves whole, and the notes' last lines go with it."""
    visit = documents.filed_visits(full_partnership)[0]
    visit.notes = " ".join(["notes"] * (200 + words)) + " lastword"
    db.session.commit()
    pages = pages_text(pdf.render(build("visitation_form", full_partnership)))
    page = next(p for p in pages if "\nSignatures\n" in f"\n{p}")
    before = page.split("Signatures")[0]
    assert squash(before.replace("DRAFT", "")), "the signature block is alone on its page"
    assert "lastword" in before or "Date of follow-up meeting" in before
    after = page.split("Signatures")[1]
    assert "Ana Teacher" in after and "Principal, Riverside Elementary" in after


def test_a_draft_says_so_and_what_is_missing(full_partnership):
    p = full_partnership
    p.reflections[1].submitted_at = None
    p.impact_evidence = ""
    db.session.commit()
    context = build("reflection_record", p)
    assert context["missing"] == ["Final reflection: Ben Partner",
                                  "Evidence of impact on student learning"]
    text = pdftotext(pdf.render(context))
    assert "Draft: this record is not complete yet. Missing:" in text
    footers = [page.rstrip().rsplit("\n", 1)[-1] for page in pages_text(pdf.render(context))]
    assert all(footer.startswith("DRAFT · Reflection record") for footer in footers)
    assert "Not yet submitted" in text.split("Final reflection: Ben Partner")[-1]
    p.reflections[1].submitted_at = datetime(2027, 1, 20, 15, tzinfo=timezone.utc)
    p.impact_evidence = "Scores rose."
    db.session.commit()
    complete = build("reflection_record", p)
    assert complete["missing"] == []
    text = pdftotext(pdf.render(complete))
    assert "Draft" not in text and "DRAFT" not in text
    assert "Submitted\n2027-01-20" in text


def test_no_empty_headings_in_a_record_without_submissions(program, teacher, partner):
    p = factories.partnership_for(program, teacher, partner, objective="Number talks")
    context = documents.reflection_record(p, include_cycles=True, today=TODAY)
    for section in context["sections"] + context["final_sections"]:
        assert section["fields"], section["heading"]
    finals = {s["heading"]: s["fields"] for s in context["final_sections"]}
    assert [f["value"] for f in finals["Final reflection: Ana Teacher"]] == ["Not yet submitted"]


def test_visitation_form_prints_the_decision(full_partnership, principal, admin):
    visit = documents.filed_visits(full_partnership)[0]
    visit.principal, visit.principal_decided_at = principal, datetime(2026, 10, 1, 14,
                                                                      tzinfo=timezone.utc)
    visit.principal_comment = "Enjoy the visit."
    visit.district_decider, visit.district_decided_at = admin, datetime(2026, 10, 3, 9,
                                                                        tzinfo=timezone.utc)
    visit.status = VisitStatus.APPROVED
    db.session.commit()
    context = documents.visitation_form(visit, TODAY)
    fields = {f["label"]: f["value"] for s in context["sections"] for f in s["fields"]}
    assert fields["Principal's decision"] == "Approved by Pat Principal on 2026-10-01"
    assert fields["Principal's comment"] == "Enjoy the visit."
    assert fields["District approval (Superintendent/CEO)"].startswith("Approved by ")
    assert [s["slot"] for s in context["signatures"]][-1] == "district"
    text = pdftotext(pdf.render(context))
    assert "Approved by Pat Principal on 2026-10-01" in text

    visit.status, visit.district_decider, visit.district_decided_at = (
        VisitStatus.DECLINED, None, None)
    db.session.commit()
    context = documents.visitation_form(visit, TODAY)
    fields = {f["label"]: f["value"] for s in context["sections"] for f in s["fields"]}
    assert fields["Principal's decision"] == "Declined by Pat Principal on 2026-10-01"
    assert "District approval (Superintendent/CEO)" not in fields


def test_a_pending_visit_is_a_draft_waiting_for_the_decision(full_partnership):
    visit = factories.visit_for(full_partnership, full_partnership.members[0])
    context = documents.visitation_form(visit, TODAY)
    assert "Principal's decision" in context["missing"]
    assert "My next step(s)" in context["missing"]


def test_packet_embeds_each_font_once_and_stays_small_with_100_visits(full_partnership):
    p = full_partnership
    teacher = p.members[0]
    for n in range(97):
        factories.visit_for(p, teacher, status=VisitStatus.APPROVED,
                            proposed_date=p.program.start_date + timedelta(days=n),
                            purpose="We will watch how students explain fractions. " * 6,
                            learned_1="Think time", impact="More talk." * 10)
    contents = documents.records_packet(p, include_cycles=True, today=TODAY)
    assert len([c for c in contents["documents"] if c["document"] == "visitation_form"]) == 100
    data = packet.render(contents)
    assert len(data) <= 1_500_000, len(data)
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout.decode()
    names = [row.split()[0].split("+")[-1] for row in fonts.splitlines()[2:]]
    assert len(names) == len(set(names)), names
    with pikepdf.open(io.BytesIO(data)) as document:  # still archival and tagged
        meta = document.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfuaid:part"] == "1"
        assert "/StructTreeRoot" in document.Root
        titles = [item.title for item in document.open_outline().root]
        assert titles[1].startswith("Visitation form - Ana Teacher - ")
        assert len(titles) == 102  # the plan, 100 visitation forms, the reflection record


def test_a_filed_looking_record_prints_signatures_and_the_verify_line(full_partnership):
    context = build("partnership_plan", full_partnership)
    context["signatures"][0]["signed"] = "Signed electronically in Tandem on 2027-02-14"
    context["verify"] = {"url": "https://tandem.example.org/v/K7Q2M9XD4T",
                         "text": "Check this record at", "qr": _tiny_svg(), "qr_alt": "QR code"}
    text = pdftotext(pdf.render(context))
    assert "Signed electronically in Tandem on 2027-02-14" in text
    assert "https://tandem.example.org/v/K7Q2M9XD4T" in text


def _tiny_svg() -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            '<rect width="10" height="10"/></svg>')


def test_reflection_submission_date_is_the_members(full_partnership):
    reflection: FinalReflection = full_partnership.reflections[0]
    reflection.submitted_at = datetime(2027, 1, 5, 10, tzinfo=timezone.utc)
    db.session.commit()
    context = build("reflection_record", full_partnership)
    finals = {s["heading"]: s["fields"] for s in context["final_sections"]}
    assert finals["Final reflection: Ana Teacher"][0] == {
        "label": "Submitted", "help": "", "value": "2027-01-05"}
