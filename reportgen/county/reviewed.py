"""Findings a reviewer has looked at: the 审核 column of 汇总.xlsx's 问题清单, read back from the last
summary written into the same folder and carried over to the same finding on the next run.

A finding is the same when its agency (the 汇总 sheet's 机关名称, else the 部门（文件夹）), rule, place
and message all agree: the reviewer accepted what the 提醒 said, so a changed figure in it (a share of
60 % that is now 80 %) is a new claim to look at. Only a 提醒 keeps its mark: an error can never be
silenced, and a mark put on one is dropped with a note in its own cell.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REVIEWED = "已核"
ERROR_MARK_DROPPED = "（错误不能标为已核，须改正）"
WHOLE_FOLDER = "（整个文件夹）"

Key = tuple[str, str, str, str]  # agency, rule, place, message


@dataclass
class Marks:
    """The marks of the last summary: the findings marked 已核, and how many carried, dropped."""

    marked: Counter = field(default_factory=Counter)  # Key -> how many rows carried the mark
    kept: int = 0  # 提醒 whose 已核 was carried over on this run
    dropped: int = 0  # errors marked 已核 whose mark was dropped

    def mark(self, key: Key, is_error: bool) -> str:
        """The 审核 cell of a finding on this run (and the counts kept)."""
        if self.marked[key] <= 0:
            return ""
        self.marked[key] -= 1
        if is_error:
            self.dropped += 1
            return ERROR_MARK_DROPPED
        self.kept += 1
        return REVIEWED


def read_marks(summary: Path) -> Marks:
    """The 已核 marks of the summary at `summary` (none when there is none, or it cannot be read:
    a summary the reviewer broke costs the marks, never the run)."""
    marks = Marks()
    if not summary.is_file():
        return marks
    from openpyxl import load_workbook

    try:
        wb = load_workbook(summary, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (anything openpyxl raises on a file that is not its own)
        return marks
    try:
        if "问题清单" not in wb.sheetnames:
            return marks
        agencies: dict[str, str] = {}
        if "汇总" in wb.sheetnames:
            for row in wb["汇总"].iter_rows(min_row=2, max_col=3, values_only=True):
                if len(row) == 3 and row[1] and row[2]:
                    agencies[str(row[1])] = str(row[2])
        rows = wb["问题清单"].iter_rows(values_only=True)
        heading = [str(c or "") for c in next(rows, ())]
        if "审核" not in heading:
            return marks
        column = heading.index("审核")
        for row in rows:
            if len(row) > column and str(row[column] or "").strip() == REVIEWED:
                name, _, rule, place, message = (str(c or "") for c in row[:5])
                marks.marked[(agencies.get(name, name), rule, place, message)] += 1
    finally:
        wb.close()
    return marks


def key(agency: str, name: str, rule: str, place: str, message: str) -> Key:
    return (agency or name, rule, place, message)
