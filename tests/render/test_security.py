"""Nothing in the narrative, the workbook or an office's own template can run code."""

import shutil

from docx import Document
from openpyxl import load_workbook

from reportgen import build

from ..conftest import paragraphs, tables, write_workbook

TRICKY = "A&B <tag> \"引号\" 'x' {{ 7*7 }} {% if 1 %}x{% endif %} {{ ''.__class__ }}"
# The same text as a clerk writes it to print literally: `\{{` is the documented escape.
TRICKY_ESCAPED = TRICKY.replace("{{", "\\{{")


def narrative_with(line: str) -> str:
    return "\n".join(
        [
            line,
            "一、总体情况",
            "正文。",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "问题与改进。",
            "六、其他需要报告的事项",
            "无。",
        ]
    )


def test_narrative_text_appears_literally(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    txt.write_text(narrative_with(TRICKY_ESCAPED), encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    assert result.ok, [str(p) for p in result.problems]
    assert TRICKY in paragraphs(result.output)
    assert not any("49" in p for p in paragraphs(result.output))
    Document(result.output)  # parses: escaping kept the XML well-formed


def test_template_syntax_in_the_narrative_is_an_error_never_evaluated(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    for code in ("{{ 7*7 }}", "{{ ''.__class__ }}", "{{ cycler.__init__.__globals__ }}", "{{ lipsum() }}", "{{ t3_new_total }}"):
        out = tmp_path / "r.docx"
        txt.write_text(narrative_with("开头" + code + "。"), encoding="utf-8")
        result = build(xlsx, txt, out=out)
        assert not result.ok and not out.exists(), code
        quote_errors = [p for p in result.problems if p.rule == "QUOTE"]
        assert [(p.level, p.where) for p in quote_errors] == [("error", "第1行")], code
        assert "不计算表达式" in quote_errors[0].message and "49" not in quote_errors[0].message.replace(code, "")


def test_workbook_text_appears_literally(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    wb = load_workbook(xlsx)
    wb["基本信息"]["B2"] = "{{ 7*7 }}局 & <办>"
    wb["基本信息"]["B3"] = "{{ cycler.__init__.__globals__ }}"
    wb.save(xlsx)
    txt = tmp_path / "正文.txt"
    txt.write_text(narrative_with("开头。"), encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    text = paragraphs(result.output)
    assert text[0] == "{{ 7*7 }}局 & <办>"
    assert "{{ cycler.__init__.__globals__ }}" in text
    assert not any("49" in p for p in text)


def _template_with(tmp_path, placeholder: str):
    from reportgen.core.resources import DEFAULT_TEMPLATE

    path = tmp_path / "office.docx"
    shutil.copy(DEFAULT_TEMPLATE, path)
    doc = Document(path)
    doc.paragraphs[1].runs[0].text = placeholder
    doc.save(path)
    return path


def test_template_reaching_python_internals_is_refused(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    txt.write_text(narrative_with("开头。"), encoding="utf-8")
    for evil in ("{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__.os.popen('id').read() }}"):
        template = _template_with(tmp_path, evil)
        out = tmp_path / "r.docx"
        result = build(xlsx, txt, out=out, template=template)
        assert not result.ok and not out.exists()
        assert result.problems[-1].rule == "TEMPLATE"
        assert "模板" in result.problems[-1].message


def test_values_are_not_evaluated(tmp_path):
    """An escaped placeholder of the template's own names stays text: the narrative never reaches Jinja."""
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    txt.write_text(narrative_with("\\{{ t3_new_total }} \\{{ agency }}"), encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    assert "{{ t3_new_total }} {{ agency }}" in paragraphs(result.output)
    assert tables(result.output)  # tables still filled
