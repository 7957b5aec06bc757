"""Write Tandem's Word templates: partnership_plan.docx, visitation_form.docx,
reflection_record.docx and instructional_target.docx, beside this script.

The generated .docx files are committed: they are the templates Tandem ships, and a
district may replace one with its own letterhead version. A replacement may lay out the
page as it likes but must use the same variables (webapp/documents/context.py describes
them; tests/test_documents.py lints every template against its context). Re-run this
script after changing it:

    .venv/bin/python doc_templates/build_templates.py

Jinja tags follow docxtpl: `{%p ... %}` stands for its whole paragraph, `{%tr ... %}`
for its whole table row. User text goes into `{{ ... }}` and is escaped at render time.

Every page names what it belongs to (footer: title, people, date, document id, page X of
Y) and a draft says so on every page (header) and under the title, so that a page found
alone can be put back and an incomplete record is not taken for a complete one. The
signature block is kept together and with what precedes it: each signature row cannot
split, and Word's "keep with next" chains the last answer, the heading and the rows.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FONT = "Arial"
GREY = RGBColor(0x55, 0x55, 0x55)
INK = RGBColor(0x1F, 0x2A, 0x44)
DRAFT = RGBColor(0x9A, 0x34, 0x12)
TEXT_WIDTH = Inches(6.9)  # Letter, 0.8 in margins


def build(name: str, body, signed: bool = True) -> Path:
    doc = _new_document()
    _header(doc)
    _letterhead(doc)
    _draft_notice(doc)
    body(doc)
    if signed:
        _signatures(doc)
    _verify(doc)
    _footer(doc)
    path = HERE / f"{name}.docx"
    doc.save(path)
    return path


def partnership_plan(doc) -> None:
    _sections(doc, "sections")
    _para(doc, "{{ milestones.heading }}", "Heading 1")
    _para(doc, "{%p if milestones.rows %}")
    _loop_table(doc, "milestones", ("due_date", "title", "status"), (1.3, 4.3, 1.3),
                last_kept_with_next=True)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if milestones.empty %}")
    _keep_with_next(_para(doc, "{{ milestones.empty }}", "Answer"))
    _para(doc, "{%p endif %}")


def visitation_form(doc) -> None:
    _sections(doc, "sections", last_kept_with_next=True)


def reflection_record(doc) -> None:
    _sections(doc, "sections")
    _para(doc, "{{ cycles.heading }}", "Heading 1")
    _para(doc, "{%p if cycles.note %}")
    _para(doc, "{{ cycles.note }}", "Help")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if cycles.rows %}")
    _loop_table(doc, "cycles", ("met_on", "attendees", "minutes"), (1.3, 4.3, 1.3))
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for row in cycles.rows %}")
    _para(doc, "{{ row.heading }}", "Heading 2")
    _fields(doc, "row.fields")
    _para(doc, "{%p endfor %}")
    _sections(doc, "final_sections", last_kept_with_next=True)


def instructional_target(doc) -> None:
    """One page: the vision, then each focus area with its look-fors as bullets."""
    _sections(doc, "sections")
    _para(doc, "{{ focus_areas.heading }}", "Heading 1")
    _para(doc, "{%p for area in focus_areas.areas %}")
    _para(doc, "{{ area.title }}", "Heading 2").paragraph_format.keep_with_next = True
    _para(doc, "{%p for look_for in area.look_fors %}")
    _para(doc, "{{ look_for }}", "List Bullet")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")


def families_summary(doc) -> None:
    """One page for families: the learning target, the cycle, each team's focus and stage."""
    _sections(doc, "sections")
    _para(doc, "{{ teams.heading }}", "Heading 1")
    _para(doc, "{%p if teams.rows %}")
    _loop_table(doc, "teams", ("focus", "stage"), (3.3, 3.6))
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if teams.empty %}")
    _para(doc, "{{ teams.empty }}", "Answer")
    _para(doc, "{%p endif %}")


# --- parts shared by the templates ------------------------------------------------

def _header(doc) -> None:
    """A draft's mark at the top of every page (an empty header otherwise)."""
    paragraph = doc.sections[0].header.paragraphs[0]
    paragraph.style = doc.styles["Draft mark"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(paragraph, "{% if missing %}{{ words.draft_mark }}{% endif %}")


def _letterhead(doc) -> None:
    """The district's logo (docx.py makes it a picture), its letterhead lines, the school."""
    _para(doc, "{%p if letterhead.logo %}")
    _para(doc, "{{ letterhead.logo }}", "Letterhead")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for line in letterhead.lines %}")
    _para(doc, "{{ line }}", "Letterhead")
    _para(doc, "{%p endfor %}")
    _para(doc, "{{ title }}", "Title")
    _para(doc, "{{ words.generated_on }} {{ generated_on }}"
               "{% if document_id %} · {{ words.document }} {{ document_id }}{% endif %}", "Help")


