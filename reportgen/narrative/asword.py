"""A narrative's text as a 正文.docx (`reportgen init --narrative docx`): the clerk writes it in Word or WPS.

One paragraph a line, empty lines kept as empty paragraphs, so that narrative.word reads back the
same lines (a problem's 第几行 is the same paragraph). A heading typed with its number (一、总体情况,
（一）主动公开情况) is in Word's heading style of its level (Heading 1 / Heading 2, which Chinese
Word and WPS show as 标题 1 / 标题 2) and keeps its typed number, as narrative.word reads it.
The look is plain: 仿宋 for the text, 黑体 and 楷体 for the headings, all black.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

_LEVEL_1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL_2 = re.compile(r"^（[一二三四五六七八九十]+）")
# (style, East Asian font) of the body and of the two heading levels, as a 公文 has them.
_LOOK = (("Normal", "仿宋"), ("Heading 1", "黑体"), ("Heading 2", "楷体"))


def level(line: str) -> int | None:
    """1 for 一、…, 2 for （一）…, None for a paragraph of text."""
    if _LEVEL_1.match(line):
        return 1
    return 2 if _LEVEL_2.match(line) else None


def docx_bytes(text: str) -> bytes:
    """The .docx of TEXT (a 正文.txt's lines, CRLF or LF)."""
    from docx import Document

    document = Document()
    _plain_look(document)
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        n = level(line)
        document.add_paragraph(line, style=f"Heading {n}" if n else None)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def encoded(text: str, path: Path) -> bytes:
    """The narrative file's bytes for PATH: a .docx, or the text in UTF-8 with a BOM (Notepad's own)."""
    return docx_bytes(text) if Path(path).suffix.lower() == ".docx" else text.encode("utf-8-sig")


def _plain_look(document) -> None:
    from docx.shared import Pt, RGBColor

    from reportgen.core.ooxml import RPR_ORDER, child, qn

    for name, east_asian in _LOOK:
        style = document.styles[name]
        style.font.size = Pt(16)  # 三号, as the report prints it
        style.font.bold = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.name = "Times New Roman"
        # The font settings above made the style's w:rPr; its w:rFonts gets the East Asian face.
        fonts = child(style.element.find(qn("w:rPr")), "rFonts", RPR_ORDER)
        fonts.set(qn("w:eastAsia"), east_asian)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
