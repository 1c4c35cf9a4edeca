"""Whether two reports are one agency's: the one notion of "the same agency", used by every pairing
(this year against last year's folder, `--previous`, duplicates in a folder, copying between
departments).

A name is read as its place (省, 市, 县/区/旗, 镇/乡/街道, each level once, in that order) and its
body (what the agency is: 公安局, 政府办, 政府); a name that is a place only ("某县", "平潭综合实验区")
is that place's government. Two names are one agency when their bodies agree (equal, or one the
简称 of the other: 自规局 and 自然资源和规划局) and their places do not contradict each other: a
place left out ("公安局", "区公安局") agrees with any, so that 平潭综合实验区公安局 = 区公安局 = 公安局 in
that county's folder. Strict where it matters: a government and its own 局/委/办 have different
bodies (某区人民政府 is not 某区公安局, 县人民政府 not 县政府办), and two towns different places.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportgen.core.text import squash

# One level of place: up to seven characters and the level's word. A level word inside an agency's
# name is not a place: 市场监督管理局, 市政, 市民, 市容, 市监局, 城市管理局, 城乡, 社区.
_LEVELS = (
    ("省", r"[^省]{0,7}?(?:省|自治区)"),
    ("市", r"[^市]{0,7}?(?:(?<!城)市(?![场政容民监])|市(?=政府)|自治州|盟)"),
    ("县", r"[^县区旗]{0,7}?(?:县|(?<!社)区|旗)"),
    ("镇", r"[^镇乡]{0,7}?(?:(?<!城)镇|(?<!城)乡(?!村)|街道)"),
)
_LEVEL_RES = tuple((level, re.compile(pattern)) for level, pattern in _LEVELS)
# Words a 简称 shortens: 人民政府 -> 政府, 办公室 -> 办.
_SHORTER = (("人民政府", "政府"), ("办公室", "办"), ("委员会", "委"))
GOVERNMENT = "政府"


@lru_cache(maxsize=4096)
def parse(name: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """((level, place word) …, body) of an agency's name: 某市某区民政局 -> ((市, 某市), (县, 某区)), 民政局;
    区公安局 -> ((县, 区),), 公安局; 某县 -> ((县, 某县),), 政府 (a place only is its government)."""
    rest = squash(name)
    places: list[tuple[str, str]] = []
    for level, pattern in _LEVEL_RES:
        m = pattern.match(rest)
        if m:
            places.append((level, m.group(0)))
            rest = rest[m.end():]
    body = rest
    for long, short in _SHORTER:
        body = body.replace(long, short)
    return tuple(places), body or GOVERNMENT


def short_name(name: str) -> str:
    """The agency's name as its 简称 would be: without the place above a town and with the long words
    shortened (某县人民政府办公室 -> 政府办, 县教育局 -> 教育局, 某县甲镇人民政府 -> 甲镇政府); a place
    alone stays as it is (安吉县)."""
    places, body = parse(name)
    if places and places[-1][0] == "镇":
        return places[-1][1] + body
    if places and squash(name) == "".join(w for _, w in places):
        return squash(name)
    return body


def name_forms(agency: str, signature: str = "") -> list[str]:
    """Every way the agency's text may write its own name, longest first (for replacing them in a
    text): the full name and 署名, each without the places above it one by one and with the bare
    level word (县教育局), its 简称; a government's place word (甲镇) but not the word 政府 alone."""
    forms: set[str] = set()
    for name in (agency, signature):
        name = squash(name or "")
        if not name:
            continue
        places, body = parse(name)
        words = [w for _, w in places]
        written = name[len("".join(words)):]
        forms.add(name)
        forms.update("".join(words[i:]) + written for i in range(len(words)))
        if body == GOVERNMENT:
            forms.update(words[-1:])
            forms.add(short_name(name))
        else:
            forms.update({written, body, short_name(name)} | ({words[-1][-1] + written} if words else set()))
    forms -= {GOVERNMENT, "人民政府"}
    return sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)


def _abbreviates(short: str, long: str) -> bool:
    """SHORT's characters stand in order in LONG, beginning and ending alike (自规局 in 自然资源和规划局,
    人社局 in 人力资源和社会保障局), so that 公安局 is not 公安局交警大队 or 公安局第一分局 and 政府 is not 政府办."""
    if len(short) < 2 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    if long.startswith(short) and len(long) > len(short):  # 司法局第二分局, 公安局交警大队: a unit of it
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _places_agree(one: tuple[tuple[str, str], ...], other: tuple[tuple[str, str], ...]) -> bool:
    """Places that do not contradict each other: a name without a place agrees with any; otherwise
    the deepest level named is the same (a town's government is not the county's, a county's 局 not
    the city's), and each level named on both sides is the same word, or a bare level word (区, 县)
    standing for the county of the folder, or a 简称 of the other (互助县, 互助土族自治县)."""
    if not one or not other:
        return True
    if one[-1][0] != other[-1][0]:
        return False
    theirs = dict(other)
    return all(level not in theirs or _same_place(word, theirs[level]) for level, word in one)


def _same_place(one: str, other: str) -> bool:
    """One place word: the same, a bare level word (区), or one the 简称 of the other (互助县)."""
    short, long = sorted((one, other), key=len)
    return short == long or len(short) == 1 or _abbreviates(short, long)


def same_name(one: str, other: str) -> bool:
    """Two names of one agency (the module's notion)."""
    if not one or not other:
        return False
    a_places, a_body = parse(one)
    b_places, b_body = parse(other)
    if a_body != b_body:
        short, long = sorted((a_body, b_body), key=len)
        if GOVERNMENT in (a_body, b_body) or not _abbreviates(short, long):
            return False
    return _places_agree(a_places, b_places)


def same_agency(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """(机关名称, 署名) of two reports name one agency. The 机关名称 are compared, the 署名 only for a
    report without one: a government's report signed by its 办公室 is not the 办公室's own report."""
    return same_name(one[0] or one[1], other[0] or other[1])


def may_be_same_agency(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """(机关名称, 署名) of two files may name one agency: for telling a wrong --previous file (the same
    notion as pairing: same_agency)."""
    return same_agency(one, other)


def groups(names: list[tuple[str, str]]) -> list[list[int]]:
    """The indexes of NAMES ((机关名称, 署名) each) that are one agency's, in groups (same_agency
    joined transitively), in the order their first member comes; rows without a name are left out."""
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    named = [i for i, n in enumerate(names) if n[0] or n[1]]
    for x, i in enumerate(named):
        for j in named[x + 1:]:
            if root(i) != root(j) and same_agency(names[i], names[j]):
                parent[root(j)] = root(i)
    out: dict[int, list[int]] = {}
    for i in named:
        out.setdefault(root(i), []).append(i)
    return list(out.values())
