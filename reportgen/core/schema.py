"""The 2021 national format (国办公开办函〔2021〕30号) as data.

Everything that knows a label, a table shape or a total reads it from here: the workbook writer
and reader, the checks, the template builder and the renderer. No I/O.

Tables are grids of cells. A cell has a position (row, col) in the table as printed, optional
spans, and either a verbatim label or the key of one value. Keys are stable English names; the
template's placeholders and the workbook's value cells are derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

# --- sections -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    number: str  # 一 … 六
    title: str
    table: str | None = None  # key of the statistics table printed in this section

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


SECTIONS: tuple[Section, ...] = (
    Section("overview", "一", "总体情况"),
    Section("proactive", "二", "主动公开政府信息情况", table="t2"),
    Section("requests", "三", "收到和处理政府信息公开申请情况", table="t3"),
    Section("review", "四", "政府信息公开行政复议、行政诉讼情况", table="t4"),
    Section("problems", "五", "存在的主要问题及改进情况"),
    Section("other", "六", "其他需要报告的事项"),
)

# The wordings of the six titles that offices publish (accepted with a 提醒): core/wordings.py.

# The five topics the format asks section 一 to cover (its official sub-headings in practice).
OVERVIEW_TOPICS: tuple[str, ...] = (
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
)

# Words that only the superseded 2019 试行 format uses, in the order of its table 二 (spec §1.3).
# A finished report's table 二 is told by all of them; a narrative by those that are not mere
# column heads ("上一年项目数量" and "本年增/减" are too generic to mean the old format in prose).
FORMAT_2019_TABLE_MARKERS: tuple[str, ...] = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "政府集中采购",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
)
FORMAT_2019_MARKERS: tuple[str, ...] = tuple(
    m for m in FORMAT_2019_TABLE_MARKERS if m not in ("上一年项目数量", "本年增/减")
)

# --- tables -------------------------------------------------------------------------------

COUNT = "count"  # whole number >= 0
AMOUNT = "amount"  # decimal >= 0 (万元), printed as entered


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str = ""  # verbatim label (empty for value cells)
    key: str | None = None  # value key (None for label cells)
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # part of a header row band (bold-free, centred)

    @property
    def is_value(self) -> bool:
        return self.key is not None


@dataclass(frozen=True)
class Table:
    key: str  # t2 / t3 / t4
    sheet: str  # worksheet name in the clerk's workbook
    n_rows: int
    n_cols: int
    header_rows: int  # leading rows repeated on each page
    col_widths_mm: tuple[float, ...]
    cells: tuple[Cell, ...]
    font_pt: float = 10.5
    centred_labels: bool = False  # short labels (表四's), centred like the headers

    def value_cells(self) -> Iterator[Cell]:
        return (c for c in self.cells if c.is_value)

    def label_align(self, cell: Cell, *, printed: bool = True) -> str:
        """"left" or "center" for a label cell. Headers are centred, and every label of a table with
        centred labels. In the printed report (.docx, web page) first-column labels and labels
        spanning three columns or more are centred too; the workbook left-aligns them."""
        if cell.header or self.centred_labels:
            return "center"
        if printed and (cell.colspan >= 3 or cell.col == 0):
            return "center"
        return "left"

    def rows(self) -> list[list[Cell]]:
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out


def _check_grid(table: Table) -> Table:
    """Every grid slot is covered by exactly one cell: a schema typo fails at import."""
    seen: dict[tuple[int, int], Cell] = {}
    for c in table.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if (r, k) in seen:
                    raise ValueError(f"{table.key}: ({r},{k}) covered twice")
                seen[(r, k)] = c
    missing = [(r, k) for r in range(table.n_rows) for k in range(table.n_cols) if (r, k) not in seen]
    if missing:
        raise ValueError(f"{table.key}: slots not covered: {missing}")
    if abs(sum(table.col_widths_mm) - 156.0) > 0.01 or len(table.col_widths_mm) != table.n_cols:
        raise ValueError(f"{table.key}: column widths must fill the 156 mm type area")
    return table


# Table 二 -------------------------------------------------------------------------------
T2_ROWS: tuple[tuple[str, str], ...] = (  # (key, label) of value rows, for reference by checks
    ("rules", "规章"),
    ("normative", "行政规范性文件"),
    ("licensing", "行政许可"),
    ("penalty", "行政处罚"),
    ("coercion", "行政强制"),
    ("fees", "行政事业性收费"),
)
T2_DOC_COLS: tuple[tuple[str, str], ...] = (
    ("made", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
)


def _t2() -> Table:
    cells: list[Cell] = []

    def block_head(row: int, item: str) -> None:
        cells.append(Cell(row, 0, f"第二十条第（{item}）项", colspan=4, header=True))

    block_head(0, "一")
    cells.append(Cell(1, 0, "信息内容", header=True))
    for i, (_, label) in enumerate(T2_DOC_COLS):
        cells.append(Cell(1, 1 + i, label, header=True))
    for r, (row_key, label) in ((2, T2_ROWS[0]), (3, T2_ROWS[1])):
        cells.append(Cell(r, 0, label))
        for i, (col_key, _) in enumerate(T2_DOC_COLS):
            cells.append(Cell(r, 1 + i, key=f"t2_{row_key}_{col_key}"))

    def single_block(head_row: int, item: str, col_label: str, rows: tuple[tuple[str, str], ...]) -> None:
        block_head(head_row, item)
        cells.append(Cell(head_row + 1, 0, "信息内容", header=True))
        cells.append(Cell(head_row + 1, 1, col_label, colspan=3, header=True))
        for i, (row_key, label) in enumerate(rows):
            cells.append(Cell(head_row + 2 + i, 0, label))
            cells.append(Cell(head_row + 2 + i, 1, key=f"t2_{row_key}", colspan=3))

    single_block(4, "五", "本年处理决定数量", (T2_ROWS[2],))
    single_block(7, "六", "本年处理决定数量", (T2_ROWS[3], T2_ROWS[4]))
    single_block(11, "八", "本年收费金额（单位：万元）", (T2_ROWS[5],))
    return Table("t2", "主动公开", 14, 4, 0, (48.0, 36.0, 36.0, 36.0), tuple(cells), font_pt=12)


# Table 三 -------------------------------------------------------------------------------
T3_COLS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("welfare", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
T3_PART_COLS: tuple[str, ...] = tuple(k for k, _ in T3_COLS[:-1])

# (key, group label or None, item label); rows 3–24 of the body belong to 三、本年度办理结果.
T3_RESULT_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("（一）予以公开", (("public", ""),)),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (("partial", ""),)),
    (
        "（三）不予公开",
        (
            ("withheld_secret", "1.属于国家秘密"),
            ("withheld_law", "2.其他法律行政法规禁止公开"),
            ("withheld_security", "3.危及“三安全一稳定”"),
            ("withheld_third_party", "4.保护第三方合法权益"),
            ("withheld_internal", "5.属于三类内部事务信息"),
            ("withheld_process", "6.属于四类过程性信息"),
            ("withheld_enforcement", "7.属于行政执法案卷"),
            ("withheld_query", "8.属于行政查询事项"),
        ),
    ),
    (
        "（四）无法提供",
        (
            ("unable_no_info", "1.本机关不掌握相关政府信息"),
            ("unable_create", "2.没有现成信息需要另行制作"),
            ("unable_unclear", "3.补正后申请内容仍不明确"),
        ),
    ),
    (
        "（五）不予处理",
        (
            ("refused_petition", "1.信访举报投诉类申请"),
            ("refused_repeat", "2.重复申请"),
            ("refused_publication", "3.要求提供公开出版物"),
            ("refused_mass", "4.无正当理由大量反复申请"),
            ("refused_confirm", "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
    (
        "（六）其他处理",
        (
            ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other_other", "3.其他"),
        ),
    ),
    ("（七）总计", (("total", ""),)),
)
T3_RESULT_PARTS: tuple[str, ...] = tuple(
    key for _, items in T3_RESULT_GROUPS[:-1] for key, _ in items
)  # the 21 rows that add up to （七）总计
T3_ROW_KEYS: tuple[str, ...] = ("new", "carried_in") + T3_RESULT_PARTS + ("total", "carried_out")
T3_ROW_LABELS: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    "carried_out": "四、结转下年度继续办理",
}
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_RESULTS_LABEL = "三、本年度办理结果"


def _t3() -> Table:
    cells: list[Cell] = [
        Cell(0, 0, T3_NOTE, rowspan=3, colspan=3, header=True),
        Cell(0, 3, "申请人情况", colspan=7, header=True),
        Cell(1, 3, "自然人", rowspan=2, header=True),
        Cell(1, 4, "法人或其他组织", colspan=5, header=True),
        Cell(1, 9, "总计", rowspan=2, header=True),
    ]
    for i, (_, label) in enumerate(T3_COLS[1:-1]):
        cells.append(Cell(2, 4 + i, label, header=True))

    def values(row: int, row_key: str) -> None:
        for i, (col_key, _) in enumerate(T3_COLS):
            cells.append(Cell(row, 3 + i, key=f"t3_{row_key}_{col_key}"))

    cells.append(Cell(3, 0, T3_ROW_LABELS["new"], colspan=3))
    values(3, "new")
    cells.append(Cell(4, 0, T3_ROW_LABELS["carried_in"], colspan=3))
    values(4, "carried_in")
    row = 5
    cells.append(Cell(row, 0, T3_RESULTS_LABEL, rowspan=22))
    for group_label, items in T3_RESULT_GROUPS:
        if len(items) == 1 and not items[0][1]:
            cells.append(Cell(row, 1, group_label, colspan=2))
            values(row, items[0][0])
            row += 1
            continue
        cells.append(Cell(row, 1, group_label, rowspan=len(items)))
        for key, label in items:
            cells.append(Cell(row, 2, label))
            values(row, key)
            row += 1
    cells.append(Cell(row, 0, T3_ROW_LABELS["carried_out"], colspan=3))
    values(row, "carried_out")
    # 9 pt (小五): 4 characters fit a value column ("社会公益/组织"), 5 the group column, 11 the item
    # ("（三）不予/公开"), so labels break between words; the table stays on one page.
    widths = (5.5, 17.1, 36.1) + (13.9,) * 7
    return Table("t3", "依申请公开", 28, 10, 3, widths, tuple(cells), font_pt=9)


# Table 四 -------------------------------------------------------------------------------
T4_BLOCKS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("direct", "未经复议直接起诉"),
    ("after_review", "复议后起诉"),
)
T4_COLS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
T4_PART_COLS: tuple[str, ...] = tuple(k for k, _ in T4_COLS[:-1])


def _t4() -> Table:
    cells: list[Cell] = [
        Cell(0, 0, "行政复议", colspan=5, header=True),
        Cell(0, 5, "行政诉讼", colspan=10, header=True),
    ]
    for i, (_, label) in enumerate(T4_COLS):
        cells.append(Cell(1, i, label, rowspan=2, header=True))
    cells.append(Cell(1, 5, T4_BLOCKS[1][1], colspan=5, header=True))
    cells.append(Cell(1, 10, T4_BLOCKS[2][1], colspan=5, header=True))
    for b in (1, 2):
        for i, (_, label) in enumerate(T4_COLS):
            cells.append(Cell(2, 5 * b + i, label, header=True))
    for b, (block_key, _) in enumerate(T4_BLOCKS):
        for i, (col_key, _) in enumerate(T4_COLS):
            cells.append(Cell(3, 5 * b + i, key=f"t4_{block_key}_{col_key}"))
    # 9 pt: two characters a line in 10.4 mm columns ("结果/维持", "尚未/审结").
    return Table("t4", "复议诉讼", 4, 15, 3, (10.4,) * 15, tuple(cells), font_pt=9, centred_labels=True)


TABLES: tuple[Table, ...] = tuple(_check_grid(t) for t in (_t2(), _t3(), _t4()))
TABLE_BY_KEY = {t.key: t for t in TABLES}

# --- values and totals --------------------------------------------------------------------

VALUE_KEYS: tuple[str, ...] = tuple(c.key for t in TABLES for c in t.value_cells())  # type: ignore[misc]
AMOUNT_KEYS: frozenset[str] = frozenset({"t2_fees"})


# Counts beyond these are almost certainly a typing slip or a pasted number (rule BIG, a 提醒):
# (key prefix, upper bound, what the cells count). Traffic penalties can run to millions a year.
PLAUSIBLE_MAX: tuple[tuple[str, int, str], ...] = (
    ("t2_rules_", 10_000, "规章件数"),
    ("t2_normative_", 100_000, "行政规范性文件件数"),
    ("t2_licensing", 100_000_000, "行政许可处理决定数量"),
    ("t2_penalty", 100_000_000, "行政处罚处理决定数量"),
    ("t2_coercion", 100_000_000, "行政强制处理决定数量"),
    ("t3_", 1_000_000, "政府信息公开申请件数"),
    ("t4_", 100_000, "行政复议、行政诉讼件数"),
)
GROWTH_MAX = 10  # with --previous: a count above 10 times last year's gets a 提醒
GROWTH_MIN = 100  # ... once it is at least this big (1 → 12 is ordinary)


def kind_of(key: str) -> str:
    return AMOUNT if key in AMOUNT_KEYS else COUNT


@dataclass(frozen=True)
class Total:
    key: str
    parts: tuple[str, ...]
    rule: str  # rule id reported when an entered total disagrees


def _totals() -> tuple[Total, ...]:
    out: list[Total] = []
    for row in T3_ROW_KEYS:  # the 总计 column of every row
        out.append(Total(f"t3_{row}_total", tuple(f"t3_{row}_{c}" for c in T3_PART_COLS), "T3-ROW"))
    for col, _ in T3_COLS:  # the （七）总计 row of every column
        out.append(Total(f"t3_total_{col}", tuple(f"t3_{r}_{col}" for r in T3_RESULT_PARTS), "T3-SUM7"))
    for block, _ in T4_BLOCKS:
        out.append(Total(f"t4_{block}_total", tuple(f"t4_{block}_{c}" for c in T4_PART_COLS), "T4-SUM"))
    return tuple(out)


TOTALS: tuple[Total, ...] = _totals()
TOTAL_BY_KEY = {t.key: t for t in TOTALS}
# t3_total_total is both a row total and a column total: either rule computes the same number.
DERIVED_KEYS: frozenset[str] = frozenset(TOTAL_BY_KEY)
INPUT_KEYS: tuple[str, ...] = tuple(k for k in VALUE_KEYS if k not in DERIVED_KEYS)


def compute_totals(values: dict[str, int]) -> dict[str, int]:
    """Return a copy of `values` with every total computed from its parts."""
    out = dict(values)
    # Row totals first, except the （七）总计 row, then the （七）总计 row from the computed rows.
    for t in TOTALS:
        if t.rule == "T3-ROW" and not t.key.startswith("t3_total_"):
            out[t.key] = sum(out[p] for p in t.parts)
    for t in TOTALS:
        if t.rule == "T3-SUM7":
            out[t.key] = sum(out[p] for p in t.parts)
    for t in TOTALS:
        if t.rule == "T4-SUM":
            out[t.key] = sum(out[p] for p in t.parts)
    return out


# --- basic facts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    required: bool
    hint: str
    choices: tuple[str, ...] = field(default_factory=tuple)


FACTS_SHEET = "基本信息"
# In a hint, the year after the report's: the workbook shows it by a formula on the 年度 typed (a
# 2026 workbook's examples say 2027, never a date that is wrong for it).
NEXT_YEAR = "{下一年度}"
FACTS: tuple[Fact, ...] = (
    Fact("agency", "发文机关标志", True, "机关全称，印在红头上，例如：互助土族自治县司法局"),
    Fact("signature", "署名", False, "落款的机关名称，可用规范化简称；不填则用发文机关标志"),
    Fact("date", "成文日期", True, f"例如：{NEXT_YEAR}年1月19日（也可填Excel日期）"),
    Fact("year", "年度", True, "报告所属年度，例如：2025"),
    Fact("title", "标题", False, "不填则为“机关名称+年度+年政府信息公开工作年度报告”"),
    Fact("doc_number", "发文字号", False, f"例如：互司〔{NEXT_YEAR}〕3号；没有可不填"),
    Fact("seal", "加盖印章", False, "填“是”或“否”（默认否），决定落款的排法", ("是", "否")),
    Fact("report_kind", "报告类型", False, "填“部门”或“本级政府”（默认部门），决定成文日期的期限", ("部门", "本级政府")),
    Fact("preprinted", "使用预印红头纸", False, "填“是”则不打印红色版头，只留出位置（默认否）", ("是", "否")),
    Fact(
        "level",
        "机关层级",
        False,
        "机关名称看不出层级时填写（如“某某市人民政府”可能是设区的市或县级市），用于核对“规章”一行；可不填",
        ("国务院部门", "省级", "设区的市级", "县级", "乡级"),
    ),
)
FACT_BY_KEY = {f.key: f for f in FACTS}

# Workbook geometry shared by the writer and the reader: one title row above each table.
TABLE_FIRST_ROW = 2  # Excel row of a table's grid row 0
FACTS_FIRST_ROW = 2  # Excel row of FACTS[0]; the row above holds the sheet's column headings


def fact_row(key: str) -> int:
    """The Excel row of the 基本信息 sheet that holds fact `key` (label in column A, value in B)."""
    return FACTS_FIRST_ROW + _FACT_INDEX[key]


def fact_where(key: str) -> str:
    """Where a fact's value sits, as problems name it: `基本信息!B4`."""
    return f"{FACTS_SHEET}!B{fact_row(key)}"


_FACT_INDEX = {f.key: i for i, f in enumerate(FACTS)}


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def excel_ref(cell: Cell) -> str:
    """Where a table cell sits in its worksheet (one title row above the grid): `D7`."""
    return f"{column_letter(cell.col + 1)}{cell.row + TABLE_FIRST_ROW}"


def value_cell(key: str) -> tuple[Table, Cell]:
    return _VALUE_CELLS[key]


_VALUE_CELLS: dict[str, tuple[Table, Cell]] = {
    c.key: (t, c) for t in TABLES for c in t.value_cells()  # type: ignore[misc]
}
