"""Reading tables 二, 三 and 四 of a finished report by their labels, never by position.

Every number is read from a cell whose row labels (to its left) and column labels (above it) both
match the format, so merged or split headers, extra blank rows or columns, line breaks and small
variants in labels do not matter. A number that cannot be placed is reported, never guessed."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.core import schema
from reportgen.core.problems import Problem, error, warning
from reportgen.core.text import collapse_spaces, squash
from reportgen.finished.grid import DocTitle, Grid, GridCell, Item, Para, Published, stack
from reportgen.finished.labels import (
    BLANK,
    LABEL,
    NUMBER,
    OTHER_SINGLE,
    TABLE_NAMES,
    ZERO_MARK,
    cell_kind,
    cell_note,
    labels_above,
    labels_left,
    looks_like_a_figure,
    t2_key,
    t3_col,
    t3_row,
    t4_key,
    table_of,
)
from reportgen.finished.places import on_pages, place

# --- the tables -------------------------------------------------------------------------------


@dataclass
class TableReading:
    values: dict[str, Decimal] = field(default_factory=dict)
    blanks: dict[str, int] = field(default_factory=dict)  # table -> value cells left blank
    blank_columns: dict[str, list[str]] = field(default_factory=dict)  # table -> columns left wholly blank (their labels)
    refused: set[str] = field(default_factory=set)  # keys whose cell holds text that is no number (a problem says so)
    found: set[str] = field(default_factory=set)  # tables with at least one grid
    explained: set[str] = field(default_factory=set)  # tables not read, with a problem saying why
    single_other: bool = False
    pages: dict[str, int] = field(default_factory=dict)  # key -> the page its cell is printed on (forms with pages)
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
        if isinstance(item, (DocTitle, Published)):
            continue
        if isinstance(item, Para):
            adjacent = adjacent and not collapse_spaces(item.text)
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
        table = table_of(labels)
        if table is None:
            continue
        out.found.add(table)
        if table == "t2" and any(m in labels for m in schema.FORMAT_2019_TABLE_MARKERS):
            _format_2019(out, name, year, [m for m in schema.FORMAT_2019_TABLE_MARKERS if m in labels])
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
    # A blank is a value (0) where its row and column labels both name a cell of the format, in a
    # column of numbers or in one left wholly blank (an office with no 商业企业 applicants leaves the
    # column empty). A table without any number is all blanks.
    cols = {c.col for c in filled}
    blanks = [c for c in grid.cells if kinds[id(c)][0] == BLANK]
    texts = [c for c in grid.cells if kinds[id(c)][0] == LABEL and c.col in cols and looks_like_a_figure(c.text)]
    unplaced: list[tuple[GridCell, list[str], list[str]]] = []
    blank_cols: dict[int, str] = {}
    for cell in filled + blanks + texts:  # numbers first: a blank never overrides a number
        kind, number = kinds[id(cell)]
        above, left = labels_above(grid, cell), labels_left(grid, cell)
        if above and above[0] in ("序号", "编号"):
            continue
        key = _match(table, above, left)
        if key is None:
            if kind == NUMBER:
                unplaced.append((cell, above, left))
            continue
        if kind == LABEL:  # 约20, 三十余: meant as a figure, not one
            if key not in out.values:
                out.refused.add(key)
                out.problems.append(error(
                    "READ", name, _at(place(key), cell),
                    f"这一格写着“{collapse_spaces(cell.text)}”，不是数字，没有读取，用到它的勾稽关系没有核对：请写成阿拉伯数字（如 20）",
                ))
            continue
        if kind == NUMBER and (note := cell_note(cell.text)):
            out.problems.append(warning(
                "READ", name, _at(place(key), cell),
                f"这一格写着“{collapse_spaces(cell.text)}”：按 {number} 核对，数字旁的说明“{note}”没有核对（说明宜写在正文中）",
            ))
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
            if filled and cell.col not in cols and above:
                blank_cols.setdefault(cell.col, above[0])
        for k in keys:
            value = number_for[k] if number_for[k] is not None else Decimal(0)
            if k in out.values and out.values[k] != value:
                out.problems.append(
                    error("READ", name, _at(place(k), cell), f"表中有两个格都对应这一格，数字不同（{out.values[k]} 和 {value}）：请核对表格是否重复了行或列")
                )
                continue
            out.values[k] = value
            if cell.page:
                out.pages[k] = cell.page
    if blank_cols:
        out.blank_columns.setdefault(table, []).extend(blank_cols[c] for c in sorted(blank_cols))
    out.problems += _unplaced(name, table, unplaced)


def _at(where: str, cell: GridCell) -> str:
    """A place in a table, with the page it is printed on where the form has pages (a PDF)."""
    return on_pages(where, [cell.page] if cell.page else [])


def _match(table: str, above: list[str], left: list[str]) -> str | None:
    # A grid may hold more than one format table (all three in one HTML table): try its own first.
    order = {"t3": ("t3", "t4", "t2"), "t4": ("t4", "t3", "t2"), "t2": ("t2", "t3", "t4")}[table]
    for t in order:
        if t == "t3":
            row, col = t3_row(left), t3_col(above)
            if row and col:
                return f"t3_{row}_{col}"
        elif t == "t4":
            key = t4_key(above, left)
            if key:
                return key
        else:
            key = t2_key(above, left)
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
            out.append(warning("READ", name, _at(f"{TABLE_NAMES[table]}{col_text}", cell), f"这一列的 {len(items)} 个数字（{numbers}）不在规定格式的列中，{advice}"))
            continue
        for cell, above, left in items:
            row_text = f"“{left[0]}”行" if left else f"第{cell.row + 1}行"
            out.append(
                warning("READ", name, _at(f"{TABLE_NAMES[table]}{row_text}{col_text}", cell), f"数字 {squash(cell.text)} 所在的行或列不是规定格式中的行列，{advice}")
            )
    return out


