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


_DOC_NUMBER = re.compile(r"^.{0,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号$")
# What a page of a 政务公开 site prints around the article, copied with it.
_PAGE_FURNITURE = re.compile(r"^(发布时间|发布日期|发文日期|来源|信息来源|浏览次数|点击数|阅读次数|字号|【字体|打印本页|关闭窗口|索引号|分类|发布机构)")
_HEAD_LINES = 8  # the lines before the opening paragraph a paste can carry: header, number, title, page lines


def _head_kind(text: str, report: Report, names: set[str]) -> str | None:
    """What a line at the top of pasted text is, if it is something the program prints itself (or
    the website's furniture): "header", "number", "title", "date", "page"; None for the report's own text."""
    if text in names or text in {n + "文件" for n in names} or (
        len(text) <= 30 and not _SENTENCE.search(text) and (_AGENCY_END.search(text) or text.endswith("文件"))
        and not text.endswith(("报告", "情况"))
    ):
        return "header"
    if _DOC_NUMBER.match(text):
        return "number"
    if text == without_spaces(report.title) or _looks_like_title(text):
        return "title"
    if _is_date(text):
        return "date"
    if len(text) <= 80 and _PAGE_FURNITURE.match(text):
        return "page"
    return None


_HEAD_WORDS = {"header": "版头", "number": "发文字号", "title": "标题", "date": "日期", "page": "网页上的发布信息"}


def strip(report: Report) -> list[Problem]:
    """Remove what a paste from a published report carries at its top (版头, 发文字号, title, date,
    the site's 发布时间/来源 lines, in any order) and its trailing 署名/成文日期 lines; a 提醒 each."""
    problems: list[Problem] = []
    narrative = report.narrative
    if not narrative.title_line:
        problems += _strip_head(report, narrative.opening)
    last = next((blocks for blocks in reversed(list(narrative.sections.values())) if blocks), None)
    if last:
        problems += _strip_signature(report, last)
    return problems


def _strip_head(report: Report, opening: list[Block]) -> list[Problem]:
    names = {without_spaces(report.meta.agency), without_spaces(report.meta.signature)} - {""}
    found: list[tuple[Block, str]] = []
    pending = ""  # a title wrapped over two lines as it was printed
    for block in opening[:_HEAD_LINES]:
        text = without_spaces(block.text)
        kind = "body" if block.kind != "body" else _head_kind(text, report, names)
        if kind is None and not pending and len(text) <= 40 and not _SENTENCE.search(text):
            pending = text
            found.append((block, "part"))
            continue
        if pending and block.kind == "body" and _looks_like_title(pending + text):
            found[-1] = (found[-1][0], "title")
            found.append((block, "title"))
            pending = ""
            continue
        if kind is None or kind == "body" or pending:  # a short line, then no title's second half
            break
        found.append((block, kind))
    while found and found[-1][1] == "part":  # a short line that was not half a title: the report's own
        found.pop()
    if not found:
        return []
    for block, _ in found:
        opening.remove(block)
    if len(found) == 1 and found[0][1] == "title":
        block = found[0][0]
        text = without_spaces(block.text)
        return [
            warning(
                "GENERATED", report.narrative_name, f"第{block.line}行",
                "这一行与报告标题相同，标题已由程序印在版头下，没有重复印出：可删除这一行"
                if text == without_spaces(report.title)
                else f"这一行像是报告标题（“{block.text}”），没有印在正文中；报告的标题是“{report.title}”。"
                "如要用这一行作标题，请在行首加上“标题：”",
            )
        ]
    lines = "、".join(str(b.line) for b, _ in found)
    what = "、".join(dict.fromkeys(_HEAD_WORDS[k] for _, k in found))
    shown = "”“".join(b.text for b, _ in found[:4]) + ("”等" if len(found) > 4 else "”")
    return [
        warning(
            "GENERATED", report.narrative_name, f"第{found[0][0].line}行",
            f"第{lines}行（“{shown}）像是从已发布的报告中粘贴来的{what}，没有印在正文中：版头、标题、发文字号由程序按统计表的"
            f"基本信息印出（标题“{report.title}”）。可删除这几行；如要用其中一行作标题，请在行首加上“标题：”",
        )
    ]


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
