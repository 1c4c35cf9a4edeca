"""What a file really is, from its content, whatever its extension.

Clerks give last year's report where the workbook goes, save the workbook as .ods or "Strict Open
XML", export a web page as .xls, or give the two files in the wrong order. Naming what the file is
lets the message say what to do instead of calling an intact file damaged.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Kinds. The spreadsheet kinds are read (XLSX by the strict reader, the others values-only).
XLSX, XLS, ODS = "xlsx", "xls", "ods"
XLSX_STRICT, XLSB, DOCX, DOC, ODT, PPT = "xlsx-strict", "xlsb", "docx", "doc", "odt", "ppt"
PDF, IMAGE, TEXT, CSV, HTML, XML2003 = "pdf", "image", "text", "csv", "html", "xml2003"
ENCRYPTED, EMPTY, ZIP, DAMAGED, UNKNOWN = "encrypted", "empty", "zip", "damaged", "unknown"

READABLE_BOOKS = frozenset({XLSX, XLS, ODS})
SPREADSHEETS = READABLE_BOOKS | {XLSX_STRICT, XLSB, XML2003}
DOCUMENTS = frozenset({DOCX, DOC, ODT})
TEXTS = frozenset({TEXT, CSV})
NARRATIVES = TEXTS | DOCUMENTS  # what a 正文 is written as: Notepad's text, or Word's and WPS's documents

_WHAT = {
    XLSX: "一个 Excel 工作簿(.xlsx)",
    XLS: "旧版 Excel 工作簿(.xls) 或 WPS 表格(.et)",
    ODS: "一个 OpenDocument 电子表格(.ods)",
    XLSX_STRICT: "“Strict Open XML 电子表格”格式的 Excel 工作簿",
    XLSB: "一个 Excel 二进制工作簿(.xlsb)",
    DOCX: "一个 Word 文档(.docx)",
    DOC: "旧版 Word 文档(.doc) 或 WPS 文字文档(.wps)",
    ODT: "一个 OpenDocument 文本文档(.odt)",
    PPT: "一个 PowerPoint 演示文稿",
    PDF: "一个 PDF 文件",
    IMAGE: "图片",
    TEXT: "纯文本文件",
    CSV: "一个 CSV 文本表格",
    HTML: "网页文件（HTML，常见于从业务系统导出、扩展名却是 .xls 的文件）",
    XML2003: "一个 Excel 2003 XML 表格",
    ENCRYPTED: "有密码保护的 Office 文件",
    EMPTY: "空文件（0字节）",
    ZIP: "压缩包",
    DAMAGED: "已损坏或不完整的 Office 文件",
    UNKNOWN: "无法识别类型的文件",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


# What to do with a password-protected file, wherever it is given.
PASSWORD_ADVICE = "有密码保护，请在 Word/Excel 中取消密码后另存"


@dataclass(frozen=True)
class Kind:
    key: str

    @property
    def what(self) -> str:
        return _WHAT[self.key]


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole2_scan(data: bytes) -> str:
    """A compound file olefile cannot open (cut short): told by the UTF-16 stream names in its bytes."""
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return ENCRYPTED
    if _utf16("WordDocument") in data:
        return DOC
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return XLS
    if _utf16("PowerPoint Document") in data:
        return PPT
    return UNKNOWN


_BIFF_EOF, _BIFF_FILEPASS = 0x000A, 0x002F
_MAX_BIFF_RECORDS = 4096  # the FILEPASS record follows BOF within the first few records


def _biff_encrypted(stream) -> bool:
    """An .xls/.et workbook stream whose globals hold a FILEPASS record: an open password."""
    for _ in range(_MAX_BIFF_RECORDS):
        head = stream.read(4)
        if len(head) < 4:
            return False
        kind, length = int.from_bytes(head[:2], "little"), int.from_bytes(head[2:], "little")
        if kind == _BIFF_FILEPASS:
            return True
        if kind == _BIFF_EOF:
            return False
        stream.seek(length, 1)
    return False


_FIB_ENCRYPTED = 0x0100  # FibBase.fEncrypted (MS-DOC 2.5.2), in the flags word at offset 10


def _word_encrypted(stream) -> bool:
    """A .doc/.wps whose File Information Block says it is encrypted (an open password)."""
    fib = stream.read(12)
    return len(fib) == 12 and bool(int.from_bytes(fib[10:12], "little") & _FIB_ENCRYPTED)


def _ole2_kind(path: Path, data: bytes) -> str:
    """A compound file (.xls/.et/.doc/encrypted OOXML): told by the streams of its directory (read
    with olefile, which only parses). Word and Excel keep a password-protected .docx/.xlsx as a
    compound file with an EncryptionInfo stream; an .xls has a FILEPASS record instead, a .doc the
    fEncrypted flag of its FIB."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
            if "EncryptionInfo" in names or "EncryptedPackage" in names:
                return ENCRYPTED
            if "WordDocument" in names:
                return ENCRYPTED if _word_encrypted(ole.openstream("WordDocument")) else DOC
            for book in ("Workbook", "Book"):
                if book in names:
                    return ENCRYPTED if _biff_encrypted(ole.openstream(book)) else XLS
            if "PowerPoint Document" in names:
                return PPT
            return UNKNOWN
    except Exception:  # olefile's own errors for a damaged directory
        return _ole2_scan(data)


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "mimetype" in names:
                mimetype = z.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    return ODS
                if b"opendocument.text" in mimetype:
                    return ODT
            if "word/document.xml" in names:
                return DOCX
            if any(n.startswith("ppt/") for n in names):
                return PPT
            if "xl/workbook.bin" in names:
                return XLSB
            workbook = next((n for n in ("xl/workbook.xml",) if n in names), None)
            if workbook is None:
                workbook = next((n for n in names if n.endswith("workbook.xml") and n.startswith("xl/")), None)
            if workbook is not None:
                head = z.open(workbook).read(4096)
                return XLSX_STRICT if b"purl.oclc.org/ooxml/spreadsheetml" in head else XLSX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return DAMAGED
    return ZIP


