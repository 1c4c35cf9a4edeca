"""Rounds of a review: this run's findings against the previous run's 汇总.xlsx in the same folder.

The 政务公开办 returns the faulty reports and collects them again; each run into the folder reads the
summary the last one wrote (read_last) and marks every finding 新出现 or 仍存在, and every finding of
last time that is gone 已改正, per department and in total. A finding is the same as last time's by
the identity the 已核 marks use (county.reviewed.key: agency, rule, place, message); one whose
agency, rule and place agree but whose message changed (a figure in it) is 仍存在 too, since the
fault is still there. A department whose report had errors last time (returned) and whose files are
byte for byte the same is named: 退回后没有修改. The previous summary is kept beside the new one,
renamed with the time it was written (core.folders.kept_summary_name), never lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core.folders import kept_summary_name
from reportgen.core.outfile import copy_atomic
from reportgen.core.problems import Problem
from reportgen.core.text import squash
from reportgen.county.results import ERRORS, DepartmentResult
from reportgen.county.reviewed import REVIEWED, Marks, key

NEW, STILL, FIXED = "新出现", "仍存在", "已改正"
ROUND_COLUMN = "本轮"  # 问题清单's column of the marks
SHEET = "轮次对照"
HEADINGS = ("部门（文件夹）", "机关名称", "上次状态", "本次状态", NEW, STILL, FIXED, "报告文件", "文件指纹")
SAME_FILES, CHANGED_FILES, FIRST_TIME = "与上次相同", "已修改", "上次没有"
RETURNED_UNCHANGED = "退回后没有修改"


def fingerprint(*paths: Path | None) -> str:
    """The files' contents in 16 hex digits ("" when none could be read): the same files, the same print."""
    digest = hashlib.sha256()
    read = False
    for path in paths:
        if path is None:
            continue
        try:
            digest.update(Path(path).read_bytes())
            read = True
        except OSError:
            pass
    return digest.hexdigest()[:16] if read else ""


@dataclass
class Finding:
    """One row of the last 问题清单."""

    name: str  # 部门（文件夹）
    agency: str
    level: str  # 错误 / 提醒
    rule: str
    place: str
    message: str

    @property
    def who(self) -> str:
        return squash(self.agency or self.name)


@dataclass
class LastDepartment:
    name: str
    agency: str
    status: str
    fingerprint: str = ""


@dataclass
class LastSummary:
    """What the previous run's 汇总.xlsx said (nothing when there was none or it could not be read)."""

    path: Path
    written: dt.datetime | None = None
    findings: list[Finding] = field(default_factory=list)
    departments: dict[str, LastDepartment] = field(default_factory=dict)  # by agency (else name), squashed
    marks: Marks = field(default_factory=Marks)
    readable: bool = False


def _table(ws) -> tuple[dict[str, int], list[tuple]]:
    rows = ws.iter_rows(values_only=True)
    heading = [str(c or "") for c in next(rows, ())]
    return {h: i for i, h in enumerate(heading) if h}, [tuple("" if c is None else str(c) for c in r) for r in rows]


