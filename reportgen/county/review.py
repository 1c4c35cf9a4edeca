"""The county reviewer's view: check every finished report in a folder, one line each, and 汇总.xlsx.

Each report is read and checked on its own (finished.check); one unreadable file never stops the
others. The summary reuses the batch's workbook: one row per report with its status and key
figures, and every problem on the 问题清单 sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from reportgen.core.catalogue import NUMBERS_UNREAD
from reportgen.core.model import Stats
from reportgen.core.problems import internal_error
from reportgen.county.batch import DepartmentResult
from reportgen.finished import check as finished


def check_one(path: Path, previous: Stats | None = None) -> DepartmentResult:
    """One report as a batch row: its problems, and its figures when all were read."""
    try:
        report, problems = finished.check(path, previous)
    except Exception as exc:  # a bug must cost one report, not the review
        return DepartmentResult(path.name, problems=[internal_error(path.name, exc)])
    result = DepartmentResult(path.name, agency=report.meta.agency, problems=problems, year=report.meta.year, output=path)
    if not any(p.rule in NUMBERS_UNREAD and p.is_error for p in problems):
        result.values = dict(report.stats.values)
        # （六）其他处理 in one row: its three items are unknown, so the county sum leaves it out
        result.partial = any(p.rule == "FORMAT" and "（六）" in p.where for p in problems)
    return result


def check_all(paths: list[Path], on_result: Callable[[DepartmentResult, int, int], None] | None = None) -> list[DepartmentResult]:
    results = []
    for i, path in enumerate(paths, start=1):
        results.append(check_one(path))
        if on_result is not None:
            on_result(results[-1], i, len(paths))
    return results


def summarise(results: list[DepartmentResult], out_dir: Path):
    """Write 汇总.xlsx (and the sum of the error-free reports' tables) into out_dir."""
    from reportgen.county.batch import write_summaries

    out_dir.mkdir(parents=True, exist_ok=True)
    return write_summaries(results, out_dir)
