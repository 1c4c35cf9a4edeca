"""Findings a reviewer has looked at: the 审核 column of 汇总.xlsx's 问题清单, read back from the last
summary written into the same folder (county.rounds.read_last) and carried over to the same finding
on the next run.

A finding is the same when its agency (the 汇总 sheet's 机关名称, else the 部门（文件夹）), rule, place
and message all agree: the reviewer accepted what the 提醒 said, so a changed figure in it (a share of
60 % that is now 80 %) is a new claim to look at. Only a 提醒 keeps its mark: an error can never be
silenced, and a mark put on one is dropped with a note in its own cell.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

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


def key(agency: str, name: str, rule: str, place: str, message: str) -> Key:
    """A finding's identity: its agency (else its department's or file's name), rule, place and message."""
    return (agency or name, rule, place, message)