def read_last(summary: Path) -> LastSummary:
    """The summary at `summary`, as the previous round (an unreadable one costs the comparison and
    the marks, never the run)."""
    last = LastSummary(summary)
    if not summary.is_file():
        return last
    last.written = dt.datetime.fromtimestamp(summary.stat().st_mtime)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(summary, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (anything openpyxl raises on a file that is not its own)
        return last
    try:
        if "问题清单" not in wb.sheetnames:
            return last
        agencies: dict[str, str] = {}
        if "汇总" in wb.sheetnames:
            cols, rows = _table(wb["汇总"])
            name_at, agency_at, status_at = (cols.get(h, -1) for h in ("部门（文件夹）", "机关名称", "状态"))
            for row in rows:
                name = row[name_at] if 0 <= name_at < len(row) else ""
                agency = row[agency_at] if 0 <= agency_at < len(row) else ""
                if name and 0 <= status_at < len(row) and row[status_at]:
                    agencies[name] = agency
                    last.departments[squash(agency or name)] = LastDepartment(name, agency, row[status_at])
        if SHEET in wb.sheetnames:
            cols, rows = _table(wb[SHEET])
            for row in rows:
                who = squash(row[cols["机关名称"]] or row[cols["部门（文件夹）"]]) if "机关名称" in cols else ""
                if who in last.departments and "文件指纹" in cols and cols["文件指纹"] < len(row):
                    last.departments[who].fingerprint = row[cols["文件指纹"]]
        cols, rows = _table(wb["问题清单"])
        at = [cols.get(h, -1) for h in ("部门（文件夹）", "级别", "规则", "位置", "说明")]
        for row in rows:
            if len(row) <= max(at) or min(at) < 0:
                continue
            if ROUND_COLUMN in cols and cols[ROUND_COLUMN] < len(row) and row[cols[ROUND_COLUMN]] == FIXED:
                continue  # last time's list of what was fixed before it: not a finding of that run
            name, level, rule, place, message = (row[i] for i in at)
            last.findings.append(Finding(name, agencies.get(name, ""), level, rule, place, message))
            if "审核" in cols and cols["审核"] < len(row) and row[cols["审核"]].strip() == REVIEWED:
                last.marks.marked[key(agencies.get(name, ""), name, rule, place, message)] += 1
        last.readable = True
    finally:
        wb.close()
    return last


def keep(last: LastSummary) -> Path | None:
    """Copy the previous summary beside itself under the time it was written (汇总（2026-01-20
    10时05分）.xlsx), before the new one replaces it; None when there was none."""
    if last.written is None or not last.path.is_file():
        return None
    n = 1
    while (kept := last.path.with_name(kept_summary_name(last.written, n))).exists():
        n += 1
    copy_atomic(last.path, kept)
    return kept


# --- this run against the last --------------------------------------------------------------------

Item = tuple[str, str, Problem]  # (部门（文件夹）, agency, problem): one row of 问题清单


@dataclass
class DepartmentRound:
    name: str
    agency: str
    before: str  # last run's status, "" when the department was not in it
    now: str
    fingerprint: str
    last_fingerprint: str = ""
    new: int = 0
    still: int = 0
    fixed: list[Finding] = field(default_factory=list)

    @property
    def files(self) -> str:
        if not self.before:
            return FIRST_TIME
        return SAME_FILES if self.fingerprint and self.last_fingerprint == self.fingerprint else CHANGED_FILES

    @property
    def returned_unchanged(self) -> bool:
        """Its report had errors last time (returned for correction) and its files did not change."""
        return self.before == ERRORS and self.files == SAME_FILES


@dataclass
class Round:
    """This run against the last: a mark per 问题清单 row, each department's counts, and what was fixed."""

    last: LastSummary
    marks: list[str] = field(default_factory=list)  # parallel to the items compared
    departments: list[DepartmentRound] = field(default_factory=list)
    fixed_elsewhere: list[Finding] = field(default_factory=list)  # the folder's notes, 未交 units… gone
    gone: list[LastDepartment] = field(default_factory=list)  # last time's departments not in this run
    kept: Path | None = None

    @property
    def compared(self) -> bool:
        return self.last.readable

    def total(self, mark: str) -> int:
        if mark == FIXED:
            return sum(len(d.fixed) for d in self.departments) + len(self.fixed_elsewhere)
        return self.marks.count(mark)

    @property
    def fixed(self) -> list[tuple[str, Finding]]:
        """Every finding of last time gone this time, with the row it belongs to on this run."""
        return [(d.name, f) for d in self.departments for f in d.fixed] + [(f.name, f) for f in self.fixed_elsewhere]

    @property
    def returned_unchanged(self) -> list[DepartmentRound]:
        return [d for d in self.departments if d.returned_unchanged]


def compare(last: LastSummary, results: list[DepartmentResult], items: list[Item]) -> Round:
    """Mark each of this run's findings (`items`, in 问题清单's order) against the last summary's."""
    found = Round(last)
    if not last.readable:
        return found
    waiting: dict[tuple[str, str, str, str], list[int]] = {}
    loose: dict[tuple[str, str, str], list[int]] = {}
    for i, f in enumerate(last.findings):
        waiting.setdefault((f.who, f.rule, f.place, f.message), []).append(i)
        loose.setdefault((f.who, f.rule, f.place), []).append(i)
    taken: set[int] = set()

    def take(candidates: list[int]) -> bool:
        free = next((i for i in candidates if i not in taken), None)
        if free is None:
            return False
        taken.add(free)
        return True

    marks: list[str | None] = []
    for name, agency, p in items:  # the same finding first, then the same fault with another figure
        who = squash(agency or name)
        marks.append(STILL if take(waiting.get((who, p.rule, p.place(), p.message), [])) else None)
    for n, (name, agency, p) in enumerate(items):
        if marks[n] is None:
            marks[n] = STILL if take(loose.get((squash(agency or name), p.rule, p.place()), [])) else NEW
    found.marks = [m or NEW for m in marks]
    by_who = {squash(r.agency or r.name): r for r in results}
    rounds: dict[str, DepartmentRound] = {}
    for r in results:
        who = squash(r.agency or r.name)
        before = last.departments.get(who)
        d = DepartmentRound(r.name, r.agency, before.status if before else "", r.status, r.fingerprint,
                            before.fingerprint if before else "")
        rounds.setdefault(who, d)
        found.departments.append(d)
    for (name, agency, _), mark in zip(items, found.marks):
        d = rounds.get(squash(agency or name))
        if d is not None:
            d.new += mark == NEW
            d.still += mark == STILL
    for i, f in enumerate(last.findings):
        if i in taken:
            continue
        if f.who in rounds:
            rounds[f.who].fixed.append(f)
        elif f.who in last.departments and f.who not in by_who:
            continue  # its department is not in the folder this time: nothing is said to be fixed
        else:
            found.fixed_elsewhere.append(f)
    found.gone = [d for who, d in last.departments.items() if who not in by_who]
    return found


def round_sheet(wb, found: Round, results: list[DepartmentResult]) -> None:
    """汇总.xlsx's 轮次对照: each department's status last time and now, its counts, whether its files
    changed; the files' prints (a hidden column) let the next round tell an unchanged report."""
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(SHEET)
    ws.append(list(HEADINGS))
    rows = found.departments if found.compared else [
        DepartmentRound(r.name, r.agency, "", r.status, r.fingerprint) for r in results
    ]
    for d in rows:
        files = d.files if found.compared else ""
        if d.returned_unchanged:
            files = f"{files}（{RETURNED_UNCHANGED}）"
        ws.append([d.name, d.agency, d.before, d.now, d.new, d.still, len(d.fixed), files, d.fingerprint])
    if found.compared:
        ws.append([])
        when = f"{found.last.written:%Y-%m-%d %H:%M}" if found.last.written else ""
        kept = f"，已保留为 {found.kept.name}" if found.kept is not None else ""
        ws.append([f"与上次的汇总（{when} 写出{kept}）对照：{NEW} {found.total(NEW)} 个，{STILL} {found.total(STILL)} 个，{FIXED} {found.total(FIXED)} 个。"])
    else:
        ws.append([])
        ws.append(["第一次审核：下次运行到同一输出文件夹时，每个问题都与本次对照，标出新出现、仍存在、已改正。"])
    for cell in ws[1]:
        cell.font = Font(name="宋体", size=11, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for col, width in zip("ABCDEFGHI", (24, 30, 10, 10, 8, 8, 8, 26, 18)):
        ws.column_dimensions[col].width = width
    ws.column_dimensions["I"].hidden = True
    ws.freeze_panes = "A2"


def fixed_rows(found: Round) -> list[list[str]]:
    """问题清单's rows for what was fixed since the last run (本轮 = 已改正)."""
    return [[name, f.level, f.rule, f.place, f.message, "", FIXED] for name, f in found.fixed]
