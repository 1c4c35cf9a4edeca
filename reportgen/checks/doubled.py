"""A word typed twice by mistake in the narrative ("政府信息信息公开", "的的"): a 提醒 quoting it.

Narrow on purpose, as every soft rule: a character doubled is questioned only when it is a function
word that never doubles in a report's Chinese (的, 和, 与, 及, 并, 把, 被, 或), and not as half of
an AABB word (的的确确, 和和美美) or after the character it makes a word with (目的的, 标的的); a word
of two to four characters doubled only when it is no reduplication a report writes (一个一个,
二〇二〇, 研究研究). Legitimate doubles of single characters (常常, 人人, 层层, 事事) are never
looked at.
"""

from __future__ import annotations

import re
from typing import Iterable

from reportgen.core.model import Report, Stats
from reportgen.core.problems import Problem, warning

_FUNCTION = "的和与及并把被或"
_CJK = r"[\u4e00-\u9fff]"
_CN_DIGITS = set("〇零○一二三四五六七八九十百千万两")
# Words a report may write twice on purpose (verbs tried out, counted one by one).
STOP = frozenset({"研究", "讨论", "商量", "学习", "了解", "考虑", "看看", "试试", "谢谢"})
_WORD_TWICE = re.compile(rf"({_CJK}{{2,4}})\1")
_CHAR_TWICE = re.compile(rf"([{_FUNCTION}])\1")
_BEFORE_DE = set("目标有")  # 目的的, 标的的, 有的的: 的 ends the word before


def doubled(text: str) -> Iterable[tuple[int, str]]:
    """(position, the word doubled) of each word typed twice in TEXT."""
    for m in _CHAR_TWICE.finditer(text):
        i, ch = m.start(), m.group(1)
        aabb = len(text) > i + 3 and text[i + 2] == text[i + 3] and text[i + 2] != ch
        if aabb or (ch == "的" and i > 0 and text[i - 1] in _BEFORE_DE):
            continue
        yield i, ch
    for m in _WORD_TWICE.finditer(text):
        word = m.group(1)
        if word in STOP or word[0] == "一" or set(word) & _CN_DIGITS or len(set(word)) == 1:
            continue
        yield m.start(), word


def _quote(text: str, i: int, word: str) -> str:
    start, end = max(0, i - 8), min(len(text), i + 2 * len(word) + 8)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def doubled_words(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """DOUBLED: each word typed twice in the narrative, quoted where it stands."""
    narr = report.narrative
    blocks = [*narr.opening, *(b for blocks in narr.sections.values() for b in blocks)]
    for block in blocks:
        for text in (block.head, block.text):
            for i, word in doubled(text):
                yield warning(
                    "DOUBLED",
                    report.narrative_name,
                    f"第{block.line}行",
                    f"正文“{_quote(text, i, word)}”中“{word}”连写了两次：如是笔误，请删去一个（确应如此可忽略本提醒）",
                )
