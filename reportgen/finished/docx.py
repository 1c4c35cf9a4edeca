"""Read a finished .docx (made by any tool) into paragraphs and table grids, in document order.

The WordprocessingML is read directly with lxml (no DTDs, entities or network), as written by
Word, WPS, LibreOffice or python-docx: w:p, w:tbl with w:gridSpan / w:vMerge / w:gridBefore,
content controls (w:sdt) and tables nested in cells. A table whose cells hold tables, or that has a
single column, is a layout table: its content is read as if it were not there.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from reportgen.finished.grid import GridBuilder, Item, Para

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_PART_BYTES = 64 * 1024 * 1024  # a long report's document.xml is well under 5 MB


class NotAReport(ValueError):
    """The file is not a Word document we can read (Chinese reason in args[0])."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _main_part(z: zipfile.ZipFile) -> str:
    """The officeDocument part named by the package relationships (word/document.xml in practice)."""
    try:
        rels = etree.fromstring(z.read("_rels/.rels"), _parser())
        for rel in rels.iter(PKG_REL + "Relationship"):
            if rel.get("Type") == OFFICE_DOC:
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    except (KeyError, etree.XMLSyntaxError):
        pass
    return "word/document.xml"


def read_items(path: Path) -> list[Item]:
    try:
        with zipfile.ZipFile(path) as z:
            name = _main_part(z)
            info = z.getinfo(name)
            if info.file_size > MAX_PART_BYTES:
                raise NotAReport("文档内容大得异常，无法读取")
            data = z.read(name)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise NotAReport("不是 Word 文档（.docx），或文件已损坏") from exc
    if b"<!DOCTYPE" in data[:2048]:
        raise NotAReport("文档含有不允许的 DOCTYPE 声明，不予读取")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise NotAReport("Word 文档的内容已损坏，无法读取") from exc
    body = root.find(W + "body")
    if body is None:
        raise NotAReport("不是 Word 文档（没有正文部分）")
    items: list[Item] = []
    _container(body, items)
    return items


def _container(el, items: list[Item]) -> None:
    for child in el:
        tag = child.tag
        if tag == W + "p":
            items.append(Para(para_text(child)))
        elif tag == W + "tbl":
            _table(child, items)
        elif tag in (W + "sdt", W + "customXml", W + "sdtContent", MC + "AlternateContent", MC + "Choice"):
            _container(child, items)


def para_text(p) -> str:
    """Visible text of a paragraph: w:t, tabs and breaks; not deleted text, field codes or text boxes."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "tab":
                out.append(" ")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag in (W + "del", W + "txbxContent", W + "instrText", MC + "Fallback", W + "pPr", W + "rPr"):
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _cell_blocks(tc) -> list:
    return [c for c in tc if c.tag in (W + "p", W + "tbl", W + "sdt")]


def _is_layout(tbl) -> bool:
    """A table used for page layout: it holds tables, or every row is one cell."""
    if tbl.find(f"{W}tr/{W}tc/{W}tbl") is not None:
        return True
    rows = tbl.findall(W + "tr")
    return bool(rows) and all(len(r.findall(W + "tc")) <= 1 for r in rows)


def _table(tbl, items: list[Item]) -> None:
    if _is_layout(tbl):
        for tr in tbl.findall(W + "tr"):
            for tc in tr.findall(W + "tc"):
                _container(tc, items)
        return
    b = GridBuilder()
    for tr in tbl.iter(W + "tr"):
        if tr.getparent() is not tbl and tr.getparent().tag != W + "sdtContent":
            continue  # rows of a nested table belong to it
        before = tr.find(f"{W}trPr/{W}gridBefore")
        b.new_row(int(before.get(W + "val", "0")) if before is not None else 0)
        for tc in tr.iter(W + "tc"):
            if tc.getparent() is not tr and tc.getparent().tag != W + "sdtContent":
                continue
            pr = tc.find(W + "tcPr")
            span, merged_down = 1, False
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                span = _int(gs.get(W + "val")) if gs is not None else 1
                vm = pr.find(W + "vMerge")
                merged_down = vm is not None and vm.get(W + "val", "continue") == "continue"
            text = "\n".join(para_text(p) for p in tc.iter(W + "p"))
            if merged_down and b.extend_down(b.col, span):
                continue
            b.add(text, colspan=span)
    items.append(b.grid)


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1
