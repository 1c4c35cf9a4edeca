"""A folder instead of the two files: `reportgen build 2025年报`, or the folder dropped on reportgen.exe."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportgen.cli.commands import main

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, paragraphs

REPORT_NAME = "互助土族自治县司法局2025年政府信息公开工作年度报告.docx"


def year_folder(tmp_path: Path, xlsx: str = "统计表.xlsx", txt: str = "正文.txt") -> Path:
    folder = tmp_path / "2025年报"
    folder.mkdir()
    shutil.copy(SAMPLE_XLSX, folder / xlsx)
    shutil.copy(SAMPLE_TXT, folder / txt)
    return folder


def test_dropped_folder_builds_the_report_inside_it(tmp_path, capsys):
    folder = year_folder(tmp_path)
    (folder / "~$统计表.xlsx").write_bytes(b"lock")  # Excel's lock file while the workbook is open
    assert main([str(folder)]) == 0
    assert f"已生成：{folder / REPORT_NAME}" in capsys.readouterr().out
    assert paragraphs(folder / REPORT_NAME)[0] == "互助土族自治县司法局"


def test_build_of_a_folder_with_other_names_and_options(tmp_path, capsys):
    folder = year_folder(tmp_path, xlsx="2025统计.xlsx", txt="2025正文.txt")
    assert main(["build", str(folder), "-o", str(tmp_path / "报告.docx"), "--html"]) == 0
    assert (tmp_path / "报告.html").is_file()
    assert paragraphs(tmp_path / "报告.docx")[0] == "互助土族自治县司法局"


def test_the_preferred_names_win_over_other_files(tmp_path, capsys):
    folder = year_folder(tmp_path)
    (folder / "说明.txt").write_text("不是正文", encoding="utf-8")
    shutil.copy(SAMPLE_XLSX, folder / "统计表 - 副本.xlsx")
    assert main(["build", str(folder)]) == 0
    assert (folder / REPORT_NAME).is_file()


def test_missing_or_ambiguous_files_name_the_folder_and_the_fix(tmp_path, capsys):
    folder = year_folder(tmp_path, xlsx="甲.xlsx")
    shutil.copy(SAMPLE_XLSX, folder / "乙.xlsx")
    (folder / "正文.txt").unlink()
    assert main([str(folder)]) == 1
    err = capsys.readouterr().err
    assert (
        f"错误 [FILE] {folder.name}：文件夹 {folder} 中有 2 个统计表（乙.xlsx、甲.xlsx），不知道用哪一个：请把要用的改名为“统计表.xlsx”，或只留下一个"
    ) in err
    assert "Traceback" not in err
    assert not list(folder.glob("*.docx"))
    (folder / "乙.xlsx").unlink()
    assert main([str(folder)]) == 1
    assert f"错误 [FILE] {folder.name}：文件夹 {folder} 中有统计表 甲.xlsx，但没有正文（.txt，或 Word/WPS 写的 .docx/.doc/.wps）：请把正文放进这个文件夹（如 正文.txt 或 正文.docx）" in capsys.readouterr().err


def test_one_file_without_the_narrative_is_still_a_usage_error(tmp_path, capsys):
    xlsx = shutil.copy(SAMPLE_XLSX, tmp_path / "统计表.xlsx")
    assert main(["build", str(xlsx)]) == 2
    assert "用法错误：缺少参数 正文.txt" in capsys.readouterr().err
