"""PDF documents, typeset by Typst from the same plain contexts as the Word files.

The template (typst/records.typ) reads the contexts as one JSON input, so every string a
user typed enters the document as data and is printed as text: no markup of Typst, HTML
or anything else can act. Several contexts compile into one PDF (the records packet):
the fonts are embedded once, each document starts on a new page with its own page count.

Every PDF declares PDF/A-2a and PDF/UA-1, which Typst checks at export: tagged
structure, the document's language, a title naming the document, its people and date,
XMP metadata, bookmarks from the headings, every font embedded.

Fonts: DejaVu Sans (shipped, fonts/LICENSE) covers Latin, Greek, Cyrillic, Arabic and
Hebrew. CJK and emoji print with system fonts when the server has them (Debian's
fonts-noto-cjk and fonts-noto-color-emoji); otherwise with Tandem Fallback, a box for
every character, so that the export never fails and the text layer still holds the
character (PDF/A forbids the missing-glyph box other engines print).
"""
from __future__ import annotations

import json
import re
import threading
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import typst

from .text import clean, document_title

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "typst" / "records.typ"
FONT_DIR = HERE / "fonts"
STANDARDS = ["a-2a", "ua-1"]
# Families of Debian's CJK and emoji font packages, used when installed.
SYSTEM_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR",
                   "WenQuanYi Zen Hei", "Noto Color Emoji", "Noto Emoji")
# PDF/A-2a wants every character's meaning in Unicode: private-use characters (icon fonts,
# a pasted Apple logo) and non-characters have none, so they print as U+FFFD.
_NO_MEANING = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff\ufdd0-\ufdef"
                         + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff"
                                   for plane in range(1, 16)) + "]")
_lock = threading.Lock()  # one compiler per process; Typst's world is not shared safely


def render(context: dict, *, moment: datetime | None = None) -> bytes:
    """The context's document as PDF bytes."""
    subject = " – ".join(line for line in context["letterhead"]["lines"] if line)
    return render_many([context], title=document_title(context),
                       authors=[context["people"]], subject=subject, moment=moment)


def render_many(contexts: list[dict], *, title: str, authors: list[str], subject: str = "",
                moment: datetime | None = None) -> bytes:
    """Several documents as one PDF, under one title (the records packet)."""
    data = {
        "title": clean(title).strip() or "Tandem",  # PDF/UA: a document has a title
        "subject": clean(subject),
        "authors": [clean(a) for a in authors if clean(a)],
        "keywords": [c["document_id"] for c in contexts if c.get("document_id")],
        "lang": contexts[0].get("lang", "en") if contexts else "en",
        "fonts": fonts(),
        "documents": [_printable(c) for c in contexts],
    }
    stamp = (moment or datetime.now(timezone.utc)).replace(microsecond=0)
    with _lock:
        return _compiler().compile(sys_inputs={"data": json.dumps(data)},
                                   pdf_standards=STANDARDS, timestamp=stamp)




def _printable(context: dict) -> dict:
    """The context as the template reads it: leading spaces of each line kept."""
    def walk(value, key=""):
        if isinstance(value, str):
            if key in ("logo", "qr", "drawn"):
                return value
            return _indent(_NO_MEANING.sub("\ufffd", clean(value)))
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(v, key) for v in value]
        return value
    return walk(context)


def _indent(text: str) -> str:
    """Each line's leading indentation as no-break spaces, which Typst would collapse."""
    if " " not in text and "\t" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        line = line.expandtabs(4)
        stripped = line.lstrip(" ")
        lines.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    return "\n".join(lines)


@cache
def fonts() -> list[str]:
    """The font list: DejaVu Sans, the system's CJK and emoji fonts, the fallback box."""
    found = set(typst.Fonts(include_system_fonts=True, include_embedded_fonts=False,
                            font_paths=[str(FONT_DIR)]).families())
    return ["DejaVu Sans", *(f for f in SYSTEM_FAMILIES if f in found), "Tandem Fallback"]


@cache
def _compiler() -> typst.Compiler:
    return typst.Compiler(str(TEMPLATE), root=str(TEMPLATE.parent),
                          font_paths=[str(FONT_DIR)])
