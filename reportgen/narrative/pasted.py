"""Parts of the report the program prints itself, typed into the narrative as well.

A text pasted from last year's published report often starts with its title and ends with the
署名 and 成文日期. The report prints those from the workbook, so printing the pasted lines too
would give the title or the signature block twice. Such lines are left out, each with a 提醒.
"""

from __future__ import annotations

import re

from reportgen.core.cellvalues import BadValue, parse_date
from reportgen.core.model import Block, Report
from reportgen.core.problems import Problem, warning
from reportgen.core.text import without_spaces

_SENTENCE = re.compile(r"[。；;：:！？!?，,]")
_AGENCY_END = re.compile(r"(局|委|委员会|办|办公室|办公厅|府|政府|厅|部|院|会|处|中心|署|所|站|队|街道办事处|管委会)$")


def _looks_like_title(text: str) -> bool:
    return len(text) <= 80 and not _SENTENCE.search(text) and text.endswith(("工作年度报告", "工作报告", "年度报告"))


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except BadValue:
        return False
    return len(text) <= 20


def strip(report: Report) -> list[Problem]:
    """Remove a leading title line and trailing 署名/成文日期 lines; a 提醒 for each."""
    problems: list[Problem] = []
    name = report.narrative_name
    narrative = report.narrative
    opening = narrative.opening
    if opening and opening[0].kind == "body" and not narrative.title_line:
        text = without_spaces(opening[0].text)
        if text == without_spaces(report.title) or _looks_like_title(text):
            same = text == without_spaces(report.title)
            problems.append(
                warning(
                    "GENERATED",
                    name,
                    f"第{opening[0].line}行",
                    "这一行与报告标题相同，标题已由程序印在版头下，没有重复印出：可删除这一行"
                    if same
                    else f"这一行像是报告标题（“{opening[0].text}”），没有印在正文中；报告的标题是“{report.title}”。"
                    "如要用这一行作标题，请在行首加上“标题：”",
                )
            )
            del opening[0]
    last = next((blocks for blocks in reversed(list(narrative.sections.values())) if blocks), None)
    if last:
        problems += _strip_signature(report, last)
    return problems


def _strip_signature(report: Report, blocks: list[Block]) -> list[Problem]:
    meta = report.meta
    names = {without_spaces(meta.agency), without_spaces(meta.signature)} - {""}
    found: list[tuple[Block, str]] = []
    for block in reversed(blocks[-3:]):
        text = without_spaces(block.text)
        if block.kind != "body" or _SENTENCE.search(text):
            break
        if _is_date(text):
            found.append((block, "date"))
        elif text in names or (found and len(text) <= 30 and _AGENCY_END.search(text)):
            found.append((block, "signature"))
        else:
            break
    problems = []
    for block, what in reversed(found):
        if what == "date":
            message = f"成文日期由统计表的基本信息印在落款处（{meta.date_text}），这一行“{block.text}”没有重复印出：可删除这一行"
            if meta.date is not None and parse_date(without_spaces(block.text)) != meta.date:
                message += "。注意：这一行的日期与基本信息表中的成文日期不同，请核对成文日期"
        else:
            message = f"署名由统计表的基本信息印在落款处（{meta.signature or meta.agency}），这一行“{block.text}”没有重复印出：可删除这一行"
        problems.append(warning("GENERATED", report.narrative_name, f"第{block.line}行", message))
        blocks.remove(block)
    return problems
