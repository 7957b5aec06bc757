"""PDF documents, drawn in-process with reportlab's platypus from the same plain context
as the Word file, in the same order: letterhead, sections, milestones or cycles, the
final sections, signatures; "Title · Page X of Y" at the foot of every page.

The font is DejaVu Sans, shipped in fonts/ (see fonts/LICENSE): it covers accented Latin
and common symbols. Characters it lacks (emoji) print as an empty box.

User text is escaped for reportlab's paragraph markup (&, <, >). Each line of an answer
is a paragraph of its own, so line breaks stay, and a long answer is many small
flowables that platypus spreads over as many pages as it needs; a single line longer
than a page still splits, between lines of the paragraph.
"""
from __future__ import annotations

import io
from functools import cache, partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

from .text import clean

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
INK, GREY, RULE = colors.HexColor("#1F2A44"), colors.HexColor("#555555"), colors.HexColor("#BBBBBB")
MARGIN = 0.8 * inch
WIDTH = LETTER[0] - 2 * MARGIN


def render(context: dict) -> bytes:
    """The context's document as PDF bytes."""
    _register_fonts()
    story = _letterhead(context)
    story += _sections(context["sections"])
    if "milestones" in context:
        story += _milestones(context["milestones"])
    if "cycles" in context:
        story += _cycles(context["cycles"])
    if "teams" in context:
        story += _teams(context["teams"])
    story += _sections(context.get("final_sections", []))
    if "focus_areas" in context:
        story += _focus_areas(context["focus_areas"])
    if "signatures" in context:  # the Instructional Target is not signed
        story += _signatures(context)
    out = io.BytesIO()
    words = context["words"]
    footer = (f"{clean(context['title'])} · {clean(words['page'])} ", f" {clean(words['of'])} ")
    doc = SimpleDocTemplate(
        out, pagesize=LETTER, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=clean(context["title"]), subject=clean(context["school"]),
        author=clean(context["district"]), creator="Tandem")
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer))
    return out.getvalue()


def _letterhead(context: dict) -> list:
    words = context["words"]
    return [
        _p(context["district"], "letterhead"),
        _p(context["school"], "letterhead"),
        _p(context["title"], "title"),
        _p(f"{words['generated_on']} {context['generated_on']}", "help"),
        HRFlowable(width="100%", thickness=0.75, color=RULE, spaceBefore=2, spaceAfter=4),
    ]


def _sections(sections: list[dict]) -> list:
    story = []
    for section in sections:
        if section["heading"]:
            story.append(_p(section["heading"], "heading1"))
        story += _fields(section["fields"])
    return story


def _fields(fields: list[dict]) -> list:
    story = []
    for field in fields:
        story.append(_p(field["label"], "label"))
        if field["help"]:
            story.append(_p(field["help"], "help"))
        story += _answer(field["value"])
    return story


def _answer(value: str) -> list:
    """One paragraph per line; an empty answer leaves room to write by hand."""
    value = clean(value)
    if not value:
        return [Spacer(1, 22)]
    lines = [_p(_indent(line), "answer") if line.strip() else Spacer(1, _style("answer").leading)
             for line in value.split("\n")]
    return lines + [Spacer(1, 6)]


def _milestones(milestones: dict) -> list:
    story = [_p(milestones["heading"], "heading1")]
    keys = ("due_date", "title", "status")
    if milestones["rows"]:
        story.append(_table(milestones, keys, (1.3, 4.3, 1.3)))
    if milestones["empty"]:
        story.append(_p(milestones["empty"], "answer"))
    return story


def _cycles(cycles: dict) -> list:
    story = [_p(cycles["heading"], "heading1")]
    if cycles["note"]:
        story.append(_p(cycles["note"], "help"))
    if cycles["rows"]:
        story.append(_table(cycles, ("met_on", "attendees", "minutes"), (1.3, 4.3, 1.3)))
    for row in cycles["rows"]:
        story.append(_p(row["heading"], "heading2"))
        story += _fields(row["fields"])
    return story


