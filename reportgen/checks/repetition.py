"""Text repeated from last year's report: the share of this year's narrative, per section (一 … 六),
made of sentences last year's text had too; the opening paragraph and the tables are not counted.
Sentences are compared whole after normalisation (core.text.squash), as hashes: fast enough for a
county of two hundred pairs."""

from __future__ import annotations

import hashlib
import re
from typing import Iterable

from reportgen.core import schema
from reportgen.core.model import Narrative, Report
from reportgen.core.problems import Problem, warning
from reportgen.core.text import squash

LIMIT = 0.5  # 宿迁 SQ-DEP-A-005: more than half repeated loses points
MIN_CHARS = 8  # shorter sentences ("无。", "具体如下：") repeat by nature
# Sentences every report says in the official wording: they repeat by design, never counted.
_FIXED = re.compile(r"统计期限|本报告(?:中所列数据|所列数据|电子版)|如对本(?:年度)?报告有任何疑问|本年度未收取信息处理费|未收取信息处理费")
_SPLIT = re.compile(r"(?<=[。；！？!?;])")


def _sentences(narr: Narrative) -> Iterable[tuple[str, str]]:
    """(section key, normalised sentence) of sections 一 … 六."""
    for section in schema.SECTIONS:
        for block in narr.sections.get(section.key, []):
            for sentence in _SPLIT.split(block.head + block.text):
                s = squash(sentence)
                if len(s) >= MIN_CHARS and not _FIXED.search(s):
                    yield section.key, s


def _hash(sentence: str) -> int:
    """The same in every process (str's hash() is salted per process; the batch's workers compare too)."""
    return int.from_bytes(hashlib.blake2b(sentence.encode("utf-8"), digest_size=8).digest(), "big")


def fingerprint(narr: Narrative) -> frozenset[int]:
    """Last year's text as the hashes of its sentences (small, and picklable for the batch's workers)."""
    return frozenset(_hash(s) for _, s in _sentences(narr))


def repetition(narr: Narrative, last: frozenset[int]) -> tuple[float | None, dict[str, float]]:
    """The share of this year's counted text (by characters) found in last year's, and per section;
    None when nothing is counted."""
    total = repeated = 0
    by_section: dict[str, list[int]] = {}
    for key, s in _sentences(narr):
        hit = len(s) if _hash(s) in last else 0
        total, repeated = total + len(s), repeated + hit
        part = by_section.setdefault(key, [0, 0])
        part[0] += len(s)
        part[1] += hit
    shares = {k: r / t for k, (t, r) in by_section.items() if t}
    return (repeated / total if total else None), shares


def repeated_text(
    report: Report, last: frozenset[int] | None, last_name: str = "上年报告"
) -> tuple[float | None, list[Problem]]:
    """The share of the narrative found in LAST (None: nothing to compare), and REPEAT when more than
    half repeats last year's: a 提醒 naming the share and the most repeated sections."""
    if not last:
        return None, []
    share, shares = repetition(report.narrative, last)
    if share is None or share <= LIMIT:
        return share, []
    numbers = {s.key: f"{s.number}、{s.title}" for s in schema.SECTIONS}
    top = sorted(shares.items(), key=lambda kv: -kv[1])[:3]
    named = "、".join(f"“{numbers[k]}”{v:.0%}" for k, v in top if v > 0)
    return share, [warning(
        "REPEAT", report.narrative_name, "",
        f"正文有 {share:.0%} 与{last_name}相同（超过一半），重复最多的部分：{named}。"
        "年度报告评议对与上年重复超过50%的报告扣分：请按本年度的实际情况改写",
    )]


_RECORD_HEAD = "reportgen 上年正文指纹：init --from 记下的上年正文（每句一个编号），检查本年正文与上年重复的比例时使用。请勿修改。"


def record(last: frozenset[int], source: str) -> str:
    """The fingerprint as the small text file `init --from` leaves beside 正文.txt: a line saying what
    it is, the file it came from, and one hex number per sentence."""
    return "\n".join([_RECORD_HEAD, f"来源：{source}", *sorted(f"{h:016x}" for h in last)]) + "\n"


def read_record(text: str) -> tuple[frozenset[int], str]:
    """(last year's sentences, the file they came from) of a record; empty when it is not one
    (a file edited by hand costs the comparison, never the check)."""
    lines = text.splitlines()
    if len(lines) < 2 or lines[0] != _RECORD_HEAD or not lines[1].startswith("来源："):
        return frozenset(), ""
    try:
        return frozenset(int(line, 16) for line in lines[2:] if line.strip()), lines[1].removeprefix("来源：")
    except ValueError:
        return frozenset(), ""
