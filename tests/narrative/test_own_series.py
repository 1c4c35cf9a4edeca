"""Headings as offices write them: the 条例's wording of a section is a 提醒, and an office's own
一、二、三、 series is kept as sub-headings of the section it stands in, never mapped by position."""

from __future__ import annotations

from reportgen.core import schema
from reportgen.finished import check as finished
from reportgen.narrative import parse

from .. import finished_corpus as C
from ..conftest import clean_values

OWN_INSIDE = [
    ("一、总体情况", ["本年度，我局认真贯彻《条例》。"]),
    ("一、工作机制保障", ["成立了政务公开工作领导小组。"]),
    ("二、平台建设", ["持续优化门户网站信息公开专栏。"]),
    ("三、监督考核", ["将政务公开纳入年度考核。"]),
    ("二、行政机关主动公开政府信息的情况", []),
    ("三、行政机关收到和处理政府信息公开申请的情况", []),
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况", []),
    ("五、政府信息公开工作存在的主要问题及改进情况", ["一是解读不够通俗。下一步，我们将加强政策解读。"]),
    ("六、其他需要报告的事项", ["本年度未发生收费情况。"]),
]


def _text(narrative) -> str:
    return "\n".join([C.OPENING] + [line for heading, paras in narrative for line in (heading, *paras)])


def test_the_regulations_wording_is_a_reminder_and_the_own_series_stays_in_its_section():
    narr, problems = parse.parse(_text(OWN_INSIDE))
    assert [p.is_error for p in problems] == [False] * 5
    assert str(problems[-1]) == (
        "提醒 [NARR-TITLE] 正文.txt 第4行：“一、工作机制保障”、“二、平台建设”、“三、监督考核”是本机关自己编号的标题，"
        "不是国办格式的六个部分：已作为所在部分中的小标题保留，按原文印出。为免与六个部分的编号混淆，建议改用（一）（二）……编号"
    )
    assert "标题“五、政府信息公开工作存在的主要问题及改进情况”与国办规定的“五、存在的主要问题及改进情况”写法不同" in str(problems[3])
    assert [b.text for b in narr.sections["overview"]] == [
        "本年度，我局认真贯彻《条例》。", "一、工作机制保障", "成立了政务公开工作领导小组。",
        "二、平台建设", "持续优化门户网站信息公开专栏。", "三、监督考核", "将政务公开纳入年度考核。",
    ]
    assert [b.text for b in narr.sections["problems"]] == ["一是解读不够通俗。下一步，我们将加强政策解读。"]


def test_an_own_series_before_the_official_sections_stays_in_the_opening():
    narrative = [("一、提高政治站位", ["加强组织领导。"]), ("二、压实工作责任", ["明确专人负责。"])] + C.NARRATIVE
    narr, problems = parse.parse(_text(narrative))
    assert [p.rule for p in problems] == ["NARR-TITLE"] and not problems[0].is_error
    assert [b.text for b in narr.opening][1:] == ["一、提高政治站位", "加强组织领导。", "二、压实工作责任", "明确专人负责。"]
    assert [b.head + b.text for b in narr.sections["overview"]] == C.NARRATIVE[0][1]


def test_a_mistyped_section_heading_is_still_an_error():
    narrative = list(C.NARRATIVE)
    narrative[1] = ("二、工作亮点", [])
    _, problems = parse.parse(_text(narrative))
    # line 8: the corpus overview has its five sub-sections (lines 3-7)
    assert [str(p) for p in problems if p.is_error] == [
        "错误 [NARR-TITLE] 正文.txt 第8行：标题应为“二、主动公开政府信息情况”（国办规定的格式），实际是“二、工作亮点”：请改正"
    ]


def test_a_finished_report_with_its_own_series_and_init_from_it(tmp_path, cli):
    values = C.printed_values(clean_values())
    source = C.write_docx(tmp_path / "2025年报告.docx", C.standard_tables(values), narrative=OWN_INSIDE)
    report, problems = finished.check(source)
    assert [str(p) for p in problems if p.rule.startswith("NARR") and p.is_error] == []
    own = [p for p in problems if "本机关自己编号的标题" in p.message]
    assert len(own) == 1 and own[0].where == "正文第4段“一、工作机制保障”"
    code, _, err = cli("init", tmp_path / "2026", "--from", source)
    assert code == 0, err
    text = (tmp_path / "2026" / "正文.txt").read_text(encoding="utf-8-sig").splitlines()
    heads = [s.heading for s in schema.SECTIONS]
    assert [ln for ln in text if ln in heads] == heads
    at = {h: text.index(h) for h in heads}
    assert at["一、总体情况"] < text.index("一、工作机制保障") < text.index("将政务公开纳入年度考核。") < at["二、主动公开政府信息情况"]
    assert at["五、存在的主要问题及改进情况"] < text.index("一是解读不够通俗。下一步，我们将加强政策解读。") < at["六、其他需要报告的事项"]
    assert text[-1] == "本年度未发生收费情况。"


