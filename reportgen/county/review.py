"""The county reviewer's view: check every finished report in a folder, one row each, and 汇总.xlsx.

Each report is read and checked on its own (api.check_report); one unreadable file never stops the
others. The summary reuses the batch's workbook: one row per report with its status and key
figures, and every problem on the 问题清单 sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen import api
from reportgen.core.catalogue import NUMBERS_UNREAD
from reportgen.core.folders import Contents
from reportgen.core.model import Meta, Stats
from reportgen.core.oserrors import describe
from reportgen.core.problems import Problem, error, internal_error
from reportgen.county import summary
from reportgen.county.folder import finish, pick_inputs
from reportgen.county.results import BatchResult, DepartmentResult, ProgressCallback


def check_one(path: Path, previous: Stats | None = None, name: str | None = None, last: tuple[Meta, str] | None = None) -> DepartmentResult:
    """One report as a batch row (named `name`, by default its file name): its problems, and its
    figures when all were read. last: the --previous file's Meta and name (PREV when it is not this
    agency's report of the year before)."""
    name = name or path.name
    try:
        mismatch = None
        if previous is not None and last is not None:
            from reportgen.finished import check as finished

            this = finished.load(path).report.meta
            mismatch = api.previous_mismatch(this, path.name, last[0], last[1])
        report, problems = api.check_report(path, None if mismatch else previous)
        problems = problems + ([mismatch] if mismatch else [])
    except Exception as exc:  # a bug must cost one report, not the review
        return DepartmentResult(name, problems=[internal_error(path.name, exc)], is_report=True)
    result = DepartmentResult(
        name, agency=report.meta.agency, problems=problems, year=report.meta.year, output=path, is_report=True
    )
    if not any(p.rule in NUMBERS_UNREAD and p.is_error for p in problems):
        result.values = dict(report.stats.values)
        # （六）其他处理 in one row: its three items are unknown, so the county sum leaves it out
        result.partial = any(p.rule == "FORMAT" and "（六）" in p.where for p in problems)
    return result


def check_department(folder: Path, name: str, previous: Path | None = None) -> DepartmentResult:
    """One department's inputs checked (not built) as a row of the reviewer's folder."""
    xlsx, txt, problems = pick_inputs(folder, name)
    row = DepartmentResult(name, problems=problems)
    if xlsx is None or txt is None:
        return row
    try:
        report, row.problems = api.check_all(xlsx, txt, previous)
    except Exception as exc:  # a bug must cost one department, not the review
        return DepartmentResult(name, problems=[internal_error(name, exc)])
    row.agency, row.year = report.meta.agency, report.meta.year
    row.own_stem = api.default_output(xlsx, report).stem
    if not any(p.is_error and p.file == report.workbook_name for p in row.problems):
        row.values = dict(report.stats.values)
    return row


@dataclass
class Checked:
    """`check 报告|文件夹`: last year's problems (with --previous), one row per report or department,
    the folder's notes and the files not checked."""

    previous_problems: list[Problem]
    results: list[DepartmentResult]
    notes: list[Problem] = field(default_factory=list)
    unchecked: list[tuple[str, str]] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.previous_problems + self.notes + [p for r in self.results for p in r.problems]


def check_reports(paths: list[Path], previous: Path | None = None) -> Checked:
    """Every report checked against last year's figures, when last year's file is given."""
    last, problems = api.load_previous(previous) if previous is not None else (None, [])
    meta = api.previous_meta(previous) if last is not None and previous is not None else None
    return Checked(problems, [check_one(p, last, last=(meta, previous.name) if meta and previous else None) for p in paths])


def check_folder(contents: Contents, previous: Path | None = None) -> Checked:
    """Everything in a reviewer's folder (core.folders.survey): each department's inputs and each
    report checked, a department's own report known, duplicates and years named."""
    last, problems = api.load_previous(previous) if previous is not None and contents.reports else (None, [])
    rows = {f.path: check_department(f.path, contents.name(f.path), previous) for f in contents.departments}
    done = finish(contents, rows, lambda path, name: check_one(path, last, name))
    return Checked(problems, done.results, done.notes, done.unchecked)


@dataclass
class Review:
    """The reviewer's batch: a row per report, and the summaries (None when they could not be written)."""

    results: list[DepartmentResult]
    summary: BatchResult | None = None
    problems: list[Problem] = field(default_factory=list)  # writing the summaries failed
    notes: list[Problem] = field(default_factory=list)  # the folder as a whole (reports of several years)
    unchecked: list[tuple[str, str]] = field(default_factory=list)  # files not checked, and why

    @property
    def ok(self) -> bool:
        return self.summary is not None and self.summary.ok


def review_folder(contents: Contents, out_dir: Path, on_result: ProgressCallback | None = None) -> Review:
    """Check every report of a folder holding no department's inputs and write 汇总.xlsx (and the
    sum of the error-free reports' tables) into out_dir."""
    done = finish(contents, {}, lambda path, name: check_one(path, None, name), on_result, len(contents.reports))
    results = done.results
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = summary.write_summaries(results, out_dir, done.listing, done.notes)
        written.notes, written.unchecked = done.notes, done.unchecked
        return Review(results, written, notes=done.notes, unchecked=done.unchecked)
    except OSError as exc:
        target = Path(exc.filename) if exc.filename else out_dir
        return Review(
            results, notes=done.notes, unchecked=done.unchecked,
            problems=[error("OUTPUT", target.name, "", f"无法写入 {target}：{describe(exc)}。如汇总表正在打开，请先关闭；也可换一个输出文件夹（-o）")],
        )
