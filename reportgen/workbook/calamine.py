"""Workbooks in other spreadsheet formats (.xls, WPS .et, .ods), read values-only with python-calamine.

The result is the same `xlsxread.Book` the strict .xlsx reader gives (1-based rows and columns,
merged ranges where the format stores them), so the workbook checks name cells the same way.
These formats give no formulas: a total holds whatever number the spreadsheet saved, so it is
checked against its parts as a typed total.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.workbook.xlsx import Book, Sheet


class Encrypted(Exception):
    """The file has an open password."""


def load(path: str | Path, ods: bool = False) -> Book:
    """Every worksheet's values. Raises Encrypted, or the library's errors for a damaged file.
    ods: an OpenDocument spreadsheet, whose merged ranges calamine does not give: read from its
    content.xml (through safexml) instead."""
    import python_calamine as pc

    with open(path, "rb") as fh:
        try:
            # From the open file, the format is told by content, not by the (possibly wrong) extension.
            wb = pc.CalamineWorkbook.from_filelike(fh)
        except pc.PasswordError:
            raise Encrypted(str(path)) from None
        book = _book(pc, wb)
    if ods:
        for name, merged in ods_merges(path).items():
            if name in book.sheets:
                book.sheets[name].merged = merged
    return book


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _t(name: str) -> str:
    return f"{{{_TABLE}}}{name}"


def ods_merges(path: str | Path) -> dict[str, list[tuple[int, int, int, int]]]:
    """Each sheet's merged ranges (1-based min_row, min_col, max_row, max_col) from an .ods's
    content.xml: a cell with table:number-columns-spanned / number-rows-spanned above 1. Repeated
    rows and cells (table:number-*-repeated) are counted, never expanded."""
    import zipfile

    from reportgen.core import safexml

    with zipfile.ZipFile(path) as z:
        root = safexml.parse(z.read("content.xml"), "content.xml")
    merges: dict[str, list[tuple[int, int, int, int]]] = {}
    for table in root.iter(_t("table")):
        found = merges.setdefault(table.get(_t("name"), ""), [])
        row = 0
        for el in table.iter(_t("table-row")):
            repeat = int(el.get(_t("number-rows-repeated"), "1"))
            col = 0
            for cell in el:
                if cell.tag not in (_t("table-cell"), _t("covered-table-cell")):
                    continue
                across = int(cell.get(_t("number-columns-spanned"), "1"))
                down = int(cell.get(_t("number-rows-spanned"), "1"))
                if across > 1 or down > 1:
                    found.append((row + 1, col + 1, row + down, col + across))
                col += int(cell.get(_t("number-columns-repeated"), "1"))
            row += repeat
    return merges


def _book(pc, wb) -> Book:
    sheets: dict[str, Sheet] = {}
    for meta in wb.sheets_metadata:
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue  # chart and macro sheets hold nothing we read
        ws = wb.get_sheet_by_name(meta.name)
        sheet = Sheet(meta.name)
        first_row, first_col = ws.start or (0, 0)
        for r, row in enumerate(ws.to_python(skip_empty_area=False)):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                sheet.cells[(first_row + r + 1, first_col + c + 1)] = (value, None)
        sheet.max_row = max((r for r, _ in sheet.cells), default=0)
        for (r1, c1), (r2, c2) in ws.merged_cell_ranges or ():
            sheet.merged.append((r1 + 1, c1 + 1, r2 + 1, c2 + 1))
        sheets[meta.name] = sheet
    return Book(sheets)