# An office that numbers its own topics 一～六 in place of 总体情况, then the official parts 一～五.
RENUMBERED = [
    ("一、加强组织领导", ["成立了政务公开工作领导小组。"]),
    ("二、完善制度建设", ["制定了信息发布审核制度。"]),
    ("三、强化平台建设", ["持续优化门户网站信息公开专栏。"]),
    ("四、抓好政策解读", ["发布政策解读5篇。"]),
    ("五、回应社会关切", ["及时回应群众关切。"]),
    ("六、加强监督考核", ["将政务公开纳入年度考核。"]),
    ("一、主动公开政府信息情况", []),
    ("二、收到和处理政府信息公开申请情况", []),
    ("三、政府信息公开行政复议、行政诉讼情况", []),
    ("四、存在的主要问题及改进情况", ["一是解读不够通俗。下一步，我们将加强政策解读。"]),
    ("五、其他需要报告的事项", ["本年度未收取信息处理费。"]),
]


def test_a_renumbered_series_is_read_by_its_words_with_one_reminder():
    narr, problems = parse.parse(_text(RENUMBERED))
    assert [str(p) for p in problems if p.rule.startswith("NARR")] == [
        "提醒 [NARR-TITLE] 正文.txt 第14行：“一、主动公开政府信息情况”、“二、收到和处理政府信息公开申请情况”、"
        "“三、政府信息公开行政复议、行政诉讼情况”等 5 个标题的编号与国办格式不同，按标题的文字读作第二部分、第三部分、第四部分……；"
        "此前本机关自己编号的“一、加强组织领导”等 6 个标题（第2行起）读作“一、总体情况”的内容。"
        "国办格式的六个部分编号为一至六、各出现一次：建议按“一、总体情况”至“六、其他需要报告的事项”编号，本机关自己的小标题改用（一）（二）……"
    ]
    assert [b.text for b in narr.sections["overview"]][:2] == ["一、加强组织领导", "成立了政务公开工作领导小组。"]
    assert [b.text for b in narr.sections["problems"]] == ["一是解读不够通俗。下一步，我们将加强政策解读。"]
    assert [b.text for b in narr.sections["other"]] == ["本年度未收取信息处理费。"]


def test_a_heading_of_a_later_part_under_the_right_number_is_still_checked_for_order():
    """By words, but in the format's order: 五、其他需要报告的事项 written twice is not read twice."""
    narrative = list(C.NARRATIVE) + [("五、其他需要报告的事项", ["又写了一遍。"])]
    _, problems = parse.parse(_text(narrative))
    assert any(p.rule == "NARR-ORDER" and p.is_error for p in problems)


def test_a_finished_renumbered_report_and_init_from_it_keep_every_paragraph(tmp_path, cli):
    values = C.printed_values(clean_values())
    source = C.write_docx(tmp_path / "2025年报告.docx", C.standard_tables(values), narrative=RENUMBERED)
    report, problems = finished.check(source)
    assert [p.rule for p in problems if p.is_error] == []
    assert [p.rule for p in problems] == ["NARR-TITLE"]
    code, _, err = cli("init", tmp_path / "2026", "--from", source)
    assert code == 0, err
    text = (tmp_path / "2026" / "正文.txt").read_text(encoding="utf-8-sig").splitlines()
    heads = [s.heading for s in schema.SECTIONS]
    assert [ln for ln in text if ln in heads] == heads
    paragraphs = [p for _, paras in RENUMBERED for p in paras] + [h for h, _ in RENUMBERED[:6]]
    assert all(p in text for p in paragraphs)  # every paragraph carried over, under its true part
    assert text.index("一、总体情况") < text.index("一、加强组织领导") < text.index("二、主动公开政府信息情况")
    assert text.index("六、其他需要报告的事项") < text.index("本年度未收取信息处理费。")
