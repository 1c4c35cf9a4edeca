"""Reading the clerk's workbook: values by position, labels verified, totals from their parts."""

from openpyxl import load_workbook

from reportgen import load
from reportgen.api import check
from reportgen.core import schema
from reportgen.workbook import reader, writer

from ..conftest import SAMPLE_TXT, nonzero_values, write_workbook


def test_blank_workbook_mirrors_the_report_tables(tmp_path):
    path = tmp_path / "统计表.xlsx"
    writer.write(path)
    wb = load_workbook(path)
    assert wb.sheetnames[1:] == ["基本信息", "主动公开", "依申请公开", "复议诉讼"]  # after 填写说明
    ws = wb["依申请公开"]
    assert ws["A2"].value == schema.T3_NOTE and ws["D2"].value == "申请人情况"
    assert ws["A5"].value == "一、本年新收政府信息公开申请数量"
    assert ws["C9"].value == "1.属于国家秘密"
    assert ws["J5"].value == "=SUM(D5:I5)"  # 总计 column is live
    assert ws["D28"].value == "=SUM(D7:D27)"  # （七）总计 row is live
    assert "A7:A28" in {str(r) for r in ws.merged_cells.ranges}  # 三、本年度办理结果
    assert wb["复议诉讼"]["E5"].value == "=SUM(A5:D5)"


def test_roundtrip_and_totals_computed_without_cached_values(tmp_path):
    values = nonzero_values()
    meta, stats, problems = reader.read(write_workbook(tmp_path / "a.xlsx", values=values))
    assert problems == []
    expected = schema.compute_totals(values)
    for key in schema.VALUE_KEYS:
        assert stats[key] == expected[key], key
    assert stats.display("t2_fees") == "4166.241619"


def test_typed_total_that_disagrees_is_an_error_naming_the_cell(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    wb = load_workbook(path)
    wb["依申请公开"]["J5"] = 1  # 一、本年新收 总计
    wb["复议诉讼"]["E5"] = 999
    wb.save(path)
    report, problems = load(path, SAMPLE_TXT)
    found = [(p.rule, p.where) for p in check(report)]
    assert ("T3-ROW", "依申请公开!J5") in found
    assert ("T4-SUM", "复议诉讼!E5") in found


def test_blank_value_cells_count_as_zero(tmp_path):
    path = tmp_path / "a.xlsx"
    writer.write(path)
    _, stats, _ = reader.read(path)
    assert all(stats[k] == 0 for k in schema.VALUE_KEYS)


def test_bad_numbers_are_named_by_cell(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    wb = load_workbook(path)
    ws = wb["依申请公开"]
    ws["D5"], ws["E5"], ws["F5"], ws["G5"], ws["H5"] = "5件", "五", "—", -3, 2.5
    wb.save(path)
    _, _, problems = reader.read(path)
    got = {p.where: p.message for p in problems}
    assert got["依申请公开!D5"].startswith("“5件”不是数字")
    assert got["依申请公开!E5"].startswith("“五”不是数字")
    assert got["依申请公开!F5"].startswith("“—”不是数字")
    assert got["依申请公开!G5"] == "“-3”是负数：件数只能是0或正整数"
    assert got["依申请公开!H5"] == "“2.5”不是整数：件数只能是0或正整数"


def test_shifted_rows_are_refused_not_misread(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    wb = load_workbook(path)
    wb["依申请公开"].insert_rows(6)
    wb.save(path)
    _, _, problems = reader.read(path)
    assert [(p.rule, p.where) for p in problems] == [("LAYOUT", "依申请公开!A6")]
    assert "本表的数字没有读取" in problems[0].message


def test_dates_in_odd_forms(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    for typed in ("2026.1.19", "2026-01-19", "2026/1/19", 46041, "二〇二六年一月十九日"):
        wb = load_workbook(path)
        wb["基本信息"]["B4"] = typed
        wb.save(path)
        meta, _, problems = reader.read(path)
        assert problems == [] and meta.date_text == "2026年1月19日", typed
