"""A small, strict reader of .xlsx cell values for `check` and `build`.

Why not openpyxl here: importing openpyxl costs 60–110 ms of a ~350 ms build, and it cannot give
a cell's cached value and its formula in one load (we need both: a formula never computed must be
reported, not read as blank). We read only what the reader needs: sheet names, each cell's value
(shared, inline, number, boolean, error) and formula, and the merged ranges. openpyxl still writes
every workbook (init, batch summaries) and the tests use it to make inputs.

The XML is untrusted: parsed by safexml (lxml without DTDs, entities or network access; a document
type declaration anywhere is refused).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from reportgen.core import safexml
from reportgen.core.ooxml import qn

_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int]:
    """'D7' -> (7, 4)."""
    m = _REF.match(ref)
    if not m:
        raise ValueError(f"bad cell reference {ref!r}")
    return int(m.group(2)), column_index(m.group(1))


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], tuple[object, str | None]] = field(default_factory=dict)  # (row, col) -> (value, formula)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min_row, min_col, max_row, max_col)
    max_row: int = 0

    def value(self, ref: str) -> object:
        return self.cells.get(split_ref(ref), (None, None))[0]

    def formula(self, ref: str) -> str | None:
        return self.cells.get(split_ref(ref), (None, None))[1]

    def at(self, row: int, col: int) -> object:
        return self.cells.get((row, col), (None, None))[0]


@dataclass
class Book:
    sheets: dict[str, Sheet]
    date1904: bool = False

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)

    def __contains__(self, name: str) -> bool:
        return name in self.sheets

    def __getitem__(self, name: str) -> Sheet:
        return self.sheets[name]


def _xml(z: zipfile.ZipFile, name: str):
    return safexml.parse(z.read(name), name)


def _part_path(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _text(el) -> str:
    """Text of a shared or inline string: its <t> runs, without phonetic (<rPh>) guides."""
    return "".join(t.text or "" for t in el.iter(qn("x:t")) if t.getparent().tag != qn("x:rPh"))


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        number = float(text)
        return int(number) if number.is_integer() and abs(number) < 2**53 and "e" not in text.lower() else number


def load(path) -> Book:
    """Read every sheet's cells. Raises zipfile/KeyError/ValueError/etree errors for a damaged file
    and UnsafeXML for a part with a DTD; the caller turns them into a Chinese message."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        wb_path = "xl/workbook.xml"
        rels_root = _xml(z, "_rels/.rels") if "_rels/.rels" in names else None
        if rels_root is not None:
            for rel in rels_root.iter(qn("pr:Relationship")):
                if rel.get("Type", "").endswith("/officeDocument"):
                    wb_path = _part_path("", rel.get("Target", wb_path))
        workbook = _xml(z, wb_path)
        wb_rels_path = posixpath.join(posixpath.dirname(wb_path), "_rels", posixpath.basename(wb_path) + ".rels")
        targets = {
            rel.get("Id"): _part_path(wb_path, rel.get("Target", ""))
            for rel in _xml(z, wb_rels_path).iter(qn("pr:Relationship"))
        }
        pr = workbook.find(qn("x:workbookPr"))
        date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        shared: list[str] = []
        shared_path = next((t for t in targets.values() if t.endswith("sharedStrings.xml")), None)
        if shared_path and shared_path in names:
            shared = [_text(si) for si in _xml(z, shared_path).iter(qn("x:si"))]
        sheets: dict[str, Sheet] = {}
        sheets_el = workbook.find(qn("x:sheets"))
        for sheet_el in sheets_el if sheets_el is not None else ():
            name = sheet_el.get("name", "")
            target = targets.get(sheet_el.get(qn("r:id")))
            if not target or target not in names:
                continue  # a chart sheet or a dangling relationship: nothing we read
            sheets[name] = _sheet(name, _xml(z, target), shared)
    return Book(sheets, date1904)


def _formula(f, shared_formulas: dict[str, str], arrays: list) -> str | None:
    """The formula of a cell's <f>: its own text, or for a shared formula's other cells (an <f>
    without text) the shared one, named as such. Array formulas are remembered with their range."""
    if f is None:
        return None
    text = f.text or ""
    if f.get("t") == "shared":
        index = f.get("si", "")
        if text:
            shared_formulas[index] = f"={text}"
            return f"={text}"
        return f"{shared_formulas.get(index, '=…')}（共享公式，从其他单元格复制来的）"
    formula = f"={text}" if text else "=…"
    if f.get("t") == "array" and ":" in f.get("ref", ""):
        (r1, c1), (r2, c2) = (split_ref(x) for x in f.get("ref").split(":"))
        arrays.append(((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)), f"{formula}（数组公式 {f.get('ref')}）"))
    return formula


def _sheet(name: str, root, shared: list[str]) -> Sheet:
    sheet = Sheet(name)
    shared_formulas: dict[str, str] = {}
    arrays: list[tuple[tuple[int, int, int, int], str]] = []
    data = root.find(qn("x:sheetData"))
    row_number = 0
    for row in data if data is not None else ():
        row_number = int(row.get("r") or row_number + 1)
        col_number = 0
        for c in row.iter(qn("x:c")):
            ref = c.get("r")
            if ref:
                row_number, col_number = split_ref(ref)
            else:
                col_number += 1
            f = c.find(qn("x:f"))
            formula = _formula(f, shared_formulas, arrays)
            v = c.find(qn("x:v"))
            kind = c.get("t", "n")
            if kind == "inlineStr":
                inline = c.find(qn("x:is"))
                value: object = _text(inline) if inline is not None else None
            elif v is None or v.text is None:
                value = None
            elif kind == "s":
                value = shared[int(v.text)]
            elif kind in ("str", "e"):
                value = v.text
            elif kind == "b":
                value = v.text.strip() in ("1", "true")
            else:
                value = _number(v.text)
            if value is not None or formula is not None:
                sheet.cells[(row_number, col_number)] = (value, formula)
        sheet.max_row = max(sheet.max_row, row_number)
    # The other cells of an array formula carry no <f>: without a saved value they are formula cells too.
    for (r1, c1, r2, c2), formula in arrays:
        for r in range(r1, r2 + 1):
            for k in range(c1, c2 + 1):
                value, own = sheet.cells.get((r, k), (None, None))
                if value is None and own is None:
                    sheet.cells[(r, k)] = (None, formula)
    merges = root.find(qn("x:mergeCells"))
    for m in merges if merges is not None else ():
        ref = m.get("ref", "")
        if ":" in ref:
            (r1, c1), (r2, c2) = (split_ref(x) for x in ref.split(":"))
            sheet.merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return sheet
