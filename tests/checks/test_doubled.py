"""DOUBLED (issue 25 item 9): a word typed twice by mistake is a 提醒 quoting it; legitimate doubles of
published reports' Chinese are never questioned."""

from __future__ import annotations

import pytest

from reportgen.checks.doubled import doubled

from ..conftest import nonzero_values
from .account_texts import CLEAN


@pytest.mark.parametrize("text, word", [
    ("本机关政府信息信息公开工作稳步推进。", "信息"),
    ("本年度的的工作重点是政策解读。", "的"),
    ("全年主动公开公开政府信息326条。", "公开"),
    ("我局和和县档案馆共同完成了档案移交。", "和"),
    ("政务公开工作工作机制进一步健全。", "工作"),
])
def test_a_word_typed_twice_is_found(text, word):
    assert [w for _, w in doubled(text)] == [word]


@pytest.mark.parametrize("text", [
    "我局常常深入基层，做到人人知晓、层层落实、事事有回应。",
    "的的确确把公开工作落到实处，和和美美、扎扎实实、方方面面都有进步。",
    "二〇二〇年以来，政策文件一个一个梳理、一件一件落实。",
    "为达到公开目的的要求，我局对合同标的的金额一并公开。",
    "县司法局研究所所长参加培训，避免问题不了了之。",
    "年年有提升，月月有通报，天天有更新，时时有回应，处处有公开。",
    *CLEAN,
])
def test_legitimate_doubles_are_never_questioned(text):
    assert list(doubled(text)) == []


def test_the_message_through_check(clerk_files, cli):
    text = "\n".join(["开头段落。", "一、总体情况", "本机关政府信息信息公开工作稳步推进。",
                      "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                      "五、存在的主要问题及改进情况", "一是解读不够通俗。", "六、其他需要报告的事项", "本年度未收取信息处理费。"])
    xlsx, txt = clerk_files(values=nonzero_values(), text=text)
    run = cli("check", xlsx, txt)
    assert [line for line in run.out.splitlines() if "[DOUBLED]" in line] == [
        "提醒 [DOUBLED] 正文.txt 第3行：正文“本机关政府信息信息公开工作稳步推进…”中“信息”连写了两次：如是笔误，请删去一个（确应如此可忽略本提醒）"
    ]
    assert run.code == 0
