"""A folder as a reviewer keeps it, run once: rows in the folder's order, a department's own report
known beside its inputs, two reports of one agency and reports of several years named, every file listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportgen.core.folders import (
    FINISHED,
    INPUTS,
    NARRATIVE_NAME,
    RESOURCES,
    NARRATIVE_SUFFIXES,
    WORKBOOK_NAME,
    WORKBOOK_SUFFIXES,
    Contents,
    Found,
    choose,
    is_ours,
    narrative_of,
    of_kind,
    visible,
    which_one,
)
from reportgen.core.agencies import groups as agency_groups
from reportgen.core.problems import Problem, error, warning
from reportgen.county.results import DepartmentResult, ProgressCallback
from reportgen.county.similar import mark_similar
from reportgen.office import convert

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
    t = narrative_of(visible(folder), x)  # 正文.txt, or the 正文.docx written in Word
    p2 = None if t is not None else _pick(folder, NARRATIVE_SUFFIXES, NARRATIVE_NAME, "正文", name or folder.name)[1]
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


def expected_reports(contents: Contents) -> int:
    """How many finished reports `finish` will check: every one but a department's own (told by the
    name its workbook's agency and year give, as own_report does), so that a progress count is true
    from its first line."""
    from reportgen import api

    stems: dict[Path, str] = {}
    n = 0
    for found in contents.reports:
        if found.beside is not None and found.beside in {d.path for d in contents.departments}:
            if found.beside not in stems:
                xlsx, _, _ = pick_inputs(found.beside)
                stems[found.beside] = api.default_output(xlsx, api.load_workbook(xlsx)[0]).stem if xlsx else ""
            if stems[found.beside] and found.path.stem == stems[found.beside]:
                continue
        n += 1
    return n


def finish(
    contents: Contents,
    departments: dict[Path, DepartmentResult],
    check_report: Callable[[Path, str], DepartmentResult],
    on_result: ProgressCallback | None = None,
    total: int = 0,
) -> FolderRun:
    """The rows of `contents`: the departments' (already run), then each report checked by
    `check_report(path, name)` unless it is a department's own; duplicates and years marked. The
    progress (`on_result`) and the listing show each row's final status: a report that makes an
    earlier row a DUPLICATE is shown with its error, and the earlier row is shown again."""
    run = FolderRun([])
    done = len(departments)
    seen = list(departments.values())
    listed: list[tuple[str, DepartmentResult | None, str]] = []  # (name, row, or what was done)
    # The folder's office files (.doc, .wps, .rtf, .odt) converted at once, by one LibreOffice.
    with convert.session(f.path for f in contents.found if f.role == FINISHED and not own_report(f, departments)):
        for found in contents.found:
            name = contents.name(found.path)
            if found.role == INPUTS:
                row = departments[found.path]
                run.results.append(row)
                listed += _department_listing(contents, found, row)
            elif found.role == FINISHED and own_report(found, departments):
                listed.append((name, None, OWN_REPORT))
            elif found.role == FINISHED:
                row = check_report(found.path, name)
                run.results.append(row)
                listed.append((name, row, ""))
                done += 1
                seen.append(row)
                changed = mark_duplicates(seen)
                if on_result is not None:
                    on_result(row, done, max(total, done))
                    for other in changed:
                        if other is not row:
                            on_result(other, done, max(total, done))
            elif found.role == RESOURCES:  # one line for the folder, none for its files
                listed.append((name + "/", None, found.why))
                run.resources.append((name + "/", found.why))
            else:
                listed.append((name, None, found.why))
                if not is_ours(found.path.name):
                    run.unchecked.append((name, found.why))
    mark_duplicates(run.results)  # the final wording: every row of the group named in the folder's order
    mark_similar(run.results)
    run.listing = [(name, _done(row) if row is not None else why) for name, row, why in listed]
    run.notes += years_note(run.results, contents.root.name)
    return run


def _done(row: DepartmentResult) -> str:
    if row.is_report:
        return f"已检查（{row.form or '无法读取'}）：{row.status}"
    return f"已检查：{row.status}" + (f"；已生成 {row.output.name}" if row.output is not None and not row.is_report else "")


def _department_listing(contents: Contents, found: Found, row: DepartmentResult) -> list[tuple[str, DepartmentResult | None, str]]:
    files = [p for p in (found.xlsx, found.txt) if p is not None]
    if not files:
        return [(contents.name(found.path) + "/", None, "没有检查：" + (row.problems[0].message if row.problems else "没有统计表和正文"))]
    return [(contents.name(p), row, "") for p in files]


def mark_duplicates(results: list[DepartmentResult]) -> list[DepartmentResult]:
    """Two rows of one agency (core.agencies.groups) and year: an error on each naming all of them,
    so none is summed. Run again as rows arrive, it rewrites the errors it made; the rows whose
    status it changed."""
    before = [r.status for r in results]
    for r in results:
        r.problems = [p for p in r.problems if p.rule != "DUPLICATE"]
    by_year: dict[int | None, list[DepartmentResult]] = {}
    for r in results:
        if r.agency:
            by_year.setdefault(r.year, []).append(r)
    groups = [  # one agency as core.agencies knows it: 县教育局 is 某某县教育局, 区政府 not 区公安局
        (year, [named[i] for i in group])
        for year, named in by_year.items() for group in agency_groups([(r.agency, r.signature) for r in named])
    ]
    for year, rows in groups:
        if len(rows) < 2:
            continue
        names = "、".join(r.name for r in rows)
        what = f"{rows[0].agency}{f'{year}年' if year else ''}的报告"
        for r in rows:
            r.problems.insert(0, error(
                "DUPLICATE", r.name, "",
                f"{what}有 {len(rows)} 份（{names}）：请只留下要发布的一份，把其余的移出文件夹；在此之前这几份都不计入合计",
            ))
    return [r for r, was in zip(results, before) if r.status != was]


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
