"""The batch's progress lines and 文件清单 tell each file's final status and count only what is
checked (issue 27's items on the run's progress): a department's own report is not counted, and the
second report of one agency turns the first to 有错误 [DUPLICATE] on screen as in the summary."""

from __future__ import annotations

from openpyxl import load_workbook

from .reviewer_folders import inputs, report


def test_progress_and_listing_show_the_final_status_and_a_true_count(tmp_path, cli):
    county = tmp_path / "县"
    inputs(county / "教育局", "某县教育局")
    report(county / "县民政局.docx", "某县民政局")
    report(county / "县民政局（定稿）.docx", "某县民政局")
    assert cli("build", county / "教育局" / "统计表.xlsx", county / "教育局" / "正文.txt").code == 0  # its own report beside its inputs
    run = cli("batch", county, "-o", tmp_path / "out", "-j", 1)
    assert run.code == 1
    progress = [line for line in (run.out + run.err).splitlines() if line.startswith("[") or line.startswith("      ")]
    assert progress == [
        "[1/3] 教育局：通过",
        "[2/3] 县民政局.docx：通过",
        "[3/3] 县民政局（定稿）.docx：有错误（1 个问题）",
        "      县民政局.docx：更正为有错误（1 个问题）",
    ]
    listing = dict(list(load_workbook(tmp_path / "out" / "汇总.xlsx")["文件清单"].values)[1:])
    assert listing["县民政局.docx"] == listing["县民政局（定稿）.docx"] == "已检查（Word）：有错误"
    assert listing["教育局/某县教育局2025年政府信息公开工作年度报告.docx"] == "本部门的统计表和正文生成的报告，没有单独检查"
    assert listing["教育局/统计表.xlsx"] == "已检查：通过；已生成 某县教育局2025年政府信息公开工作年度报告.docx"
