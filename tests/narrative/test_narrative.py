"""Reading 正文.txt: encodings, headings, run-in headings, order and titles, with line numbers."""

import pytest

from reportgen.core.problems import InputError
from reportgen.narrative import parse as narrative

from ..conftest import SAMPLE_TXT

GOOD = (SAMPLE_TXT.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8-sig", b""), ("gb18030", b""), ("gbk", b""), ("utf-16", b""), ("utf-16-le", b"")],
)
def test_encodings_notepad_writes_are_read(tmp_path, encoding, prefix):
    path = tmp_path / "正文.txt"
    path.write_bytes(prefix + GOOD.replace("\n", "\r\n").encode(encoding))
    narr, problems = narrative.read(path)
    assert [p for p in problems if p.is_error] == []
    assert narr.opening[0].text.startswith("为切实做好政府信息公开工作")
    assert narr.sections["other"][0].text == "无。"


def test_levels_and_runin():
    narr, problems = narrative.parse(
        "一、总体情况\n（一）主动公开推进情况\n(二)依申请公开。我局……\n1.第三层\n（1）第四层\n2.第三层内联。正文\n"
        "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
        "五、存在的主要问题及改进情况\n一是问题。\n六、其他需要报告的事项\n无。"
    )
    assert [p.rule for p in problems] == ["NARR-TOPIC"]  # only (一)(二) of the five: see test_missing_topics
    kinds = [(b.kind, b.head, b.text) for b in narr.sections["overview"]]
    assert kinds == [
        ("h2", "", "（一）主动公开推进情况"),
        ("runin", "（二）依申请公开。", "我局……"),
        ("h3", "", "1.第三层"),
        ("h4", "", "（1）第四层"),
        ("body", "", "2.第三层内联。正文"),
    ]


def test_title_line():
    narr, _ = narrative.parse("标题：某局2025年报告\n开头\n一、总体情况")
    assert narr.title == "某局2025年报告" and narr.title_line == 1
    assert narr.opening[0].text == "开头"


def _messages(text):
    return [(p.rule, p.where, p.message) for p in narrative.parse(text)[1] if p.is_error]


def test_misspelt_title_is_accepted_with_a_warning_naming_the_line():
    text = GOOD.replace("二、主动公开政府信息情况", "二、主动公开政府信息情况况")
    line = text.split("\n").index("二、主动公开政府信息情况况") + 1
    assert _messages(text) == []
    warnings = [(p.rule, p.where, p.message) for p in narrative.parse(text)[1] if not p.is_error]
    assert warnings == [
        (
            "NARR-TITLE",
            f"第{line}行",
            "标题“二、主动公开政府信息情况况”与国办规定的“二、主动公开政府信息情况”写法不同，报告中按规定的标题印出。"
            "如无意改动，可改正原文以免下次再提醒",
        )
    ]


def test_unknown_title_names_line_and_expected_heading():
    text = GOOD.replace("二、主动公开政府信息情况", "二、工作亮点")
    line = text.split("\n").index("二、工作亮点") + 1
    assert _messages(text) == [
        ("NARR-TITLE", f"第{line}行", "标题应为“二、主动公开政府信息情况”（国办规定的格式），实际是“二、工作亮点”：请改正")
    ]


def test_missing_section_is_named():
    text = GOOD.replace("四、政府信息公开行政复议、行政诉讼情况\n", "")
    msgs = _messages(text)
    assert len(msgs) == 1 and msgs[0][0] == "NARR-ORDER"
    assert "缺少“四、政府信息公开行政复议、行政诉讼情况”" in msgs[0][2]


def test_sections_out_of_order():
    text = "一、总体情况\n三、收到和处理政府信息公开申请情况\n二、主动公开政府信息情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
    rules = [m[0] for m in _messages(text)]
    assert rules == ["NARR-ORDER", "NARR-ORDER", "NARR-EMPTY"]  # headings only: no text either
    assert _messages(text)[1][1] == "第3行"


