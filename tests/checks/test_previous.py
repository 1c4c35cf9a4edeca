"""`--previous` is checked: this agency's file of the year before, or one PREV error naming both."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen import check_all

from .. import finished_corpus as C
from ..conftest import clean_values, nonzero_values, sample_meta, write_workbook


@pytest.mark.parametrize(
    "last,why",
    [
        (sample_meta(year=2025), "年度不是本报告的上一年"),
        (sample_meta(year=2024, agency="某某市某某区教育局", signature="某某区教育局"), "机关不同"),
    ],
)
def test_a_wrong_previous_workbook_is_one_prev_error(tmp_path, clerk_files, last, why):
    xlsx, txt = clerk_files(values=nonzero_values())
    values = nonzero_values()
    values["t3_carried_out_natural"] += 5  # would be an X-YEAR error against this year's 上年结转
    previous = write_workbook(tmp_path / "上年统计表.xlsx", last, values)
    _, problems = check_all(xlsx, txt, previous)
    assert [p.rule for p in problems if p.is_error] == ["PREV"]
    (p,) = [p for p in problems if p.rule == "PREV"]
    assert str(p) == (
        f"错误 [PREV] 上年统计表.xlsx：--previous 给的是“{last.agency}{last.year}年度”，本报告是“某某市某某区人民政府办公室2025年度”"
        f"（统计表.xlsx）：{why}，没有做跨年核对。请给出本机关2024年度的统计表或报告"
    )


def test_last_years_file_under_a_short_name_or_the_same_signature_is_accepted(tmp_path, clerk_files):
    xlsx, txt = clerk_files(values=nonzero_values())
    for agency, signature in (("某某区人民政府办公室", ""), ("某某区政府办", "某某区政府办")):
        previous = write_workbook(tmp_path / "上年.xlsx", sample_meta(year=2024, date=dt.date(2025, 1, 20), agency=agency, signature=signature), nonzero_values())
        _, problems = check_all(xlsx, txt, previous)
        rules = {p.rule for p in problems}
        assert "PREV" not in rules and "X-YEAR" in rules, agency  # accepted: the cross-year rules ran


def test_check_a_report_against_another_agencys_report(tmp_path, cli):
    values = C.printed_values(clean_values())
    this = C.write_docx(tmp_path / "2025年报告.docx", C.standard_tables(values), agency="某某县某某局")
    other = C.write_docx(tmp_path / "别的局2024年报告.docx", C.standard_tables(values), agency="某某县卫生健康委员会", year=2024, date="2025年1月20日")
    code, out, _ = cli("check", this, "--previous", other)
    assert code == 1
    assert (
        "错误 [PREV] 别的局2024年报告.docx：--previous 给的是“某某县卫生健康委员会2024年度”，本报告是“某某县某某局2025年度”"
        "（2025年报告.docx）：机关不同，没有做跨年核对。请给出本机关2024年度的统计表或报告"
    ) in out
    assert "X-YEAR" not in out
    same_year = C.write_docx(tmp_path / "同年.docx", C.standard_tables(values), agency="某某县某某局")
    code, out, _ = cli("check", this, "--previous", same_year)
    assert code == 1 and "年度不是本报告的上一年" in out and "X-YEAR" not in out
