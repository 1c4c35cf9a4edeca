"""Balanced title lines (GB/T 9704 7.3.1: 梯形 or 菱形, no lone character, no broken number)."""

import pytest

from reportgen.layout import TITLE_MAX_CHARS, balanced_title_lines, text_width_em

TITLES = [
    "县司法局2025年度政府信息公开工作报告",
    "互助土族自治县人民政府办公室2025年政府信息公开工作年度报告",
    "某某自治县人民政府办公室关于2025年政府信息公开工作年度报告",
    "某某县卫生健康委员会2025年政府信息公开工作年度报告",
    "中华人民共和国某某部某某司某某处某某科2025年度政府信息公开工作年度报告补充说明材料",
]


@pytest.mark.parametrize("title", TITLES)
def test_lines_are_balanced_and_whole(title):
    lines = balanced_title_lines(title)
    assert "".join(lines) == title
    widths = [text_width_em(x) for x in lines]
    assert max(widths) <= TITLE_MAX_CHARS
    assert min(len(x) for x in lines) >= 2
    if len(lines) > 1:
        assert max(widths) - min(widths) <= 4
    for a, b in zip(lines, lines[1:]):
        assert not (a[-1].isdigit() and b[0].isdigit())


def test_short_title_stays_on_one_line():
    assert balanced_title_lines(TITLES[0]) == [TITLES[0]]


def test_breaks_after_the_agency_name():
    assert balanced_title_lines(TITLES[1]) == ["互助土族自治县人民政府办公室", "2025年政府信息公开工作年度报告"]
    assert balanced_title_lines(TITLES[3]) == ["某某县卫生健康委员会2025年", "政府信息公开工作年度报告"]
