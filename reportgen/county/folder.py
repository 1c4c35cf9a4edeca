"""A folder as a reviewer keeps it, run once: rows in the folder's order, a department's own report
known beside its inputs, two reports of one agency and reports of several years named, every file listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportgen.core.folders import (
    COUNTY_NAME,
    FINISHED,
    INPUTS,
    NARRATIVE_NAME,
    RESOURCES,
    NARRATIVE_SUFFIXES,
    SUMMARY_NAME,
    WORKBOOK_NAME,
    WORKBOOK_SUFFIXES,
    Contents,
    Found,
    choose,
    of_kind,
    visible,
    which_one,
)
from reportgen.core.problems import Problem, error, warning
from reportgen.core.text import squash
from reportgen.county.results import DepartmentResult, ProgressCallback

OWN_REPORT = "本部门的统计表和正文生成的报告，没有单独检查"


@dataclass
class FolderRun:
    """Every row (departments and reports, in the folder's order), the folder's own notes, and every file."""

    results: list[DepartmentResult]
    notes: list[Problem] = field(default_factory=list)  # the folder as a whole: reports of several years
    listing: list[tuple[str, str]] = field(default_factory=list)  # (file as named in the folder, what was done)
    unchecked: list[tuple[str, str]] = field(default_factory=list)  # files not checked and why (shown on screen)
    resources: list[tuple[str, str]] = field(default_factory=list)  # saved pages' own folders, and whose (shown on screen)

    @property
    def problems(self) -> list[Problem]:
        return self.notes + [p for r in self.results for p in r.problems]


def pick_inputs(folder: Path, name: str | None = None) -> tuple[Path | None, Path | None, list[Problem]]:
    """A department folder's workbook and text, or the problems saying which is missing or ambiguous."""
    x, p1 = _pick(folder, WORKBOOK_SUFFIXES, WORKBOOK_NAME, "统计表", name or folder.name)
    t, p2 = _pick(folder, NARRATIVE_SUFFIXES, NARRATIVE_NAME, "正文", name or folder.name)
    return x, t, [p for p in (p1, p2) if p is not None]


def _pick(folder: Path, suffixes: tuple[str, ...], preferred: str, what: str, name: str) -> tuple[Path | None, Problem | None]:
    files = of_kind(visible(folder), suffixes)
    chosen = choose(files, suffixes, preferred)
    if chosen is not None:
        return chosen, None
    if not files:
        return None, error("FILE", name, "", f"文件夹“{name}”中没有{what}（{suffixes[0]} 文件）。请把该部门的{what}放进这个文件夹")
    return None, error("FILE", name, "", f"文件夹“{name}”中有 " + which_one(files, what, preferred))


def own_report(found: Found, departments: dict[Path, DepartmentResult]) -> bool:
    """A report beside a department's inputs, named as the report built from them (.docx/.html/.pdf)."""
    row = departments.get(found.beside) if found.beside is not None else None
    return row is not None and bool(row.own_stem) and found.path.stem == row.own_stem


def finish(
    contents: Contents,
    departments: dict[Path, DepartmentResult],
    check_report: Callable[[Path, str], DepartmentResult],
    on_result: ProgressCallback | None = None,
    total: int = 0,
) -> FolderRun:
    """The rows of `contents`: the departments' (already run), then each report checked by
    `check_report(path, name)` unless it is a department's own; duplicates and years marked."""
    run = FolderRun([])
    done = len(departments)
    for found in contents.found:
        name = contents.name(found.path)
        if found.role == INPUTS:
            row = departments[found.path]
            run.results.append(row)
            run.listing += _department_listing(contents, found, row)
        elif found.role == FINISHED and own_report(found, departments):
            run.listing.append((name, OWN_REPORT))
        elif found.role == FINISHED:
            row = check_report(found.path, name)
            run.results.append(row)
            run.listing.append((name, f"已检查：{row.status}"))
            done += 1
            if on_result is not None:
                on_result(row, done, max(total, done))
        elif found.role == RESOURCES:  # one line for the folder, none for its files
            run.listing.append((name + "/", found.why))
            run.resources.append((name + "/", found.why))
        else:
            run.listing.append((name, found.why))
            if found.path.name not in (SUMMARY_NAME, COUNTY_NAME):
                run.unchecked.append((name, found.why))
    mark_duplicates(run.results)
    run.notes += years_note(run.results, contents.root.name)
    return run


def _department_listing(contents: Contents, found: Found, row: DepartmentResult) -> list[tuple[str, str]]:
    files = [p for p in (found.xlsx, found.txt) if p is not None]
    if not files:
        return [(contents.name(found.path) + "/", "没有检查：" + (row.problems[0].message if row.problems else "没有统计表和正文"))]
    done = f"已检查：{row.status}" + (f"；已生成 {row.output.name}" if row.output is not None and not row.is_report else "")
    return [(contents.name(p), done) for p in files]


def mark_duplicates(results: list[DepartmentResult]) -> None:
    """Two rows of one agency and year: an error on each naming all of them, so none is summed."""
    groups: dict[tuple[str, int | None], list[DepartmentResult]] = {}
    for r in results:
        if r.agency:
            groups.setdefault((squash(r.agency), r.year), []).append(r)
    for (_, year), rows in groups.items():
        if len(rows) < 2:
            continue
        names = "、".join(r.name for r in rows)
        what = f"{rows[0].agency}{f'{year}年' if year else ''}的报告"
        for r in rows:
            r.problems.insert(0, error(
                "DUPLICATE", r.name, "",
                f"{what}有 {len(rows)} 份（{names}）：请只留下要发布的一份，把其余的移出文件夹；在此之前这几份都不计入合计",
            ))


def years_note(results: list[DepartmentResult], folder: str) -> list[Problem]:
    """Reports of more than one year: one 提醒 saying how many of each; nothing is summed."""
    by_year: dict[int, list[str]] = {}
    for r in results:
        if r.year is not None:
            by_year.setdefault(r.year, []).append(r.name)
    if len(by_year) < 2:
        return []
    parts = "；".join(f"{y}年 {len(names)} 份（{'、'.join(names)}）" for y, names in sorted(by_year.items()))
    return [warning("YEARS", folder, "", f"文件夹中有不同年度的报告：{parts}。各年度的数字不相加，没有合计，也没有生成汇总统计表：请把不同年度的报告放在不同的文件夹中")]
