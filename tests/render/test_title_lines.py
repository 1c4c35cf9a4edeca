"""Balanced title lines (GB/T 9704 7.3.1: 梯形 or 菱形, no lone character, no broken number)."""

import pytest

from reportgen.render.layout import TITLE_MAX_CHARS, balanced_title_lines, text_width_em

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


LONG_TITLES = [
    # (title, agency): three lines and more, the shapes where an hourglass could appear
    ("中华人民共和国某某部某某司某某处某某科2025年度政府信息公开工作年度报告补充说明材料", "中华人民共和国某某部某某司某某处某某科"),
    ("某某省某某市某某区人民政府办公室政务公开与政务服务管理中心2025年政府信息公开工作年度报告", "某某省某某市某某区人民政府办公室政务公开与政务服务管理中心"),
    ("某某自治州某某县人民政府办公室关于2025年度政府信息公开工作年度报告的说明", "某某自治州某某县人民政府办公室"),
    ("某某省某某市某某县某某乡镇人民政府2025年度政府信息公开工作年度报告及相关情况说明", "某某省某某市某某县某某乡镇人民政府"),
    ("某某市发展和改革委员会某某市粮食和物资储备局2025年政府信息公开工作年度报告", "某某市发展和改革委员会"),
]


@pytest.mark.parametrize("title, agency", LONG_TITLES)
def test_long_titles_form_a_trapezoid_or_a_diamond(title, agency):
    lines = balanced_title_lines(title, agency=agency)
    assert "".join(lines) == title and len(lines) >= 2
    widths = [text_width_em(x) for x in lines]
    assert max(widths) <= TITLE_MAX_CHARS
    # 7.3.1: 梯形 (widths only grow or only shrink) or 菱形 (grow, then shrink); never an hourglass.
    for i in range(1, len(widths) - 1):
        assert not (max(widths[:i]) > widths[i] < max(widths[i + 1 :])), widths
    cuts = [sum(len(x) for x in lines[:i]) for i in range(1, len(lines))]
    start = title.find(agency)
    for c in cuts:
        assert not (title[c - 1].isalnum() and title[c - 1].isascii() and title[c].isascii() and title[c].isalnum())
        if len(agency) <= TITLE_MAX_CHARS:
            assert not start < c < start + len(agency), (lines, "inside the agency name")
        for word in ("政府信息公开", "年度报告", "办公室", "委员会", "人民政府"):
            at = title.find(word)
            assert not at < c < at + len(word), (lines, word)


def test_no_hourglass_for_any_long_title():
    """Seeded random titles of three lines (the old balancing made 265 hourglasses of these)."""
    import random

    rng = random.Random(1)
    words = ["某某", "省", "市", "县", "区", "人民政府", "办公室", "委员会", "关于", "2025年", "政府信息公开", "工作",
             "年度报告", "的", "和", "管理局", "中心", "补充说明", "有关情况"]  # fmt: skip
    checked = 0
    for _ in range(600):
        title = "".join(rng.choice(words) for _ in range(rng.randint(12, 20)))
        if not 40 < text_width_em(title) <= 60:
            continue
        widths = [text_width_em(x) for x in balanced_title_lines(title)]
        assert not any(max(widths[:i]) > widths[i] < max(widths[i + 1 :]) for i in range(1, len(widths) - 1)), (title, widths)
        checked += 1
    assert checked > 100
