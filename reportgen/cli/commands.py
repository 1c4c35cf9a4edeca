"""The commands: init, check, build, names, batch, doctor. Thin: parse options, call the library,
hand its results to the views (cli.views prints them and maps exit codes)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen import api
from reportgen.cli import reviewing, starting, views
from reportgen.cli.quoting import command
from reportgen.cli.views import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    exit_code,
    print_problems,
)
from reportgen.cli.zh import Count, ZhGroup, usage_message
from reportgen.core.cellvalues import EXAMPLE_YEAR
from reportgen.core.problems import InputError, error
from reportgen.narrative import quotes

THIS, LAST = EXAMPLE_YEAR, EXAMPLE_YEAR - 1  # the years of the help pages' examples


def _help(f):
    return click.help_option("-h", "--help", help="显示本帮助并退出")(f)


def _use_soffice(ctx, param, value):
    if value:  # the batch's workers and LibreOffice's discovery read it from the environment
        import os

        from reportgen.office.soffice import ENV

        os.environ[ENV] = str(value)
    return value


_soffice = click.option(
    "--soffice", metavar="路径", expose_value=False, callback=_use_soffice,
    help="用这个 LibreOffice 生成 PDF（默认自动查找）",
)


@click.group(
    cls=ZhGroup,
    epilog=f"reportgen init {THIS}年报\nreportgen build {THIS}年报",
    help="政府信息公开工作年度报告生成工具：把统计表（Excel）和正文（文本文件）合成为红头公文格式的 Word 报告。")
@click.version_option(package_name="reportgen", message="reportgen %(version)s", help="显示版本并退出")
@_help
def cli() -> None:
    pass


@cli.command(
    short_help="生成要填写的统计表.xlsx和正文.txt（可从上年的文件或报告开始）。",
    epilog=f"reportgen init {THIS}年报\nreportgen init {THIS}年报 --from {LAST}年报\nreportgen init {THIS}年报 --narrative docx",
    help="在给出的文件夹中生成统计表.xlsx和正文.txt（加 --narrative docx 时是正文.docx），供填写（文件夹不存在时新建）。"
    "加 --from 时从上年的文件开始：基本信息、年度+1、上年结转（取上年的结转下年度）、现行有效件数带入新统计表，"
    "上年正文作为新正文的底稿。"
)
@click.argument("directory", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--from", "sources", multiple=True, metavar="上年文件", type=click.Path(path_type=Path),
    help="上年的统计表（.xlsx）或正文（.txt），可用两次各给一个；也可给放着这两个文件的上年文件夹，或上年已发布的年度报告（.docx/.html/.pdf）",
)
@click.option("--force", is_flag=True, help="文件已存在时覆盖（默认不覆盖）")
@starting.option
@click.option("--roster", "roster", is_flag=True, help="只生成空白的名单.xlsx（审核人员用：填写应报送年度报告的单位）")
@_help
def init(directory: Path, sources: tuple[Path, ...], force: bool, roster: bool, narrative_form: str) -> int:
    from reportgen.cli.openpyxl_lean import import_openpyxl_without_extras
    from reportgen.core import folders

    import_openpyxl_without_extras()  # init writes a workbook: openpyxl without numpy and Pillow
    if roster:
        return reviewing.init_roster(directory, force)

    given = folders.init_sources(list(sources))
    if given.problems:
        print_problems(given.problems, err=True)
        return EXIT_USAGE
    from_xlsx, from_txt, from_report = given.xlsx, given.txt, given.report
    as_word = narrative_form == starting.DOCX
    refused = starting.refused(directory, narrative_form)
    result = None if refused else api.init(directory, from_xlsx, from_txt, force, from_report, as_word)
    if result is None or not result.ok:
        print_problems(refused or result.problems, err=True)
        click.echo("没有生成文件。", err=True)
        return EXIT_PROBLEMS
    if result.problems:
        print_problems(result.problems, err=True)
    starting.say_written(result, from_xlsx, from_txt, from_report)
    return EXIT_OK


@cli.command(
    short_help="检查统计表和正文、部门文件夹或已完成的年度报告，列出所有问题。",
    epilog=f"reportgen check {THIS}年报\nreportgen check 县教育局.docx --previous 县教育局{LAST}.docx",
    help="检查统计表和正文，列出所有问题。没有错误时退出码为0，有错误为1。"
    "只给一个参数时：部门文件夹（放着统计表.xlsx和正文.txt）检查该部门；"
    "已完成的年度报告（.docx/.html/.pdf，任何软件制作或从网站保存）检查其中的表格和正文；放着各部门报告的文件夹逐份检查。"
)
@click.argument("xlsx", metavar="统计表.xlsx|文件夹|报告.docx", type=click.Path(path_type=Path))
@click.argument("txt", metavar="[正文.txt]", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 格式输出问题（供其他程序读取）")
@click.option(
    "--previous", metavar="上年统计表.xlsx|上年文件夹", type=click.Path(path_type=Path),
    help="上一年度的统计表，用于核对上年结转等跨年数据（也可给上一年度已发布的报告 .docx/.html/.pdf）；"
    "检查文件夹时可给上一年度的文件夹，按机关逐份配对核对",
)
@reviewing.roster_option
@reviewing.deadline_option
@_help
def check(xlsx: Path, txt: Path | None, as_json: bool, previous: Path | None, roster_file: Path | None, deadline) -> int:
    if txt is None:
        from reportgen.core import folders

        target = _one_argument(xlsx, "check")
        contents = target.contents
        if target.kind == folders.REPORT or not contents.one_department:  # finished reports: their readers load only here
            from reportgen.county import review

            if target.kind == folders.REPORT:
                checked = review.check_reports(target.reports, _last_years(previous, target.reports), deadline)
            else:  # a reviewer's folder: reports and departments' inputs, at any depth
                checked = review.check_folder(contents, previous, deadline, roster_file)
            rows = checked.results
            if as_json or target.kind == folders.REPORT or (len(rows) == 1 and rows[0].name == xlsx.name and not rows[0].is_report):
                views.print_checked(checked.problems, as_json)  # one report or one department: as for the clerk's files
            else:
                print_problems(checked.previous_problems)
                views.print_review(rows, checked.notes)
                views.print_pairing(checked.pairing)
                reviewing.print_sent(checked.sent)
            if not as_json:
                views.print_unchecked(checked.unchecked, checked.resources)
            return exit_code(checked.problems)
        xlsx, txt = target.xlsx, target.txt
    _, problems = api.check_all(xlsx, txt, _last_years(previous))
    views.print_checked(problems, as_json)
    return exit_code(problems)


def _last_years(previous: Path | None, reports: list[Path] | None = None) -> Path | None:
    """--previous as one department's (or one report's) last year: a clerk's own last-year folder
    stands for its workbook or its one report (core.folders.last_years_file); a folder of many
    agencies is kept for the pairing of several reports."""
    from reportgen.core.folders import last_years_file

    if previous is None or not previous.is_dir() or (reports is not None and len(reports) > 1):
        return previous
    found, why = last_years_file(previous)
    if found is None and reports is not None:
        return previous  # one report against last year's folder: paired by its agency
    if found is None:
        print_problems([error("FILE", previous.name, "", why)], err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS)
    return found


def _one_argument(path: Path, command: str):
    """A folder or a finished report given alone (folders.Inputs); a lone workbook still needs its text."""
    from reportgen.core import folders

    target = folders.classify(path)
    if target.kind == folders.WORKBOOK or (target.kind == folders.REPORT and command != "check"):
        raise click.UsageError(
            "缺少参数 正文.txt（只给一个参数时，应是部门文件夹"
            + ("或已完成的年度报告 .docx/.html/.pdf）" if command == "check" else "）"),
            click.get_current_context(),
        )
    if target.kind is None:
        print_problems([error("FILE", path.name, "", target.message)], err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS)
    return target


@cli.command(
    short_help="生成 Word 报告(.docx)。有错误时不生成，并列出所有问题。",
    epilog=f"reportgen build {THIS}年报 --html\nreportgen build 统计表.xlsx 正文.txt -o 报告.docx --previous {LAST}年报.docx",
    help="生成 Word 报告(.docx)。有错误时不生成，并列出所有问题。只给一个文件夹时，用其中的统计表.xlsx和正文.txt。",
)
@click.argument("xlsx", metavar="统计表.xlsx|文件夹", type=click.Path(path_type=Path))
@click.argument("txt", metavar="[正文.txt]", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", "out", metavar="报告.docx", type=click.Path(path_type=Path),
    help="输出文件（默认：统计表所在文件夹下的“机关名称+年度+年政府信息公开工作年度报告.docx”）",
)
@click.option("--template", metavar="模板.docx", type=click.Path(path_type=Path), help="使用自定义的 Word 模板（默认使用内置红头模板）")
@click.option("--pdf", "want_pdf", is_flag=True, help="同时在 .docx 旁生成 PDF（需要安装 LibreOffice；PDF/A-2b 归档格式，带标签）")
@click.option("--plain-pdf", is_flag=True, help="生成普通 PDF 而不是 PDF/A（个别系统不收 PDF/A 时用；含 --pdf）")
@click.option("--html", "html", is_flag=True, help="同时生成网页（.html，与报告同名），可直接上传政务公开网站")
@click.option("--previous", metavar="上年统计表.xlsx|上年报告", type=click.Path(path_type=Path), help="上一年度的统计表，或上一年度已发布的报告（.docx/.html/.pdf），用于核对上年结转等跨年数据")
@_soffice
@_help
def build(
    xlsx: Path, txt: Path | None, out: Path | None, template: Path | None, want_pdf: bool, plain_pdf: bool, html: bool,
    previous: Path | None,
) -> int:
    if txt is None:  # a department's folder (统计表.xlsx and 正文.txt inside)
        from reportgen.core import folders

        target = _one_argument(xlsx, "build")
        if target.kind == folders.REPORTS:
            message = (f"文件夹 {xlsx} 中只有已完成的年度报告，没有统计表.xlsx 和正文.txt：生成报告需要统计表和正文"
                       f"（检查这些报告请用 {command('reportgen', 'check', xlsx)}）")
            print_problems([error("FILE", xlsx.name, "", message)], err=True)
            return EXIT_PROBLEMS
        xlsx, txt = target.xlsx, target.txt
    if template is not None and not template.is_file():
        print_problems([error("TEMPLATE", template.name, "", f"找不到模板文件 {template}")], err=True)
        return EXIT_PROBLEMS
    new_folder = out is not None and not out.parent.exists()  # made by build, and said so
    result = api.build(xlsx, txt, out=out, template=template, previous=_last_years(previous), html=html or None)
    if not result.ok:
        print_problems(result.problems, err=True)
        click.echo("有错误，没有生成报告。请改正上面列出的问题后重试。", err=True)
        return EXIT_PROBLEMS
    if result.problems:
        print_problems(result.problems, err=True)
    if new_folder and out.parent.is_dir():
        click.echo(f"已新建文件夹：{out.parent}")
    click.echo(f"已生成：{result.output}")
    if result.html:
        click.echo(f"已生成：{result.html}")
    if want_pdf or plain_pdf:
        from reportgen.render.pdf import font_problem, to_pdf

        try:
            pdf = to_pdf(result.output, archival=not plain_pdf)
            beside = Path(result.output).with_suffix(".pdf")  # named as the report was, relative or not
            click.echo(f"已生成：{beside if beside.resolve() == pdf else pdf}")
        except InputError as exc:
            print_problems(exc.problems, err=True)
            click.echo("Word 报告已生成，但没有生成 PDF。", err=True)
            return EXIT_PROBLEMS
        except KeyboardInterrupt:  # LibreOffice is stopped by to_pdf; the report itself is complete
            click.echo("\n已中断：Word 报告已生成，PDF 没有生成，也没有留下写了一半的 PDF。", err=True)
            return EXIT_INTERRUPTED
        if (font := font_problem(pdf)) is not None:
            print_problems([font], err=True)
    return exit_code(result.problems)


@cli.command(
    short_help="列出正文中可以用 {{名称}} 引用的表中数字。",
    epilog="reportgen names 统计表.xlsx",
    help="列出正文中可以引用的表中数字的名称（在正文.txt中写成 {{名称}}，生成报告时换成数字）；给出统计表时同时显示数字。")
@click.argument("xlsx", metavar="[统计表.xlsx]", required=False, type=click.Path(path_type=Path))
@_help
def names(xlsx: Path | None) -> int:
    report, problems = None, []
    if xlsx is not None:
        report, problems = api.load_workbook(xlsx)
        print_problems(problems, err=True)  # the figures are still shown; a wrong cell counts as 0
        if not report.stats.where:
            report = None  # nothing could be read: list the names only
    for q in quotes.QUOTES:
        shown = f" = {quotes.value(q, report)}" if report is not None else ""
        click.echo(f"{{{{{q.name}}}}}{shown}    （{q.where}）")
    click.echo("要原样印出“{{”，写成“\\{{”。")
    return exit_code(problems)


@cli.command(
    short_help="批量检查并生成一个文件夹下各部门的报告，写出汇总表；或审核一个文件夹中的已完成报告。",
    epilog=f"reportgen batch 全县{THIS} --previous 全县{LAST}",
    help="批量检查并生成给出的文件夹下每个部门文件夹中的报告，写出汇总表。有部门出错时退出码为1。"
    "文件夹中只有已完成的年度报告时，逐份审核并写出汇总表。",
)
@click.argument("directory", metavar="文件夹", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", "out_dir", metavar="文件夹", type=click.Path(path_type=Path),
    help="输出文件夹（默认：给出的文件夹本身，报告放在各部门文件夹中）",
)
@click.option("-j", "--jobs", type=Count(), metavar="N", help="同时处理的部门数（默认：CPU 核数，最多也只用这么多）")
@click.option("--pdf", "want_pdf", is_flag=True, help="同时为每份报告生成 PDF/A（需要安装 LibreOffice）")
@click.option("--plain-pdf", is_flag=True, help="生成普通 PDF 而不是 PDF/A（含 --pdf）")
@click.option("--html", is_flag=True, help="同时在每份报告旁生成同名的网页（.html），并写出汇总网页 汇总.html（可排序，离线打开）")
@click.option(
    "--previous", metavar="上年文件夹", type=click.Path(path_type=Path),
    help="上一年度的文件夹（报告或各部门的统计表）：按机关逐份配对，核对上年结转等跨年数据，汇总表中列出配对和指标变化",
)
@reviewing.roster_option
@reviewing.deadline_option
@_soffice
@_help
def batch(
    directory: Path, out_dir: Path | None, jobs: int | None, want_pdf: bool, plain_pdf: bool, html: bool, previous: Path | None,
    roster_file: Path | None, deadline,
) -> int:
    from reportgen.cli.openpyxl_lean import import_openpyxl_without_extras
    from reportgen.county import batch as batch_mod

    import_openpyxl_without_extras()  # the summaries are written with openpyxl

    if directory.is_file():  # a report dropped where the folder goes: said as what it is
        message = (f"{directory.name} 是文件，不是文件夹：batch 要给存放各部门报告或部门文件夹的那个文件夹；"
                   f"检查这一份报告请用 {command('reportgen', 'check', directory)}")
        print_problems([error("FILE", directory.name, "", message)], err=True)
        return EXIT_PROBLEMS
    if not directory.is_dir():
        print_problems([error("FILE", directory.name, "", f"找不到文件夹 {directory}。请给出存放各部门文件夹的那个文件夹")], err=True)
        return EXIT_PROBLEMS
    target = out_dir or directory
    if previous is not None and not previous.is_dir():
        print_problems([error("FILE", previous.name, "", f"找不到文件夹 {previous}：--previous 应是放着上一年度报告或各部门统计表的文件夹")], err=True)
        return EXIT_PROBLEMS
    from reportgen.core.folders import survey

    contents = survey(directory, skip=target if target != directory else None)
    if not contents.departments and contents.reports:  # finished reports only: checked, not built
        return reviewing.review_batch(contents, target, previous, deadline, roster_file, html, want_pdf or plain_pdf)
    if not contents.departments:
        message = f"{directory} 中没有部门文件夹。请为每个部门建一个文件夹，放入该部门的统计表(.xlsx)和正文(.txt)"
        print_problems([error("FILE", directory.name, "", message)], err=True)
        views.print_unchecked([(contents.name(f.path), f.why) for f in contents.unused], [(contents.name(f.path) + "/", f.why) for f in contents.resources])
        return EXIT_PROBLEMS
    from reportgen.county.folder import expected_reports

    view = views.ProgressView(len(contents.departments) + expected_reports(contents))
    try:
        with view:
            result = batch_mod.run(
                directory, out_dir, jobs=jobs, on_result=view.update, html=html, contents=contents, previous=previous,
                deadline=deadline, roster_file=roster_file, page=html,
            )
        pdf_problems = []
        if want_pdf or plain_pdf:
            built = sum(r.output is not None for r in result.results)
            click.echo(f"正在生成 PDF：{built} 份报告，由 LibreOffice 一次转换……", err=True)
            try:
                pdf_problems = batch_mod.make_pdfs(result, archival=not plain_pdf)
            except KeyboardInterrupt:
                click.echo("\n已中断：报告和汇总表都已生成；PDF 转换已停止，没有留下写了一半的 PDF。请重新运行以生成 PDF。", err=True)
                return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo(
            "\n已中断：尚未开始的部门已取消；已生成的报告都是完整的，没有留下写了一半的文件。"
            "汇总表没有生成。请重新运行 reportgen batch。",
            err=True,
        )
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into a program that stopped reading (e.g. `| head`)
        return EXIT_PROBLEMS
    except OSError as exc:
        from reportgen.core.oserrors import BATCH_ADVICE, describe, unwritable_folder
        from reportgen.core.outfile import UnwritableFolder

        failed = Path(exc.filename) if exc.filename else target
        if isinstance(exc, UnwritableFolder) or (isinstance(exc, PermissionError) and failed == target):
            exc.filename = str(failed)  # the folder is the problem: no word of closing the summary
            message = unwritable_folder(exc, BATCH_ADVICE)
        else:
            message = f"无法写入 {failed}：{describe(exc)}。也可换一个输出文件夹（-o）"
        print_problems([error("OUTPUT", failed.name, "", message)], err=True)
        return EXIT_PROBLEMS
    views.print_summary(result)
    views.print_pairing(result.pairing)
    reviewing.print_round(result)
    reviewing.print_page(result)
    views.print_unchecked(result.unchecked, result.resources)
    print_problems(pdf_problems, err=True)
    return EXIT_OK if result.ok and not pdf_problems else EXIT_PROBLEMS


@cli.command(
    short_help="环境检查：版本、LibreOffice、PDF 字体（报告问题时请附上）。",
    epilog="reportgen doctor",
    help="环境检查：显示版本、Python、内置模板位置、是否找到 LibreOffice，以及生成 PDF 时每种公文字体实际用哪个字体。报告问题时请附上这些内容。")
@_soffice
@_help
def doctor() -> int:
    from reportgen.cli.doctor import lines

    out, ok = lines()
    for line in out:
        click.echo(line)
    return EXIT_OK if ok else EXIT_PROBLEMS


DOUBLE_CLICK_GUIDE = """reportgen：政府信息公开工作年度报告生成工具
用法：把放着统计表.xlsx和正文.txt的年度文件夹拖到 reportgen.exe 上，报告就生成在那个文件夹里。
审核已完成的报告：把年度报告（.docx/.html/.pdf）或放着各部门报告的文件夹拖到 reportgen.exe 上。
第一次使用：在“命令提示符”中运行 reportgen init 文件夹，生成要填写的统计表和正文。
更多用法：在“命令提示符”中运行 reportgen -h。"""


def dropped_paths(argv: list[str]) -> tuple[list[list[str]], list]:
    """The command lines to run for ARGV, and the problems of dropped paths that cannot be used:
    ARGV itself when it names a command; files or folders dropped on the program (no command named)
    each do the obvious thing, whatever their order (cli.drop)."""
    from reportgen.cli import drop

    if not argv or argv[0] in cli.commands or not drop.looks_like_paths(argv):
        return [argv], []
    return drop.plan(argv)


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    from reportgen.cli import console

    multiprocessing.freeze_support()  # the one-folder bundle's batch workers start through here
    console.make_output_safe()
    args = list(sys.argv[1:] if argv is None else argv)
    fresh = console.owns_fresh_console()
    # A window Windows opened for us (double-click or a drop) closes when we end: it waits for
    # Enter after any outcome, an unexpected error included.
    try:
        if fresh and not args:
            click.echo(DOUBLE_CLICK_GUIDE)
            return EXIT_OK
        return run_all(args)
    except KeyboardInterrupt:  # while a drop is planned, or at the closing prompt
        click.echo("\n已中断。", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:  # outside a command (a drop's planning): still a sentence, never a traceback
        click.echo(console.log_unexpected(exc, args), err=True)
        return EXIT_BUG
    finally:
        if fresh:
            console.wait_for_enter()


def run_all(args: list[str]) -> int:
    """ARGS as one command line, or the steps of a drop one after the other; the worst exit code."""
    steps, problems = dropped_paths(args)
    print_problems(problems, err=True)
    codes = [EXIT_PROBLEMS] if problems else []
    for step in steps:
        if len(steps) > 1:
            click.echo(f"\n【{'、'.join(Path(a).name for a in step[1:])}】")
        codes.append(run(step))
        if codes[-1] == EXIT_INTERRUPTED:  # Ctrl-C stops the drop, not just its current step
            break
    return max(codes, default=EXIT_OK)


def interrupted_message(args: list[str]) -> str:
    """What Ctrl-C left, for a command that did not say so itself: every file is written whole or
    not at all (core.outfile), and init takes back a pair it had begun."""
    if args and args[0] == "check":
        return "已中断：检查没有完成，没有写入任何文件。"
    if args and args[0] == "init":
        return "已中断：没有生成文件，也没有留下写了一半的文件。请重新运行 reportgen init。"
    return "已中断：没有留下写了一半的文件。请重新运行。"


def run(args: list[str]) -> int:
    """Run one command line; the exit code. An unexpected error is an apology and a log, never a traceback."""
    if not args:  # `reportgen` alone: the help, once, and no error
        args = ["--help"]
    try:
        rv = cli.main(args=args, prog_name="reportgen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            click.echo(interrupted_message(args), err=True)
            return EXIT_INTERRUPTED
        click.echo("已取消。", err=True)
        return EXIT_PROBLEMS
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
            click.echo(f"运行 {exc.ctx.command_path} -h 查看帮助。", err=True)
        click.echo(f"用法错误：{usage_message(exc, cli.commands)}", err=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        click.echo(interrupted_message(args), err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug of ours: the clerk gets a sentence and a file to send
        from reportgen.cli.console import log_unexpected

        click.echo(log_unexpected(exc, args), err=True)
        return EXIT_BUG
    if isinstance(rv, int):
        return rv
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
