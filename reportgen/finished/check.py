"""Read and check a finished report (.docx made by any tool, or a page saved from a 政务公开 site).

Tables 二, 三 and 四 are found by their official labels, not by position: every number is read
from a cell whose row labels (to its left) and column labels (above it) both match the format, so
merged or split headers, extra blank rows or columns, line breaks and small variants in labels do
not matter. A number that cannot be placed is reported, never guessed; a cell of the format that
was not found is an error, and the rules that need it are not run.

The numbers become a Stats, the text a Narrative, and the rules of checks.py run on them, as for
the clerk's workbook. Places are then named by the table's labels: 表三“自然人”列.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportgen.checks import rules as checks
from reportgen.core import schema
from reportgen.core.cellvalues import BadValue, parse_date
from reportgen.core.model import Meta, Narrative, Number, Report, Stats
from reportgen.core.problems import InputError, Problem, error, existing_file, warning
from reportgen.finished.grid import DocTitle, Grid, GridCell, Item, Para, clean_para, squash, stack
from reportgen.narrative import parse as narrative

MAX_REPORT_BYTES = 50 * 1024 * 1024
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
TABLE_TITLES = {s.table: s.heading for s in schema.SECTIONS if s.table}

# Words that only the 2019 试行 format's table 二 has (spec §1.3).
T2_2019_MARKERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "政府集中采购", "上一年项目数量", "本年增/减", "其他对外管理服务事项")


# --- one cell's text --------------------------------------------------------------------------

BLANK, ZERO_MARK, NUMBER, LABEL = "blank", "zero", "number", "label"
_ZERO_MARKS = frozenset({"—", "——", "-", "--", "/", "\\", "―", "─", "–", "无"})  # after NFKC: －→-, ／→/
_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)(?:件|个|条|项|次|万元)?")  # a unit does not change the number


@functools.lru_cache(maxsize=4096)  # the same labels recur in every report of a county
def cell_kind(text: str) -> tuple[str, Decimal | None]:
    """What a table cell holds: a number (separators and full-width digits allowed), a dash or slash
    for zero, nothing, or a label."""
    t = squash(text).replace(",", "").replace("，", "")
    if t == "":
        return BLANK, None
    if t in _ZERO_MARKS:
        return ZERO_MARK, Decimal(0)
    m = _NUMBER.fullmatch(t)
    if m:
        return NUMBER, Decimal(m.group(1))
    return LABEL, None


def _labels_left(grid: Grid, cell: GridCell) -> list[str]:
    """Label texts to the left of `cell` in its first row, nearest first. Numbers and blanks before
    the first label are skipped; a number after it ends the labels. A blank slot further out stands
    for the label above it (a merged group label split into cells, the text kept in the first)."""
    return _walk(grid, cell, [(cell.row, c) for c in range(cell.col - 1, -1, -1)], (-1, 0))


def _labels_above(grid: Grid, cell: GridCell) -> list[str]:
    return _walk(grid, cell, [(r, cell.col) for r in range(cell.row - 1, -1, -1)], (0, -1))


def _walk(grid: Grid, cell: GridCell, slots: list[tuple[int, int]], peek: tuple[int, int]) -> list[str]:
    out: list[str] = []
    seen: set[int] = {id(cell)}
    for r, c in slots:
        other = grid.at(r, c)
        if other is None or id(other) in seen:
            continue
        seen.add(id(other))
        kind, _ = cell_kind(other.text)
        if kind == BLANK and out:
            other = _peek(grid, r, c, peek)
            kind = LABEL if other is not None else BLANK
            if other is not None and id(other) in seen:
                continue
            if other is not None:
                seen.add(id(other))
        if kind == LABEL:
            out.append(squash(other.text))  # type: ignore[union-attr]
        elif kind in (NUMBER, ZERO_MARK) and out:
            break
    return out


def _peek(grid: Grid, r: int, c: int, step: tuple[int, int]) -> GridCell | None:
    """The first non-blank cell from (r, c) in direction `step`, if it is a label."""
    while True:
        r, c = r + step[0], c + step[1]
        other = grid.at(r, c)
        if other is None:
            return None
        kind, _ = cell_kind(other.text)
        if kind == LABEL:
            return other
        if kind != BLANK:
            return None


# --- matching labels to the format ----------------------------------------------------------


def _strip_number(label: str) -> str:
    return re.sub(r"^(?:\d+\.|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、)", "", label)


def _core(label: str) -> str:
    """`（二）部分公开（区分处理的，…）` -> `部分公开`."""
    return re.sub(r"（[^）]*）$", "", _strip_number(squash(label)))


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if len(a) >= 2 and len(b) >= 2 and (a in b or b in a):  # "公益组织" in "社会公益组织", not "其他" in "其他法律…"
        return 0.6 + 0.4 * min(len(a), len(b)) / max(len(a), len(b))
    return difflib.SequenceMatcher(None, a, b).ratio()


@functools.lru_cache(maxsize=4096)
def _best(label: str, choices: tuple[tuple[str, str], ...], threshold: float) -> str | None:
    """The key whose label is most like `label`, if similar enough and not tied."""
    scored = sorted(((_similar(label, text), key) for key, text in choices), reverse=True)
    if not scored or scored[0][0] < threshold:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1] != scored[0][1]:
        return None
    return scored[0][1]


_T3_GROUPS = tuple(
    (_core(group), tuple((key, _strip_number(squash(item))) for key, item in items))
    for group, items in schema.T3_RESULT_GROUPS
)
_T3_COLS = tuple((key, squash(label)) for key, label in schema.T3_COLS)
_T4_COLS = tuple((key, squash(label)) for key, label in schema.T4_COLS)
_T3_ITEMS = tuple(it for _, its in _T3_GROUPS for it in its if it[1] and it[1] != "其他")
OTHER_SINGLE = "other_single"  # （六）其他处理 printed as one row (the 2019 format)


def _t3_row(labels: list[str]) -> str | None:
    return _t3_row_of(tuple(labels))


@functools.lru_cache(maxsize=4096)
def _t3_row_of(labels: tuple[str, ...]) -> str | None:
    if not labels:
        return None
    whole = "".join(reversed(labels))
    if re.search("本年度?新收", whole):
        return "new"
    if re.search("上一?年度?结转", whole):
        return "carried_in"
    if re.search("结转(?:至|到)?下一?年", whole):
        return "carried_out"
    inner = _strip_number(labels[0])
    for core, items in _T3_GROUPS:
        if core not in whole:
            continue
        if len(items) == 1 and not items[0][1]:
            return items[0][0]
        if _core(labels[0]) == core:  # the group's own label is the nearest: no sub-item row
            return OTHER_SINGLE if items[0][0].startswith("other_") else None
        return _best(inner, items, 0.6)
    # No group label (a layout without the group column): only an unambiguous item will do.
    return _best(inner, _T3_ITEMS, 0.8)


def _t3_col(labels: list[str]) -> str | None:
    return _best(labels[0], _T3_COLS, 0.75) if labels else None


def _t4_key(above: list[str], left: list[str]) -> str | None:
    whole = "".join(above + left)
    if "直接起诉" in whole:
        block = "direct"
    elif "复议后起诉" in whole or "经复议后" in whole:
        block = "after_review"
    elif "行政复议" in whole:
        block = "review"
    else:
        return None
    for labels in (above, left):
        if labels:
            col = _best(labels[0], _T4_COLS, 0.75)
            if col:
                return f"t4_{block}_{col}"
    return None


_T2_ROWS = tuple((key, squash(label)) for key, label in schema.T2_ROWS)
_T2_DOC_COL_WORDS = (("made", "制发"), ("repealed", "废止"), ("in_force", "现行有效"))


def _t2_key(above: list[str], left: list[str]) -> str | None:
    if not left:
        return None
    row = _best(left[0], _T2_ROWS, 0.8)
    if row is None or not above:
        return None
    head = above[0]
    if row in ("rules", "normative"):
        for col, word in _T2_DOC_COL_WORDS:
            if word in head:
                return f"t2_{row}_{col}"
        return None
    if ("收费金额" in head) == (row == "fees") and ("处理决定" in head or "收费金额" in head):
        return f"t2_{row}"
    return None


def _table_of(labels: str) -> str | None:
    """Which format table a grid holds, from its labels (the most specific first)."""
    if any(w in labels for w in ("本年新收", "上年结转", "结转下年度", "申请人情况")):
        return "t3"
    if "直接起诉" in labels or "复议后起诉" in labels:
        return "t4"
    if any(w in labels for w in ("规章", "规范性文件", "第二十条", "行政许可", "行政处罚", "行政事业性收费")):
        return "t2"
    if any(w in labels for w in T2_2019_MARKERS):
        return "t2"
    return None


# --- places, as a reviewer reads them -------------------------------------------------------

def _t3_row_texts() -> dict[str, str]:
    """How a reviewer names a row of 表三: `（三）不予公开 1.属于国家秘密`, `（二）部分公开`."""
    texts = dict(schema.T3_ROW_LABELS)
    for group, items in schema.T3_RESULT_GROUPS:
        short = re.sub(r"（[^）]*）$", "", group) if not group.endswith("总计") else group
        for key, item in items:
            texts[key] = f"{short} {item}" if item else short
    return texts


_T3_ROW_TEXT = _t3_row_texts()
_T3_COL_TEXT = dict(schema.T3_COLS)
_T4_BLOCK_TEXT = {"review": "行政复议", "direct": "行政诉讼·未经复议直接起诉", "after_review": "行政诉讼·复议后起诉"}
_T4_COL_TEXT = dict(schema.T4_COLS)
_T2_ROW_TEXT = dict(schema.T2_ROWS)
_T2_COL_TEXT = dict(schema.T2_DOC_COLS)


def _key_parts() -> dict[str, tuple[str, str, str]]:
    parts: dict[str, tuple[str, str, str]] = {}
    for row, _ in schema.T2_ROWS:
        for col, _ in schema.T2_DOC_COLS:
            parts[f"t2_{row}_{col}"] = ("t2", row, col)
        parts[f"t2_{row}"] = ("t2", row, "")
    for row in schema.T3_ROW_KEYS:
        for col, _ in schema.T3_COLS:
            parts[f"t3_{row}_{col}"] = ("t3", row, col)
    for block, _ in schema.T4_BLOCKS:
        for col, _ in schema.T4_COLS:
            parts[f"t4_{block}_{col}"] = ("t4", block, col)
    return {k: v for k, v in parts.items() if k in schema.VALUE_KEYS}


_KEY_PARTS = _key_parts()  # value key -> (table, row key, column key), from the schema


def _parts(key: str) -> tuple[str, str, str]:
    return _KEY_PARTS[key]


def place(key: str) -> str:
    """`表三“一、本年新收政府信息公开申请数量”行“自然人”列`."""
    table, row, col = _parts(key)
    if table == "t3":
        return f"表三“{_T3_ROW_TEXT[row]}”行“{_T3_COL_TEXT[col]}”列"
    if table == "t4":
        return f"表四“{_T4_BLOCK_TEXT[row]}”“{_T4_COL_TEXT[col]}”列"
    if col:
        return f"表二“{_T2_ROW_TEXT[row]}”行“{_T2_COL_TEXT[col]}”列"
    return f"表二“{_T2_ROW_TEXT[row]}”行"


def describe(keys: list[str]) -> str:
    """One place for the cells a rule names: a column of 表三, a row of 表二, or the cells."""
    if len(keys) == 1:
        return place(keys[0])
    parts = [_parts(k) for k in keys]
    tables = {p[0] for p in parts}
    if tables == {"t3"} and len({p[2] for p in parts}) == 1:
        return f"表三“{_T3_COL_TEXT[parts[0][2]]}”列"
    if tables == {"t2"} and len({p[1] for p in parts}) == 1:
        return f"表二“{_T2_ROW_TEXT[parts[0][1]]}”行"
    return "、".join(place(k) for k in keys)


# --- the tables -------------------------------------------------------------------------------


@dataclass
class TableReading:
    values: dict[str, Decimal] = field(default_factory=dict)
    blanks: dict[str, int] = field(default_factory=dict)  # table -> value cells left blank
    found: set[str] = field(default_factory=set)  # tables with at least one grid
    explained: set[str] = field(default_factory=set)  # tables not read, with a problem saying why
    single_other: bool = False
    problems: list[Problem] = field(default_factory=list)


_HEADER_WORDS = ("申请人情况", "自然人", "商业企业", "结果维持", "信息内容")


def _labels_of(grid: Grid) -> str:
    return "".join(squash(c.text) for c in grid.cells if cell_kind(c.text)[0] == LABEL)


def _joined(items: list[Item]) -> list[Grid]:
    """The grids, a table cut in two (the second part without a header, the same columns, nothing
    but blank paragraphs between) joined again, so that its lower rows find their column labels."""
    grids: list[Grid] = []
    adjacent = False
    for item in items:
        if isinstance(item, DocTitle):
            continue
        if isinstance(item, Para):
            adjacent = adjacent and not clean_para(item.text)
            continue
        if (
            adjacent
            and grids
            and item.n_cols == grids[-1].n_cols
            and not any(w in _labels_of(item) for w in _HEADER_WORDS)
            and any(w in _labels_of(grids[-1]) for w in _HEADER_WORDS)
        ):
            grids[-1] = stack(grids[-1], item)
        else:
            grids.append(item)
        adjacent = True
    return grids


def read_tables(items: list[Item], name: str, year: int | None) -> TableReading:
    out = TableReading()
    for grid in _joined(items):
        labels = _labels_of(grid)
        table = _table_of(labels)
        if table is None:
            continue
        out.found.add(table)
        if table == "t2" and any(m in labels for m in T2_2019_MARKERS):
            _format_2019(out, name, year, [m for m in T2_2019_MARKERS if m in labels])
            continue
        _read_grid(grid, table, out, name)
    if out.single_other:
        out.problems.append(
            warning(
                "FORMAT",
                name,
                "表三“（六）其他处理”行",
                "表三的“（六）其他处理”只有一行，是2019年试行格式的写法：2021年起的格式分为"
                "“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”“3.其他”三行。已按一行合计核对",
            )
        )
    return out


def _format_2019(out: TableReading, name: str, year: int | None, markers: list[str]) -> None:
    out.explained.add("t2")
    words = "、".join(f"“{m}”" for m in markers[:3])
    if year is not None and year <= 2020:
        out.problems.append(
            warning("FORMAT", name, "表二", f"表二是2019年试行格式（有{words}等栏目），{year}年度报告可以使用；本工具按2021年格式核对，表二没有核对")
        )
    else:
        out.problems.append(
            error(
                "FORMAT",
                name,
                "表二",
                f"表二是2019年试行格式（有{words}等栏目）：2021年度起的年度报告应使用国办公开办函〔2021〕30号规定的格式"
                "（“本年制发件数”“本年废止件数”“现行有效件数”）。表二的数字没有读取",
            )
        )


def _read_grid(grid: Grid, table: str, out: TableReading, name: str) -> None:
    kinds = {id(c): cell_kind(c.text) for c in grid.cells}
    filled = [c for c in grid.cells if kinds[id(c)][0] in (NUMBER, ZERO_MARK)]
    # A blank is a value (0) only in a column that holds numbers elsewhere (label columns do not),
    # and only where its labels match. A table without any number is all blanks: every column counts.
    cols = {c.col for c in filled} if filled else None
    blanks = [c for c in grid.cells if kinds[id(c)][0] == BLANK and (cols is None or c.col in cols)]
    unplaced: list[tuple[GridCell, list[str], list[str]]] = []
    for cell in filled + blanks:  # numbers first: a blank never overrides a number
        kind, number = kinds[id(cell)]
        above, left = _labels_above(grid, cell), _labels_left(grid, cell)
        if above and above[0] in ("序号", "编号"):
            continue
        key = _match(table, above, left)
        if key is None:
            if kind == NUMBER:
                unplaced.append((cell, above, left))
            continue
        keys = [key]
        if key.startswith(f"t3_{OTHER_SINGLE}_"):
            col = key.rsplit("_", 1)[1]
            out.single_other = True
            keys = [f"t3_other_other_{col}", f"t3_other_no_correction_{col}", f"t3_other_no_fee_{col}"]
            number_for = {keys[0]: number, keys[1]: Decimal(0), keys[2]: Decimal(0)}
        else:
            number_for = {key: number}
        if kind == BLANK:
            if keys[0] in out.values:
                continue
            out.blanks[table] = out.blanks.get(table, 0) + 1
        for k in keys:
            value = number_for[k] if number_for[k] is not None else Decimal(0)
            if k in out.values and out.values[k] != value:
                out.problems.append(
                    error("READ", name, place(k), f"表中有两个格都对应这一格，数字不同（{out.values[k]} 和 {value}）：请核对表格是否重复了行或列")
                )
                continue
            out.values[k] = value
    out.problems += _unplaced(name, table, unplaced)


def _match(table: str, above: list[str], left: list[str]) -> str | None:
    # A grid may hold more than one format table (all three in one HTML table): try its own first.
    order = {"t3": ("t3", "t4", "t2"), "t4": ("t4", "t3", "t2"), "t2": ("t2", "t3", "t4")}[table]
    for t in order:
        if t == "t3":
            row, col = _t3_row(left), _t3_col(above)
            if row and col:
                return f"t3_{row}_{col}"
        elif t == "t4":
            key = _t4_key(above, left)
            if key:
                return key
        else:
            key = _t2_key(above, left)
            if key:
                return key
    return None


def _unplaced(name: str, table: str, cells: list[tuple[GridCell, list[str], list[str]]]) -> list[Problem]:
    """Numbers that could not be placed: one warning per extra column (a 小计 column has a number in
    every row), one per number otherwise."""
    advice = "无法确定是哪一项，没有读取：请核对表格是否多了行或列、标签是否写错"
    by_col: dict[int, list[tuple[GridCell, list[str], list[str]]]] = {}
    for item in cells:
        by_col.setdefault(item[0].col, []).append(item)
    out: list[Problem] = []
    for col, items in sorted(by_col.items()):
        cell, above, left = items[0]
        col_text = f"“{above[0]}”列" if above else f"第{col + 1}列"
        if len(items) >= 3:
            numbers = "、".join(squash(c.text) for c, _, _ in items[:5]) + ("……" if len(items) > 5 else "")
            out.append(warning("READ", name, f"{TABLE_NAMES[table]}{col_text}", f"这一列的 {len(items)} 个数字（{numbers}）不在规定格式的列中，{advice}"))
            continue
        for cell, above, left in items:
            row_text = f"“{left[0]}”行" if left else f"第{cell.row + 1}行"
            out.append(
                warning("READ", name, f"{TABLE_NAMES[table]}{row_text}{col_text}", f"数字 {squash(cell.text)} 所在的行或列不是规定格式中的行列，{advice}")
            )
    return out


# --- facts and narrative ----------------------------------------------------------------------

_YEAR = re.compile(r"(\d{4})\s*年")
_FIRST_HEADING = re.compile(r"^一\s*[、，,.．]\s*总体情况")
_AGENCY = re.compile(r"[\u4e00-\u9fff（）]{2,40}")  # a name, not a breadcrumb or a site banner
_DOC_NUMBER = re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）].*号")


def _is_title(text: str) -> bool:
    t = squash(text)
    return "政府信息公开" in t and "报告" in t and len(t) <= 80 and "。" not in t


def _date_of(text: str):
    try:
        return parse_date(squash(text))
    except BadValue:
        return None


@dataclass
class Frame:
    """The parts of a finished report around its tables."""

    meta: Meta
    title: str
    body: list[str]  # paragraphs between the title and the signature
    found_title: bool


def read_frame(items: list[Item]) -> Frame:
    paras = [clean_para(i.text) for i in items if isinstance(i, Para)]
    paras = [p for p in paras if p]
    ti = next((i for i, p in enumerate(paras) if _is_title(p)), None)
    meta = Meta()
    if ti is not None:
        title = paras[ti].replace("\n", "")
    else:  # no title in the text: a page's <title> ("…年度报告_某某县人民政府"), the text from 一、
        declared = [part for i in items if isinstance(i, DocTitle) for part in re.split(r"\s*[_|｜]\s*| - ", i.text)]
        title = next((t for t in declared if _is_title(t)), "")
        first = next((i for i, p in enumerate(paras) if _FIRST_HEADING.match(p)), None)
        if not title or first is None:
            return Frame(meta, "", paras, False)
        ti = first - 1
    m = _YEAR.search(squash(title))
    if m:
        meta.year = int(m.group(1))
    in_text = _is_title(paras[ti]) if ti >= 0 else False  # else a page's <title>: no red header above it
    header = next(
        (p for p in reversed(paras[max(0, ti - 4) : ti]) if not _DOC_NUMBER.search(p) and _date_of(p) is None and len(p) <= 40),
        "",
    ) if in_text else ""
    header = re.sub(r"文件$", "", squash(header))
    if _AGENCY.fullmatch(header):  # the red header: the agency's full name
        meta.agency = header
    elif m:
        meta.agency = squash(title)[: m.start()]
    end = len(paras)
    for i in range(len(paras) - 1, ti, -1):  # the date closes the report; page footers follow it
        if _date_of(paras[i]) is not None and len(squash(paras[i])) <= 16:
            meta.date = _date_of(paras[i])
            end = i
            if i - 1 > ti and len(paras[i - 1]) <= 40 and "。" not in paras[i - 1]:
                meta.signature = paras[i - 1].strip()
                end = i - 1
            break
    if meta.agency.endswith("人民政府"):
        meta.report_kind = "本级政府"
    meta.title = title
    body = [p.replace("\n", "") for p in paras[ti + 1 : end]]
    return Frame(meta, title, body, True)


# --- the whole report -------------------------------------------------------------------------


def read_items(path: Path) -> list[Item]:
    """Paragraphs and tables of a .docx or a web page; InputError with a Chinese reason otherwise."""
    from reportgen.finished import docx as docxread
    from reportgen.finished import html as htmlread

    name = path.name
    size = existing_file(path, "报告文件")
    if size > MAX_REPORT_BYTES:
        raise InputError(error("LIMIT", name, "", f"文件有 {size / 1024 / 1024:.0f} MB，大得异常：请检查是否选错了文件"))
    with path.open("rb") as f:
        head = f.read(2048)
    try:
        if head.startswith(b"PK\x03\x04"):
            return docxread.read_items(path)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            kind = "这是 WPS 文字文件（.wps）" if path.suffix.lower() == ".wps" else "这是旧版 Word 文件（.doc）"
            raise InputError(error("FILE", name, "", f"{kind}：请在 Word 或 WPS 中打开，“另存为” .docx 格式后再检查"))
        if head.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
            raise InputError(error("FILE", name, "", "这是 PDF 文件，无法读取其中的表格：请检查 Word 文件（.docx）或网页（.html）"))
        if htmlread.is_mhtml(head) or b"<" in head.lstrip()[:1] or re.search(rb"<(?:html|body|table|p|div|meta)\b", head, re.I) or path.suffix.lower() in (".html", ".htm", ".mhtml", ".mht"):
            return htmlread.read_items(path)
    except (docxread.NotAReport, htmlread.NotAPage) as exc:
        raise InputError(error("FILE", name, "", f"{exc.args[0]}：请给出 Word 文件（.docx）或网页文件（.html）")) from None
    raise InputError(error("FILE", name, "", "不是 Word 文件（.docx）或网页文件（.html），无法检查"))


@dataclass
class Finished:
    report: Report
    problems: list[Problem]  # problems of reading
    unread: set[str]  # value keys that were not read (the rules that need them do not run)
    body: list[str] = field(default_factory=list)  # the text's paragraphs, for naming places


def load(path: str | os.PathLike) -> Finished:
    """Read a finished report. Never raises for bad input: an unreadable file is a problem."""
    path = Path(path)
    name = path.name
    try:
        items = read_items(path)
    except InputError as exc:
        return Finished(Report(Meta(), Stats(), Narrative(), name, name), exc.problems, set(schema.VALUE_KEYS))
    frame = read_frame(items)
    tables = read_tables(items, name, frame.meta.year)
    problems = list(tables.problems)
    stats, unread = _stats(tables, name, problems)
    if not frame.found_title and not tables.found:
        problems = [  # one message, not one per missing table
            error("NOT-REPORT", name, "", "这不像政府信息公开工作年度报告：没有找到“……政府信息公开工作年度报告”标题，也没有找到表二、表三、表四"),
        ]
        return Finished(Report(frame.meta, stats, Narrative(), name, name), problems, unread, frame.body)
    narr, narr_problems = narrative.parse("\n".join(frame.body), name)
    if not frame.found_title:
        problems.append(warning("READ", name, "", "没有找到“……政府信息公开工作年度报告”标题：机关名称、年度无法读取"))
    problems += [_paragraph_place(p, frame.body) for p in narr_problems]
    return Finished(Report(frame.meta, stats, narr, name, name), problems, unread, frame.body)


def _stats(tables: TableReading, name: str, problems: list[Problem]) -> tuple[Stats, set[str]]:
    values: dict[str, Number] = {}
    for key in schema.VALUE_KEYS:
        v = tables.values.get(key, Decimal(0))
        if schema.kind_of(key) == schema.COUNT:
            if v != v.to_integral_value() or v < 0:
                problems.append(error("NUM", name, place(key), f"“{v}”不是0或正整数：件数只能是0或正整数"))
                v = Decimal(0)
            values[key] = int(v)
        else:
            if v < 0:
                problems.append(error("NUM", name, place(key), f"“{v}”是负数：收费金额不能是负数"))
            values[key] = v
    unread = {k for k in schema.VALUE_KEYS if k not in tables.values}
    for table in ("t2", "t3", "t4"):
        missing = [k for k in schema.VALUE_KEYS if k.startswith(table) and k in unread]
        if not missing or table in tables.explained:
            continue
        what = f"{TABLE_NAMES[table]}（{TABLE_TITLES[table]}）"
        if table not in tables.found:
            problems.append(error("READ", name, TABLE_NAMES[table], f"没有找到{what}：文档中没有带这张表的行、列标签的表格（表格是图片时也无法读取）"))
            continue
        shown = "、".join(place(k) for k in missing[:4]) + (f"等 {len(missing)} 格" if len(missing) > 4 else "")
        problems.append(
            error("READ", name, TABLE_NAMES[table], f"{what}中找不到这些格的数字：{shown}。行或列的标签与规定格式不符，或表格缺少行列，这些数字没有核对")
        )
    for table, n in tables.blanks.items():
        problems.append(warning("NUM", name, TABLE_NAMES[table], f"{TABLE_NAMES[table]}有 {n} 个空白格，已按0核对：规定格式要求没有数字的格填0"))
    values = schema.compute_totals(values)  # type: ignore[arg-type]
    stats = Stats(values=values)
    stats.text = {k: str(v) for k, v in tables.values.items() if schema.kind_of(k) == schema.AMOUNT}
    stats.where = {k: f"{TABLE_NAMES[k[:2]]}!{k}" for k in schema.VALUE_KEYS}
    stats.entered_totals = {
        k: (int(tables.values[k]), stats.where[k]) for k in schema.DERIVED_KEYS if k in tables.values and k not in unread
    }
    return stats, unread


_LINE = re.compile(r"^第(\d+)行$")


def _paragraph_place(p: Problem, body: list[str]) -> Problem:
    """Narrative problems name the paragraph (counted from the title) and its first words."""
    m = _LINE.match(p.where)
    if not m:
        return p
    n = int(m.group(1))
    text = body[n - 1] if 0 < n <= len(body) else ""
    start = text[:12] + ("……" if len(text) > 12 else "")
    where = f"正文第{n}段" + (f"“{start}”" if start else "")
    return Problem(p.level, p.rule, p.file, where, p.message)


_KEYS_WHERE = re.compile(r"^表[二三四]!(t[234]_[a-z_]+(?:,t[234]_[a-z_]+)*)$")


def relocate(p: Problem, body: list[str] | None = None) -> Problem:
    """A rule's place (`表三!t3_new_natural,…`) as labels a reviewer finds in the document."""
    m = _KEYS_WHERE.match(p.where)
    if m:
        message = p.message.replace("填写的总计是", "表中的总计是").replace("（总计可以留空，由程序计算）", "")
        return Problem(p.level, p.rule, p.file, describe(m.group(1).split(",")), message)
    if p.where.startswith(schema.FACTS_SHEET + "!"):
        return Problem(p.level, p.rule, p.file, "成文日期", p.message)
    if body is not None:
        return _paragraph_place(p, body)
    return p


