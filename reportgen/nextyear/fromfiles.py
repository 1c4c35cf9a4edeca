"""Start this year's files from last year's: what carries over, and what starts again at zero.

Carried: the agency facts (not the date or the document number, which are new each year), the
year + 1, 上年结转 from last year's 结转下年度继续办理 column by column, and the 现行有效件数 of
rules and normative documents as a starting point. Everything else starts at zero. Last year's
narrative starts this year's, under a guide line that asks for it to be rewritten.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportgen.core import schema
from reportgen.core.catalogue import FACTS_ONLY
from reportgen.core.model import Meta, Number
from reportgen.core.problems import Problem, error, warning
from reportgen.narrative import parse as narrative
from reportgen.workbook import reader

CARRIED: tuple[tuple[str, str], ...] = tuple(
    (f"t3_carried_out_{c}", f"t3_carried_in_{c}") for c in schema.T3_PART_COLS
) + tuple((f"t2_{row}_in_force", f"t2_{row}_in_force") for row, _ in schema.T2_ROWS if f"t2_{row}_in_force" in schema.VALUE_KEYS)


def next_year_workbook(xlsx: str | os.PathLike) -> tuple[Meta, dict[str, Number], list[Problem]]:
    """Meta and input values of the new workbook. Errors (in the problems) mean: do not write it.

    Raises InputError when last year's workbook cannot be read at all.
    """
    last_meta, stats, problems = reader.read(xlsx)
    name = Path(xlsx).name
    # Last year's facts may be incomplete (we do not need its date); anything else wrong means we
    # cannot be sure of the numbers we would carry.
    blocking = [p for p in problems if p.is_error and p.rule not in FACTS_ONLY]
    if blocking:
        return Meta(), {}, blocking + [
            error("FROM", name, "", "上年统计表有上面列出的错误，无法确定要带入的数字：请先改正上年统计表，或不用 --from 生成空白统计表")
        ]
    out: list[Problem] = []
    meta = Meta(
        agency=last_meta.agency,
        signature=last_meta.signature if last_meta.signature != last_meta.agency else "",
        year=last_meta.year + 1 if last_meta.year else None,
        title=next_title(last_meta.title, last_meta.year),
        seal=last_meta.seal,
        report_kind=last_meta.report_kind,
        preprinted=last_meta.preprinted,
        level=last_meta.level,
    )
    if meta.year is None:
        out.append(warning("FROM", name, schema.fact_where("year"), "上年统计表没有填年度：新统计表的年度请自己填写"))
    values: dict[str, Number] = {k: 0 for k in schema.INPUT_KEYS}
    for source, target in CARRIED:
        values[target] = stats[source]
    return meta, values, out


def next_title(title: str, year: int | None) -> str:
    """A custom title names its year: move it on by one ("2024年度" -> "2025年度")."""
    if not title or not year:
        return title
    return re.sub(rf"(?<!\d){year}(?!\d)", str(year + 1), title)


def next_year_text(txt: str | os.PathLike, year: int | None = None) -> str:
    """Last year's narrative under a guide line. Raises InputError for a file that is not text."""
    text = narrative.text_of(txt)  # the same refusals (missing, too big, not text) as for a report
    return draft_text(text.replace("\r\n", "\n").replace("\r", "\n"), year)


def draft_text(text: str, year: int | None = None) -> str:
    """Last year's text (\n line ends) under the guide line, with Notepad's line ends."""
    which = f"{year - 1}年" if year else "上年"
    guide = (
        f"{narrative.GUIDE_PREFIX}本正文由{which}的正文复制而来：请逐段改写为本年度的情况，核对年份和数字"
        "（数字可写成 {{本年新收}}、{{办理结果总计}} 等，生成时由统计表填入；全部名称见 reportgen names），改好后删除这一行。"
    )
    return (guide + "\n" + text).replace("\n", "\r\n")
