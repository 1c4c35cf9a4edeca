"""The one door every finished report comes in by: its form, told from its content, and that form's reader.

`check`, the reviewer's batch, `--previous`, a dropped file, the folder rule's inventory and
`init --from` all read a finished report through `read`, so that a new form (a reader module in
finished/) is added here and nowhere else. Each form has the Chinese name the reviewer's table shows
(Word, 网页, PDF, 扫描件 …). A file of no readable form is an InputError whose message says what it
is and what to do instead. Older office files (.doc, .wps, .rtf, .odt) are read from the .docx that
LibreOffice makes of them (office.convert: a folder review's session converts them all at once),
with a CONVERTED 提醒.

A PDF's pages are read (pdfium; OCR for scanned pages) in a child process kept for the whole run
(core.worker: one child for a folder of 200 PDFs, its OCR engine loaded once), within read_seconds():
a file that makes the native code hang, crash or run out of memory is a FILE error naming it, and
the review goes on with the next file. The layout (pdflayout) is read here, in this process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core import worker
from reportgen.core.problems import InputError, Problem, error, existing_file, warning
from reportgen.finished.grid import Item
from reportgen.finished.places import page_list
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
PDF = Form("pdf", "PDF")
SCAN = Form("scan", "扫描件")
UNREAD = Form("unread", "无法读取")
# The forms the reviewer's screen leaves unsaid (the file's name tells them); 文件清单 names every form.
ORDINARY_FORMS = frozenset({WORD.label, PAGE.label, UNREAD.label})  # an unread file: its error says why


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
    from reportgen.finished import pdf as pdfread

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
            return _pdf(path)
        if htmlread.is_mhtml(head) or head.lstrip()[:1] == b"<" or _PAGE_START.search(head) or path.suffix.lower() in _PAGE_SUFFIXES:
            return Reading(htmlread.read_items(path), PAGE)
    except (docxread.NotAReport, htmlread.NotAPage) as exc:
        raise InputError(error("FILE", name, "", f"{exc.args[0]}：请给出 Word 文件（.docx）或网页文件（.html）")) from None
    except pdfread.NotAPdf as exc:
        raise InputError(error("FILE", name, "", exc.args[0])) from None
    raise InputError(error("FILE", name, "", "不是 Word 文件（.docx）或网页文件（.html），无法检查"))


SCAN_ADVICE = "请安装文字识别组件（pip install \"reportgen[ocr]\"，或使用带文字识别的安装包）后再检查，或请部门提供 Word 文件（.docx）"


def ocr_available() -> bool:
    """Whether scanned pages can be read here: the optional extra reportgen[ocr] is installed."""
    try:
        from reportgen.finished import ocr
    except ImportError:
        return False
    return ocr.available()


# The time limit of reading a PDF: its text layer, and each of its scanned pages by OCR (2-6 s a
# page on a 2-core machine, several times that when it is shared); settable for slow machines.
READ_SECONDS_ENV = "REPORTGEN_READ_SECONDS"
DEFAULT_READ_SECONDS, MIN_READ_SECONDS, MAX_READ_SECONDS = 60.0, 1.0, 3600.0
_READER = worker.Worker()  # the child that reads PDFs, started at the first PDF


def read_seconds(name: str = "") -> float:
    """Seconds allowed for reading a PDF's text layer, and for each page read by OCR:
    READ_SECONDS_ENV, else DEFAULT_READ_SECONDS (clamped; a FILE error when not a number)."""
    return worker.seconds_setting(READ_SECONDS_ENV, DEFAULT_READ_SECONDS, MIN_READ_SECONDS, MAX_READ_SECONDS, "FILE", name)


_REEXPORT = "请部门重新导出 PDF，或提供 Word 文件（.docx）"


def _in_child(path: Path, seconds: float, overran: str, function, *args):
    """FUNCTION(*ARGS) run by the reader child within SECONDS; a FILE error naming PATH when it
    overruns (OVERRAN: the message) or the child dies."""
    try:
        return _READER.call(seconds, function, *args)
    except worker.Overran:
        raise InputError(error("FILE", path.name, "", overran)) from None
    except worker.Died as exc:
        raise InputError(error("FILE", path.name, "", f"读取这个 PDF 的进程意外退出（{exc.how()}），可能是文件损坏或内存不足：{_REEXPORT}")) from None


def _pdf(path: Path) -> Reading:
    """A PDF: its text pages read from their text layer, its scanned pages by OCR where installed."""
    from reportgen.finished import pdf as pdfread
    from reportgen.finished import pdflayout

    seconds = read_seconds(path.name)
    overran = f"读取这个 PDF 超过 {seconds:g} 秒仍未完成，已停止：文件可能已损坏或过于复杂，{_REEXPORT}"
    pages = _in_child(path, seconds, overran, pdfread.read_pages, path)
    scanned = [p.number for p in pages if p.scanned]
    garbled = [p.number for p in pages if p.garbled]
    outlined = [p.number for p in pages if p.outlined]
    if not garbled and not outlined:
        what = "都是图片，没有文字" if len(scanned) > 1 else "是图片，没有文字"
    elif garbled == scanned:
        what = "的字体没有文字编码，文字提取出来是乱码"
    elif outlined == scanned:
        what = "的文字已转为图形（曲线），没有文字"
    else:
        unread = [f"{page_list(garbled)}的字体没有文字编码，提取出来是乱码"] * bool(garbled) + [f"{page_list(outlined)}的文字已转为曲线"] * bool(outlined)
        what = f"是图片或无法提取的文字（{'；'.join(unread)}）"
    searchable = [p.number for p in pages if p.searchable]
    notes = [warning("SCAN", path.name, "", f"扫描件：数字取自扫描软件识别出的文字，请对照原件核对（{page_list(searchable)}）")] * bool(searchable)
    if not scanned:
        return Reading(pdflayout.read_items(pages), SCAN if len(searchable) == len(pages) else PDF, notes)
    if ocr_available():
        from reportgen.finished import ocr

        budget = seconds * len(scanned)
        overran = (
            f"文字识别这个 PDF 的{page_list(scanned)}超过 {budget:g} 秒仍未完成，已停止：文件可能已损坏或过于复杂，{_REEXPORT}。"
            f"本机较忙时也可以放宽时限：环境变量 {READ_SECONDS_ENV} 是每页的秒数（现为 {seconds:g}）"
        )
        read = {p.number: p for p in _in_child(path, budget, overran, ocr.read_pages, path, scanned)}
        pages = [read.get(p.number, p) for p in pages]
        pictures = not garbled and not outlined  # a scan; else a PDF whose text could not be taken
        form = SCAN if pictures and len(scanned) + len(searchable) == len(pages) else PDF
        said = "扫描件" if pictures else "这个 PDF 的文字无法提取"
        note = warning("SCAN", path.name, "", f"{said}：数字由文字识别读出，请对照原件核对（{page_list(scanned)}）")
        return Reading(pdflayout.read_items(pages), form, [note, *notes])
    if len(scanned) == len(pages):
        raise InputError(error(
            "FILE", path.name, "",
            f"{'这个 PDF 的文字无法读取' if garbled or outlined else '这是扫描件'}：PDF 的{page_list(scanned)}{what}，无法读取其中的文字和表格。{SCAN_ADVICE}",
        ))
    note = warning(
        "SCAN", path.name, page_list(scanned),
        f"这些页{what}，没有读取，其中的表格和文字没有检查。{SCAN_ADVICE}",
    )
    return Reading(pdflayout.read_items([p for p in pages if not p.scanned]), PDF, [note, *notes])


_SAVE_AS = convert.save_as()


def _compound(path: Path) -> str:
    """What to say of a compound file that is not converted: its password, or what it is."""
    from reportgen.core import filekind

    kind = filekind.identify(path).key
    if kind == filekind.ENCRYPTED:
        return f"这个文件{filekind.PASSWORD_ADVICE}为 .docx 后再检查"
    if kind in (filekind.XLS, filekind.PPT):
        return f"这是{filekind.Kind(kind).what}，不是年度报告：请给出 Word 文件（.docx）或网页文件（.html）"
    what = convert.what("wps" if path.suffix.lower() == ".wps" else "doc")
    return f"这像是{what}，但文件已损坏或不完整，无法转换：请{_SAVE_AS}"


def _converted(path: Path, form: str) -> Reading:
    """The report read from LibreOffice's .docx of it, with the CONVERTED 提醒."""
    from reportgen.finished import docx as docxread

    name, what = path.name, convert.what(form)
    try:
        with convert.docx_of(path) as copy:
            items = docxread.read_items(copy)
    except convert.NoOffice as exc:
        raise InputError(error("FILE", name, "", convert.without_office(form, exc.why))) from None
    except convert.ConversionFailed as exc:
        raise InputError(error("FILE", name, "", f"这是{what}，{exc.args[0]}：请{_SAVE_AS}")) from None
    except docxread.NotAReport as exc:
        raise InputError(error("FILE", name, "", f"这是{what}，LibreOffice 转换后的文件无法读取（{exc.args[0]}）：请{_SAVE_AS}")) from None
    note = warning("CONVERTED", name, "", f"这是{what}，已由 LibreOffice 转换为 .docx 后检查：转换偶尔会改变个别内容，有疑问的数字请与原文件核对")
    return Reading(items, CONVERTED[form], [note])
