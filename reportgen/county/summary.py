"""The county's summaries: 汇总.xlsx (one row per department or report, and every problem) and
汇总统计表.xlsx (the error-free ones' tables added up, in the clerk's workbook layout, so it passes
the same checks)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from reportgen.core import schema
from reportgen.core.folders import COUNTY_NAME, SUMMARY_NAME, SUMMARY_PAGE
from reportgen.core.model import Meta, Number
from reportgen.core.outfile import save_atomic
from reportgen.core.problems import LEVEL_TEXT, Problem
from reportgen.county.results import (
    ERRORS,
    KEY_FIGURES,
    PASSED,
    WARNINGS,
    BatchResult,
    DepartmentResult,
    summed_years,
    totals_label,
    totals_row,
)
from reportgen.county import charts, rounds, roster
from reportgen.county.reviewed import REVIEWED, WHOLE_FOLDER, Marks, key
from reportgen.county.sheets import indicator_sheets
from reportgen.county.similar import similar_sheet

__all__ = ["SUMMARY_NAME", "indicator_sheets", "COUNTY_NAME", "county_values", "write_summaries"]


def county_values(results: list[DepartmentResult]) -> dict[str, Number]:
    """The input values of the error-free departments, added up (totals are left to the workbook)."""
    summed: dict[str, Number] = {
        k: Decimal(0) if schema.kind_of(k) == schema.AMOUNT else 0 for k in schema.INPUT_KEYS
    }
    for r in results:
        if r.summable:
            for k in schema.INPUT_KEYS:
                summed[k] += r.values[k]
    return summed


def write_summaries(
    results: list[DepartmentResult], out_dir: Path, listing: list[tuple[str, str]] | None = None,
    notes: list[Problem] | None = None, pairing: list | None = None, last_county: dict[str, Number] | None = None,
    sent=None, page: bool = False,
) -> BatchResult:
    """汇总.xlsx (one row per department or report, every problem marked against the last run's
    summary in the folder, and with `listing` every file of the folder and what was done with it;
    with a roster (`sent`, county.roster.Sent) its 报送情况; the charts) and 汇总统计表.xlsx (the sum of
    the error-free ones; not written when their years differ); with `page` 汇总.html too."""
    from reportgen.workbook import writer

    summary = out_dir / SUMMARY_NAME
    notes = notes or []
    last = rounds.read_last(summary)  # the last run into this folder: its findings and the reviewer's 已核
    marks = last.marks
    items = [(r.name, r.agency, p) for r in results for p in r.problems] + [(WHOLE_FOLDER, "", p) for p in notes]
    found = rounds.compare(last, results, items)
    book = _summary_workbook(results, listing or [], items, pairing or [], marks, found)
    indicator_sheets(book, results, last_county)
    similar_sheet(book, results)
    if sent is not None:
        roster.sent_sheet(book, sent)
    rounds.round_sheet(book, found, results)
    charts.chart_sheet(book, results, sent)
    found.kept = rounds.keep(last)  # the last summary is kept, renamed with its time, before it is replaced
    save_atomic(book.save, summary)
    included = [r for r in results if r.summable]
    years = summed_years(results)
    county: Path | None = None
    if included and len(years) <= 1:
        county = out_dir / COUNTY_NAME
        # The facts are left for the county office to fill in; the year only when all agree.
        meta = Meta(year=years[0] if len(years) == 1 else None, report_kind="本级政府")
        values = county_values(results)
        writer.write(county, meta, values)  # atomic itself
    written = BatchResult(results, summary, county, len(included), years, notes=notes, reviewed=marks.kept,
                          unmarked_errors=marks.dropped, sent=sent, round=found)
    if page:
        from reportgen.county.page import write_page

        written.page = write_page(written, out_dir / SUMMARY_PAGE)
    return written


SUMMARY_HEADINGS: tuple[str, ...] = (
    "序号", "部门（文件夹）", "机关名称", "状态", *(label for label, _ in KEY_FIGURES), "问题数", "第一个问题", "报告文件", "与上年重复",
    "其中已核提醒",
)
PROBLEM_HEADINGS: tuple[str, ...] = ("部门（文件夹）", "级别", "规则", "位置", "说明", "审核", rounds.ROUND_COLUMN)
PAIRING_HEADINGS: tuple[str, ...] = ("本年报告", "机关名称", "上年报告", "配对情况")
STATUS_FILL = {PASSED: "E2EFDA", WARNINGS: "FFF2CC", ERRORS: "F8CBAD"}


def _summary_workbook(
    results: list[DepartmentResult], listing: list[tuple[str, str]], items: list, pairing: list, marks: Marks,
    found: rounds.Round,
):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(name="宋体", size=11, bold=True)
    problem_rows = [
        [name, LEVEL_TEXT[p.level], p.rule, p.place(), p.message, marks.mark(key(agency, name, p.rule, p.place(), p.message), p.is_error)]
        + [mark]  # 本轮: 新出现 / 仍存在 against the last run's summary (blank on the first)
        for (name, agency, p), mark in zip(items, found.marks or [""] * len(items))
    ]
    kept = Counter(row[0] for row in problem_rows if row[5] == REVIEWED and row[0] != WHOLE_FOLDER)
    problem_rows += rounds.fixed_rows(found)  # what the last run listed and this one does not: 已改正
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.append(list(SUMMARY_HEADINGS))
    for i, r in enumerate(results, start=1):
        ws.append(
            [i, r.name, r.agency, r.status, *r.figures(), len(r.problems), r.first_problem, r.output.name if r.output else "", r.repeated, kept[r.name]]
        )
        ws.cell(i + 1, SUMMARY_HEADINGS.index("与上年重复") + 1).number_format = "0%"
        ws.cell(i + 1, 4).fill = PatternFill("solid", fgColor=STATUS_FILL[r.status])
    ws.append(["", totals_label(results), "", "", *totals_row(results), "", "", "", "", sum(kept.values())])
    for cell in ws[1] + ws[ws.max_row]:
        cell.font = bold
    for col, width in zip("ABCDEFGHIJKLMN", (6, 18, 30, 8, 10, 12, 10, 12, 12, 8, 70, 50, 10, 10)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=1):
        for cell in row:
            cell.alignment = Alignment(vertical="center", wrap_text=cell.column in (3, 11, 12))
    ws.freeze_panes = "C2"

    ws = wb.create_sheet("问题清单")
    ws.append(list(PROBLEM_HEADINGS))
    for row in problem_rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = bold
    for col, width in zip("ABCDEFG", (18, 6, 10, 30, 100, 12, 8)):
        ws.column_dimensions[col].width = width
    if problem_rows:  # the reviewer picks 已核 (a 提醒 looked at and accepted) from a list
        choice = DataValidation(type="list", formula1=f'"{REVIEWED}"', allow_blank=True)
        choice.add(f"F2:F{len(items) + 1}")
        ws.add_data_validation(choice)
    ws.freeze_panes = "A2"

    if pairing:  # --previous 上年文件夹: which were paired, which had no partner
        ws = wb.create_sheet("上年对照")
        ws.append(list(PAIRING_HEADINGS))
        for row in pairing:
            ws.append([row.this_year, row.agency, row.last_year, row.note])
        for cell in ws[1]:
            cell.font = bold
        for col, width in zip("ABCD", (30, 30, 30, 70)):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"

    if listing:
        ws = wb.create_sheet("文件清单")
        ws.append(["文件", "处理情况"])
        for name, done in listing:
            ws.append([name, done])
        for cell in ws[1]:
            cell.font = bold
        ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 50, 80
        ws.freeze_panes = "A2"
    return wb