def _focus_areas(focus_areas: dict) -> list:
    """Each focus area and its look-fors as a bulleted list, kept together on a page."""
    story = [_p(focus_areas["heading"], "heading1")]
    for area in focus_areas["areas"]:
        bullets = [Paragraph(escape(clean(text)), _style("look_for"), bulletText="•")
                   for text in area["look_fors"]]
        story.append(KeepTogether([_p(area["title"], "heading2"), *bullets]))
    return story


def _teams(teams: dict) -> list:
    """The families' summary: each learning team's focus and where it is in its cycle."""
    story = [_p(teams["heading"], "heading1")]
    if teams["rows"]:
        story.append(_table(teams, ("focus", "stage"), (3.3, 3.6)))
    if teams["empty"]:
        story.append(_p(teams["empty"], "answer"))
    return story


def _table(block: dict, keys: tuple[str, ...], inches: tuple[float, ...]) -> Table:
    header = [_p(block["columns"][key], "cell_bold") for key in keys]
    rows = [[_p(row[key], "cell") for key in keys] for row in block["rows"]]
    table = Table([header] + rows, colWidths=[w * inch for w in inches], repeatRows=1,
                  splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF0F4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _signatures(context: dict) -> list:
    """Name and role, a line to sign on and a line for the date, for each signer."""
    words = context["words"]
    rows = [[[_p(signer["name"], "cell_bold"), _p(signer["role"], "cell")],
             _p(words["signature"], "help"), "", _p(words["date"], "help")]
            for signer in context["signatures"]]
    # The third column is a gap, so that the two lines do not run into one.
    table = Table(rows, colWidths=[2.4 * inch, 2.9 * inch, 0.3 * inch, 1.3 * inch],
                  rowHeights=[0.7 * inch] * len(rows), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (1, 0), (1, -1), 0.75, colors.black),
        ("LINEBELOW", (3, 0), (3, -1), 0.75, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
    ]))
    return [KeepTogether([_p(words["signatures"], "heading1"), table])]


def _p(text: str, style: str) -> Paragraph:
    """User text as a paragraph: escaped for the markup, line breaks as <br/>."""
    markup = escape(clean(text)).replace("\n", "<br/>")
    return Paragraph(markup, _style(style))


def _indent(line: str) -> str:
    """Keep a line's leading indentation, which the paragraph would collapse."""
    line = line.expandtabs(4)
    stripped = line.lstrip(" ")
    return "\u00a0" * (len(line) - len(stripped)) + stripped


@cache
def _style(name: str) -> ParagraphStyle:
    base = dict(fontName=FONT, fontSize=10.5, leading=14, textColor=colors.black)
    specs = {
        "letterhead": dict(fontName=BOLD, fontSize=9, leading=12, textColor=GREY),
        "title": dict(fontName=BOLD, fontSize=18, leading=23, textColor=INK, spaceBefore=4),
        "heading1": dict(fontName=BOLD, fontSize=13, leading=17, textColor=INK,
                         spaceBefore=14, spaceAfter=4, keepWithNext=1),
        "heading2": dict(fontName=BOLD, fontSize=11, leading=15, textColor=INK,
                         spaceBefore=10, spaceAfter=2, keepWithNext=1),
        "label": dict(fontName=BOLD, spaceBefore=6, spaceAfter=1, keepWithNext=1),
        "help": dict(fontSize=8.5, leading=11, textColor=GREY, spaceAfter=2, keepWithNext=1),
        "answer": dict(leftIndent=10),
        "cell": dict(fontSize=9.5, leading=12.5),
        "cell_bold": dict(fontName=BOLD, fontSize=9.5, leading=12.5),
        "look_for": dict(fontSize=10, leading=13, leftIndent=16, bulletIndent=5,
                         spaceAfter=1),
    }
    return ParagraphStyle(name, **{**base, **specs[name]})


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


class _NumberedCanvas(canvas.Canvas):
    """Holds the pages back until the end, to print "Page X of Y" on each."""

    def __init__(self, *args, footer: tuple[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._saved_pages: list[dict] = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for number, page in enumerate(self._saved_pages, 1):
            self.__dict__.update(page)
            self.setFont(FONT, 8)
            self.setFillColor(GREY)
            before, between = self._footer
            text = f"{before}{number}{between}{total}"
            self.drawCentredString(LETTER[0] / 2, 0.45 * inch, text)
            super().showPage()
        super().save()