def test_missing_trailing_sections_and_empty():
    assert [m[2] for m in _messages("一、总体情况\n正文。")][0].startswith("缺少第二部分")
    assert _messages("\n\n  \n") == [
        ("NARR-EMPTY", "", "正文是空的：请按“一、总体情况”至“六、其他需要报告的事项”六个部分填写（reportgen init 会生成带提示的正文）")
    ]


def test_control_characters_removed_with_warning():
    narr, problems = narrative.parse("开头\x01段\x0b落\n一、总体情况")
    assert narr.opening[0].text == "开头段落"
    assert problems[0].rule == "CHAR" and problems[0].where == "第1行"


def test_a_sentence_starting_with_yi_is_body_text():
    narr, problems = narrative.parse(GOOD.replace("无。", "一、本年度未收取信息处理费，特此说明。"))
    assert not [p for p in problems if p.is_error]
    assert narr.sections["other"][0].text == "一、本年度未收取信息处理费，特此说明。"


def test_missing_file_and_binary_file(tmp_path):
    with pytest.raises(InputError) as exc:
        narrative.read(tmp_path / "无.txt")
    assert "找不到文件" in exc.value.problems[0].message
    docx = tmp_path / "正文.docx"
    docx.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(InputError) as exc:
        narrative.read(docx)
    assert "不是纯文本" in exc.value.problems[0].message


@pytest.mark.parametrize("title", ["一、总体情况概述", "一、工作总体情况"])
def test_overview_variants_are_one_kind_of_finding(title):
    """Issue 27: "一、总体情况概述" was an error while "一、工作总体情况" was a 提醒; both are variants."""
    text = GOOD.replace("一、总体情况", title, 1)
    line = text.split("\n").index(title) + 1
    assert _messages(text) == []
    warnings = [(p.rule, p.where, p.message) for p in narrative.parse(text)[1] if not p.is_error]
    assert warnings == [(
        "NARR-TITLE", f"第{line}行",
        f"标题“{title}”与国办规定的“一、总体情况”写法不同，报告中按规定的标题印出。如无意改动，可改正原文以免下次再提醒",
    )]


SIX_WITH = "\n".join(["一、总体情况", "{overview}", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "一是问题。",
                     "六、其他需要报告的事项", "无。"])


@pytest.mark.parametrize(
    "overview, missing",
    [
        ("（一）主动公开\n正文。\n（二）依申请公开\n正文。", "（三）政府信息管理、（四）政府信息公开平台建设、（五）监督保障"),
        ("（一）主动公开。正文。\n（二）依申请公开。正文。\n（三）信息管理。正文。\n（五）监督保障。正文。", "（四）政府信息公开平台建设"),
        ("（一）主动公开推进情况\n（二）依申请公开办理情况\n（三）政府信息管理成效\n（四）政府信息公开平台建设情况\n（五）监督保障落实情况", None),
        ("我局全面推进政务公开，主动公开、依申请公开、信息管理、平台建设和监督保障各项工作均有进展。", None),  # prose: not judged
        ("（一）主动公开\n（二）依申请公开\n（三）平台建设和监督保障\n（四）政府信息管理\n（五）其他", None),  # own order, own words
    ],
)
def test_missing_topics_of_the_overview_are_a_warning(overview, missing):
    _, problems = narrative.parse(SIX_WITH.format(overview=overview))
    found = [(p.level, p.where, p.message) for p in problems if p.rule == "NARR-TOPIC"]
    if missing is None:
        assert found == []
    else:
        assert found == [("warning", "第1行", f"“一、总体情况”下缺少{missing}：国办格式要求总体情况按主动公开、依申请公开、政府信息管理、"
                          "政府信息公开平台建设、监督保障五个方面综述，请补写这几个方面（确无内容的，也可写明本年度的情况）")]
