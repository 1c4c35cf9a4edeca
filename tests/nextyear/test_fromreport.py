"""`reportgen init 2026年报 --from 2025年报告.docx|.html`: next year starts from a finished report."""

from __future__ import annotations

from reportgen.cli.commands import main
from reportgen.core import schema
from reportgen.workbook import reader

from .. import finished_corpus as C
from ..conftest import clean_values

VALUES = C.printed_values(clean_values())
NARRATIVE = [
    ("一、 总体情况", ["（一）主动公开。本年度主动公开政府信息1200条。"]),
    ("二、主动公开政府信息情况", []),
    ("三、收到和处理政府信息公开申请情况", []),
    ("四、政府信息公开行政复议、行政诉讼情况", []),
    ("五、存在的主要问题及改进措施", ["一是解读不够通俗。"]),  # a variant of the official heading
    ("六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
]


def _init(tmp_path, source, capsys):
    code = main(["init", str(tmp_path / "2026年报"), "--from", str(source)])
    out, err = capsys.readouterr()
    return code, out, err


def test_next_year_from_a_word_report(tmp_path, capsys):
    source = C.write_docx(tmp_path / "2025年报告.docx", C.standard_tables(VALUES), agency="某某县某某局", narrative=NARRATIVE)
    code, out, err = _init(tmp_path, source, capsys)
    assert code == 0, err
    assert "已从" in out and "上年结转（取上年的结转下年度）" in out
    meta, stats, _ = reader.read(tmp_path / "2026年报" / "统计表.xlsx")
    assert meta.agency == meta.signature == "某某县某某局" and meta.year == 2026 and meta.date is None
    for col in schema.T3_PART_COLS:
        assert stats.values[f"t3_carried_in_{col}"] == VALUES[f"t3_carried_out_{col}"] != 0
    assert stats.values["t3_carried_in_total"] == VALUES["t3_carried_out_total"]
    assert stats.values["t2_normative_in_force"] == VALUES["t2_normative_in_force"] != 0
    assert stats.values["t3_new_total"] == 0 and stats.values["t2_licensing"] == 0
    text = (tmp_path / "2026年报" / "正文.txt").read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("【填写提示】本正文由2025年的正文复制而来")
    assert text[1] == C.OPENING
    assert [ln for ln in text if ln[:2] in {s.heading[:2] for s in schema.SECTIONS}] == [s.heading for s in schema.SECTIONS]
    assert "（一）主动公开。本年度主动公开政府信息1200条。" in text and "一是解读不够通俗。" in text
    # the heading variant of last year is listed, and put right in the draft
    assert "“五、存在的主要问题及改进措施”" in err


def test_a_report_failing_the_rules_is_still_imported(tmp_path, capsys):
    values = dict(VALUES) | {"t3_carried_out_natural": VALUES["t3_carried_out_natural"] + 3}
    values = schema.compute_totals(values)
    source = C.write_html(tmp_path / "2025年报告.html", C.standard_tables(values | {"t3_carried_out_total": VALUES["t3_carried_out_total"]}))
    code, out, err = _init(tmp_path, source, capsys)
    assert code == 0
    assert "提醒 [T3-BAL] 2025年报告.html 表三“自然人”列：（上年报告）“自然人”列不平衡" in err
    _, stats, _ = reader.read(tmp_path / "2026年报" / "统计表.xlsx")
    assert stats.values["t3_carried_in_natural"] == values["t3_carried_out_natural"]


def test_a_file_that_is_not_a_report_writes_nothing(tmp_path, capsys):
    source = tmp_path / "通知.html"
    source.write_text("<html><body><p>关于放假的通知</p></body></html>", encoding="utf-8")
    code, _, err = _init(tmp_path, source, capsys)
    assert code == 1
    assert "错误 [NOT-REPORT] 通知.html：这不像政府信息公开工作年度报告" in err
    assert "无法从这个文件读取上年的数字" in err and "没有生成文件。" in err
    assert not (tmp_path / "2026年报").exists()


def test_unread_carried_cells_are_named(tmp_path, capsys):
    t3 = [[(t.replace("四、结转下年度继续办理", "四、其余"), rs, cs) for t, rs, cs in row] for row in C.standard_tables(VALUES)["t3"][0]]
    source = C.write_docx(tmp_path / "2025年报告.docx", C.standard_tables(VALUES) | {"t3": [t3]})
    code, _, err = _init(tmp_path, source, capsys)
    assert code == 0
    assert "提醒 [FROM] 2025年报告.docx：上年报告中没有读到 表三“四、结转下年度继续办理”行“自然人”列" in err
    _, stats, _ = reader.read(tmp_path / "2026年报" / "统计表.xlsx")
    assert stats.values["t3_carried_in_total"] == 0


def test_a_folder_holding_last_years_report(tmp_path, capsys):
    folder = tmp_path / "2025年"
    folder.mkdir()
    C.write_html(folder / "2025年报告.html", C.standard_tables(VALUES))
    code, out, err = _init(tmp_path, folder, capsys)
    assert code == 0 and f"已从 {folder / '2025年报告.html'} 带入" in out
    _, stats, _ = reader.read(tmp_path / "2026年报" / "统计表.xlsx")
    assert stats.values["t3_carried_in_total"] == VALUES["t3_carried_out_total"]
