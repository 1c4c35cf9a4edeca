"""Findings that stay reviewed (issue 19 item 5): a 提醒 marked 已核 in 汇总.xlsx's 问题清单 keeps its
mark on the next run into the same folder while it says the same; an error's mark is dropped."""

from __future__ import annotations

from openpyxl import load_workbook

from .. import finished_corpus as C
from .reviewer_folders import report
from .two_years import county


def _problems(summary):
    ws = load_workbook(summary)["问题清单"]
    return [[c.value for c in r] for r in ws.iter_rows()]


def _mark(summary, rules: set[str]) -> None:
    """The reviewer writes 已核 into the 审核 column of the rows of `rules`, and saves."""
    wb = load_workbook(summary)
    ws = wb["问题清单"]
    assert ws["F1"].value == "审核"
    for row in ws.iter_rows(min_row=2):
        if row[2].value in rules:
            row[5].value = "已核"
    wb.save(summary)


def _summary_rows(summary):
    rows = [[c.value for c in r] for r in load_workbook(summary)["汇总"].iter_rows()]
    column = rows[0].index("其中已核提醒")
    return {r[1]: r[column] for r in rows[1:]}


def test_a_reviewed_warning_keeps_its_mark_and_an_error_loses_it(tmp_path, cli):
    last, now = county(tmp_path)
    out = tmp_path / "审核"
    first = cli("batch", now, "--previous", last, "-o", out, "-j", 1)
    summary = out / "汇总.xlsx"
    rows = _problems(summary)
    assert rows[0] == ["部门（文件夹）", "级别", "规则", "位置", "说明", "审核", "本轮"]
    assert [r[:3] + r[5:6] for r in rows[1:]] == [["乙局.html", "错误", "X-YEAR", None]] * 2 + [["甲局.docx", "提醒", "REPEAT", None]]
    assert "已核" not in first.out

    _mark(summary, {"REPEAT", "X-YEAR"})
    again = cli("batch", now, "--previous", last, "-o", out, "-j", 1)
    assert again.code == 1  # the errors still fail the folder
    rows = _problems(summary)
    assert [r[2:3] + r[5:] for r in rows[1:]] == [["X-YEAR", "（错误不能标为已核，须改正）", "仍存在"]] * 2 + [["REPEAT", "已核", "仍存在"]]
    lines = again.out.splitlines()
    assert "共 1 个提醒，其中 1 个提醒已核（上次的汇总.xlsx“问题清单”中标为已核，本次仍然相同）。" in lines
    assert "有 2 个错误在上次的汇总.xlsx中标为已核：错误不能标为已核，标记已去掉，请改正。" in lines
    counted = _summary_rows(summary)
    assert counted["甲局.docx"] == 1 and counted["乙局.html"] == 0
    assert counted[next(name for name in counted if name.startswith("合计"))] == 1

    # A third run: the kept mark stays; the dropped errors' note is not a mark, so nothing is counted twice.
    third = cli("batch", now, "--previous", last, "-o", out, "-j", 1)
    assert [r[5] for r in _problems(summary)[1:]] == [None, None, "已核"]
    assert "其中 1 个提醒已核" in third.out and "标为已核：错误不能" not in third.out


def test_a_changed_finding_loses_its_mark(tmp_path, cli):
    last, now = county(tmp_path)
    out = tmp_path / "审核"
    cli("batch", now, "--previous", last, "-o", out, "-j", 1)
    _mark(out / "汇总.xlsx", {"REPEAT"})
    before = next(r for r in _problems(out / "汇总.xlsx") if r[2] == "REPEAT")
    # 甲局 rewrites its 五: still over half last year's, but the share it says is another
    narrative = [(h, ["一是解读不够通俗。下一步，我们将健全发布机制。"] if h.startswith("五") else p) for h, p in C.NARRATIVE]
    report(now / "甲局.docx", "某县甲局", 2025, narrative=narrative)
    again = cli("batch", now, "--previous", last, "-o", out, "-j", 1)
    after = next(r for r in _problems(out / "汇总.xlsx") if r[2] == "REPEAT")
    assert after[:4] == before[:4] and after[4] != before[4] and after[5] is None
    assert "已核" not in again.out and _summary_rows(out / "汇总.xlsx")["甲局.docx"] == 0


def test_an_unreadable_last_summary_costs_the_marks_not_the_run(tmp_path, cli):
    last, now = county(tmp_path)
    out = tmp_path / "审核"
    out.mkdir()
    (out / "汇总.xlsx").write_bytes(b"not a workbook")
    run = cli("batch", now, "--previous", last, "-o", out, "-j", 1)
    assert run.code == 1 and "已核" not in run.out
    assert _problems(out / "汇总.xlsx")[0][5] == "审核"
