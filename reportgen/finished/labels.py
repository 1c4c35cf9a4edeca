"""Matching a finished report's table cells to the official format: each cell's text, the labels
to its left and above it, and the value key those labels name (by the schema's own labels)."""

from __future__ import annotations

import difflib
import functools
import re
from decimal import Decimal

from reportgen.core import schema
from reportgen.core.text import short_label, squash, without_ordinal
from reportgen.finished.grid import Grid, GridCell

TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
TABLE_TITLES = {s.table: s.heading for s in schema.SECTIONS if s.table}


# --- one cell's text --------------------------------------------------------------------------

BLANK, ZERO_MARK, NUMBER, LABEL = "blank", "zero", "number", "label"
_ZERO_MARKS = frozenset({"—", "——", "-", "--", "/", "\\", "―", "─", "–", "无"})  # after NFKC: －→-, ／→/
_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)(?:件|个|条|项|次|万元)?")  # a unit does not change the number


UNIT = "(?:件|个|条|项|次|万元)?"  # the units a figure may carry
# A number and a note beside it: 22（其中修订16件）, 9（含转办2件）, 3件，其中…
_NOTED = re.compile(rf"(-?\d+(?:\.\d+)?){UNIT}[（(](.+?)[)）]|(-?\d+(?:\.\d+)?){UNIT}[,，;；]?((?:其中|含|包括|另有).+)")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(rf"([零〇一二两三四五六七八九十百千]+){UNIT}")


def chinese_number(text: str) -> int | None:
    """零 … 九十九, 一百二十三, 两千零五: the count a Chinese numeral writes, or None when it is not one."""
    m = _CN_NUMBER.fullmatch(text)
    if not m:
        return None
    t = m.group(1)
    if all(ch in _CN_DIGITS for ch in t):  # 〇 or digit by digit: 二〇二
        return int("".join(str(_CN_DIGITS[ch]) for ch in t)) if len(t) == 1 or "〇" in t else None
    total, digit, last_unit = 0, None, 10000
    for ch in t:
        if ch in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[ch] != 0:
                return None  # 三五: two digits in a row
            digit = _CN_DIGITS[ch] if _CN_DIGITS[ch] else digit
        else:
            unit = _CN_UNITS[ch]
            if unit >= last_unit:
                return None  # 十百: units out of order
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


@functools.lru_cache(maxsize=4096)  # the same labels recur in every report of a county
def cell_kind(text: str) -> tuple[str, Decimal | None]:
    """What a table cell holds: a number (separators and full-width digits allowed, a Chinese
    numeral, or one with a note beside it: cell_note), a dash or slash for zero, nothing, or a label."""
    t = squash(text).replace(",", "").replace("，", "") if not _NOTED.fullmatch(squash(text)) else squash(text)
    if t == "":
        return BLANK, None
    if t in _ZERO_MARKS:
        return ZERO_MARK, Decimal(0)
    m = _NUMBER.fullmatch(t)
    if m:
        return NUMBER, Decimal(m.group(1))
    if (n := chinese_number(t)) is not None:
        return NUMBER, Decimal(n)
    if m := _NOTED.fullmatch(t):
        return NUMBER, Decimal(m.group(1) or m.group(3))
    return LABEL, None


def cell_note(text: str) -> str | None:
    """The note written beside a cell's number (其中修订16件), or None."""
    m = _NOTED.fullmatch(squash(text))
    return (m.group(2) or m.group(4)) if m else None


_NUMERAL_HINT = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千]")


def looks_like_a_figure(text: str) -> bool:
    """Short text with a digit or a Chinese numeral and no ordinal mark (约20, 三十余, 5左右): meant as
    a number, not readable as one; never a label (（一）予以公开, 1.属于国家秘密 have their marks)."""
    t = squash(text)
    return 0 < len(t) <= 6 and bool(_NUMERAL_HINT.search(t)) and not re.search(r"[、.．（）()]", t)


def labels_left(grid: Grid, cell: GridCell) -> list[str]:
    """Label texts to the left of `cell` in its first row, nearest first. Numbers and blanks before
    the first label are skipped; a number after it ends the labels. A blank slot further out stands
    for the label above it (a merged group label split into cells, the text kept in the first)."""
    return _walk(grid, cell, [(cell.row, c) for c in range(cell.col - 1, -1, -1)], (-1, 0))


def labels_above(grid: Grid, cell: GridCell) -> list[str]:
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
        if kind == LABEL and looks_like_a_figure(other.text):
            kind = NUMBER  # a figure written as words stands where a number stands
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


def _core(label: str) -> str:
    """`（二）部分公开（区分处理的，…）` -> `部分公开`."""
    return short_label(without_ordinal(squash(label)))


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
    (_core(group), tuple((key, without_ordinal(squash(item))) for key, item in items))
    for group, items in schema.T3_RESULT_GROUPS
)
_T3_COLS = tuple((key, squash(label)) for key, label in schema.T3_COLS)
_T4_COLS = tuple((key, squash(label)) for key, label in schema.T4_COLS)
_T3_ITEMS = tuple(it for _, its in _T3_GROUPS for it in its if it[1] and it[1] != "其他")
OTHER_SINGLE = "other_single"  # （六）其他处理 printed as one row (the 2019 format)


def t3_row(labels: list[str]) -> str | None:
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
    inner = without_ordinal(labels[0])
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


def t3_col(labels: list[str]) -> str | None:
    return _best(labels[0], _T3_COLS, 0.75) if labels else None


def t4_key(above: list[str], left: list[str]) -> str | None:
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


def t2_key(above: list[str], left: list[str]) -> str | None:
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


def table_of(labels: str) -> str | None:
    """Which format table a grid holds, from its labels (the most specific first)."""
    if any(w in labels for w in ("本年新收", "上年结转", "结转下年度", "申请人情况")):
        return "t3"
    if "直接起诉" in labels or "复议后起诉" in labels:
        return "t4"
    if any(w in labels for w in ("规章", "规范性文件", "第二十条", "行政许可", "行政处罚", "行政事业性收费")):
        return "t2"
    if any(w in labels for w in schema.FORMAT_2019_TABLE_MARKERS):
        return "t2"
    return None


