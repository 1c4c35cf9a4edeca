"""`init --from 2025年报告.docx|.html`: start next year from last year's finished report.

In an office's first year with reportgen, last year's published report is the only record of
结转下年度 and 现行有效件数. The facts that can be read (agency, 署名, report kind), the year + 1,
上年结转 = the report's 结转下年度继续办理 column by column, 现行有效件数, and the text with
headings in our format become the new workbook and 正文.txt. A report that fails the consistency
rules is still imported, its problems listed as warnings (the clerk needs the numbers anyway);
a file that is not a report, or whose carried cells could not be read, says so.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from reportgen.core import schema
from reportgen.core.catalogue import UNREADABLE
from reportgen.core.model import Block, Meta, Narrative, Number
from reportgen.core.problems import Problem, error, internal_error, last_years, warning
from reportgen.finished import check as finished
from reportgen.finished.places import place
from reportgen.nextyear import fromfiles


class NextYear(NamedTuple):
    """What `init --from 报告` makes: the new year's facts, values and text, the problems met, and
    the names of what was carried and what could not be read (for the clerk's summary line)."""

    meta: Meta
    values: dict[str, Number]
    text: str
    problems: list[Problem]
    carried: list[str] = []
    not_carried: list[str] = []


def next_year(path: str | os.PathLike) -> NextYear:
    """Meta, input values and 正文.txt of the new year. Errors in the problems mean: write nothing."""
    path = Path(path)
    name = path.name
    try:
        found = finished.load(path)
        report, problems = finished.check_loaded(found)
    except Exception as exc:  # never a traceback for a clerk: say what happened and to whom to send it
        return NextYear(Meta(), {}, "", [internal_error(name, exc)])
    if any(p.rule in UNREADABLE for p in problems):
        return NextYear(Meta(), {}, "", [p for p in problems if p.is_error] + [
            error("FROM", name, "", "无法从这个文件读取上年的数字：请给出上年的年度报告（.docx 或网页）、统计表（.xlsx），或不用 --from")
        ])
    # Last year's faults are listed, not blocking: they are last year's, and the numbers are needed.
    out = [last_years(p) if p.is_error else p for p in problems]
    last = report.meta
    year = last.year + 1 if last.year else None
    title = last.title if last.title and last.title != last.default_title and re.search(r"\d{4}", last.title) else ""
    meta = Meta(
        agency=last.agency,
        signature=last.signature if last.signature != last.agency else "",
        year=year,
        title=fromfiles.next_title(title, last.year) if title else "",
        report_kind=last.report_kind,
    )
    if not last.agency:
        out.append(warning("FROM", name, "", "上年报告中没有读到机关名称：请在新统计表的“基本信息”表中填写发文机关标志"))
    if year is None:
        out.append(warning("FROM", name, "", "上年报告中没有读到年度：新统计表的年度请自己填写"))
    values: dict[str, Number] = {k: 0 for k in schema.INPUT_KEYS}
    missing = []
    for source, target in fromfiles.CARRIED:
        if source in found.unread:
            missing.append(place(source))
        else:
            values[target] = report.stats.values[source]
    if missing:
        out.append(
            warning("FROM", name, "", f"上年报告中没有读到 {'、'.join(missing)}：新统计表中对应的格为0，请按上年报告自己填写")
        )
    carried, not_carried = [], []
    for what, done in (
        ("机关名称", bool(meta.agency)),
        ("署名", bool(last.signature)),
        ("年度", year is not None),
        ("标题", bool(meta.title)),
    ):
        if done:
            carried.append(what)
        elif what != "标题":  # no custom title: the default one is right, nothing is missing
            not_carried.append(what)
    carried_in = [t for s_, t in fromfiles.CARRIED if s_.startswith("t3") and s_ not in found.unread]
    in_force = [t for s_, t in fromfiles.CARRIED if s_.startswith("t2") and s_ not in found.unread]
    (carried if carried_in else not_carried).append("上年结转（取上年的结转下年度）")
    (carried if in_force else not_carried).append("现行有效件数")
    text = fromfiles.draft_text(text_of(report.narrative), year)
    return NextYear(meta, values, text, out, carried, not_carried)


def text_of(narr: Narrative) -> str:
    """The narrative as a 正文.txt: the six headings in the official wording, one paragraph a line."""
    lines = [_line(b) for b in narr.opening]
    for section in schema.SECTIONS:
        lines.append(section.heading)
        lines += [_line(b) for b in narr.sections[section.key]]
    return "\n".join(line for line in lines if line.strip())


def _line(block: Block) -> str:
    text = block.head + block.text if block.kind == "runin" else block.text
    return re.sub(r"\s*\n\s*", "", text)
