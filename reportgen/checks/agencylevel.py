"""The administrative level of the reporting agency: typed in 基本信息 (机关层级), or told from its name.

Only what the name makes certain is inferred: a 县/区/旗 or a 乡/镇/街道 in the place chain, a
province or a municipality alone, a national body. "某某市人民政府" can be a city with districts
(which may make 规章) or a county-level city (which may not): that stays unknown, and rules that
depend on the level stay silent rather than guess.
"""

from __future__ import annotations

import re

from reportgen.core import schema
from reportgen.core.text import without_spaces

LEVELS: tuple[str, ...] = schema.FACT_BY_KEY["level"].choices
NATIONAL, PROVINCE, CITY, COUNTY, TOWNSHIP = LEVELS
# The levels whose bodies may make 规章 (立法法: 国务院部门; 省、自治区、直辖市和设区的市、自治州的人民政府).
RULE_MAKING = frozenset({NATIONAL, PROVINCE, CITY})

_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_HAN = r"[\u4e00-\u9fff]"
_PLACES = re.compile(
    rf"^(?P<province>{_HAN}{{2,6}}?(?:省|自治区))?"
    rf"(?P<city>{_HAN}{{1,10}}?(?:自治州|市|盟|地区))?"
    rf"(?P<county>{_HAN}{{1,10}}?(?:自治县|自治旗|县|旗|区))?"
    rf"(?P<town>{_HAN}{{1,8}}?(?:乡|镇|街道|苏木))?"
)
_TOWN_BODY = re.compile(r"(?:乡|镇|苏木)(?:人民政府|政府|党委|$)|街道办事处|街道$")


def from_name(agency: str) -> str | None:
    """The level the agency's name makes certain, or None."""
    name = without_spaces(agency)
    if not name:
        return None
    if name.startswith(("中华人民共和国", "国务院", "国家")):
        return NATIONAL
    if _TOWN_BODY.search(name):
        return TOWNSHIP
    m = _PLACES.match(name)
    if m is None or not m.group(0):
        return None
    if m.group("town"):
        return TOWNSHIP
    if m.group("county"):
        return COUNTY
    city = m.group("city")
    if city:
        if city in _MUNICIPALITIES and not m.group("province"):
            return PROVINCE
        if city.endswith("自治州"):
            return CITY
        return None  # 某某市: a city with districts, or a county-level city
    if m.group("province"):
        return PROVINCE
    return None
