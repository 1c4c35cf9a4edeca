"""The narrative written in Word or WPS (正文.docx): its paragraphs as the lines of a 正文.txt.

Each paragraph is a line (its number is the paragraph's, empty ones counted, as a finished .docx's
problems count them). A heading typed with its number (一、总体情况) is read as typed; a heading
that has only Word's heading style (标题 1 / Heading 1, 标题 2 / Heading 2) and its words, the
number being Word's automatic list numbering, gets the number of its level in order (一、 for level
1, （一） for level 2, counted again under each level-1 heading). A table is refused: the
narrative is text, and the report's tables are made from the workbook.

Read with python-docx's documented API (Document.iter_inner_content, Paragraph.style). A narrative
saved as .doc, .wps, .rtf or .odt is read from the .docx LibreOffice makes of it (office.convert),
with a CONVERTED 提醒; without LibreOffice the message names the file and the ways out.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.core.problems import InputError, Problem, error, warning
from reportgen.office import convert

_CN = "一二三四五六七八九十"
_NUMBERED = re.compile(rf"^\s*([{_CN}]+\s*[、，,.．]|[（(]\s*[{_CN}\d]+\s*[)）]|\d{{1,2}}\s*[.．、])")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def _level(paragraph) -> int | None:
    """1 or 2 for a paragraph in Word's heading styles (or a style based on one), else None."""
    style = paragraph.style
    while style is not None:
        m = _HEADING_STYLE.match((style.name or "").strip())
        if m:
            level = int(m.group(1))
            return level if level <= 2 else None
        style = style.base_style
    return None


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else "十" + _CN[n - 11]


# The narrative's own way out besides 另存为 .docx: the text in a 正文.txt.
_OR_TEXT = "（或把正文复制到记事本，保存为正文.txt）"


def converted_text_of(path: Path, name: str, form: str) -> tuple[str, list[Problem]]:
    """The lines of a narrative in an older office FORM (office.convert.source_form), read from
    LibreOffice's .docx of it, and the CONVERTED 提醒. InputError when it cannot be converted."""
    what = convert.what(form)
    try:
        with convert.docx_of(path) as copy:
            text = text_of(copy, name)
    except convert.NoOffice as exc:
        raise InputError(error("FILE", name, "", convert.without_office(form, exc.why, "读取正文", _OR_TEXT))) from None
    except convert.ConversionFailed as exc:
        raise InputError(error("FILE", name, "", f"这是{what}，{exc.args[0]}：请{convert.save_as('试', _OR_TEXT)}")) from None
    note = warning("CONVERTED", name, "", f"这是{what}，已由 LibreOffice 转换为 .docx 后读取：转换偶尔会改变个别内容，请核对生成的报告中的正文")
    return text, [note]


def text_of(path: Path, name: str) -> str:
    """The narrative's lines, one a paragraph. Raises InputError for a table in it or a file
    python-docx cannot open."""
    from docx import Document
    from docx.table import Table

    try:
        document = Document(str(path))
    except Exception:  # python-docx's own errors for a damaged package or a part it cannot read
        raise InputError(
            error("FILE", name, "", "Word 文件已损坏或无法读取：请在 Word/WPS 中打开它，另存为 .docx（或把正文复制到记事本，保存为正文.txt）后再试")
        ) from None
    lines: list[str] = []
    counts = [0, 0]  # level-1 headings so far, level-2 headings under the current one
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            after = next((ln for ln in reversed(lines) if ln.strip()), "")
            where = f"（在“{after[:20]}”之后）" if after else "（在正文开头）"
            raise InputError(
                error(
                    "FILE", name, f"第{len(lines) + 1}行",
                    f"正文中有表格{where}：正文只写文字，报告中的统计表由统计表.xlsx 生成。"
                    "请删除这个表格，或把其中要说的话写成段落，然后再试",
                )
            )
        text = item.text.replace("\n", "").replace("\t", " ")  # a manual line break inside a paragraph
        level = _level(item) if text.strip() else None
        if level == 1 and not counts[0] and text.strip().endswith("报告"):
            level = None  # the document's title in a heading style: the title, not part 一
        if level == 1:
            counts = [counts[0] + 1, 0]
            if not _NUMBERED.match(text):
                text = f"{_cn(counts[0])}、{text.strip()}"
        elif level == 2:
            counts[1] += 1
            if not _NUMBERED.match(text):
                text = f"（{_cn(counts[1])}）{text.strip()}"
        lines.append(text)
    return "\n".join(lines)
