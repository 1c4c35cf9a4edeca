"""汇总.xlsx's indicator sheets: 全县指标 (the county's rates on one A4 page, with the definitions under
them, for a leader) and 各部门指标 (each department's rates and the change from last year)."""

from __future__ import annotations

from reportgen.core import schema
from reportgen.core.model import Number
from reportgen.county.indicators import BLANK_NOTE, CHANGE_NOTE, INDICATORS, changes, rates
from reportgen.county.results import DepartmentResult, summed_years
from reportgen.workbook.aids import fit_row_heights

PERCENT, POINTS = "0.0%", "+0.0;-0.0;0.0"


def county_now(results: list[DepartmentResult]) -> dict[str, Number] | None:
    """The error-free rows' figures added up (totals computed), None when none or of several years."""
    included = [r for r in results if r.summable]
    if not included or len(summed_years(results)) > 1:
        return None
    summed = {k: sum(r.values[k] for r in included) for k in schema.INPUT_KEYS}  # type: ignore[index]
    return schema.compute_totals(summed)


def indicator_sheets(wb, results: list[DepartmentResult], last_county: dict[str, Number] | None = None) -> None:
    """Add 全县指标 and 各部门指标 to the summary workbook `wb` (openpyxl)."""
    from openpyxl.styles import Alignment, Font

    bold = Font(name="宋体", size=11, bold=True)
    wrap = Alignment(wrap_text=True, vertical="center")
    now = county_now(results)
    years = summed_years(results)

    ws = wb.create_sheet("全县指标", 1)
    title = f"全县政府信息公开申请办理指标（{years[0]}年度）" if len(years) == 1 else "全县政府信息公开申请办理指标"
    ws.append([title])
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws.append(["指标", "本年", "上年", "较上年（百分点）"])
    for cell in ws[2]:
        cell.font = bold
    for indicator, a, b, d in zip(INDICATORS, rates(now), rates(last_county), changes(now, last_county)):
        ws.append([indicator.name, a, b, d])
        ws.cell(ws.max_row, 2).number_format = ws.cell(ws.max_row, 3).number_format = PERCENT
        ws.cell(ws.max_row, 4).number_format = POINTS
    n_ok = sum(r.summable for r in results)
    ws.append([])
    ws.append([f"本年按没有错误的 {n_ok} 份报告（部门）的表格合计计算；上年按上年文件夹中读到全部数字的报告合计计算（给出 --previous 上年文件夹时）。"])
    ws.append(["指标说明："])
    ws.cell(ws.max_row, 1).font = bold
    for indicator in INDICATORS:
        ws.append([indicator.definition])
    ws.append([BLANK_NOTE])
    notes = range(ws.max_row - len(INDICATORS) - 3, ws.max_row + 1)
    for r in notes:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(r, 1).alignment = wrap
    for col, width in zip("ABCD", (30, 16, 16, 20)):
        ws.column_dimensions[col].width = width
    fit_row_heights(ws, rows=notes)  # a wrapped note in merged cells: neither Excel nor LibreOffice fits it
    _one_page(ws, fit_height=True)

    ws = wb.create_sheet("各部门指标", 2)
    paired = any(r.previous_values is not None for r in results)
    heads = ["序号", "部门（文件夹）", "机关名称", *(i.name for i in INDICATORS)]
    if paired:
        heads += [f"{i.name}较上年" for i in INDICATORS]
    ws.append(heads)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = wrap
    rows = [(str(i), r.name, r.agency, r.values if r.values is not None and not r.partial else None, r.previous_values)
            for i, r in enumerate(results, start=1)]
    rows.append(("", "全县（合计）", "", now, last_county))
    for n, name, agency, values, before in rows:
        line: list[object] = [int(n) if n else None, name, agency, *rates(values)]
        if paired:
            line += changes(values, before)
        ws.append(line)
        for c in range(4, 4 + len(INDICATORS)):
            ws.cell(ws.max_row, c).number_format = PERCENT
        for c in range(4 + len(INDICATORS), len(line) + 1):
            ws.cell(ws.max_row, c).number_format = POINTS
    for cell in ws[ws.max_row]:
        cell.font = bold
    ws.append([])
    ws.append(["指标说明：" + "；".join(i.definition for i in INDICATORS) + "。" + BLANK_NOTE + (CHANGE_NOTE if paired else "")])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(heads))
    ws.cell(ws.max_row, 1).alignment = wrap
    ws.row_dimensions[ws.max_row].height = 90
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 6, 16, 26
    fit_row_heights(ws, rows=[1])  # the wrapped headings, over the first department's row otherwise
    ws.freeze_panes = "D2"
    ws.print_title_rows = "1:1"
    _one_page(ws, fit_height=False)


def _one_page(ws, fit_height: bool) -> None:
    """A4 landscape, as wide as one page (and as tall, for the leader's page)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if fit_height else 0
