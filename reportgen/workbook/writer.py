"""Write the clerk's statistics workbook: blank and ready to fill, or filled (next year's, the county sum).

Sheets mirror the report's tables cell for cell (same labels, same merges), so last year's numbers
can be copied across one cell at a time.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from reportgen.core import schema
from reportgen.core.model import Meta, Number
from reportgen.core.outfile import save_atomic
from reportgen.workbook import aids as sheetaids


def _sum_formula(total: schema.Total) -> str:
    refs = [schema.excel_ref(schema.value_cell(p)[1]) for p in total.parts]
    return f"=SUM({refs[0]}:{refs[-1]})"


def write(path: str | os.PathLike, meta: Meta | None = None, values: dict[str, Number] | None = None) -> None:
    """Write the workbook. Without meta/values it is blank and ready to fill."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    label_fill = PatternFill("solid", fgColor="F2F2F2")
    total_fill = PatternFill("solid", fgColor="E2EFDA")
    bold = Font(name="宋体", size=11, bold=True)
    plain = Font(name="宋体", size=11)

    wb = Workbook()
    ws = wb.active
    ws.title = schema.FACTS_SHEET
    header_row = schema.FACTS_FIRST_ROW - 1
    for col, text in enumerate(("项目", "填写内容", "说明"), start=1):
        c = ws.cell(header_row, col, text)
        c.font, c.alignment, c.border, c.fill = bold, centre, border, label_fill
    facts = _meta_values(meta) if meta else {}
    for fact in schema.FACTS:
        row = schema.fact_row(fact.key)
        a = ws.cell(row, 1, fact.label + ("（必填）" if fact.required else ""))
        a.font, a.border, a.fill, a.alignment = bold if fact.required else plain, border, label_fill, left
        b = ws.cell(row, 2, facts.get(fact.key))
        b.border, b.alignment, b.font = border, left, plain
        if fact.key == "date":
            b.number_format = '[$-zh-CN]yyyy"年"m"月"d"日";@'
        c = ws.cell(row, 3, fact.hint)
        if schema.NEXT_YEAR in fact.hint:  # its example follows the 年度 typed in column B
            c.value = sheetaids.next_year_formula(fact.hint, f"B{schema.fact_row('year')}")
        c.font, c.alignment = Font(name="宋体", size=10, color="595959"), left
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 60

    for table in schema.TABLES:
        section = next(s for s in schema.SECTIONS if s.table == table.key)
        ws = wb.create_sheet(table.sheet)
        ws.cell(1, 1, section.heading).font = Font(name="黑体", size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.n_cols)
        for cell in table.cells:
            row, col = cell.row + schema.TABLE_FIRST_ROW, cell.col + 1
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(
                    start_row=row, start_column=col, end_row=row + cell.rowspan - 1, end_column=col + cell.colspan - 1
                )
            for r in range(row, row + cell.rowspan):
                for k in range(col, col + cell.colspan):
                    ws.cell(r, k).border = border
            target = ws.cell(row, col)
            if cell.is_value:
                assert cell.key is not None
                target.alignment = centre
                target.font = plain
                if cell.key in schema.TOTAL_BY_KEY:
                    target.value = _sum_formula(schema.TOTAL_BY_KEY[cell.key])
                    target.fill = total_fill
                elif values is not None:
                    target.value = _to_cell(values.get(cell.key, 0))
                target.number_format = "0.######" if schema.kind_of(cell.key) == schema.AMOUNT else "0"
            else:
                target.value = cell.text
                target.font = bold if cell.header else plain
                target.fill = label_fill
                target.alignment = left if table.label_align(cell, printed=False) == "left" else centre
        widths = {"t2": (22, 16, 16, 16), "t3": (6, 14, 34) + (9,) * 7, "t4": (9,) * 15}[table.key]
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[schema.column_letter(i)].width = w
        sheetaids.fit_row_heights(ws)
        ws.sheet_view.zoomScale = 100
        sheetaids.guard_table(ws, table)
    sheetaids.guard_facts(wb[schema.FACTS_SHEET])
    sheetaids.add_guide_sheet(wb)
    wb.calculation.fullCalcOnLoad = True  # spreadsheet programs compute the totals on open
    save_atomic(wb.save, Path(path))


def _to_cell(value: Number) -> int | float:
    return float(value) if isinstance(value, Decimal) else int(value)


def _meta_values(meta: Meta) -> dict[str, object]:
    return {
        "agency": meta.agency,
        "signature": meta.signature if meta.signature != meta.agency else "",
        "date": meta.date_text or None,
        "year": meta.year,
        "title": meta.title,
        "doc_number": meta.doc_number,
        "seal": "是" if meta.seal else "否",
        "report_kind": meta.report_kind,
        "preprinted": "是" if meta.preprinted else "否",
        "level": meta.level or None,
    }


# --- reading ------------------------------------------------------------------------------


