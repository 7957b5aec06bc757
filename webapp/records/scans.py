"""Signed paper copies, scanned and uploaded: checked before anything is kept.

The type is decided by the file's first bytes, never by its name or the browser's word.
A PDF must open, not be encrypted, and have at most MAX_PAGES pages; it is written anew
from its pages alone (no scripts, actions, attachments or forms survive). A PNG or JPEG
is decoded and re-encoded from its pixels (no metadata, such as a phone's location,
survives) and put on a PDF page of its own.
"""
from __future__ import annotations

import io

from flask_babel import gettext as _

MAX_BYTES = 15 * 1024 * 1024
MAX_PAGES = 200
MAX_PIXELS = 40_000_000


class ScanRefused(ValueError):
    """Why the upload was refused, in words for the user."""


def kind_of(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def prepare(data: bytes) -> tuple[bytes, bytes, str]:
    """(the scan as a PDF to file, the cleaned scan to keep, its media type)."""
    if len(data) > MAX_BYTES:
        raise ScanRefused(_("The file is larger than 15 MB. Scan at a lower resolution "
                            "(150–200 dpi is plenty) and try again."))
    kind = kind_of(data)
    if kind == "pdf":
        cleaned = _clean_pdf(data)
        return cleaned, cleaned, "application/pdf"
    if kind in ("png", "jpeg"):
        image, media = _clean_image(data, kind)
        return _image_pdf(image), image, media
    raise ScanRefused(_("This file is not a PDF, PNG or JPEG. Upload the scan as one of "
                        "those."))


def _clean_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ScanRefused(_("This PDF is password-protected. Upload one without a "
                                "password."))
        pages = len(reader.pages)
        if not 1 <= pages <= MAX_PAGES:
            raise ScanRefused(_("This PDF has no pages or too many (at most %(n)d).",
                                n=MAX_PAGES))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        for page in writer.pages:  # actions and annotations (links, widgets) go
            for key in ("/AA", "/Annots"):
                if key in page:
                    del page[key]
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except ScanRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ScanRefused(_("This PDF could not be read. Scan it again and upload the new "
                            "file.")) from error


def _clean_image(data: bytes, kind: str) -> tuple[bytes, str]:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            pixels = image.convert("RGB") if kind == "jpeg" or image.mode not in (
                "RGB", "L") else image.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ScanRefused(_("This picture could not be read. Scan it again and upload "
                            "the new file.")) from error
    out = io.BytesIO()
    if kind == "jpeg":
        pixels.save(out, format="JPEG", quality=85)
        return out.getvalue(), "image/jpeg"
    pixels.save(out, format="PNG", optimize=True)
    return out.getvalue(), "image/png"


def _image_pdf(image: bytes) -> bytes:
    """One page of US Letter with the picture fitted on it."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        rgb = picture.convert("RGB")
        width, height = rgb.size
        resolution = max(width / 8.5, height / 11, 72)  # dots per inch to fit the page
        out = io.BytesIO()
        rgb.save(out, format="PDF", resolution=resolution)
    return out.getvalue()
