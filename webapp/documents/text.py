"""User text made safe to print: one newline convention, no characters XML cannot hold."""
from __future__ import annotations

import re

# XML 1.0 cannot hold C0 controls other than tab and newline, lone surrogates or the two
# non-characters U+FFFE/U+FFFF: a .docx holding one does not open. They carry no meaning
# in an answer, so they are dropped (for the PDF too, so both copies print the same text).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """Text as both documents print it: \\n line breaks, unprintable characters removed."""
    if text is None:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _UNPRINTABLE.sub("", text)


def document_title(context: dict) -> str:
    """A document's title as its files carry it: the document, its people and its date."""
    parts = [context["title"], context.get("people", ""), context["generated_on"]]
    return " – ".join(clean(p) for p in parts if clean(p))
