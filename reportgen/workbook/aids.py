"""What the clerk's workbook does for them, beyond holding the tables.

Sheet protection without a password (labels and live totals locked, value cells open), data
validation with a Chinese input hint on every value cell, a highlight on any column of table 三
that breaks 一 + 二 = 三（七） + 四, A4 print setup, and a 填写说明 sheet in front. Everything is
derived from the schema; nothing here moves a cell the reader looks at.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.core import schema
from reportgen.core.cellvalues import EXAMPLE_YEAR
from reportgen.core.text import display_width

GUIDE_SHEET = "填写说明"
LANDSCAPE_TABLES = frozenset({"t3", "t4"})  # too wide for portrait A4 at a legible size

# Input hints (Excel limits: title 32 characters, text 255).
_COUNT_HINT = ("填写件数", "填0或正整数，空白按0计。绿色的总计格自动计算，不用填。")
_COUNT_ERROR = ("件数不对", "件数只能是0或正整数：不能有小数、负数、文字或单位“件”。")
_AMOUNT_HINT = ("填写金额（万元）", "单位为万元，可以有小数，填0或正数；报告中按填写的样子印出。")
_AMOUNT_ERROR = ("金额不对", "金额只能是0或正数（单位：万元），不能有文字或单位。")

_BALANCE_FILL = "FFC7CE"  # Excel's own "light red fill" for bad values
_BALANCE_FONT = "9C0006"


def _protect(ws) -> None:
    """No password: the lock stops accidents, not people (审阅 → 撤销工作表保护)."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # False = allowed: widening a column is harmless
    ws.protection.formatRows = False


def _unlock(ws, cell: schema.Cell) -> None:
    from openpyxl.styles import Protection

    for r in range(cell.row, cell.row + cell.rowspan):
        for k in range(cell.col, cell.col + cell.colspan):
            ws.cell(r + schema.TABLE_FIRST_ROW, k + 1).protection = Protection(locked=False)


def _validation(kind: str):
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind == schema.AMOUNT:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        (dv.promptTitle, dv.prompt), (dv.errorTitle, dv.error) = _AMOUNT_HINT, _AMOUNT_ERROR
    else:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        (dv.promptTitle, dv.prompt), (dv.errorTitle, dv.error) = _COUNT_HINT, _COUNT_ERROR
    dv.showInputMessage = dv.showErrorMessage = True
    dv.errorStyle = "stop"
    return dv


def guard_table(ws, table: schema.Table) -> None:
    """Protection, validation, the balance highlight and print setup of one statistics sheet."""
    by_kind: dict[str, list[str]] = {}
    for cell in table.value_cells():
        assert cell.key is not None
        if cell.key in schema.DERIVED_KEYS:
            continue  # live total: stays locked
        _unlock(ws, cell)
        by_kind.setdefault(schema.kind_of(cell.key), []).append(schema.excel_ref(cell))
    for kind, refs in by_kind.items():
        dv = _validation(kind)
        for ref in refs:
            dv.add(ref)
        ws.add_data_validation(dv)
    if table.key == "t3":
        _balance_highlight(ws)
    _protect(ws)
    print_setup(ws, landscape=table.key in LANDSCAPE_TABLES, title_rows=(1, table.header_rows + 1))


def balance_formula() -> tuple[str, str]:
    """(range, formula) of the T3-BAL highlight: per column, 一 + 二 <> 三（七） + 四.

    The formula is written for the range's first column; rows are absolute, columns relative,
    so each column of D:J tests itself.
    """
    import re

    def ref(key: str) -> str:
        col, row = re.match(r"([A-Z]+)(\d+)", schema.excel_ref(schema.value_cell(key)[1])).groups()  # type: ignore[union-attr]
        return f"{col}${row}"

    first, last = schema.T3_COLS[0][0], schema.T3_COLS[-1][0]
    top = schema.excel_ref(schema.value_cell(f"t3_new_{first}")[1])
    bottom = schema.excel_ref(schema.value_cell(f"t3_carried_out_{last}")[1])
    a, b, c, d = (ref(f"t3_{row}_{first}") for row in ("new", "carried_in", "total", "carried_out"))
    return f"{top}:{bottom}", f"{a}+{b}<>{c}+{d}"


def _balance_highlight(ws) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    rng, formula = balance_formula()
    fill = PatternFill(start_color=_BALANCE_FILL, end_color=_BALANCE_FILL, fill_type="solid")
    ws.conditional_formatting.add(rng, FormulaRule(formula=[formula], fill=fill, font=Font(color=_BALANCE_FONT)))


def guard_facts(ws) -> None:
    """基本信息: only the 填写内容 column is open; choices and the year get a list or a range."""
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    for fact in schema.FACTS:
        row = schema.fact_row(fact.key)
        ws.cell(row, 2).protection = Protection(locked=False)
        dv = None
        if fact.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(fact.choices) + '"', allow_blank=True)
            dv.error = f"请从下拉列表中选择：{'、'.join(fact.choices)}。"
        elif fact.key == "year":
            dv = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True)
            dv.error = "年度填4位数字，例如 2025。"
        if dv is not None:
            dv.promptTitle, dv.prompt = fact.label[:32], fact.hint.replace(schema.NEXT_YEAR, str(EXAMPLE_YEAR + 1))[:255]
            dv.errorTitle = f"{fact.label}不对"[:32]
            dv.showInputMessage = dv.showErrorMessage = True
            dv.add(ws.cell(row, 2).coordinate)
            ws.add_data_validation(dv)
    _protect(ws)
    print_setup(ws, landscape=False, title_rows=None)


