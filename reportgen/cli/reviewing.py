"""The reviewer's round on the command line: the options (--roster, --deadline), `init --roster`,
the reviewer's batch of finished reports, and what a round prints beyond the rows (the roster's
报送情况, the marks against the last summary, the kept summary, 汇总.html)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from reportgen.cli.views import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, print_problems
from reportgen.core.problems import error


class Day(click.ParamType):
    """A date as a reviewer types it (2026-01-28, 2026年1月28日, 2026.1.28), refused in Chinese."""

    name = "日期"

    def convert(self, value, param, ctx):
        from reportgen.core.cellvalues import BadValue, parse_date

        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value).strip())
        except BadValue:
            self.fail(f"“{value}”不是日期：请写成 2026-01-28 或 2026年1月28日", param, ctx)


roster_option = click.option(
    "--roster", "roster_file", metavar="名单.xlsx|名单.txt", type=click.Path(dir_okay=False, path_type=Path),
    help="应报送年度报告的单位名单（每行一个单位，可写简称和类别），列出未交和名单外的单位；"
    "默认用文件夹中的 名单.xlsx 或 名单.txt",
)
deadline_option = click.option(
    "--deadline", type=Day(), metavar="日期",
    help="网页报告应公开的最后日期（如 2026-01-28），晚于它的发布日期为提醒；默认按《条例》：部门1月31日，本级政府3月31日",
)


def init_roster(directory: Path, force: bool) -> int:
    """`init 文件夹 --roster`: a blank 名单.xlsx for the reviewer, never over one without --force."""
    from reportgen.core.folders import ROSTER_NAMES
    from reportgen.core.oserrors import describe
    from reportgen.county.roster import write_blank

    target = directory / ROSTER_NAMES[0]
    if target.exists() and not force:
        print_problems([error("EXISTS", target.name, "", f"{target} 已存在，没有覆盖（加 --force 才覆盖）")], err=True)
        return EXIT_PROBLEMS
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_blank(target)
    except OSError as exc:
        print_problems([error("OUTPUT", target.name, "", f"无法写入 {target}：{describe(exc)}")], err=True)
        return EXIT_PROBLEMS
    click.echo(f"已生成：{target}")
    click.echo("请在“名单”表中每行填一个应报送年度报告的单位（全称，可填简称和类别），把它放在各单位报告所在的文件夹中，然后运行：")
    from reportgen.cli.quoting import command

    click.echo(f"  {command('reportgen', 'batch', directory)}")
    return EXIT_OK


def review_batch(contents, target: Path, previous: Path | None, deadline, roster_file, page: bool, want_pdf: bool) -> int:
    """`batch` over a folder of finished reports only: checked, not built; 汇总.xlsx (and 汇总.html)."""
    from reportgen.cli import views
    from reportgen.county import review

    try:
        reviewed = review.review_folder(contents, target, previous=previous, deadline=deadline, roster_file=roster_file, page=page)
    except KeyboardInterrupt:
        click.echo("\n已中断：汇总表没有生成，没有留下写了一半的文件。请重新运行 reportgen batch。", err=True)
        return EXIT_INTERRUPTED
    if reviewed.results or reviewed.summary is not None:  # an unwritable -o is refused before any report is read
        views.print_review(reviewed.results, reviewed.notes)
        views.print_pairing(reviewed.summary.pairing if reviewed.summary is not None else [])
        views.print_unchecked(reviewed.unchecked, reviewed.resources)
    print_problems(reviewed.problems, err=True)
    if reviewed.summary is not None:
        print_round(reviewed.summary)
        views.print_review_summary(reviewed.summary)
        print_page(reviewed.summary)
    if want_pdf:
        click.echo("提醒：--pdf 只用于本程序生成的报告；这个文件夹中是已完成的报告，没有生成 PDF。", err=True)
    return EXIT_OK if reviewed.ok else EXIT_PROBLEMS


# --- what a round prints beyond the rows ----------------------------------------------------------


def print_sent(sent) -> None:
    """The roster against the folder, in one line: how many units sent, and which did not."""
    if sent is None:
        return
    from reportgen.county.roster import NOT_SENT, STATUS_ORDER

    units = len(sent.roster.units)
    counts = "，".join(f"{s} {sent.count(s)} 个" for s in STATUS_ORDER[::-1])
    missing = "、".join(u.name for u, _ in sent.missing)
    unlisted = [r for r in sent.rows if not r.listed]
    line = f"名单（{sent.roster.name}）上 {units} 个单位：已报送 {units - len(sent.missing)} 个（{counts}），{NOT_SENT} {len(sent.missing)} 个"
    line += f"（{missing}）" if missing else ""
    line += f"；名单外 {len(unlisted)} 份（{'、'.join(f for r in unlisted for f in r.files)}）。" if unlisted else "。"
    click.echo(line)


def print_round(result) -> None:
    """This run against the last summary in the folder: the marks in total and per department, what
    was fixed, the returned reports that did not change, and where the last summary is kept."""
    print_sent(result.sent)
    found = result.round
    if found is None or not found.compared:
        return
    from reportgen.county.rounds import FIXED, NEW, RETURNED_UNCHANGED, STILL

    when = f"{found.last.written:%Y-%m-%d %H:%M}" if found.last.written else ""
    click.echo(f"与上次审核（{when}）对照：{NEW} {found.total(NEW)} 个，{STILL} {found.total(STILL)} 个，{FIXED} {found.total(FIXED)} 个。")
    for d in found.departments:
        if d.new or d.still or d.fixed:
            parts = [f"{m} {n} 个" for m, n in ((NEW, d.new), (STILL, d.still), (FIXED, len(d.fixed))) if n]
            before = f"（上次{d.before}，本次{d.now}）" if d.before and d.before != d.now else ""
            click.echo(f"  {d.name}：{'，'.join(parts)}{before}")
            for f in d.fixed:
                click.echo(f"    {FIXED}：{f.level} [{f.rule}] {f.place}：{f.message}")
    for f in found.fixed_elsewhere:
        click.echo(f"  {FIXED}：{f.level} [{f.rule}] {f.place}：{f.message}")
    if found.returned_unchanged:
        names = "、".join(f"{d.name}（仍有错误）" for d in found.returned_unchanged)
        click.echo(f"{RETURNED_UNCHANGED}（上次有错误，文件与上次完全相同）：{names}")
    if found.gone:
        click.echo(f"上次审核过、本次文件夹中没有的：{'、'.join(d.name for d in found.gone)}")
    if found.kept is not None:
        click.echo(f"上次的{result.summary.name}已保留为：{found.kept.name}")


def print_page(result) -> None:
    if result.page is not None:
        click.echo(f"已写入：{result.page}（汇总网页：在浏览器中打开，可排序，不需要联网）")
