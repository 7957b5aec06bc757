"""The records packet: all of a partnership's documents in one PDF, one bookmark each.

The documents are typeset together (pdf.render_many), so the fonts are embedded once
however many visits the packet holds. Typst names each document's bookmark after its
heading (every visitation form alike); the bookmarks are then renamed after the
documents' file names ("Visitation form - Ana Teacher - 2026-10-14") with pikepdf,
which edits the outline's titles in place and leaves the rest of the file as it was.
"""
from __future__ import annotations

import io

import pikepdf

from . import pdf
from .text import clean


def render(packet: dict) -> bytes:
    """The packet of context.records_packet() as one PDF."""
    data = pdf.render_many(packet["documents"], title=packet["title"],
                           authors=[packet["author"]], subject=packet["subject"])
    return _name_bookmarks(data, [c["file_name"] for c in packet["documents"]])


def _name_bookmarks(data: bytes, names: list[str]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as document:
        item = document.Root.Outlines.get("/First") if "/Outlines" in document.Root else None
        for name in names:
            if item is None:
                break
            item.Title = pikepdf.String(clean(name))
            item = item.get("/Next")
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()
