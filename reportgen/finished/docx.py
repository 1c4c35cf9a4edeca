"""Read a finished .docx (made by any tool) into paragraphs and table grids, in document order.

The WordprocessingML is read directly with lxml through safexml (a DTD or entity refuses the
file; no network), as written by
Word, WPS, LibreOffice or python-docx: w:p, w:tbl with w:gridSpan / w:vMerge / w:gridBefore,
content controls (w:sdt) and tables nested in cells. A table whose cells hold tables, or that has a
single column, is a layout table: its content is read as if it were not there.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from reportgen.core import safexml
from reportgen.core.ooxml import NS, qn
from reportgen.finished.grid import GridBuilder, Item, Para

OFFICE_DOC = f"{NS['r']}/officeDocument"  # the relationship type of the main part
MAX_PART_BYTES = 64 * 1024 * 1024  # a long report's document.xml is well under 5 MB

# Elements whose content is read as if they were not there (content controls, alternate content).
_CONTAINERS = frozenset(map(qn, ("w:sdt", "w:customXml", "w:sdtContent", "mc:AlternateContent", "mc:Choice")))
_BREAKS = frozenset(map(qn, ("w:br", "w:cr")))
# Not visible text: deleted text, text boxes, field codes, fallbacks, properties.
_NOT_TEXT = frozenset(map(qn, ("w:del", "w:txbxContent", "w:instrText", "mc:Fallback", "w:pPr", "w:rPr")))


class NotAReport(ValueError):
    """The file is not a Word document we can read (Chinese reason in args[0])."""


def _main_part(z: zipfile.ZipFile) -> str:
    """The officeDocument part named by the package relationships (word/document.xml in practice)."""
    try:
        rels = safexml.parse(z.read("_rels/.rels"), "_rels/.rels")
        for rel in rels.iter(qn("pr:Relationship")):
            if rel.get("Type") == OFFICE_DOC:
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    except (KeyError, etree.XMLSyntaxError):
        pass
    return "word/document.xml"


_REFUSED = "文档含有不允许的 DOCTYPE 声明，不予读取"


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
    except safexml.UnsafeXML:
        raise NotAReport(_REFUSED) from None
    try:
        root = safexml.parse(data, name)
    except safexml.UnsafeXML:
        raise NotAReport(_REFUSED) from None
    except etree.XMLSyntaxError as exc:
        raise NotAReport("Word 文档的内容已损坏，无法读取") from exc
    body = root.find(qn("w:body"))
    if body is None:
        raise NotAReport("不是 Word 文档（没有正文部分）")
    items: list[Item] = []
    _container(body, items)
    return items


def _container(el, items: list[Item]) -> None:
    for child in el:
        tag = child.tag
        if tag == qn("w:p"):
            items.append(Para(para_text(child)))
        elif tag == qn("w:tbl"):
            _table(child, items)
        elif tag in _CONTAINERS:
            _container(child, items)


def para_text(p) -> str:
    """Visible text of a paragraph: w:t, tabs and breaks; not deleted text, field codes or text boxes."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag == qn("w:t"):
                out.append(child.text or "")
            elif tag == qn("w:tab"):
                out.append(" ")
            elif tag in _BREAKS:
                out.append("\n")
            elif tag in _NOT_TEXT:
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _is_layout(tbl) -> bool:
    """A table used for page layout: it holds tables, or every row is one cell."""
    if tbl.find(f"{qn('w:tr')}/{qn('w:tc')}/{qn('w:tbl')}") is not None:
        return True
    rows = tbl.findall(qn("w:tr"))
    return bool(rows) and all(len(r.findall(qn("w:tc"))) <= 1 for r in rows)


def _table(tbl, items: list[Item]) -> None:
    if _is_layout(tbl):
        for tr in tbl.findall(qn("w:tr")):
            for tc in tr.findall(qn("w:tc")):
                _container(tc, items)
        return
    b = GridBuilder()
    for tr in tbl.iter(qn("w:tr")):
        if tr.getparent() is not tbl and tr.getparent().tag != qn("w:sdtContent"):
            continue  # rows of a nested table belong to it
        before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
        b.new_row(int(before.get(qn("w:val"), "0")) if before is not None else 0)
        for tc in tr.iter(qn("w:tc")):
            if tc.getparent() is not tr and tc.getparent().tag != qn("w:sdtContent"):
                continue
            pr = tc.find(qn("w:tcPr"))
            span, merged_down = 1, False
            if pr is not None:
                gs = pr.find(qn("w:gridSpan"))
                span = _int(gs.get(qn("w:val"))) if gs is not None else 1
                vm = pr.find(qn("w:vMerge"))
                merged_down = vm is not None and vm.get(qn("w:val"), "continue") == "continue"
            text = "\n".join(para_text(p) for p in tc.iter(qn("w:p")))
            if merged_down and b.extend_down(b.col, span):
                continue
            b.add(text, colspan=span)
    items.append(b.grid)


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1
