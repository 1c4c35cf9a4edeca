"""Figures the narrative may quote from the tables: `{{本年新收}}` in 正文.txt becomes the number.

The one list of quotable names. Every name is derived from the schema's labels and value keys, so a
figure in the text is computed the same way as the cell in the table and the two cannot disagree.

The narrative is never a template: between `{{` and `}}` only a name of this list is allowed;
anything else (an expression, an attribute, a call) is an error with its line. `\\{{` prints `{{`.
Full-width braces `｛｛…｝｝` (typed with a Chinese input method) work the same way.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass

from reportgen.core import schema
from reportgen.core.model import Block, Report
from reportgen.core.problems import Problem, error
from reportgen.core.text import short_label, without_ordinal, without_spaces


@dataclass(frozen=True)
class Quote:
    name: str  # what the clerk writes between {{ }}
    keys: tuple[str, ...]  # schema value keys summed; () for the year
    where: str  # the cells it stands for, in words (for `reportgen names` and the README)


def _item_name(group: str, label: str) -> str:
    """'1.属于国家秘密' -> '属于国家秘密'; the long 其他处理 items are cut before '、行政机关'."""
    name = without_ordinal(label).split("、行政机关")[0]
    return f"{group}中的其他" if name == "其他" else name


_T3 = "表三"
_APPLICANT_NAMES = {"other": "其他组织"}  # the bare header “其他” would be ambiguous in prose


def _quotes() -> tuple[Quote, ...]:
    out: list[Quote] = [Quote("年度", (), "基本信息表的年度")]
    # Table 二: documents per kind and column, decisions, the fee.
    for row_key, row_label in [(k, lbl) for k, lbl in schema.T2_ROWS if _is_key(f"t2_{k}_made")]:
        for col_key, col_label in schema.T2_DOC_COLS:
            out.append(Quote(f"{row_label}{col_label.removeprefix('本年')}", (f"t2_{row_key}_{col_key}",), f"表二 {row_label}·{col_label}"))
    for row_key, row_label in schema.T2_ROWS:
        if _is_key(f"t2_{row_key}"):
            unit = "本年收费金额（万元）" if row_key == "fees" else "本年处理决定数量"
            out.append(Quote(row_label, (f"t2_{row_key}",), f"表二 {row_label}·{unit}"))
    # Table 三, 总计 column unless noted.
    rows = dict(schema.T3_ROW_LABELS)
    out.append(Quote("本年新收", ("t3_new_total",), f"{_T3} {rows['new']}·总计"))
    out.append(Quote("上年结转", ("t3_carried_in_total",), f"{_T3} {rows['carried_in']}·总计"))
    out.append(Quote("本年新收和上年结转", ("t3_new_total", "t3_carried_in_total"), f"{_T3} 一＋二（本年新收＋上年结转）·总计"))
    for col_key, col_label in schema.T3_COLS[:-1]:
        name = _APPLICANT_NAMES.get(col_key, col_label)
        out.append(Quote(f"{name}申请", (f"t3_new_{col_key}",), f"{_T3} 一、本年新收·{col_label}"))
    orgs = tuple(f"t3_new_{c}" for c in schema.T3_PART_COLS if c != "natural")
    out.append(Quote("法人或其他组织申请", orgs, f"{_T3} 一、本年新收·法人或其他组织五列之和"))
    for group_label, items in schema.T3_RESULT_GROUPS:
        shown = short_label(group_label)  # '（二）部分公开'
        group = without_ordinal(shown)  # '部分公开'
        if group == "总计":
            out.append(Quote("办理结果总计", ("t3_total_total",), f"{_T3} 三、（七）总计·总计"))
            continue
        out.append(Quote(group, tuple(f"t3_{k}_total" for k, _ in items), f"{_T3} 三、{shown}·总计"))
        for key, label in items:
            if label:
                out.append(Quote(_item_name(group, label), (f"t3_{key}_total",), f"{_T3} 三、{group} {label}·总计"))
    out.append(Quote("结转下年度", ("t3_carried_out_total",), f"{_T3} {rows['carried_out']}·总计"))
    # Table 四: each block by column, the two litigation blocks together, and everything together.
    blocks = dict(schema.T4_BLOCKS)
    groups = [(label, (key,), label) for key, label in schema.T4_BLOCKS] + [
        ("行政诉讼", ("direct", "after_review"), f"{blocks['direct']}＋{blocks['after_review']}"),
        ("复议和诉讼", tuple(blocks), "行政复议与行政诉讼之和"),
    ]
    for prefix, block_keys, described in groups:
        for col_key, col_label in schema.T4_COLS:
            keys = tuple(f"t4_{b}_{col_key}" for b in block_keys)
            out.append(Quote(f"{prefix}{col_label}", keys, f"表四 {described}·{col_label}"))
    names = [q.name for q in out]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:  # a schema change produced an ambiguous name: fail at import, not in a report
        raise ValueError(f"duplicate quote names: {sorted(duplicates)}")
    return tuple(out)


def _is_key(key: str) -> bool:
    return key in schema.VALUE_KEYS


QUOTES: tuple[Quote, ...] = _quotes()
QUOTE_BY_NAME: dict[str, Quote] = {q.name: q for q in QUOTES}


def value(quote: Quote, report: Report) -> str:
    """The figure as printed in the tables (an amount as entered, a count as a whole number)."""
    if not quote.keys:
        return str(report.meta.year or "")
    if len(quote.keys) == 1:
        return report.stats.display(quote.keys[0])
    return str(sum(report.stats.values[k] for k in quote.keys))


# `\{{` (escape) | `{{ … }}` without another `{{` inside | a lone `{{`; full-width braces count as braces.
_OPEN, _CLOSE = "[{｛]{2}", "[}｝]{2}"
_TOKEN = re.compile(rf"\\(?P<escaped>{_OPEN})|{_OPEN}(?P<inner>(?:(?!{_OPEN}).)*?){_CLOSE}|(?P<lone>{_OPEN})")
_NAME = re.compile(r"^[\u3400-\u9fff（）、“”]+$")  # a name is Chinese text; anything else is code


def substitute(text: str, report: Report, line: int) -> tuple[str, list[Problem]]:
    """Replace the placeholders of one line; problems name the line and what to write instead."""
    problems: list[Problem] = []

    def one(m: re.Match[str]) -> str:
        if m.group("escaped"):
            return m.group("escaped")
        if m.group("lone"):
            problems.append(_problem(report, line, f"有“{m.group('lone')}”但同一行后面没有配对的“}}}}”。" + _HOW))
            return m.group(0)
        name = without_spaces(m.group("inner"))
        quote = QUOTE_BY_NAME.get(name)
        if quote is not None:
            return value(quote, report)
        problems.append(_problem(report, line, _unknown(m.group(0), name)))
        return m.group(0)

    return _TOKEN.sub(one, text), problems


_HOW = "可引用的名称见 README 或运行 reportgen names；要原样印出“{{”，写成“\\{{”"


def _unknown(written: str, name: str) -> str:
    if not name:
        return f"“{written}”中间没有名称。{_HOW}"
    if not _NAME.match(name):
        return f"“{written}”不是可引用的名称：正文不是模板，不计算表达式，也不能访问属性或调用函数。{_HOW}"
    close = difflib.get_close_matches(name, list(QUOTE_BY_NAME), n=3, cutoff=0.5)
    hint = f"，最接近的名称是：{'、'.join('{{' + c + '}}' for c in close)}" if close else ""
    return f"“{written}”不是可引用的名称{hint}。{_HOW}"


def _problem(report: Report, line: int, message: str) -> Problem:
    return error("QUOTE", report.narrative_name, f"第{line}行", message)


def fill(report: Report) -> list[Problem]:
    """Replace the placeholders in the title and every narrative block of REPORT, in place."""
    narrative = report.narrative
    problems: list[Problem] = []
    if narrative.title:
        narrative.title, found = substitute(narrative.title, report, narrative.title_line)
        problems += found

    def blocks(items: list[Block]) -> list[Block]:
        out = []
        for b in items:
            text, found = substitute(b.text, report, b.line)
            head, found_head = substitute(b.head, report, b.line) if b.head else ("", [])
            problems.extend(found_head + found)
            out.append(dataclasses.replace(b, text=text, head=head))
        return out

    narrative.opening = blocks(narrative.opening)
    narrative.sections = {key: blocks(items) for key, items in narrative.sections.items()}
    return problems


def used_names(text: str) -> list[str]:
    """The names a text quotes (for tests and tools); escapes and errors are skipped."""
    return [without_spaces(m.group("inner")) for m in _TOKEN.finditer(text) if m.group("inner") is not None]