def _draft_notice(doc) -> None:
    """What an incomplete record still lacks, under its title."""
    _para(doc, "{%p if missing %}")
    _para(doc, "{{ words.draft_notice }}", "Draft notice")
    _para(doc, "{%p for item in missing %}")
    _para(doc, "{{ item }}", "List Bullet")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endif %}")


def _sections(doc, variable: str, *, last_kept_with_next: bool = False) -> None:
    """Each section's heading (if any) and fields; `last_kept_with_next`: the last answer
    of the last section stays on the page of what follows (the signatures)."""
    _para(doc, f"{{%p for section in {variable} %}}")
    if last_kept_with_next:
        _para(doc, "{%p set last_section = loop.last %}")
    _para(doc, "{%p if section.heading %}")
    _para(doc, "{{ section.heading }}", "Heading 1")
    _para(doc, "{%p endif %}")
    _fields(doc, "section.fields", last_kept_with_next=last_kept_with_next)
    _para(doc, "{%p endfor %}")


def _fields(doc, variable: str, *, last_kept_with_next: bool = False) -> None:
    """Each field: its label, the question's help if any, and the answer. With
    `last_kept_with_next`, the last answer of the last section (`last_section`, set by
    _sections) keeps with the next paragraph."""
    _para(doc, f"{{%p for field in {variable} %}}")
    _para(doc, "{{ field.label }}", "Label")
    _para(doc, "{%p if field.help %}")
    _para(doc, "{{ field.help }}", "Help")
    _para(doc, "{%p endif %}")
    if last_kept_with_next:
        _para(doc, "{%p if loop.last and last_section %}")
        _keep_with_next(_para(doc, "{{ field.value }}", "Answer"))
        _para(doc, "{%p else %}")
    _para(doc, "{{ field.value }}", "Answer")
    if last_kept_with_next:
        _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")


def _loop_table(doc, variable: str, columns: tuple[str, ...], widths: tuple[float, ...],
                *, last_kept_with_next: bool = False):
    """A header row of column labels and one row per item of `variable`.rows; with
    `last_kept_with_next`, the last row stays on the page of what follows."""
    rows = [f"{{%tr for row in {variable}.rows %}}", "item", "{%tr endfor %}"]
    if last_kept_with_next:  # the last item gets a copy of the row that keeps with the next
        rows[1:2] = ["{%tr if loop.last %}", "last item", "{%tr else %}", "item", "{%tr endif %}"]
    table = doc.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    _row_property(header, "w:tblHeader")  # repeat the header on each page the table spans
    for n, key in enumerate(columns):
        _cell(header.cells[n], f"{{{{ {variable}.columns.{key} }}}}", bold=True, style="Cell")
    for row, kind in zip(table.rows[1:], rows):
        if kind.startswith("{%"):
            _cell(row.cells[0], kind)
            continue
        _row_property(row, "w:cantSplit")  # a row is not broken over two pages
        for n, key in enumerate(columns):
            _cell(row.cells[n], f"{{{{ row.{key} }}}}", style="Cell")
        if kind == "last item":
            _keep_row_with_next(row)
    _widths(table, widths)


def _signatures(doc) -> None:
    """For each signer: name and role, then how and when they signed in Tandem, or a line
    to sign on and a line for the date. The heading and each row keep with the next."""
    _keep_with_next(_para(doc, "{{ words.signatures }}", "Heading 1"))
    table = doc.add_table(rows=7, cols=4)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    loop_start, if_signed, signed, otherwise, on_paper, end_if, loop_end = table.rows
    for row, control in ((loop_start, "{%tr for signer in signatures %}"),
                         (if_signed, "{%tr if signer.signed %}"), (otherwise, "{%tr else %}"),
                         (end_if, "{%tr endif %}"), (loop_end, "{%tr endfor %}")):
        _cell(row.cells[0], control)
    for row in (signed, on_paper):
        _run(row.cells[0].paragraphs[0], "{{ signer.name }}").bold = True
        _run(row.cells[0].add_paragraph(), "{{ signer.role }}")
    _cell(signed.cells[1].merge(signed.cells[3]), "{{ signer.signed }}")
    # The third column is a gap, so that the two lines do not run into one.
    for cell, word in ((on_paper.cells[1], "signature"), (on_paper.cells[3], "date")):
        _cell(cell, f"{{{{ words.{word} }}}}", style="Help")
        _bottom_border(cell)
    on_paper.height = Inches(0.75)
    for row in (signed, on_paper):
        _row_property(row, "w:cantSplit")
        _keep_row_with_next(row)
    _widths(table, (2.4, 2.9, 0.3, 1.3))


