"""One agency under its full name, its 简称 and its 署名 (core.agencies)."""

import pytest

from reportgen.core.agencies import same_agency, short_name


@pytest.mark.parametrize("full, short", [
    ("某县教育局", "教育局"), ("县教育局", "教育局"), ("某县人民政府办公室", "政府办"), ("县政府办", "政府办"),
    ("某县甲镇人民政府", "甲镇政府"), ("某县市场监督管理局", "市场监督管理局"), ("湖州市司法局", "司法局"),
    ("某市某区民政局", "民政局"), ("安吉县", "安吉县"),
])
def test_short_names(full, short):
    assert short_name(full) == short


def test_same_agency_by_name_short_name_or_signature():
    assert same_agency(("某县人民政府办公室", ""), ("县政府办", ""))
    assert same_agency(("某县自然资源和规划局", ""), ("某县自规局", "某县自然资源和规划局"))  # the 署名 agrees
    assert not same_agency(("某县甲镇人民政府", ""), ("某县乙镇人民政府", ""))
    assert not same_agency(("某县教育局", ""), ("某县民政局", ""))


def test_a_unit_of_an_agency_is_not_the_agency():
    """司法局第2分局 is not 司法局 (nor 司法局第3分局): a name that starts with another whole name is a unit of it."""
    from reportgen.core.agencies import groups

    names = [("互助土族自治县司法局第2分局", ""), ("互助土族自治县司法局第3分局", ""), ("互助土族自治县司法局", "")]
    assert groups(names) == [[0], [1], [2]]
