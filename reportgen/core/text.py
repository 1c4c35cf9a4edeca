"""Text that is safe to put into Word XML."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls except tab/newline/CR, lone surrogates, U+FFFE and U+FFFF.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # openpyxl leaves _x000D_ etc. verbatim
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_EDGE_SPACE = " \t\u3000\xa0"


def illegal_chars(text: str) -> list[str]:
    return _ILLEGAL_XML.findall(text)


def clean_line(text: str) -> str:
    """One line or cell: decode _xHHHH_, drop XML-illegal and invisible characters, trim."""
    text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = text.replace("\r", "").replace("\n", "").replace("\t", " ")
    text = _ILLEGAL_XML.sub("", text)
    text = _INVISIBLE.sub("", text)
    return text.strip(_EDGE_SPACE)