def print_setup(ws, landscape: bool, title_rows: tuple[int, int] | None) -> None:
    """A4, one page wide; the table's header rows repeat on each printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    if title_rows and title_rows[1] > title_rows[0]:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def guide_lines() -> list[tuple[str, str]]:
    """(kind, text) rows of the 填写说明 sheet; kind: title | head | text."""
    sheets = [
        (schema.FACTS_SHEET, "机关名称、署名、成文日期、年度等，印在红头、标题和落款上。只填“填写内容”一列。"),
        *(
            (t.sheet, f"对应报告“{next(s.heading for s in schema.SECTIONS if s.table == t.key)}”中的表格，逐格与报告相同。")
            for t in schema.TABLES
        ),
    ]
    rows: list[tuple[str, str]] = [("title", "政府信息公开工作年度报告统计表 · 填写说明"), ("head", "各工作表")]
    rows += [("text", f"“{name}”：{what}") for name, what in sheets]
    rows += [
        ("head", "怎样填"),
        ("text", "白色格填数字：件数填0或正整数，空白按0计；行政事业性收费以万元为单位，可以有小数。"),
        ("text", "灰色格是表中文字，绿色格是总计，由公式自动计算，都不能改。工作表已加保护（没有密码），防止误改；"
         "确需修改时，点“审阅”→“撤销工作表保护”。"),
        ("text", "“依申请公开”表中某一列变成红色，说明这一列不满足“一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理”，"
         "请核对这一列的数字。"),
        ("text", "不要插入、删除行列，不要改工作表的名字，否则程序找不到数字的位置，会报错。"),
        ("head", "填好后运行的命令（在“命令提示符”中）"),
        ("text", "检查：reportgen check 统计表.xlsx 正文.txt（列出全部错误和提醒，写明工作表和单元格或正文的行号）"),
        ("text", "生成报告：reportgen build 统计表.xlsx 正文.txt（加 --html 同时生成可发布到政务公开网站的网页）"),
        ("text", f"明年接着用：reportgen init {schema.NEXT_YEAR}年报 --from 本文件夹\\统计表.xlsx --from 本文件夹\\正文.txt"
         "（基本信息、上年结转、现行有效件数自动带过去）"),
        ("head", "正文中引用表中数字"),
        ("text", "正文.txt 中可以写 {{本年新收}}、{{办理结果总计}}、{{行政复议总计}} 等，生成报告时换成表中的数字，"
         "正文和表格就不会对不上。全部名称可运行 reportgen names 查看。"),
    ]
    return rows


def next_year_formula(text: str, year_cell: str) -> str:
    """A cell formula showing TEXT with schema.NEXT_YEAR replaced by the year after the one in
    YEAR_CELL, as the clerk types it (EXAMPLE_YEAR's next while the year is blank or not a year):
    the examples of a 2026 workbook say 2027, not a year that is wrong for it."""
    before, after = (f'"{part.replace(chr(34), chr(34) * 2)}"' for part in text.split(schema.NEXT_YEAR, 1))
    fallback = EXAMPLE_YEAR + 1
    return f'={before}&IF({year_cell}="",{fallback},IFERROR(VALUE({year_cell})+1,{fallback}))&{after}'


def add_guide_sheet(wb) -> None:
    """The 填写说明 sheet, placed first and opened first; the reader ignores it."""
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(GUIDE_SHEET, 0)
    fonts = {"title": Font(name="黑体", size=14), "head": Font(name="黑体", size=12), "text": Font(name="宋体", size=11)}
    lines = guide_lines()
    for i, (kind, text) in enumerate(lines, start=1):
        c = ws.cell(i, 1, text.replace(schema.NEXT_YEAR, str(EXAMPLE_YEAR + 1)))  # measured as shown
        c.font = fonts[kind]
        c.alignment = Alignment(wrap_text=True, vertical="center")
    ws.column_dimensions["A"].width = 80  # fits A4 portrait at 100 %: no scaling needed to print
    fit_row_heights(ws)
    year = f"'{schema.FACTS_SHEET}'!{schema.fact_where('year').split('!')[1]}"
    for i, (_, text) in enumerate(lines, start=1):
        if schema.NEXT_YEAR in text:
            ws.cell(i, 1).value = next_year_formula(text, year)
    _protect(ws)
    print_setup(ws, landscape=False, title_rows=None)
    wb.active = 0
    for other in wb.worksheets[1:]:  # else Excel opens with sheets grouped and typing goes to several
        other.sheet_view.tabSelected = False


def fit_row_heights(ws, line_pt: float = 15.0, rows: Iterable[int] | None = None) -> None:
    """Set each row (of ROWS, default all) tall enough for its wrapped text. Excel does not fit rows
    to wrapped text when it opens a file, and LibreOffice does not for merged cells, so long labels
    would print over each other; a merged cell's lines are shared by the rows it spans."""
    from openpyxl.utils import get_column_letter

    def width(col: int) -> float:
        dim = ws.column_dimensions.get(get_column_letter(col))
        return (dim.width if dim is not None and dim.width else 8.43) - 1  # minus the cell padding

    spans = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    needed: dict[int, float] = {}
    for row in ws.iter_rows() if rows is None else (ws[r] for r in rows):
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value or cell.value.startswith("="):
                continue
            rng = spans.get((cell.row, cell.column))
            cols = range(cell.column, (rng.max_col if rng else cell.column) + 1)
            n_rows = (rng.max_row - rng.min_row + 1) if rng else 1
            if rng and rng.max_col - rng.min_col > 5:
                continue  # a title across the whole table: one line
            available = max(sum(width(c) for c in cols), 1.0)
            lines = max(1, -(-display_width(cell.value) // available))
            size = cell.font.sz or 11
            height = lines * line_pt * size / 11 / n_rows + 3
            needed[cell.row] = max(needed.get(cell.row, 0), height)
    for row, height in needed.items():
        if height > 16:
            ws.row_dimensions[row].height = round(height, 1)
