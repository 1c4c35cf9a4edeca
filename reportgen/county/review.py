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
from reportgen.core.model import Stats
from reportgen.core.oserrors import describe
from reportgen.core.problems import Problem, error, internal_error
from reportgen.county import summary
from reportgen.county.results import BatchResult, DepartmentResult, ProgressCallback


def check_one(path: Path, previous: Stats | None = None) -> DepartmentResult:
    """One report as a batch row: its problems, and its figures when all were read."""
    try:
        report, problems = api.check_report(path, previous)
    except Exception as exc:  # a bug must cost one report, not the review
        return DepartmentResult(path.name, problems=[internal_error(path.name, exc)])
    result = DepartmentResult(path.name, agency=report.meta.agency, problems=problems, year=report.meta.year, output=path)
    if not any(p.rule in NUMBERS_UNREAD and p.is_error for p in problems):
        result.values = dict(report.stats.values)
        # （六）其他处理 in one row: its three items are unknown, so the county sum leaves it out
        result.partial = any(p.rule == "FORMAT" and "（六）" in p.where for p in problems)
    return result


@dataclass
class Checked:
    """`check 报告|文件夹`: last year's problems (with --previous) and one row per report."""

    previous_problems: list[Problem]
    results: list[DepartmentResult]

    @property
    def problems(self) -> list[Problem]:
        return self.previous_problems + [p for r in self.results for p in r.problems]


def check_reports(paths: list[Path], previous: Path | None = None) -> Checked:
    """Every report checked against last year's figures, when last year's file is given."""
    last, problems = api.load_previous(previous) if previous is not None else (None, [])
    return Checked(problems, [check_one(p, last) for p in paths])


def check_all(paths: list[Path], on_result: ProgressCallback | None = None) -> list[DepartmentResult]:
    results = []
    for i, path in enumerate(paths, start=1):
        results.append(check_one(path))
        if on_result is not None:
            on_result(results[-1], i, len(paths))
    return results


@dataclass
class Review:
    """The reviewer's batch: a row per report, and the summaries (None when they could not be written)."""

    results: list[DepartmentResult]
    summary: BatchResult | None = None
    problems: list[Problem] = field(default_factory=list)  # writing the summaries failed

    @property
    def ok(self) -> bool:
        return self.summary is not None and self.summary.ok


def review_folder(paths: list[Path], out_dir: Path, on_result: ProgressCallback | None = None) -> Review:
    """Check every report and write 汇总.xlsx (and the sum of the error-free reports' tables) into out_dir."""
    results = check_all(paths, on_result)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Review(results, summary.write_summaries(results, out_dir))
    except OSError as exc:
        target = Path(exc.filename) if exc.filename else out_dir
        return Review(
            results,
            problems=[error("OUTPUT", target.name, "", f"无法写入 {target}：{describe(exc)}。如汇总表正在打开，请先关闭；也可换一个输出文件夹（-o）")],
        )
