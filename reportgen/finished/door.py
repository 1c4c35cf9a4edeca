"""The one door every finished report comes in by: its form, told from its content, and that form's reader.

`check`, the reviewer's batch, `--previous`, a dropped file, the folder rule's inventory and
`init --from` all read a finished report through `read`, so that a new form (a reader module in
finished/) is added here and nowhere else. Each form has the Chinese name the reviewer's table shows
(Word, 网页, PDF, 扫描件 …). A file of no readable form is an InputError whose message says what it
is and what to do instead. Older office files (.doc, .wps, .rtf, .odt) are read from the .docx that
LibreOffice makes of them (office.convert: a folder review's session converts them all at once),
with a CONVERTED 提醒.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core.problems import InputError, Problem, error, existing_file, warning
from reportgen.finished.grid import Item
from reportgen.office import convert

MAX_REPORT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Form:
    """How a report was read: `key` for programs, `label` as the reviewer's table shows it."""

    key: str
    label: str


WORD = Form("docx", "Word")
MACRO_WORD = Form("docm", "Word（启用宏）")
# Read from LibreOffice's .docx conversion (office.convert.source_form's keys).
CONVERTED = {
    "doc": Form("doc", "旧版 Word（已转换）"),
    "wps": Form("wps", "WPS 文字（已转换）"),
    "rtf": Form("rtf", "RTF（已转换）"),
    "odt": Form("odt", "OpenDocument 文本（已转换）"),
}
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
        form = convert.source_form(path)
        if form is not None:
            return _converted(path, form)
        if head.startswith(b"PK\x03\x04"):
            return Reading(docxread.read_items(path), MACRO_WORD if path.suffix.lower() == ".docm" else WORD)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(error("FILE", name, "", _compound(path)))
        if head.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
            raise InputError(error("FILE", name, "", "这是 PDF 文件，无法读取其中的表格：请检查 Word 文件（.docx）或网页（.html）"))
        if htmlread.is_mhtml(head) or head.lstrip()[:1] == b"<" or _PAGE_START.search(head) or path.suffix.lower() in _PAGE_SUFFIXES:
            return Reading(htmlread.read_items(path), PAGE)
    except (docxread.NotAReport, htmlread.NotAPage) as exc:
        raise InputError(error("FILE", name, "", f"{exc.args[0]}：请给出 Word 文件（.docx）或网页文件（.html）")) from None
    raise InputError(error("FILE", name, "", "不是 Word 文件（.docx）或网页文件（.html），无法检查"))


_SAVE_AS = "在 Word 或 WPS 中打开，“另存为” .docx 格式后再检查"


def _compound(path: Path) -> str:
    """What to say of a compound file that is not converted: its password, or what it is."""
    from reportgen.core import filekind

    kind = filekind.identify(path).key
    if kind == filekind.ENCRYPTED:
        return f"这个文件{filekind.PASSWORD_ADVICE}为 .docx 后再检查"
    if kind in (filekind.XLS, filekind.PPT):
        return f"这是{filekind.Kind(kind).what}，不是年度报告：请给出 Word 文件（.docx）或网页文件（.html）"
    what = _what("wps" if path.suffix.lower() == ".wps" else "doc")
    return f"这像是{what}，但文件已损坏或不完整，无法转换：请{_SAVE_AS}"


def _what(form: str) -> str:
    """The form's name after 这是: a space before a Latin word (这是 RTF 文件)."""
    what = convert.WHAT[form]
    return f" {what}" if what[0].isascii() else what


def _converted(path: Path, form: str) -> Reading:
    """The report read from LibreOffice's .docx of it, with the CONVERTED 提醒."""
    from reportgen.finished import docx as docxread

    name, what = path.name, _what(form)
    try:
        with convert.docx_of(path) as copy:
            items = docxread.read_items(copy)
    except convert.NoOffice as exc:
        raise InputError(error("FILE", name, "", f"这是{what}，要由 LibreOffice 转换为 .docx 后才能检查，但没有找到 LibreOffice{exc.why}："
                                                 "安装 LibreOffice 后再检查，或在 Word/WPS 中“另存为” .docx")) from None
    except convert.ConversionFailed as exc:
        raise InputError(error("FILE", name, "", f"这是{what}，{exc.args[0]}：请{_SAVE_AS}")) from None
    except docxread.NotAReport as exc:
        raise InputError(error("FILE", name, "", f"这是{what}，LibreOffice 转换后的文件无法读取（{exc.args[0]}）：请{_SAVE_AS}")) from None
    note = warning("CONVERTED", name, "", f"这是{what}，已由 LibreOffice 转换为 .docx 后检查：转换偶尔会改变个别内容，有疑问的数字请与原文件核对")
    return Reading(items, CONVERTED[form], [note])
