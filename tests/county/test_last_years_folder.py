"""Last year's folder as people keep it, read by this year's folder rule (issue 26 item 4): a report of
the year before last and a broken file in it are named once and left out, and the reports that
remain are paired as before."""

from __future__ import annotations

from .reviewer_folders import report
from .two_years import LAST_NARRATIVE, VALUES, county, last_year_of


def test_other_years_and_unreadable_files_of_last_years_folder_are_named_once(tmp_path, cli):
    last, now = county(tmp_path)
    report(last / "甲局2023.docx", "某县甲局", 2023, values=last_year_of(last_year_of(VALUES)), narrative=LAST_NARRATIVE)
    (last / "戊局.docx").write_bytes(b"PK\x03\x04 a download cut short")
    run = cli("check", now, "--previous", last)
    said = (run.out + run.err).splitlines()
    assert "提醒 [YEARS] 2024：上年文件夹中除2024年度的报告外，还有2023年度 1 份（2024/甲局2023.docx）：这些报告没有用于与本年对照" in said
    assert sum("戊局.docx" in line for line in said) == 1
    assert any(line.startswith("提醒 [FILE] 2024/戊局.docx：") and line.endswith("没有用于与本年对照") for line in said)
    assert not any("甲局2023.docx" in line and "本年文件夹中没有该机关的报告" in line for line in said)
    assert "  甲局.docx ↔ 上年 2024/甲局.docx" in said
