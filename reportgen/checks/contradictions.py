"""The account contradicting itself, narrowly: another year told as the time of the agency's own work
("2023年，我局共收到…" in a 2025 report), and "全部办结"/"无结转" while requests are carried into next year.

Both are 提醒 quoting the sentence. Narrow on purpose: a year is only questioned where it opens a clause
as the time of the account ("2023年，" "2023年全年" "2023年度我局"), never in a comparison ("较2024年",
"2024年以来", "与2024年相比"), a title (《…（2019年修订）》) or a date; the claim of all done only
where it is said of the requests, not of last year's carried ones, of the rest, or of 复议/诉讼 cases.
"""

from __future__ import annotations

import re
from typing import Iterable

from reportgen.core.model import Report, Stats
from reportgen.core.problems import Problem, warning

_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")  # ○: a common typo for 〇
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")  # as a Chinese input method types them
_SENTENCE = re.compile(r"[^。；！？!?;\n]+[。；！？!?;]?")
# A year opening a clause as the time of what follows: "2023年，" "2023年度，" "2023年全年" "2023年我局".
_ACCOUNT_YEAR = re.compile(
    r"(?:^|(?<=[，,：:、\s]))([12][0-9]{3}|[〇零○一二三四五六七八九]{4})年(?:度)?"
    r"(?=[，,]|全年|共|我|本|该|累计|期间|内[，,]|里)"
)
# Words that make a sentence a comparison, a span or a plan: another year is then in its place.
_COMPARISON = re.compile(
    r"较|比|相比|同比|环比|以来|以前|之前|此前|截至|截止|至今|起|增长|增加|下降|减少|持平|上升|回落|"
    r"[—–\-~～至到][12][0-9]{3}年|将|计划|拟|力争|预计"
)


def _sentences(text: str) -> Iterable[str]:
    for m in _SENTENCE.finditer(text):
        s = m.group(0).strip()
        if s:
            yield s


def _blocks(report: Report):
    yield from report.narrative.opening
    for blocks in report.narrative.sections.values():
        yield from blocks


def _quote(sentence: str, limit: int = 80) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def other_year(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """YEAR-TEXT: the account tells another year's work as its own ("2023年，我局共收到…" in a
    2025 report: a sentence left from an old report)."""
    year = report.meta.year
    if year is None:
        return
    allowed = {year, year + 1}  # the report's year, and the year it is written in (plans, the date)
    if report.meta.date is not None:
        allowed.add(report.meta.date.year)
    yield from _stale_opening(report, year)
    for block in _blocks(report):
        for sentence in _sentences(block.head + block.text):
            bare = re.sub(r"《[^》]*》|（[^）]*）|\([^)]*\)", "", sentence.translate(_WIDE_DIGITS))  # titles and asides say nothing of the time
            for m in _ACCOUNT_YEAR.finditer(bare):
                said = int(m.group(1).translate(_CN_DIGITS))
                if said in allowed or _COMPARISON.search(bare):
                    continue
                yield warning(
                    "YEAR-TEXT",
                    report.narrative_name,
                    f"第{block.line}行",
                    f"正文写的是{said}年的工作（“{_quote(sentence)}”），但这是{year}年度的报告："
                    f"如是从往年报告中沿用的句子，请改为本年度的情况（确是对比或回顾可忽略本提醒）",
                )
                break


# The opening naming the report's year: "现将我局2024年度政府信息公开工作情况报告如下", "现公布本机关
# 2025年度政府信息公开工作年度报告" — the sentence most often left over from last year's report.
_OPENING_YEAR = re.compile(r"([12][0-9]{3}|[〇零○一二三四五六七八九]{4})年度?政府信息公开(?:工作)?(?:年度)?(?:情况|报告)")


def _stale_opening(report: Report, year: int) -> Iterable[Problem]:
    """YEAR-TEXT of the opening paragraph when it names another year's report as this one."""
    for block in report.narrative.opening:
        for sentence in _sentences(block.text):
            bare = re.sub(r"《[^》]*》", "", sentence.translate(_WIDE_DIGITS))
            m = _OPENING_YEAR.search(bare)
            if m is None or int(m.group(1).translate(_CN_DIGITS)) in (year, year + 1):  # year + 1: next year's plan
                continue
            said = int(m.group(1).translate(_CN_DIGITS))
            yield warning(
                "YEAR-TEXT",
                report.narrative_name,
                f"第{block.line}行",
                f"开头一段说的是{said}年度的报告（“{_quote(sentence)}”），但这是{year}年度的报告："
                f"多是沿用了上年报告的开头，请改为{year}年度",
            )
            return


# "全部办结", "均已办结", "已全部办理完毕", "无结转", "没有结转": said of this year's requests.
_ALL_DONE = re.compile(
    r"(?:全部|均已|均|都已|已全部|全部已)(?:按期|按时|依法|及时)?(?:办结|办理完毕|办理完成|答复完毕)|"
    r"(?:无|没有|不存在|未有|未发生)(?:申请)?结转"
)
# Said of something else, anywhere in the sentence: cases of 复议/诉讼, other business (政务服务事项,
# 行政许可), an exception (除……外) or requests still open named.
_NOT_ALL = re.compile(
    r"除|尚有|正在办理|仍在|继续办理|复议|诉讼|案件|建议|提案|投诉|举报|信访|热线|留言|政务服务|行政许可|审批|事项"
)
# Said of a part, in the claim's own clause only: "上年结转的2件均已办结", "其余均已办结". In
# "收到申请6件，上年结转1件，均已办结" the 上年 is a clause of its own, and the claim is of all 7.
_PART = re.compile(r"上年|上一年|往年|结转的|其余|其他|剩余")
_CLAUSE_END = re.compile(r"[，,；;：:]")


def all_done(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """DONE-TEXT: the account says every request was finished (or none carried over) while table 3
    carries some into next year."""
    carried = report.stats.values.get("t3_carried_out_total", 0)
    if not carried:
        return
    for block in _blocks(report):
        for sentence in _sentences(block.head + block.text):
            m = _ALL_DONE.search(sentence)
            if m is None or _NOT_ALL.search(sentence[: m.start()] + sentence[m.end() :]):
                continue
            clause = _CLAUSE_END.split(sentence[: m.start()])[-1] + m.group(0)
            if _PART.search(clause):
                continue
            yield warning(
                "DONE-TEXT",
                report.narrative_name,
                f"第{block.line}行",
                f"正文说“{m.group(0)}”（“{_quote(sentence)}”），但表三“四、结转下年度继续办理”是 {carried} 件："
                f"请核对正文或统计表",
            )
