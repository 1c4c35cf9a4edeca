"""Recognising section headings as published reports word them.

Clerks paste last year's published text, whose headings differ slightly from the 2021 format
("行政复议与行政诉讼情况", "存在的主要问题及明年工作计划", a typo such as "行政法复议"). Such a
heading is still unmistakably the section the format names at that place, so it is accepted (the
report prints the official title) and the clerk gets a 提醒. The known wordings live in
wordings.SECTION_VARIANTS; anything else is accepted only within a small edit distance.
"""

from __future__ import annotations

import re

from reportgen.core import schema, wordings

EXACT, VARIANT = "exact", "variant"


def edit_distance(a: str, b: str, limit: int = 99) -> int:
    """Levenshtein distance, stopping early once it is certainly above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _tolerance(official: str) -> int:
    """Typos allowed: one in a short title (总体情况), two in a long one."""
    return 1 if len(official) <= 6 else 2


def section_match(title: str, index: int) -> str | None:
    """EXACT when `title` (normalised: no spaces, no trailing punctuation) is the official title of
    schema.SECTIONS[index], VARIANT when it is a known wording or a near miss of it, else None."""
    section = schema.SECTIONS[index]
    if title == section.title:
        return EXACT
    if any(re.fullmatch(p, title) for p in wordings.SECTION_VARIANTS.get(section.key, ())):
        return VARIANT
    if edit_distance(title, section.title, _tolerance(section.title)) <= _tolerance(section.title):
        return VARIANT
    return None


def other_section(title: str, index: int) -> int | None:
    """The index of another section whose title this is (a heading numbered for the wrong place)."""
    for i in range(len(schema.SECTIONS)):
        if i != index and section_match(title, i) is not None:
            return i
    return None


def overview_topic(text: str, ordinal: int) -> str | None:
    """The official topic a mistyped （一）…（五） heading of section 一 stands for, or None.

    Only near misses are corrected ("主动工开" → "主动公开"): a heading that names its topic in
    the clerk's own words ("主动公开情况", "依申请公开工作") is the clerk's, printed as written."""
    if not 1 <= ordinal <= len(schema.OVERVIEW_TOPICS):
        return None
    topic = schema.OVERVIEW_TOPICS[ordinal - 1]
    if topic in text:
        return None
    for suffix in ("", "情况", "工作", "工作情况"):
        tolerance = _tolerance(topic)
        if edit_distance(text, topic + suffix, tolerance) <= tolerance:
            return topic + suffix
    return None
