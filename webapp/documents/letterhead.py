"""The district's logo, as the documents take it.

The administrator uploads a PNG or JPEG; it is re-encoded as a PNG of at most 600 × 200
pixels (nothing of the upload but its pixels is kept). The PDF gets it as a small SVG
that holds the PNG as a data: URL, so that it enters Typst as data like everything else.
"""
from __future__ import annotations

import base64
import io

MAX_SIZE = (600, 200)


class NotAnImage(ValueError):
    pass


def reencode(data: bytes) -> bytes:
    """The uploaded picture's pixels as a fresh PNG, scaled down to fit; NotAnImage else."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise NotAnImage(image.format)
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise NotAnImage(str(error)) from error
    picture.thumbnail(MAX_SIZE)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def logo_svg(png: bytes | None) -> str:
    """An SVG holding the PNG, sized to it; "" without a logo."""
    if not png:
        return ""
    width, height = png_size(png)
    encoded = base64.b64encode(png).decode()
    return (f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><image width="{width}" height="{height}" '
            f'xlink:href="data:image/png;base64,{encoded}"/></svg>')
