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


def load(path: str | Path) -> Book:
    """Every worksheet's values. Raises Encrypted, or the library's errors for a damaged file."""
    import python_calamine as pc

    with open(path, "rb") as fh:
        try:
            # From the open file, the format is told by content, not by the (possibly wrong) extension.
            wb = pc.CalamineWorkbook.from_filelike(fh)
        except pc.PasswordError:
            raise Encrypted(str(path)) from None
        return _book(pc, wb)


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
