"""Word documents: a docxtpl template from doc_templates/ filled with a plain context.

Escaping. Templates render with autoescape=True in a StrictUndefined environment (a
misspelt variable fails loudly instead of printing nothing), and every string of the
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
"""
from __future__ import annotations

import io
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from .text import clean

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "doc_templates"


def render(context: dict, template_dir: Path | None = None) -> bytes:
    """The context's document (context["document"]) as .docx bytes."""
    path = (template_dir or TEMPLATE_DIR) / f"{context['document']}.docx"
    template = DocxTemplate(path)  # a fresh one each time: a template renders once
    template.render(_escaped(context), jinja_env=jinja_env(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def jinja_env() -> Environment:
    return Environment(autoescape=True, undefined=StrictUndefined)


def _escaped(value):
    if isinstance(value, str):
        return Markup(str(escape(clean(value))).replace("{", "&#123;").replace("}", "&#125;"))
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escaped(item) for item in value]
    return value
