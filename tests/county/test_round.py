"""The reviewer's round (issue 26): the roster (名单) with 简称 and a missing unit, and two rounds into
one output folder with a fixed, a new and a remaining problem."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from .reviewer_folders import report, unbalanced

ROSTER_TXT = "# 应报送单位\n某县教育局 教育局 部门\n某县民政局 民政局\n某县司法局\n某县财政局 财政局 部门\n某某镇人民政府 某某镇\n"


def _folder(root):
    now = root / "收到"
    report(now / "县教育局.docx", "某县教育局")
    report(now / "县民政局.html", "某县民政局", values=unbalanced())
    report(now / "县司法局.docx", "某县司法局", values=unbalanced())
    report(now / "县统计局.docx", "某县统计局")
    return now


def _rows(path, sheet):
    return [[c.value for c in r] for r in load_workbook(path)[sheet].iter_rows()]


def test_a_roster_names_the_units_that_sent_nothing_and_the_reports_not_on_it(tmp_path, cli):
    now = _folder(tmp_path)
    (now / "名单.txt").write_text(ROSTER_TXT, encoding="utf-8")
    run = cli("batch", now, "-o", tmp_path / "审核")
    assert run.code == 1
    said = run.out + run.err
    assert "错误 [MISSING] 名单.txt 第5行：某县财政局（部门）没有报送：文件夹中没有该单位的年度报告或统计表。请催报；如该单位已撤并，请从名单中删去这一行" in said
    assert "错误 [MISSING] 名单.txt 第6行：某某镇人民政府（乡镇）没有报送" in said
    assert "提醒 [UNLISTED] 县统计局.docx：“某县统计局”不在名单（名单.txt）上" in said
    assert ("名单（名单.txt）上 5 个单位：已报送 3 个（通过 1 个，有警告 0 个，有错误 2 个），未交 2 个（某县财政局、某某镇人民政府）；"
            "名单外 1 份（县统计局.docx）。") in run.out
    assert "名单.txt" not in [line.split("：")[0] for line in said.splitlines()]  # the roster is never a report
    rows = _rows(tmp_path / "审核" / "汇总.xlsx", "报送情况")
    assert rows[0] == ["序号", "单位", "类别", "报送文件", "形式", "状态"]
    by_unit = {r[1]: r[2:4] + r[5:] for r in rows[1:] if r[0]}
    assert by_unit["某县教育局"] == ["部门", "县教育局.docx", "通过"]
    assert by_unit["某县民政局"] == ["部门", "县民政局.html", "有错误"]
    assert by_unit["某县财政局"] == ["部门", None, "未交"]
    assert by_unit["某某镇人民政府"] == ["乡镇", None, "未交"]


def test_a_roster_in_xlsx_given_by_option_matches_by_short_name(tmp_path, cli):
    """名单.xlsx kept elsewhere (--roster); the unit written by its 简称 in the report's 署名 is matched."""
    now = _folder(tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称", "简称", "类别"])
    for row in (["某县教育局", "县教育局", "部门"], ["某县民政局", "民政局", None], ["某县司法局", None, None],
                ["某县统计局", "统计局", "部门"], ["某县审计局", "审计局", "部门"]):
        ws.append(row)
    wb.save(tmp_path / "县名单.xlsx")
    run = cli("batch", now, "-o", tmp_path / "审核", "--roster", tmp_path / "县名单.xlsx")
    said = run.out + run.err
    assert "错误 [MISSING] 县名单.xlsx Sheet!A6：某县审计局（部门）没有报送" in said
    assert "[UNLISTED]" not in said
    assert "未交 1 个（某县审计局）。" in run.out


def test_init_roster_writes_a_blank_roster_and_never_over_one(tmp_path, cli):
    run = cli("init", tmp_path, "--roster")
    assert run.code == 0 and (tmp_path / "名单.xlsx").exists()
    assert _rows(tmp_path / "名单.xlsx", "名单")[0] == ["单位名称", "简称", "类别"]
    again = cli("init", tmp_path, "--roster")
    assert again.code == 1 and "错误 [EXISTS] 名单.xlsx" in again.err


def test_a_second_round_marks_fixed_new_and_remaining_problems(tmp_path, cli):
    now = _folder(tmp_path)
    out = tmp_path / "审核"
    first = cli("batch", now, "-o", out)
    assert "与上次审核" not in first.out
    report(now / "县司法局.docx", "某县司法局")  # returned and corrected
    report(now / "县教育局.docx", "某县教育局", values=unbalanced())  # a new fault
    second = cli("batch", now, "-o", out)  # 县民政局.html sent again unchanged
    lines = second.out.splitlines()
    head = next(line for line in lines if line.startswith("与上次审核"))
    assert head.endswith("对照：新出现 2 个，仍存在 2 个，已改正 2 个。")
    assert "  县司法局.docx：已改正 2 个（上次有错误，本次通过）" in lines
    assert "  县教育局.docx：新出现 2 个（上次通过，本次有错误）" in lines
    assert "  县民政局.html：仍存在 2 个" in lines
    assert any(line.startswith("    已改正：错误 [T3-BAL] 县司法局.docx 表三“自然人”列：") for line in lines)
    assert "退回后没有修改（上次有错误，文件与上次完全相同）：县民政局.html（仍有错误）" in lines
    kept = [p.name for p in out.iterdir() if p.name.startswith("汇总（")]
    assert len(kept) == 1 and f"上次的汇总.xlsx已保留为：{kept[0]}" in lines
    assert _rows(out / kept[0], "问题清单") == _rows(out / kept[0], "问题清单")  # still a readable workbook
    rows = _rows(out / "汇总.xlsx", "问题清单")
    assert rows[0][-1] == "本轮"
    marks = {(r[0], r[2], r[3]): r[-1] for r in rows[1:] if r[2]}
    assert marks[("县民政局.html", "T3-BAL", "县民政局.html 表三“自然人”列")] == "仍存在"
    assert marks[("县教育局.docx", "T3-BAL", "县教育局.docx 表三“总计”列")] == "新出现"
    assert marks[("县司法局.docx", "T3-BAL", "县司法局.docx 表三“总计”列")] == "已改正"
    # a third run with nothing changed: every problem remains, nothing new, nothing fixed
    third = cli("batch", now, "-o", out)
    assert any(line.endswith("对照：新出现 0 个，仍存在 4 个，已改正 0 个。") for line in third.out.splitlines())
    assert len([p for p in out.iterdir() if p.name.startswith("汇总（")]) == 2
