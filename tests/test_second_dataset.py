"""A second, non-zero data set of another agency: every number lands in its cell."""

import datetime as dt
from decimal import Decimal

from reportgen import build
from reportgen.core import schema

from .conftest import nonzero_values, paragraphs, sample_meta, tables, write_workbook

NARRATIVE = """标题：某某区人民政府办公室2025年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》要求，现公布本机关2025年度报告。
一、总体情况
（一）主动公开。本年度主动公开政府信息1200条。
（二）依申请公开。本年度共收到申请，全部按期答复。
（三）政府信息管理
1.规范发布流程
（1）落实三审三校
（四）政府信息公开平台建设。门户网站运行平稳。
（五）监督保障。开展考核一次。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
本年度申请量较上年有所增加。
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
一是解读不够。下一步加强解读。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_every_number_lands_in_its_cell(tmp_path):
    values = nonzero_values()
    xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(), values)
    txt = tmp_path / "正文.txt"
    txt.write_text(NARRATIVE, encoding="utf-8")
    result = build(xlsx, txt)
    assert result.ok, [str(p) for p in result.problems]
    assert result.output.name == "某某市某某区人民政府办公室2025年政府信息公开工作年度报告.docx"
    expected = schema.compute_totals(values)
    grids = dict(zip(("t2", "t3", "t4"), tables(result.output)))
    checked = 0
    for table in schema.TABLES:
        for cell in table.value_cells():
            want = "4166.241619" if cell.key == "t2_fees" else str(expected[cell.key])
            assert grids[table.key][(cell.row, cell.col)] == want, cell.key
            checked += 1
    assert checked == 10 + 175 + 15
    # Hundreds of applications: the grand total row is large and sums per column.
    assert int(grids["t3"][(26, 9)]) == sum(expected[f"t3_total_{c}"] for c in schema.T3_PART_COLS) > 500
    assert grids["t4"][(3, 4)] == str(sum(values[f"t4_review_{c}"] for c in schema.T4_PART_COLS))


def test_headings_runin_and_levels_are_in_the_document(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    txt.write_text(NARRATIVE, encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    got = paragraphs(result.output)
    assert got[1] == "某某区人民政府办公室2025年政府信息公开工作年度报告"
    assert "（一）主动公开。本年度主动公开政府信息1200条。" in got
    assert "（三）政府信息管理" in got and "1.规范发布流程" in got and "（1）落实三审三校" in got
    # Text under 三 comes before the table of section 三.
    assert got.index("本年度申请量较上年有所增加。") == got.index("三、收到和处理政府信息公开申请情况") + 1
    assert got[-2:] == ["某某区政府办", "2026年1月26日"]


def test_fee_is_printed_as_entered(tmp_path):
    for entered, shown in ((Decimal("19.99"), "19.99"), (Decimal("0"), "0"), (Decimal("4166.241619"), "4166.241619"), (12, "12")):
        values = nonzero_values() | {"t2_fees": entered}
        xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(), values)
        txt = tmp_path / "正文.txt"
        txt.write_text(NARRATIVE, encoding="utf-8")
        result = build(xlsx, txt, out=tmp_path / "r.docx")
        assert tables(result.output)[0][(13, 1)] == shown


def test_fee_computed_with_float_noise_prints_clean(tmp_path):
    from openpyxl import load_workbook

    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    wb = load_workbook(xlsx)
    wb["主动公开"]["B15"] = 0.1 + 0.2  # 0.30000000000000004 as a spreadsheet might compute it
    wb.save(xlsx)
    txt = tmp_path / "正文.txt"
    txt.write_text(NARRATIVE, encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    assert tables(result.output)[0][(13, 1)] == "0.3"


def test_excel_date_cell_prints_unpadded(tmp_path):
    from openpyxl import load_workbook

    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    wb = load_workbook(xlsx)
    wb["基本信息"]["B4"] = dt.datetime(2026, 1, 5)
    wb.save(xlsx)
    txt = tmp_path / "正文.txt"
    txt.write_text(NARRATIVE, encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    assert paragraphs(result.output)[-1] == "2026年1月5日"