def _verify(doc) -> None:
    """On a filed record: where to check it is the one filed."""
    _para(doc, "{%p if verify.url %}")
    _keep_with_next(_para(doc, "{{ verify.text }}", "Help"))
    _para(doc, "{{ verify.url }}", "Cell")
    _para(doc, "{%p endif %}")
    # The body ends with a paragraph (Word wants one after a table); it takes no room.
    end = doc.add_paragraph()
    end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
    end.paragraph_format.line_spacing = Pt(1)


def _footer(doc) -> None:
    """'Title · people · date', then 'Document id · Page X of Y' at the right margin, with
    Word's PAGE and NUMPAGES fields (no id on what is not a record: target, families)."""
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.style = doc.styles["Page footer"]
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _run(paragraph, "{{ title }} · {{ people }} · {{ generated_on }}")
    paragraph.add_run().add_tab()
    _run(paragraph, "{% if document_id %}{{ words.document }} {{ document_id }} · {% endif %}"
                    "{{ words.page }} ")
    _field(paragraph, "PAGE")
    _run(paragraph, " {{ words.of }} ")
    _field(paragraph, "NUMPAGES")


# --- python-docx plumbing ---------------------------------------------------------------

def _new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(0.8))
    doc.core_properties.author = "Tandem"
    doc.core_properties.comments = ""
    doc.core_properties.title = ""
    styles = doc.styles
    _style(styles["Normal"], size=10.5, after=4)
    _style(styles["Title"], size=18, bold=True, after=2, color=INK)
    _plain_title(styles["Title"])
    _style(styles["Heading 1"], size=13, bold=True, before=14, after=4, color=INK)
    _style(styles["Heading 2"], size=11, bold=True, before=10, after=2, color=INK)
    _style(_add_style(styles, "Letterhead"), size=9, bold=True, after=0, color=GREY)
    label = _style(_add_style(styles, "Label"), size=10.5, bold=True, before=6, after=1)
    help_ = _style(_add_style(styles, "Help"), size=8.5, italic=True, after=2, color=GREY)
    label.paragraph_format.keep_with_next = help_.paragraph_format.keep_with_next = True
    _style(_add_style(styles, "Page footer"), size=8, color=GREY)
    _style(_add_style(styles, "Draft mark"), size=14, bold=True, color=DRAFT)
    _style(_add_style(styles, "Draft notice"), size=10.5, bold=True, before=6, after=2,
           color=DRAFT).paragraph_format.keep_with_next = True
    _style(_add_style(styles, "Cell"), size=9.5, before=1, after=1)
    answer = _style(_add_style(styles, "Answer"), size=10.5, after=6)
    answer.paragraph_format.left_indent = Inches(0.15)
    _style(styles["List Bullet"], size=10, after=1)
    return doc


def _add_style(styles, name):
    from docx.enum.style import WD_STYLE_TYPE

    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    return style


def _style(style, *, size, bold=False, italic=False, before=0, after=0, color=None):
    style.font.name = FONT
    # East Asian and complex-script text use a font of their own unless told otherwise.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    # Theme fonts (Heading and Title use them) would win over the named font.
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)
    return style


def _plain_title(style) -> None:
    """The default Title style draws a line under the title: drop it."""
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _para(doc, text: str, style: str | None = None):
    paragraph = doc.add_paragraph(style=style)
    _run(paragraph, text)
    return paragraph


def _run(paragraph, text: str):
    run = paragraph.add_run(text)
    # Keep leading and trailing spaces of the rendered answer (Word drops them otherwise).
    for t in run._r.findall(qn("w:t")):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _cell(cell, text: str, *, bold: bool = False, style: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    if style:
        paragraph.style = cell.part.document.styles[style]
    _run(paragraph, text).bold = bold or None


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _keep_with_next(paragraph):
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _keep_row_with_next(row) -> None:
    """Word keeps a table row with what follows when its paragraphs keep with the next."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            _keep_with_next(paragraph)


def _row_property(row, name: str) -> None:
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _bottom_border(cell) -> None:
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    cell._tc.get_or_add_tcPr().append(borders)


def _widths(table, inches: tuple[float, ...]) -> None:
    """Column widths, in the grid (LibreOffice reads it) and in each cell (Word does); a
    merged cell is as wide as the columns it spans."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, inches):
        column.w = Inches(width)
    for row in table.rows:
        column = 0
        for cell in row._tr.tc_lst:
            cell.width = Inches(sum(inches[column:column + cell.grid_span]))
            column += cell.grid_span


if __name__ == "__main__":
    for name, body in (("partnership_plan", partnership_plan),
                       ("visitation_form", visitation_form),
                       ("reflection_record", reflection_record)):
        print(build(name, body).relative_to(HERE.parent))
    print(build("instructional_target", instructional_target, signed=False)
          .relative_to(HERE.parent))
    print(build("families_summary", families_summary, signed=False).relative_to(HERE.parent))