def _text_kind(data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="ignore")
            break
    else:
        text = None
        for codec in ("utf-8", "gb18030"):
            try:
                text = data.decode(codec)
                break
            except UnicodeDecodeError as exc:
                if exc.start > len(data) - 4:  # cut mid-character at the end of the sample
                    text = data[: exc.start].decode(codec)
                    break
        if text is None:
            return UNKNOWN
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        return UNKNOWN
    head = text.lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html", "<table", "<meta")):
        return HTML
    if head.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return XML2003
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if len(lines) >= 2 and all(ln.count(",") >= 2 for ln in lines[:5]) and len({ln.count(",") for ln in lines[:5]}) == 1:
        return CSV
    return TEXT


def identify(path: str | Path) -> Kind:
    """The kind of an existing file, from its first bytes (and a zip's directory)."""
    path = Path(path)
    with open(path, "rb") as fh:
        data = fh.read(64 * 1024)
    if not data:
        return Kind(EMPTY)
    if data.startswith(_OLE2):
        if len(data) == 64 * 1024:  # stream names sit in the directory, which can be further in
            data = path.read_bytes()[: 4 * 1024 * 1024]
        return Kind(_ole2_kind(path, data))
    if data.startswith(b"PK\x03\x04"):
        return Kind(_zip_kind(path))
    if data.startswith(b"%PDF"):
        return Kind(PDF)
    if data.startswith(_IMAGES) or (data.startswith(b"RIFF") and data[8:12] == b"WEBP"):
        return Kind(IMAGE)
    return Kind(_text_kind(data))


_TABLE = re.compile(rb"<(?:\w+:)?tbl[\s>]")
_MAX_SCANNED = 64 * 1024 * 1024  # a narrative's document.xml is well under 1 MB


def word_without_tables(path: str | Path) -> bool:
    """A .docx whose body holds no table: text written in Word (a narrative, 正文.docx), not a
    finished report, which carries the three statistics tables. False for anything unreadable."""
    try:
        with zipfile.ZipFile(path) as z:
            part = z.getinfo("word/document.xml")
            if part.file_size > _MAX_SCANNED:
                return False
            tail = b""
            with z.open(part) as fh:
                while chunk := fh.read(1 << 20):
                    if _TABLE.search(tail + chunk):
                        return False
                    tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return False
    return True


def try_identify(path: str | Path) -> Kind | None:
    """identify(), or None when the file is missing or cannot be opened (the readers say why)."""
    try:
        return identify(path)
    except OSError:
        return None


def swapped(workbook: str | Path, text: str | Path) -> bool:
    """True when the file given as the workbook is a narrative (text, or a Word/WPS document) and the
    one given as the narrative is a spreadsheet: the two were given in the wrong order."""
    first, second = try_identify(workbook), try_identify(text)
    return first is not None and second is not None and first.key in NARRATIVES and second.key in SPREADSHEETS
