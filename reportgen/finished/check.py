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

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportgen.checks import rules as checks
from reportgen.core import schema
from reportgen.core.catalogue import NUMBERS_UNREAD, UNREADABLE
from reportgen.core.model import Meta, Narrative, Number, Report, Stats
from reportgen.core.problems import InputError, Problem, error, warning
from reportgen.finished import door
from reportgen.finished.door import UNREAD, Form
from reportgen.finished.frame import REPORT, SEARCH, Frame, read_frame
from reportgen.finished.labels import TABLE_NAMES, TABLE_TITLES
from reportgen.finished.places import describe, on_pages, place
from reportgen.finished.published import date_problems
from reportgen.finished.tables import TableReading, read_tables
from reportgen.narrative import parse as narrative

# --- the whole report -------------------------------------------------------------------------


@dataclass
class Finished:
    report: Report
    problems: list[Problem]  # problems of reading
    unread: set[str]  # value keys that were not read (the rules that need them do not run)
    body: list[str] = field(default_factory=list)  # the text's paragraphs, for naming places
    form: Form = UNREAD  # the form it was read in (door.Form: Word, 网页, PDF …)
    pages: dict[str, int] = field(default_factory=dict)  # value key -> its page, in forms with pages


def load(path: str | os.PathLike) -> Finished:
    """Read a finished report. Never raises for bad input: an unreadable file is a problem."""
    path = Path(path)
    name = path.name
    try:
        reading = door.read(path)
    except InputError as exc:
        return Finished(Report(Meta(), Stats(), Narrative(), name, name), exc.problems, set(schema.VALUE_KEYS))
    items, form = reading.items, reading.form
    frame = read_frame(items)
    tables = read_tables(items, name, frame.meta.year)
    problems = list(tables.problems)
    stats, unread = _stats(tables, name, problems)
    if frame.kind != REPORT and not tables.found:
        return Finished(Report(frame.meta, stats, Narrative(), name, name), [_not_a_report_page(name, frame)], unread, frame.body, form)
    if not frame.found_title and not tables.found:
        problems = [  # one message, not one per missing table
            error("NOT-REPORT", name, "", "这不像政府信息公开工作年度报告：没有找到“……政府信息公开工作年度报告”标题，也没有找到表二、表三、表四"),
        ]
        return Finished(Report(frame.meta, stats, Narrative(), name, name), problems, unread, frame.body, form)
    narr, narr_problems = narrative.parse("\n".join(frame.body), name)
    if not frame.found_title:
        problems.append(warning("READ", name, "", "没有找到“……政府信息公开工作年度报告”标题：机关名称、年度无法读取"))
    problems += [_paragraph_place(p, frame.body) for p in narr_problems]
    return Finished(Report(frame.meta, stats, narr, name, name), reading.notes + problems, unread, frame.body, form, tables.pages)


def _not_a_report_page(name: str, frame: Frame) -> Problem:
    """A site's list of reports or its search results, saved instead of a report: one message."""
    shown = "、".join(f"“{t}”" for t in frame.titles[:2])
    what = "网站的搜索结果页" if frame.kind == SEARCH else "网站上年度报告的列表页"
    return error(
        "NOT-REPORT", name, "",
        f"这是{what}（列出了 {len(frame.titles)} 份报告，如{shown}），不是报告本身：请在网站上打开要检查的那一份报告，保存该页后再检查",
    )


def _stats(tables: TableReading, name: str, problems: list[Problem]) -> tuple[Stats, set[str]]:
    values: dict[str, Number] = {}
    for key in schema.VALUE_KEYS:
        v = tables.values.get(key, Decimal(0))
        if schema.kind_of(key) == schema.COUNT:
            if v != v.to_integral_value() or v < 0:
                problems.append(error("NUM", name, _placed([key], tables.pages), f"“{v}”不是0或正整数：件数只能是0或正整数"))
                v = Decimal(0)
            values[key] = int(v)
        else:
            if v < 0:
                problems.append(error("NUM", name, _placed([key], tables.pages), f"“{v}”是负数：收费金额不能是负数"))
            values[key] = v
    unread = {k for k in schema.VALUE_KEYS if k not in tables.values}
    for table in ("t2", "t3", "t4"):
        missing = [k for k in schema.VALUE_KEYS if k.startswith(table) and k in unread and k not in tables.refused]
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
        columns = tables.blank_columns.get(table, [])
        whole = f"（其中{'、'.join(f'“{c}”' for c in columns)}列整列空白）" if columns else ""
        problems.append(warning("NUM", name, TABLE_NAMES[table], f"{TABLE_NAMES[table]}有 {n} 个空白格{whole}，已按0核对：规定格式要求没有数字的格填0"))
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


def _placed(keys: list[str], pages: dict[str, int]) -> str:
    """The cells KEYS as labels a reviewer finds, with the pages they are printed on (forms with pages)."""
    return on_pages(describe(keys), [pages[k] for k in keys if k in pages])


def relocate(p: Problem, body: list[str] | None = None, pages: dict[str, int] | None = None) -> Problem:
    """A rule's place (`表三!t3_new_natural,…`) as labels a reviewer finds in the document, with the
    pages its cells are printed on where the form has pages (`表三“总计”行（第4页）`)."""
    m = _KEYS_WHERE.match(p.where)
    if m:
        message = p.message.replace("填写的总计是", "表中的总计是").replace("（总计可以留空，由程序计算）", "")
        return Problem(p.level, p.rule, p.file, _placed(m.group(1).split(","), pages or {}), message)
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


def check(path: str | os.PathLike, previous: Stats | None = None, deadline: dt.date | None = None) -> tuple[Report, list[Problem]]:
    """Read a finished report and run every rule that its numbers and text allow."""
    return check_loaded(load(path), previous, deadline)


def check_loaded(found: Finished, previous: Stats | None = None, deadline: dt.date | None = None) -> tuple[Report, list[Problem]]:
    """`check` for a report already read; `deadline`: the date a page must be online by (LATE;
    by default the 条例's)."""
    report, problems = found.report, list(found.problems)
    if any(p.rule in UNREADABLE for p in problems):
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
        problems.append(relocate(p, found.body, found.pages))
    return report, problems + date_problems(report.meta, found.report.workbook_name, deadline)



def previous_from(found: Finished) -> tuple[Stats | None, list[Problem]]:
    """Last year's finished report, already read, as the `--previous` of the cross-year rules (X-YEAR,
    T2-STOCK, JUMP): used only when all its numbers were read."""
    blocking = [p for p in found.problems if p.is_error and p.rule in NUMBERS_UNREAD]
    if blocking or found.unread:
        return None, blocking + [
            error("PREVIOUS", found.report.workbook_name, "", "上一年度报告的数字没有全部读到，没有做跨年核对（上年结转等）")
        ]
    stats = found.report.stats
    stats.where = {k: place(k) for k in schema.VALUE_KEYS}
    return stats, []
