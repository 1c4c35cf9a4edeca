"""Reading what offices publish: blank columns are 0, a note beside a number is quoted, Chinese numerals
are read, a figure written as words is refused quoting the cell; no READ problem blames labels that matched."""

from __future__ import annotations

import pytest

from reportgen.finished import check as finished

from .. import finished_corpus as C
from ..conftest import libreoffice_convert
from .office_cells import blank_legal_columns, no_legal_persons
from .test_finished import VALUES


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_five_blank_legal_person_columns_are_zero_with_one_note(tmp_path, kind):
    """Before: 找不到这些格的数字：…等 125 格。行或列的标签与规定格式不符 (an error blaming right labels)."""
    values = no_legal_persons()
    tables = blank_legal_columns(values)
    path = (C.write_docx if kind == "docx" else C.write_html)(tmp_path / f"报告.{kind}", tables)
    found = finished.load(path)
    assert not found.unread
    assert found.report.stats.values["t3_new_total"] == values["t3_new_total"] == values["t3_new_natural"]
    report, problems = finished.check(path)
    assert [str(p) for p in problems] == [
        f"提醒 [NUM] 报告.{kind} 表三：表三有 125 个空白格（其中“商业企业”、“科研机构”、“社会公益组织”、“法律服务机构”、“其他”列整列空白），"
        "已按0核对：规定格式要求没有数字的格填0"
    ]


def test_a_note_beside_a_number_is_the_number_and_the_note_is_quoted(tmp_path):
    """Before: “22（其中修订16件）” was taken for a row label, 现行有效件数 came out 0 and a READ 提醒 blamed the layout."""
    override = {"t2_normative_in_force": f"{VALUES['t2_normative_in_force']}（其中修订16件）", "t3_new_natural": f"{VALUES['t3_new_natural']}（含转办2件）"}
    path = C.write_html(tmp_path / "报告.html", C.standard_tables(VALUES, override=override))
    report, problems = finished.check(path)
    assert report.stats.values["t2_normative_in_force"] == VALUES["t2_normative_in_force"]
    assert report.stats.values["t3_new_natural"] == VALUES["t3_new_natural"]
    assert [str(p) for p in problems] == [
        f"提醒 [READ] 报告.html 表二“行政规范性文件”行“现行有效件数”列：这一格写着“{VALUES['t2_normative_in_force']}（其中修订16件）”："
        f"按 {VALUES['t2_normative_in_force']} 核对，数字旁的说明“其中修订16件”没有核对（说明宜写在正文中）",
        f"提醒 [READ] 报告.html 表三“一、本年新收政府信息公开申请数量”行“自然人”列：这一格写着“{VALUES['t3_new_natural']}（含转办2件）”："
        f"按 {VALUES['t3_new_natural']} 核对，数字旁的说明“含转办2件”没有核对（说明宜写在正文中）",
    ]


def test_chinese_numerals_are_read_and_words_are_refused_quoting_the_cell(tmp_path):
    """Before: 零 or 三十三 in a cell made the whole column unreadable, with a message about its labels."""
    values = dict(VALUES)
    cn = {0: "零", 1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十",
          11: "十一", 12: "十二", 13: "十三", 14: "十四", 15: "十五", 16: "十六", 33: "三十三"}
    chinese = {k: cn[v] for k, v in values.items() if k.startswith("t4_") and not k.endswith("_total") and v in cn}
    path = C.write_html(tmp_path / "报告.html", C.standard_tables(values, override=chinese | {"t3_carried_in_natural": "约5"}))
    report, problems = finished.check(path)
    assert len(chinese) >= 10
    for k in chinese:
        assert report.stats.values[k] == values[k], k
    assert [str(p) for p in problems if p.is_error] == [
        "错误 [READ] 报告.html 表三“二、上年结转政府信息公开申请数量”行“自然人”列：这一格写着“约5”，不是数字，没有读取，"
        "用到它的勾稽关系没有核对：请写成阿拉伯数字（如 20）"
    ]
    assert not any("标签" in p.message for p in problems)


@pytest.mark.libreoffice
def test_a_word_file_converted_from_a_page_with_blank_columns_and_notes(tmp_path):
    values = no_legal_persons()
    tables = blank_legal_columns(values)
    page = C.write_html(tmp_path / "页面.html", tables)
    docx = libreoffice_convert(page, "docx:MS Word 2007 XML", tmp_path / "转换")
    found = finished.load(docx)
    assert not found.unread and found.report.stats.values["t3_new_total"] == values["t3_new_total"]