def _uses_unread(p: Problem, unread: set[str]) -> bool:
    m = _KEYS_WHERE.match(p.where)
    if m:
        return any(k in unread for k in m.group(1).split(","))
    return False


def check(path: str | os.PathLike, previous: Stats | None = None) -> tuple[Report, list[Problem]]:
    """Read a finished report and run every rule that its numbers and text allow."""
    return check_loaded(load(path), previous)


def check_loaded(found: Finished, previous: Stats | None = None) -> tuple[Report, list[Problem]]:
    """`check` for a report already read."""
    report, problems = found.report, list(found.problems)
    if any(p.rule in ("NOT-REPORT", "FILE", "LIMIT") for p in problems):
        return report, problems
    unread = found.unread
    # The rules over the tables need the totals' parts: a total over an unread cell is not judged.
    unread_closure = set(unread)
    for t in schema.TOTALS:
        if any(k in unread for k in t.parts):
            unread_closure.add(t.key)
    tables_read = not any(k.startswith(("t3", "t4")) for k in unread_closure)
    for p in checks.run(report, previous):
        if _uses_unread(p, unread_closure):
            continue
        if p.rule == "TXT" and not tables_read:
            continue
        if p.rule == "DATE" and report.meta.date is None:
            continue
        problems.append(relocate(p, found.body))
    return report, problems



def previous_stats(path: str | os.PathLike) -> tuple[Stats | None, list[Problem]]:
    """Last year's finished report as the `--previous` of the cross-year rules (X-YEAR, T2-STOCK,
    JUMP): used only when all its numbers were read."""
    found = load(path)
    blocking = [p for p in found.problems if p.is_error and p.rule in ("FILE", "LIMIT", "NOT-REPORT", "READ", "NUM")]
    if blocking or found.unread:
        return None, blocking + [
            error("PREVIOUS", Path(path).name, "", "上一年度报告的数字没有全部读到，没有做跨年核对（上年结转等）")
        ]
    stats = found.report.stats
    stats.where = {k: place(k) for k in schema.VALUE_KEYS}
    return stats, []
