"""Whether two reports are one agency's: full names, 简称 and 署名 compared (one home, reused by
every pairing: this year against last year's folder, duplicates)."""

from __future__ import annotations

import re

from reportgen.core.text import squash

# The place prefix a 简称 drops: 某某省, 某某市 (not 市场监督…, 市政…), 某某县/区/旗 (or just 县/区).
_PLACE = re.compile(r"^(?:[^省]{1,7}省)?(?:[^市]{1,7}?市(?![场政容民]))?(?:[^县区旗]{0,7}?[县区旗])?")
# Words a 简称 shortens: 人民政府 -> 政府, 办公室 -> 办.
_SHORTER = (("人民政府", "政府"), ("办公室", "办"), ("委员会", "委"))


def short_name(name: str) -> str:
    """The agency's name as its 简称 would be: without the place and with the long words shortened
    (某县人民政府办公室 -> 政府办, 县教育局 -> 教育局, 某县甲镇人民政府 -> 甲镇政府)."""
    name = squash(name)
    body = _PLACE.sub("", name) or name
    for long, short in _SHORTER:
        body = body.replace(long, short)
    return body


def agency_names(agency: str, signature: str = "") -> set[str]:
    """Every form the agency is known by: its full name and 署名 as written, and their 简称."""
    names = {squash(n) for n in (agency, signature) if n and n.strip()}
    return names | {short_name(n) for n in names} - {""}


def same_agency(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """(机关名称, 署名) of two reports name one agency: a full name, a 署名 or a 简称 agree."""
    return bool(agency_names(*one) & agency_names(*other))


def abbreviates(a: str, b: str) -> bool:
    """The shorter name's characters stand in order in the longer (县教育局 in 某某县教育局): a 简称
    that short_name does not produce. Lenient: for telling a wrong --previous file, never for pairing."""
    a, b = sorted((squash(a), squash(b)), key=len)
    it = iter(b)
    return bool(a) and all(ch in it for ch in a)


def may_be_same_agency(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """(机关名称, 署名) of two files may name one agency: same_agency, or one name abbreviates the other."""
    ours = [n for n in one if n and n.strip()]
    theirs = [n for n in other if n and n.strip()]
    return same_agency(one, other) or any(abbreviates(x, y) for x in ours for y in theirs)
