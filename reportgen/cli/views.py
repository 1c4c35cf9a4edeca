"""Everything the command line prints: problems (text or --json), the reviewer's rows, the batch's
progress and summary, and the exit codes. The commands call the library, which returns results;
only this module turns them into lines.

Exit codes: 0 fine (warnings allowed), 1 problems in the input, 2 wrong usage, 3 an unexpected error
of reportgen itself (logged), 130 interrupted.
"""

from __future__ import annotations

import json
import sys

import click

from reportgen.cli.console import clip
from reportgen.core.problems import Problem, has_errors
from reportgen.core.text import display_width
from reportgen.county.pairing import PAIRED
from reportgen.finished.door import ORDINARY_FORMS
from reportgen.county.results import (
    ERRORS,
    KEY_FIGURES,
    PASSED,
    WARNINGS,
    BatchResult,
    DepartmentResult,
    totals_label,
    totals_row,
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

MAX_PROBLEMS_SHOWN = 5  # per department on screen; 汇总.xlsx lists them all
# The progress line fits an 80-column console (Windows' default): "生成报告  [bar]  n/N  name".
LINE_COLUMNS, BAR_LABEL, BAR_WIDTH = 79, "生成报告", 16


def exit_code(problems: list[Problem]) -> int:
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def print_problems(problems: list[Problem], err: bool = False) -> None:
    """Each problem on its line, then the count (nothing at all for none)."""
    for p in problems:
        click.echo(str(p), err=err)
    n_err = sum(p.is_error for p in problems)
    if problems:
        click.echo(f"共 {n_err} 个错误，{len(problems) - n_err} 个提醒。", err=err)


def print_json(problems: list[Problem]) -> None:
    click.echo(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))


def print_checked(problems: list[Problem], as_json: bool) -> None:
    """`check`'s answer for one department or one report."""
    if as_json:
        print_json(problems)
    elif problems:
        print_problems(problems)
    else:
        click.echo("检查通过，没有发现问题。")


def print_review(results: list[DepartmentResult], notes: list[Problem] = ()) -> None:  # type: ignore[assignment]
    """The reviewer's folder: one line per report (or department) with its status, then its
    problems; the folder's notes; the counts."""
    for r in results:
        n_err = sum(p.is_error for p in r.problems)
        note = f"（{n_err} 个错误，{len(r.problems) - n_err} 个提醒）" if r.problems else ""
        agency = f" {r.agency}" if r.agency else ""
        form = f"（{r.form}）" if r.form and r.form not in ORDINARY_FORMS else ""  # PDF, 扫描件, converted files
        click.echo(f"{r.name}{agency}{form}：{r.status}{note}")
        for p in r.problems:
            click.echo(f"  {p}")
    for p in notes:
        click.echo(str(p))
    counts = {s: sum(r.status == s for r in results) for s in (PASSED, WARNINGS, ERRORS)}
    n_reports = sum(r.is_report for r in results)
    what = f"{len(results)} 份报告" if n_reports == len(results) else f"{n_reports} 份报告和 {len(results) - n_reports} 个部门的统计表、正文"
    click.echo(f"共 {what}：{PASSED} {counts[PASSED]} 份，{WARNINGS} {counts[WARNINGS]} 份，{ERRORS} {counts[ERRORS]} 份。")


def print_pairing(pairing: list) -> None:
    """--previous 上年文件夹: which of this year's were compared with which of last year's, which had
    no partner, and last year's agencies missing this year."""
    if not pairing:
        return
    paired = [p for p in pairing if p.note == PAIRED]
    click.echo(f"与上年对照：{len(paired)} 份已配对，{len(pairing) - len(paired)} 份没有配对。")
    for p in pairing:
        if p.note == PAIRED:
            click.echo(f"  {p.this_year} ↔ 上年 {p.last_year}")
        elif p.this_year:
            click.echo(f"  {p.this_year}：{p.note}")
        else:
            click.echo(f"  上年 {p.last_year}（{p.agency}）：{p.note}")


def print_unchecked(unchecked: list[tuple[str, str]], resources: list[tuple[str, str]] = ()) -> None:
    """The files of a folder that were not checked, each with why: nothing is skipped silently; then a
    saved page's own folder (县文旅局_files/) in one line saying whose files they are."""
    if unchecked:
        click.echo(f"另有 {len(unchecked)} 个文件没有检查：")
    for name, why in unchecked:
        click.echo(f"  {name}：{why}")
    for name, whose in resources:
        click.echo(f"{name}：{whose}")


def print_reviewed(result: BatchResult) -> None:
    """The reviewer's 已核 marks carried over from the last 汇总.xlsx, and those an error cannot keep."""
    if result.reviewed:
        n_warnings = sum(not p.is_error for r in result.results for p in r.problems) + sum(not p.is_error for p in result.notes)
        click.echo(f"共 {n_warnings} 个提醒，其中 {result.reviewed} 个提醒已核（上次的{result.summary.name}“问题清单”中标为已核，本次仍然相同）。")
    if result.unmarked_errors:
        click.echo(f"有 {result.unmarked_errors} 个错误在上次的{result.summary.name}中标为已核：错误不能标为已核，标记已去掉，请改正。")


def print_review_summary(summary: BatchResult) -> None:
    print_reviewed(summary)
    click.echo(f"已写入：{summary.summary}（每份报告一行，“问题清单”表列出全部问题）")
    if summary.county is not None:
        click.echo(f"已写入：{summary.county}（{summary.county_count} 份没有错误的报告的表格合计）")
    elif len(summary.years) > 1:
        click.echo(f"报告年度不一致（{'、'.join(map(str, summary.years))}），不相加，没有生成汇总统计表。")


