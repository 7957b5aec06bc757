"""The records packet: all of a partnership's PDFs in one file, one bookmark per document."""
from __future__ import annotations

import io
from datetime import datetime, timezone

from pypdf import PdfReader, PdfWriter

from . import pdf
from .text import clean


def render(packet: dict) -> bytes:
    """The packet of context.records_packet(): each document rendered, then merged."""
    parts = [(context["file_name"], pdf.render(context)) for context in packet["documents"]]
    return merge(parts, title=packet["title"], author=packet["author"],
                 subject=packet["subject"])


def merge(parts: list[tuple[str, bytes]], *, title: str, author: str, subject: str,
          created: datetime | None = None) -> bytes:
    """PDFs in the given order, each under a bookmark with its name, with metadata."""
    writer = PdfWriter()
    for bookmark, data in parts:
        first_page = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
        writer.add_outline_item(title=clean(bookmark), page_number=first_page)
    writer.page_mode = "/UseOutlines"  # open with the bookmarks showing
    writer.add_metadata({
        "/Title": clean(title),
        "/Author": clean(author),
        "/Subject": clean(subject),
        "/Creator": "Tandem",
        "/CreationDate": _pdf_date(created or datetime.now(timezone.utc)),
    })
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_date(moment: datetime) -> str:
    """A PDF date string (ISO 32000 7.9.4), in UTC."""
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")
