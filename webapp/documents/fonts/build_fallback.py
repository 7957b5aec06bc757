"""Write TandemFallback.ttf beside this script: the last font of the PDFs' font list.

PDF/A forbids the .notdef glyph, so Typst refuses to export a character that no font
has (an emoji or CJK text on a server without Noto fonts). This font has one glyph, the
box of DejaVu Sans's U+25A1, and maps every code point to it (a format 13 cmap, many
code points to one glyph): such a character prints as a box while the PDF's text layer
keeps the character itself. Made from DejaVu Sans (same licence, fonts/LICENSE) and
committed; re-run after changing it:

    .venv/bin/python webapp/documents/fonts/build_fallback.py
"""
from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

HERE = Path(__file__).resolve().parent
BOX = 0x25A1
FAMILY = "Tandem Fallback"


def build() -> Path:
    font = TTFont(HERE / "DejaVuSans.ttf")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.layout_features = []
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[BOX])
    subsetter.subset(font)
    glyph = font.getBestCmap()[BOX]
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "")
        elif record.nameID == 3:
            record.string = f"{FAMILY}: a box for characters no other font has"
    every = [cp for cp in range(0x20, 0x110000) if not 0xD800 <= cp <= 0xDFFF]
    tables = []
    for fmt, encoding, points in ((4, 1, [BOX]), (13, 10, every)):
        table = CmapSubtable.newSubtable(fmt)
        table.platformID, table.platEncID, table.language = 3, encoding, 0
        table.cmap = dict.fromkeys(points, glyph)
        tables.append(table)
    font["cmap"].tables = tables
    for tag in ("GSUB", "GPOS", "GDEF", "kern", "FFTM"):
        if tag in font:
            del font[tag]
    path = HERE / "TandemFallback.ttf"
    font.save(path)
    return path


if __name__ == "__main__":
    print(build())