# --- the batch ----------------------------------------------------------------------------------


def _bar_columns(total: int) -> int:
    return display_width(BAR_LABEL) + len("  [") + BAR_WIDTH + len("]  ") + 2 * len(str(total)) + 1 + len("  ")


NAME_COLUMNS = LINE_COLUMNS - _bar_columns(9999)


class ProgressView:
    """Progress of the departments as they finish (in any order)."""

    def __init__(self, total: int, tty: bool | None = None):
        self.total = total
        self.done = 0
        self.tty = sys.stdout.isatty() if tty is None else tty
        self._bar = None
        self._shown: set[str] = set()  # rows already on a line: shown again only when their status changed

    def __enter__(self) -> ProgressView:
        if self.tty:
            self._bar = click.progressbar(
                length=self.total,
                label=BAR_LABEL,
                show_pos=True,
                show_percent=False,
                show_eta=False,
                width=BAR_WIDTH,
                item_show_func=lambda r: clip(r.name, NAME_COLUMNS) if r is not None else None,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def update(self, result: DepartmentResult, done: int, total: int) -> None:
        """A row finished; or, for a row shown before, its status changed (a later report of the same
        agency made both a DUPLICATE): the row again, as 更正, without moving the count."""
        again = result.name in self._shown
        self._shown.add(result.name)
        self.done = done
        if self._bar is not None:
            if not again:
                self._bar.update(1, current_item=result)
            return
        note = f"（{len(result.problems)} 个问题）" if result.problems else ""
        head = " " * (2 * len(str(total)) + 3) if again else f"[{done:>{len(str(total))}}/{total}]"
        click.echo(f"{head} {result.name}：{'更正为' if again else ''}{result.status}{note}")


def _cell(value: object, columns: int, right: bool) -> str:
    text = "" if value is None else str(value)
    pad = " " * max(0, columns - display_width(text))
    return pad + text if right else text + pad


def _table(rows: list[list[object]], numeric_from: int) -> list[str]:
    widths = [max(display_width("" if r[i] is None else str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(_cell(v, widths[i], i >= numeric_from) for i, v in enumerate(row)).rstrip() for row in rows]


def print_summary(result: BatchResult) -> None:
    results = result.results
    head = ["部门", "状态", *(label for label, _ in KEY_FIGURES), "问题数"]
    rows: list[list[object]] = [head]
    for r in results:
        rows.append([r.name, r.status, *("-" if v is None else v for v in r.figures()), len(r.problems)])
    rows.append([totals_label(results), "", *("" if v is None else v for v in totals_row(results)), ""])
    click.echo("")
    for line in _table(rows, numeric_from=2):
        click.echo(line)

    troubled = [r for r in results if r.problems]
    if troubled:
        click.echo("")
    for r in troubled:
        click.echo(f"【{r.name}】{r.status}：")
        for p in r.problems[:MAX_PROBLEMS_SHOWN]:
            click.echo(f"  {p}")
        if len(r.problems) > MAX_PROBLEMS_SHOWN:
            click.echo(f"  ……另有 {len(r.problems) - MAX_PROBLEMS_SHOWN} 个问题，见 {result.summary.name} 的“问题清单”表")

    for p in result.notes:
        click.echo(str(p))
    counts = {s: sum(r.status == s for r in results) for s in (PASSED, WARNINGS, ERRORS)}
    built = sum(r.output is not None and not r.is_report for r in results)
    n_reports = sum(r.is_report for r in results)
    what = f"{len(results)} 个部门" if not n_reports else f"{len(results) - n_reports} 个部门和 {n_reports} 份已完成的报告"
    click.echo("")
    click.echo(
        f"共 {what}：{PASSED} {counts[PASSED]} 个，{WARNINGS} {counts[WARNINGS]} 个，{ERRORS} {counts[ERRORS]} 个；"
        f"生成报告 {built} 份。"
    )
    print_reviewed(result)
    click.echo(f"已写入：{result.summary}")
    if result.county is not None:
        click.echo(f"已写入：{result.county}（{result.county_count} 个没有错误的部门的合计，基本信息请自行填写）")
    elif len(result.years) > 1:
        click.echo(f"各部门年度不一致（{'、'.join(map(str, result.years))}），不相加，没有生成汇总统计表。")
    else:
        click.echo("没有无错误的部门，没有生成汇总统计表。")
    failed = sum(r.status == ERRORS and not r.is_report and r.output is None for r in results)
    if failed:
        click.echo(f"有 {failed} 个部门有错误，没有生成报告：请按上面列出的问题改正该部门的文件后重新运行。")
    if built_wrong := sum(r.status == ERRORS and not r.is_report and r.output is not None for r in results):
        # errors found across departments after their reports were built (one agency twice: DUPLICATE)
        click.echo(f"有 {built_wrong} 个部门的报告已生成，但有错误（见上面列出的问题）：处理后再发布，这些部门没有计入合计。")
    if bad_reports := sum(r.status == ERRORS and r.is_report for r in results):
        click.echo(f"有 {bad_reports} 份已完成的报告有错误：请按上面列出的问题请有关部门改正。")


def carried_from_report(source, carried: list[str], not_carried: list[str]) -> str:
    """`init --from 报告`'s summary: exactly what was carried, and what could not be read."""
    line = f"已从 {source} 带入：{'、'.join(carried) if carried else '（没有可带入的内容）'}；其余数字为0。"
    if not_carried:
        line += f"没有读到：{'、'.join(not_carried)}，请在新统计表中自己填写。"
    return line + "正文由上年报告的正文复制而来，请逐段改写。"
