"""YEAR-TEXT and DONE-TEXT (issue 19 item 3): zero findings on published-style paragraphs and on a
real report's text; the exact finding on each planted contradiction; through `reportgen check`."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.checks import rules
from reportgen.core.model import Meta, Report, Stats
from reportgen.narrative.parse import parse

from ..conftest import SEED, nonzero_values
from .account_texts import CLEAN, PLANTED

RULES = {"YEAR-TEXT", "DONE-TEXT"}


def _report(*paragraphs: str, carried: int = 3) -> Report:
    text = "\n".join(["一、总体情况", *paragraphs, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "一是解读不够通俗。",
                      "六、其他需要报告的事项", "本年度未收取信息处理费。"])
    stats = Stats()
    stats.values["t3_carried_out_total"] = carried
    return Report(Meta(year=2025, date=dt.date(2026, 1, 20)), stats, parse(text)[0])


def _found(report: Report):
    return [p for p in rules.run(report) if p.rule in RULES]


def test_published_idioms_are_never_questioned():
    assert len(CLEAN) >= 20
    assert [(p.where, p.message) for p in _found(_report(*CLEAN))] == []


def test_a_real_report_is_never_questioned():
    narrative, _ = parse(SEED.read_text(encoding="utf-8"))
    stats = Stats()
    stats.values["t3_carried_out_total"] = 3  # even with requests carried over
    assert [p for p in rules.run(Report(Meta(year=2025, date=dt.date(2026, 1, 20)), stats, narrative)) if p.rule in RULES] == []


@pytest.mark.parametrize("paragraph, rule, said", PLANTED)
def test_each_planted_contradiction_is_found_once(paragraph, rule, said):
    found = _found(_report(CLEAN[1], paragraph, CLEAN[5]))
    assert [(p.rule, p.level, p.where) for p in found] == [(rule, "warning", "第3行")]
    assert found[0].message.startswith(said) and f"（“{paragraph}”）" in found[0].message


def test_all_done_is_true_when_nothing_is_carried_over():
    assert _found(_report(*(p for p, rule, _ in PLANTED if rule == "DONE-TEXT"), carried=0)) == []


def test_the_messages_through_check(clerk_files, cli):
    values = nonzero_values()
    text = "\n".join(["开头段落。", "一、总体情况", "2023年，我局共收到政府信息公开申请15件。", "本年度收到的申请均已办结。",
                      "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                      "五、存在的主要问题及改进情况", "一是解读不够通俗。", "六、其他需要报告的事项", "本年度未收取信息处理费。"])
    xlsx, txt = clerk_files(values=values, text=text)
    run = cli("check", xlsx, txt)
    carried = sum(v for k, v in values.items() if k.startswith("t3_carried_out_") and not k.endswith("total"))
    lines = [line for line in run.out.splitlines() if "-TEXT]" in line]
    assert lines == [
        "提醒 [YEAR-TEXT] 正文.txt 第3行：正文写的是2023年的工作（“2023年，我局共收到政府信息公开申请15件。”），但这是2025年度的报告："
        "如是从往年报告中沿用的句子，请改为本年度的情况（确是对比或回顾可忽略本提醒）",
        f"提醒 [DONE-TEXT] 正文.txt 第4行：正文说“均已办结”（“本年度收到的申请均已办结。”），但表三“四、结转下年度继续办理”是 {carried} 件："
        "请核对正文或统计表",
    ]


def test_the_opening_sentence_left_from_last_years_report(clerk_files, cli):
    """Issue 25 item 8: "现将我局2024年度政府信息公开工作情况报告如下" in a 2025 report; this year's passes."""
    body = ["一、总体情况", "本年度工作平稳。", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "一是解读不够通俗。",
            "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    stale = "根据《中华人民共和国政府信息公开条例》（2019年修订）要求，现将我局2024年度政府信息公开工作情况报告如下。"
    xlsx, txt = clerk_files(values=nonzero_values(), text="\n".join([stale, *body]))
    run = cli("check", xlsx, txt)
    assert [line for line in run.out.splitlines() if "[YEAR-TEXT]" in line] == [
        f"提醒 [YEAR-TEXT] 正文.txt 第1行：开头一段说的是2024年度的报告（“{stale}”），但这是2025年度的报告："
        "多是沿用了上年报告的开头，请改为2025年度"
    ]
    for fresh in (stale.replace("2024", "2025"), stale.replace("2024", "２０２５"), "本报告是某县司法局2025年度政府信息公开工作年度报告。"):
        xlsx, txt = clerk_files(values=nonzero_values(), text="\n".join([fresh, *body]))
        assert "[YEAR-TEXT]" not in cli("check", xlsx, txt).out
