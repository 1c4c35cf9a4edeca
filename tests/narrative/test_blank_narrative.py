"""The 正文.txt from `init`: six sections, the five sub-headings of 一, a guide line under each."""

from reportgen.core import schema
from reportgen.narrative import parse as narrative
from reportgen.narrative import quotes


def test_blank_text_has_the_official_outline_with_a_guide_under_each_heading():
    text = narrative.blank_text()
    parsed, problems = narrative.parse(text)
    # Issue 17: left as init wrote it, it is an error (a report of bare headings is no report).
    assert [(p.rule, p.message) for p in problems if p.is_error] == [
        ("NARR-EMPTY", "正文只有标题，没有内容：请在各部分标题下写正文（以【填写提示】开头的行只是提示，不算正文，写好后请删除）")
    ]
    assert list(parsed.heading_lines) == [s.key for s in schema.SECTIONS]  # all six, in order
    overview = parsed.sections["overview"]
    assert [b.kind for b in overview] == ["h2"] * 5
    assert [b.text for b in overview] == [f"（{n}）{t}" for n, t in zip("一二三四五", schema.OVERVIEW_TOPICS)]
    assert all(not blocks for key, blocks in parsed.sections.items() if key != "overview") and not parsed.opening
    # Every heading line is directly followed by a guide line, reported as a warning at check.
    lines = text.split("\r\n")
    guide_lines = {int(p.where[1:-1]) for p in problems if p.rule == "GUIDE"}
    headings = list(parsed.heading_lines.values()) + [b.line for b in overview]
    assert {h + 1 for h in headings} <= guide_lines
    assert len(guide_lines) == len(headings) + 2  # plus the two general hints on top
    assert all(lines[n - 1].startswith(narrative.GUIDE_PREFIX) for n in guide_lines)


def test_placeholders_shown_in_the_guides_are_real_names():
    used = quotes.used_names(narrative.blank_text())
    assert used and all(name in quotes.QUOTE_BY_NAME for name in used)


SIX = [s.heading for s in schema.SECTIONS]


def test_the_six_headings_alone_are_an_error():
    _, problems = narrative.parse("\n".join(SIX))
    assert [(p.rule, p.where) for p in problems if p.is_error] == [("NARR-EMPTY", "")]


def test_no_text_under_the_overview_is_an_error_at_its_heading():
    text = "\n".join(["开头段落。", SIX[0], "（一）主动公开", *SIX[1:5], "一是解读不够。", SIX[5], "本年度未收取信息处理费。"])
    _, problems = narrative.parse(text)
    assert [(p.rule, p.where, p.message) for p in problems if p.is_error] == [
        ("NARR-EMPTY", "第2行", "“一、总体情况”下没有正文：请对本机关贯彻落实政府信息公开条例的情况进行综述"
         "（主动公开、依申请公开、政府信息管理、平台建设、监督保障）")
    ]


def test_a_run_in_heading_with_its_paragraph_is_text():
    text = "\n".join([SIX[0], "（一）主动公开。本年度主动公开文件12件。", *SIX[1:]])
    _, problems = narrative.parse(text)
    assert [p for p in problems if p.is_error] == []


def test_build_refuses_the_narrative_init_wrote(cli, tmp_path):
    assert cli("init", tmp_path / "年报").code == 0
    code, out, err = cli("build", tmp_path / "年报")
    assert code == 1 and out == ""
    assert "错误 [NARR-EMPTY] 正文.txt：正文只有标题，没有内容" in err
    assert "有错误，没有生成报告。" in err and not list((tmp_path / "年报").glob("*.docx"))
