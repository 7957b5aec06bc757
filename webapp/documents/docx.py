"""Word documents: a docxtpl template filled with a plain context.

The built-in templates are the .docx files of doc_templates/ (built by its
build_templates.py), installed as the package `doc_templates` (pyproject.toml) and read
with importlib.resources, so they are found in a wheel as in the source tree. A district
may give its own template instead: render() takes its bytes, and check_template() names
the variables it uses that the document's context lacks before it is accepted.

Escaping. Templates render with autoescape=True in a sandboxed StrictUndefined
environment (a misspelt variable fails loudly instead of printing nothing; a district's
template cannot reach Python's internals through a string), and every string of the
context is escaped here before Jinja sees it: `&`, `<`, `>` and quotes become entities,
and `{` and `}` become character references. The latter matters because docxtpl, after
rendering, turns a literal "{_{" in the output back into "{{"; as "&#123;_&#123;" user
text is left alone and the XML parser restores the braces.

Line breaks. docxtpl's listing pass (the one behind its `Listing` class) runs over every
rendered text run: "\\n" becomes <w:br/> in the same run and "\\t" a tab, keeping the
template's formatting. Escaping ourselves and letting that pass do the breaks is exactly
what `Listing` does, without `Listing`'s extra meaning for "\\a" and "\\f" (new paragraph,
page break): text.clean() drops those control characters from user text first. RichText
would also work but replaces the template's run formatting with its own.

The file. Its core properties name the document (title, people, date), its people as
author, the district and school as subject, its language and id; and Word is asked to
update the fields (PAGE, NUMPAGES in the footer) when it opens it.
"""
from __future__ import annotations

import base64
import io
import re
import zipfile
from datetime import datetime, timezone
from importlib import resources

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from .text import clean, document_title

TEMPLATE_DIR = resources.files("doc_templates")
# Core properties hold at most 255 characters (python-docx refuses more).
PROPERTY_LENGTH = 255
# What follows <w:updateFields> in settings.xml (the schema fixes the order).
AFTER_UPDATE_FIELDS = frozenset({
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator"})


class NotAWordDocument(ValueError):
    """check_template() was given something other than a .docx file."""


def render(context: dict, template_bytes: bytes | None = None, *,
           moment: datetime | None = None) -> bytes:
    """The context's document as .docx bytes: from the built-in template of
    context["document"], or from `template_bytes` (a district's own template)."""
    if template_bytes is None:
        template_bytes = builtin_template(context["document"])
    template = DocxTemplate(io.BytesIO(template_bytes))  # a template renders once
    values = _escaped(context)
    values["letterhead"]["logo"] = _logo(template, context["letterhead"])
    template.render(values, jinja_env=jinja_env(), autoescape=True)
    _describe(template.docx, context, moment or datetime.now(timezone.utc))
    _update_fields_on_open(template.docx)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def builtin_template(document: str) -> bytes:
    return (TEMPLATE_DIR / f"{document}.docx").read_bytes()


def check_template(data: bytes, context: dict) -> list[str]:
    """The variables a (district's) template uses that `context` does not have, sorted;
    [] when it fits. A misspelt key inside a known variable shows in a trial render with
    the context. NotAWordDocument (a ValueError) for a file that is not a .docx, ValueError
    for tags that do not parse or a template that does not render."""
    try:
        template = DocxTemplate(io.BytesIO(data))
        used = template.get_undeclared_template_variables(jinja_env=jinja_env())
    except TemplateError as error:
        raise ValueError(f"The template's tags do not parse: {error}") from error
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, etree.XMLSyntaxError,
            ValueError) as error:  # ValueError: python-docx on a .xlsx, a .pptx
        raise NotAWordDocument("This file is not a Word document (.docx).") from error
    unknown = sorted(used - set(context))
    if unknown:
        return unknown
    try:
        render(context, data)
    except UndefinedError as error:
        found = re.search(r"no attribute '([^']+)'", str(error))
        return [found.group(1) if found else str(error)]
    except TemplateError as error:
        raise ValueError(f"The template does not render: {error}") from error
    return []


def jinja_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)




def _escaped(value):
    if isinstance(value, str):
        return Markup(str(escape(clean(value))).replace("{", "&#123;").replace("}", "&#125;"))
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escaped(item) for item in value]
    return value


class _Picture(InlineImage):
    """docxtpl's inline picture, with its alternative text (for screen readers)."""

    def __init__(self, template, png: bytes, alt: str, height) -> None:
        super().__init__(template, io.BytesIO(png), height=height)
        self.alt = alt

    def _insert_image(self) -> str:
        inline = self.tpl.current_rendering_part.new_pic_inline(
            self.image_descriptor, self.width, self.height)
        inline.docPr.set("descr", self.alt)
        # As InlineImage._insert_image: close the text run, the picture's run, reopen.
        return (f'</w:t></w:r><w:r><w:drawing>{inline.xml}</w:drawing></w:r><w:r>'
                '<w:t xml:space="preserve">')


def _logo(template, letterhead: dict):
    """The district's logo as a picture, from the PNG its SVG holds (letterhead.logo_svg);
    "" without one."""
    found = re.search(r"data:image/png;base64,([A-Za-z0-9+/=]+)", letterhead.get("logo") or "")
    if not found:
        return ""
    return _Picture(template, base64.b64decode(found.group(1)), clean(letterhead["logo_alt"]),
                    height=Inches(0.6))


def _describe(document, context: dict, moment: datetime) -> None:
    """Core properties of this document, instead of the template's (python-docx's 2013
    defaults in the built-in ones)."""
    def short(text: str) -> str:
        return clean(text)[:PROPERTY_LENGTH]

    properties = document.core_properties
    properties.title = short(document_title(context))
    properties.author = short(context.get("people", ""))
    properties.subject = short(" – ".join(context["letterhead"]["lines"]))
    properties.identifier = properties.keywords = short(context.get("document_id", ""))
    properties.language = short(context.get("lang", "en"))
    properties.comments = properties.category = ""
    properties.last_modified_by = "Tandem"
    properties.created = properties.modified = moment.astimezone(timezone.utc)
    properties.revision = 1
    # The language Word checks spelling in and reads aloud in.
    default = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault")
                                           + "/" + qn("w:rPr") + "/" + qn("w:lang"))
    if default is not None:
        default.set(qn("w:val"), properties.language)


def _update_fields_on_open(document) -> None:
    """<w:updateFields w:val="true"/> in settings.xml: Word updates every field (the page
    numbers) when it opens the file."""
    settings = document.settings.element
    flag = settings.find(qn("w:updateFields"))
    if flag is None:
        flag = OxmlElement("w:updateFields")
        later = next((child for child in settings.iterchildren(etree.Element)
                      if etree.QName(child).localname in AFTER_UPDATE_FIELDS), None)
        if later is None:
            settings.append(flag)
        else:
            later.addprevious(flag)
    flag.set(qn("w:val"), "true")
