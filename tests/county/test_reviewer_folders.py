"""One rule for what a folder holds (core.folders.survey), used by check, batch, a dropped folder and
init --from: nothing is skipped silently, one agency's two reports are an error, years are kept apart."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from reportgen.core import folders

from .reviewer_folders import VALUES, inputs, mixed, nested, report, unbalanced

NOT_A_REPORT = "不是年度报告（.docx/.html/.pdf），也不是统计表（.xlsx）或正文（.txt）"


def _rows(summary: Path) -> dict[str, list]:
    ws = load_workbook(summary)["汇总"]
    return {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}


def test_survey_is_one_plain_result_naming_every_file(tmp_path):
    root = mixed(tmp_path / "各部门报告")
    (root / "部门").mkdir()
    report(root / "部门" / "丁局.docx", "某县丁局")
    contents = folders.survey(root)
    assert [(contents.name(f.path), f.role, f.why) for f in contents.found] == [
        ("各部门报告", folders.INPUTS, ""),
        ("乙局.html", folders.FINISHED, ""),
        ("甲局.docx", folders.FINISHED, ""),
        ("照片.jpg", folders.UNUSED, NOT_A_REPORT),
        ("部门/丁局.docx", folders.FINISHED, ""),
    ]
    assert contents.departments[0].xlsx == root / "统计表.xlsx" and contents.reports[0].beside == root
    assert not contents.one_department


def test_check_a_folder_of_reports_and_one_departments_inputs(tmp_path, cli):
    """Before: the inputs were checked alone, 检查通过, exit 0, and the inconsistent 乙局.html never read."""
    root = mixed(tmp_path / "各部门报告")
    code, out, _ = cli("check", root)
    lines = out.splitlines()
    assert code == 1
    assert "各部门报告 某县丙局：通过" in lines
    assert "甲局.docx 某县甲局：通过" in lines
    assert "乙局.html 某县乙局：有错误（2 个错误，0 个提醒）" in lines
    assert lines[-3:] == [
        "共 2 份报告和 1 个部门的统计表、正文：通过 2 份，有警告 0 份，有错误 1 份。",
        "另有 1 个文件没有检查：",
        f"  照片.jpg：{NOT_A_REPORT}",
    ]
    assert "检查通过" not in out


def test_reports_in_sub_folders_are_found_by_check_and_batch(tmp_path, cli):
    root = nested(tmp_path / "2025年报审核")
    code, out, _ = cli("check", root)
    assert code == 0
    assert out.splitlines() == [
        "县政府办.docx 某县人民政府办公室：通过",
        "乡镇/甲镇.html 某县甲镇人民政府：通过",
        "补报/2026年1月/民政局.docx 某县民政局：通过",
        "部门/教育局.docx 某县教育局：通过",
        "共 4 份报告：通过 4 份，有警告 0 份，有错误 0 份。",
    ]
    code, out, _ = cli("batch", root, "-o", tmp_path / "审核结果")
    assert code == 0 and "共 4 份报告：通过 4 份" in out
    rows = _rows(tmp_path / "审核结果" / "汇总.xlsx")
    assert rows["补报/2026年1月/民政局.docx"][2:5] == ("某县民政局", "通过", VALUES["t3_new_total"])
    assert rows["合计（没有错误的 4 个部门）"][4] == 4 * VALUES["t3_new_total"]


def test_a_folder_too_deep_is_named_not_skipped(tmp_path, cli):
    root = tmp_path / "审核"
    report(root / "甲局.docx", "某县甲局")
    report(root / "a" / "b" / "c" / "d" / "乙局.docx", "某县乙局")
    code, out, _ = cli("check", root)
    assert code == 0
    assert out.splitlines()[-2:] == [
        "另有 1 个文件没有检查：",
        "  a/b/c/d：文件夹层级太深（超过 3 层），没有查看：请把其中的报告或部门文件夹移到上一层",
    ]


def test_two_reports_of_one_agency_are_an_error_and_neither_is_summed(tmp_path, cli):
    """Before: 公安局.docx and 公安局（修改稿）.docx were both summed (本年新收 twice the agency's)."""
    root = tmp_path / "审核"
    report(root / "公安局.docx", "某县公安局")
    report(root / "公安局（修改稿）.docx", "某县 公安局")
    report(root / "甲局.docx", "某县甲局")
    message = ("某县公安局2025年的报告有 2 份（公安局.docx、公安局（修改稿）.docx）：请只留下要发布的一份，"
               "把其余的移出文件夹；在此之前这几份都不计入合计")
    code, out, _ = cli("check", root)
    assert code == 1
    assert f"  错误 [DUPLICATE] 公安局.docx：{message}" in out.splitlines()
    assert f"  错误 [DUPLICATE] 公安局（修改稿）.docx：{message}" in out.splitlines()
    code, out, _ = cli("batch", root, "-o", tmp_path / "结果")
    assert code == 1
    rows = _rows(tmp_path / "结果" / "汇总.xlsx")
    assert rows["公安局.docx"][3] == rows["公安局（修改稿）.docx"][3] == "有错误"
    assert rows["合计（没有错误的 1 个部门）"][4] == VALUES["t3_new_total"]  # 甲局 alone
    county = load_workbook(tmp_path / "结果" / "汇总统计表.xlsx")["依申请公开"]
    assert county.cell(5, 4).value == VALUES["t3_new_natural"]
    assert "已写入：" in out and "1 份没有错误的报告的表格合计" in out


def test_reports_of_two_years_are_a_note_and_are_not_summed(tmp_path, cli):
    root = tmp_path / "审核"
    report(root / "甲局2024.docx", "某县甲局", year=2024)
    report(root / "乙局.docx", "某县乙局")
    report(root / "丙局.html", "某县丙局")
    note = ("提醒 [YEARS] 审核：文件夹中有不同年度的报告：2024年 1 份（甲局2024.docx）；2025年 2 份（丙局.html、乙局.docx）。"
            "各年度的数字不相加，没有合计，也没有生成汇总统计表：请把不同年度的报告放在不同的文件夹中")
    code, out, _ = cli("check", root)
    assert code == 0 and note in out.splitlines()
    code, out, err = cli("batch", root, "-o", tmp_path / "结果")
    assert code == 0, out + err
    assert "报告年度不一致（2024、2025），不相加，没有生成汇总统计表。" in out
    assert not (tmp_path / "结果" / "汇总统计表.xlsx").exists()
    rows = _rows(tmp_path / "结果" / "汇总.xlsx")
    assert rows["合计：年度不一致（2024、2025），不合计"][4] is None
    problems = list(load_workbook(tmp_path / "结果" / "汇总.xlsx")["问题清单"].iter_rows(min_row=2, values_only=True))
    assert ("（整个文件夹）", "提醒", "YEARS") in {p[:3] for p in problems}


def test_batch_builds_the_departments_and_checks_the_reports_beside_them(tmp_path, department, cli):
    root = tmp_path / "全县"
    department(root, "甲司法局")
    department(root / "乡镇", "乙镇")
    report(root / "丙局.docx", "某县丙局", values=unbalanced())
    (root / "说明.txt").write_text("各部门报告汇总", encoding="utf-8")
    code, out, _ = cli("batch", root, "-o", tmp_path / "输出")
    assert code == 1
    assert "共 2 个部门和 1 份已完成的报告：通过 2 个，有警告 0 个，有错误 1 个；生成报告 2 份。" in out
    assert "有 1 份已完成的报告有错误：请按上面列出的问题请有关部门改正。" in out
    assert "  说明.txt：没有检查：不是年度报告；只有文本文件，没有统计表（.xlsx）" in out
    assert (tmp_path / "输出" / "乡镇" / "乙镇" / "某县乙镇2025年政府信息公开工作年度报告.docx").is_file()
    listing = dict(load_workbook(tmp_path / "输出" / "汇总.xlsx")["文件清单"].iter_rows(min_row=2, values_only=True))
    assert listing["乡镇/乙镇/统计表.xlsx"] == "已检查：通过；已生成 某县乙镇2025年政府信息公开工作年度报告.docx"
    assert listing["丙局.docx"] == "已检查（Word）：有错误"
    assert listing["说明.txt"] == "没有检查：不是年度报告；只有文本文件，没有统计表（.xlsx）"


def test_a_departments_own_report_beside_its_inputs_is_not_checked_twice(tmp_path, cli, clerk_files):
    folder = tmp_path / "司法局"
    clerk_files(folder)
    assert cli("build", folder, "--html").code == 0
    code, out, _ = cli("check", folder)
    assert code == 0 and out == "检查通过，没有发现问题。\n"
    code, out, _ = cli("batch", tmp_path)  # a second batch sees one department, not two agencies
    assert code == 0 and "共 1 个部门" in out and "DUPLICATE" not in out


def test_a_dropped_folder_of_reports_and_inputs_is_checked_not_built(tmp_path, cli):
    root = mixed(tmp_path / "各部门报告")
    code, out, _ = cli(root)
    assert code == 1 and "乙局.html 某县乙局：有错误（2 个错误，0 个提醒）" in out
    assert not list(root.glob("*年度报告.docx"))  # nothing built


def test_init_from_a_folder_of_several_reports_names_them(tmp_path, cli):
    folder = tmp_path / "上年"
    report(folder / "甲局.docx", "某县甲局", year=2024)
    report(folder / "乙局.docx", "某县乙局", year=2024)
    code, _, err = cli("init", tmp_path / "新", "--from", folder)
    assert code == 2
    assert f"错误 [FROM] 上年：文件夹 {folder} 中有 2 份年度报告（乙局.docx、甲局.docx），不知道从哪一份开始：请直接给出上年的那一份报告" in err


def test_init_from_a_department_folder_with_other_names(tmp_path, cli):
    folder = inputs(tmp_path / "上年", "某县甲局")
    (folder / "统计表.xlsx").rename(folder / "2024统计.xlsx")
    code, out, err = cli("init", tmp_path / "新", "--from", folder)
    assert code == 0, err
    assert f"已从 {folder / '2024统计.xlsx'} 带入" in out


def test_the_folder_given_as_dot_is_named(tmp_path, monkeypatch, cli):
    """`reportgen check .` inside a department's folder: its rows and messages name the folder, never ""."""
    from ..conftest import SAMPLE_TXT, SAMPLE_XLSX

    folder = tmp_path / "县司法局"
    folder.mkdir()
    (folder / "统计表.xlsx").write_bytes(SAMPLE_XLSX.read_bytes())
    (folder / "说明.txt").write_bytes(SAMPLE_TXT.read_bytes())
    (folder / "乙局").mkdir()
    monkeypatch.chdir(folder)
    code, out, err = cli("check", ".")
    assert "\n：" not in "\n" + out and "【】" not in out and "（、" not in out + err
    assert "县司法局" in out


def test_one_agency_in_two_department_folders_is_not_told_unbuilt(tmp_path, department, cli):
    """Both folders' reports are written before the DUPLICATE is known: the closing lines say so
    (they used to claim that no report was made)."""
    county = tmp_path / "全县"
    for name in ("司法局", "司法局（新）"):
        department(county, name, agency="某县司法局")
    code, out, _ = cli("batch", county)
    assert code == 1 and "错误 [DUPLICATE]" in out
    assert "生成报告 2 份" in out
    assert "没有生成报告" not in out
    assert "有 2 个部门的报告已生成，但有错误（见上面列出的问题）：处理后再发布，这些部门没有计入合计。" in out


def test_several_workbooks_beside_reports_say_which_ones_in_the_one_wording(tmp_path, cli, clerk_files):
    """Two workbooks lying beside finished reports, none named 统计表.xlsx: the same words as a
    department folder holding two (core.folders.which_one), naming both."""
    root = tmp_path / "全县"
    report(root / "丙局.docx", "某县丙局")
    xlsx, _ = clerk_files(tmp_path / "src")
    for name in ("甲.xlsx", "乙.xlsx"):
        shutil.copy(xlsx, root / name)
    code, out, _ = cli("check", root)
    reason = "没有检查：有 2 个统计表（乙.xlsx、甲.xlsx），不知道用哪一个：请把要用的改名为“统计表.xlsx”，或只留下一个"
    assert f"  甲.xlsx：{reason}" in out and f"  乙.xlsx：{reason}" in out, out
