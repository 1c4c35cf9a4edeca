"""The one door every finished report comes in by: its form, told from its content, and that form's reader.

`check`, the reviewer's batch, `--previous`, a dropped file, the folder rule's inventory and
`init --from` all read a finished report through `read`, so that a new form (a reader module in
finished/) is added here and nowhere else. Each form has the Chinese name the reviewer's table shows
(Word, 网页, PDF, 扫描件 …). A file of no readable form is an InputError whose message says what it
is and what to do instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core.problems import InputError, Problem, error, existing_file
from reportgen.finished.grid import Item

MAX_REPORT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Form:
    """How a report was read: `key` for programs, `label` as the reviewer's table shows it."""

    key: str
    label: str


WORD = Form("docx", "Word")
PAGE = Form("html", "网页")
UNREAD = Form("unread", "无法读取")


@dataclass
class Reading:
    """A report's items in document order, the form they were read in, and the notes of reading
    (a 提醒 that the file was converted, or that its numbers were read from an image)."""

    items: list[Item]
    form: Form
    notes: list[Problem] = field(default_factory=list)


_PAGE_START = re.compile(rb"<(?:html|body|table|p|div|meta)\b", re.I)
_PAGE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht")


def read(path: Path) -> Reading:
    """The report at PATH read by the reader of its form; InputError with a Chinese reason otherwise."""
    from reportgen.finished import docx as docxread
    from reportgen.finished import html as htmlread

    name = path.name
    size = existing_file(path, "报告文件")
    if size > MAX_REPORT_BYTES:
        raise InputError(error("LIMIT", name, "", f"文件有 {size / 1024 / 1024:.0f} MB，大得异常：请检查是否选错了文件"))
    with path.open("rb") as f:
        head = f.read(2048)
    try:
        if head.startswith(b"PK\x03\x04"):
            return Reading(docxread.read_items(path), WORD)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            from reportgen.core import filekind

            if filekind.identify(path).key == filekind.ENCRYPTED:
                raise InputError(error("FILE", name, "", f"这个文件{filekind.PASSWORD_ADVICE}为 .docx 后再检查"))
            kind = "这是 WPS 文字文件（.wps）" if path.suffix.lower() == ".wps" else "这是旧版 Word 文件（.doc）"
            raise InputError(error("FILE", name, "", f"{kind}：请在 Word 或 WPS 中打开，“另存为” .docx 格式后再检查"))
        if head.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
            raise InputError(error("FILE", name, "", "这是 PDF 文件，无法读取其中的表格：请检查 Word 文件（.docx）或网页（.html）"))
        if htmlread.is_mhtml(head) or head.lstrip()[:1] == b"<" or _PAGE_START.search(head) or path.suffix.lower() in _PAGE_SUFFIXES:
            return Reading(htmlread.read_items(path), PAGE)
    except (docxread.NotAReport, htmlread.NotAPage) as exc:
        raise InputError(error("FILE", name, "", f"{exc.args[0]}：请给出 Word 文件（.docx）或网页文件（.html）")) from None
    raise InputError(error("FILE", name, "", "不是 Word 文件（.docx）或网页文件（.html），无法检查"))
