"""The county at a glance: 汇总.xlsx's 图表 sheet, made of openpyxl's own chart objects (no pictures),
so that Excel, WPS and LibreOffice draw them from the cells and a corrected figure redraws them.

Three charts: each department's 本年新收 (from the 汇总 sheet) beside its 实质公开率 (from 各部门指标),
both as horizontal bars in the folder's order, and the count of each status (通过 / 有警告 / 有错误,
and 未交 with a roster) from the small table at the top of the sheet.
"""

from __future__ import annotations

from reportgen.county.indicators import INDICATORS
from reportgen.county.results import ERRORS, KEY_FIGURES, PASSED, WARNINGS, DepartmentResult

SHEET = "图表"
NEW_REQUESTS = "本年新收"
RATE = "实质公开率"
STATUS_COLOURS = {PASSED: "70AD47", WARNINGS: "FFC000", ERRORS: "C00000", "未交": "A5A5A5"}
# Where the departments' figures are: the 汇总 sheet's column of 本年新收 (after 序号, 部门, 机关名称,
# 状态) and 各部门指标's column of 实质公开率 (after 序号, 部门, 机关名称).
NEW_COLUMN = 5 + [label for label, _ in KEY_FIGURES].index(NEW_REQUESTS)
RATE_COLUMN = 4 + [i.name for i in INDICATORS].index(RATE)


def status_counts(results: list[DepartmentResult], sent=None) -> list[tuple[str, int]]:
    """How many rows have each status, and with a roster how many units sent nothing."""
    counts = [(s, sum(r.status == s for r in results)) for s in (PASSED, WARNINGS, ERRORS)]
    if sent is not None:
        counts.append(("未交", len(sent.missing)))
    return counts


def chart_sheet(wb, results: list[DepartmentResult], sent=None) -> None:
    """Add 图表 after 汇总 (the workbook's 汇总 and 各部门指标 sheets already written)."""
    from openpyxl.chart import BarChart, PieChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.series import DataPoint
    from openpyxl.styles import Font

    ws = wb.create_sheet(SHEET, 1)
    ws.append(["状态", "数量"])
    for status, n in status_counts(results, sent):
        ws.append([status, n])
    for cell in ws[1]:
        cell.font = Font(name="宋体", size=11, bold=True)
    ws.column_dimensions["A"].width = 10
    n_status = ws.max_row - 1
    n = len(results)
    if n == 0:
        return
    height = max(7.5, 0.55 * n + 2.5)  # cm: a bar per department, readable for 5 or 200

    pie = PieChart()
    pie.title = "各状态的报告数"
    pie.add_data(Reference(ws, min_col=2, min_row=1, max_row=n_status + 1), titles_from_data=True)
    pie.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n_status + 1))
    for i, (status, _) in enumerate(status_counts(results, sent)):
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = STATUS_COLOURS[status]
        pie.series[0].dPt.append(point)
    pie.dataLabels = _values_only(DataLabelList)
    pie.width, pie.height = 10, 7.5
    ws.add_chart(pie, "D1")

    summary, rates = wb["汇总"], wb["各部门指标"]
    for chart_at, (sheet, column, title, axis, percent) in zip(("A17", "K17"), (
        (summary, NEW_COLUMN, "各部门本年新收政府信息公开申请（件）", "件", False),
        (rates, RATE_COLUMN, "各部门实质公开率", RATE, True),
    )):
        bar = BarChart()
        bar.type = "bar"  # horizontal: the departments' names read across
        bar.title = title
        bar.add_data(Reference(sheet, min_col=column, min_row=1, max_row=n + 1), titles_from_data=True)
        bar.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=n + 1))
        bar.legend = None
        bar.y_axis.title = axis
        bar.x_axis.scaling.orientation = "maxMin"  # the first department on top, as in the tables
        bar.y_axis.delete = bar.x_axis.delete = False
        if percent:
            bar.y_axis.number_format = "0%"
            bar.y_axis.scaling.min, bar.y_axis.scaling.max = 0, 1
        bar.series[0].graphicalProperties.solidFill = "4472C4" if not percent else "70AD47"
        bar.dataLabels = _values_only(DataLabelList)
        bar.width, bar.height = 15, height
        ws.add_chart(bar, chart_at)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _values_only(labels):
    """Data labels showing the value alone (LibreOffice shows the series and category names too unless told not to)."""
    out = labels()
    out.showVal = True
    out.showSerName = out.showCatName = out.showLegendKey = out.showPercent = False
    return out
