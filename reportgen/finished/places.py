"""Places in a finished report as a reviewer reads them: 表三“自然人”列, 第12段."""

from __future__ import annotations

from reportgen.core import schema
from reportgen.core.text import short_label

# --- places, as a reviewer reads them -------------------------------------------------------

def _t3_row_texts() -> dict[str, str]:
    """How a reviewer names a row of 表三: `（三）不予公开 1.属于国家秘密`, `（二）部分公开`."""
    texts = dict(schema.T3_ROW_LABELS)
    for group, items in schema.T3_RESULT_GROUPS:
        short = short_label(group)
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


def place(key: str) -> str:
    """`表三“一、本年新收政府信息公开申请数量”行“自然人”列`."""
    table, row, col = _KEY_PARTS[key]
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
    parts = [_KEY_PARTS[k] for k in keys]
    tables = {p[0] for p in parts}
    if tables == {"t3"} and len({p[2] for p in parts}) == 1:
        return f"表三“{_T3_COL_TEXT[parts[0][2]]}”列"
    if tables == {"t2"} and len({p[1] for p in parts}) == 1:
        return f"表二“{_T2_ROW_TEXT[parts[0][1]]}”行"
    return "、".join(place(k) for k in keys)


def page_list(numbers: list[int]) -> str:
    """第2页, 第2～4页, 第1、3、5页: pages as a reviewer names them."""
    numbers = sorted(set(numbers))
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"第{numbers[0]}～{numbers[-1]}页"
    return "第" + "、".join(map(str, numbers)) + "页"


def on_pages(where: str, pages: list[int]) -> str:
    """`表三“总计”行（第4页）`: a place in a form with pages (a PDF, a scan) names its page."""
    return f"{where}（{page_list(pages)}）" if pages else where
