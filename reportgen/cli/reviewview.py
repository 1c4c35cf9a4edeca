"""What `reportgen check` and `reportgen batch` print for finished reports (the reviewer's view).

One line per report with its status, then its problems; the counts at the end. The batch also
writes 汇总.xlsx (review.summarise). Exit codes as for the clerk's files: 0 no errors, 1 errors.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from reportgen import api
from reportgen.core.oserrors import describe
from reportgen.core.problems import Problem, has_errors
from reportgen.county import review
from reportgen.county.batch import ERRORS, PASSED, WARNINGS, DepartmentResult

EXIT_OK, EXIT_PROBLEMS = 0, 1


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p))
    n_err = sum(p.is_error for p in problems)
    if problems:
        click.echo(f"共 {n_err} 个错误，{len(problems) - n_err} 个提醒。")


def check_reports(paths: list[Path], as_json: bool, previous: Path | None, folder: bool) -> int:
    """`check 报告.docx` (folder=False: as for a workbook) or `check 文件夹` (one line per report)."""
    last, problems = api.load_previous(previous) if previous is not None else (None, [])
    results = [review.check_one(p, last) for p in paths]
    everything = problems + [p for r in results for p in r.problems]
    if as_json:
        click.echo(json.dumps([p.to_dict() for p in everything], ensure_ascii=False, indent=2))
    elif not folder:
        if everything:
            _print_problems(everything)
        else:
            click.echo("检查通过，没有发现问题。")
    else:
        _print_problems(problems)
        print_review(results)
    return EXIT_PROBLEMS if has_errors(everything) else EXIT_OK


def print_review(results: list[DepartmentResult]) -> None:
    for r in results:
        n_err = sum(p.is_error for p in r.problems)
        note = f"（{n_err} 个错误，{len(r.problems) - n_err} 个提醒）" if r.problems else ""
        agency = f" {r.agency}" if r.agency else ""
        click.echo(f"{r.name}{agency}：{r.status}{note}")
        for p in r.problems:
            click.echo(f"  {p}")
    counts = {s: sum(r.status == s for r in results) for s in (PASSED, WARNINGS, ERRORS)}
    click.echo(
        f"共 {len(results)} 份报告：{PASSED} {counts[PASSED]} 份，{WARNINGS} {counts[WARNINGS]} 份，{ERRORS} {counts[ERRORS]} 份。"
    )


def review_batch(paths: list[Path], target: Path) -> int:
    """The county reviewer's batch: every finished report checked, one line each, and 汇总.xlsx."""
    results = review.check_all(paths)
    print_review(results)
    try:
        summary = review.summarise(results, target)
    except OSError as exc:
        click.echo(f"错误：无法写入 {exc.filename or target}：{describe(exc)}。如汇总表正在打开，请先关闭；也可换一个输出文件夹（-o）", err=True)
        return EXIT_PROBLEMS
    click.echo(f"已写入：{summary.summary}（每份报告一行，“问题清单”表列出全部问题）")
    if summary.county is not None:
        click.echo(f"已写入：{summary.county}（{summary.county_count} 份没有错误的报告的表格合计）")
    return EXIT_PROBLEMS if not summary.ok else EXIT_OK
