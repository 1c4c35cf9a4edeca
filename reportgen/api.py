"""The library API: start the clerk's files, load them, check them, build the report.

The CLI is a thin layer over these functions. None of them raises for bad input: every problem
comes back as a Problem (Chinese message naming the file and the cell or line).

    from reportgen import init, load, check, build
    init("2026年报", from_xlsx="2025年报/统计表.xlsx")      # InitResult
    report, problems = load("统计表.xlsx", "正文.txt")       # placeholders filled
    problems += check(report)
    result = build("统计表.xlsx", "正文.txt", out="报告.docx", html=True)   # BuildResult
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.checks import rules as checks
from reportgen.core.folders import NARRATIVE_NAME, REPORT_SUFFIXES, WORKBOOK_NAME
from reportgen.core.model import Meta, Narrative, Report, Stats
from reportgen.core.problems import InputError, Problem, error, has_errors
from reportgen.narrative import parse as narrative
from reportgen.narrative import pasted, quotes
from reportgen.workbook import reader, writer

PathLike = str | os.PathLike




@dataclass
class InitResult:
    """What `init` wrote (both files, or nothing) and the problems met."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # empty when nothing was written

    @property
    def ok(self) -> bool:
        return bool(self.written)


def init(
    directory: PathLike,
    from_xlsx: PathLike | None = None,
    from_txt: PathLike | None = None,
    force: bool = False,
    from_report: PathLike | None = None,
) -> InitResult:
    """Write 统计表.xlsx and 正文.txt into DIRECTORY: blank, or started from last year's files.

    From last year's workbook: facts (not the date), year + 1, 上年结转 = last 结转下年度 per column,
    现行有效件数; the rest zero. From last year's narrative: its text under a guide line.
    Nothing is written when a file exists (unless force) or last year's files have errors.
    from_report: last year's finished report (.docx/.html) instead of both files; its consistency
    problems are listed as warnings and do not stop the import.
    """
    from reportgen.nextyear import fromfiles

    directory = Path(directory)
    xlsx, txt = directory / WORKBOOK_NAME, directory / NARRATIVE_NAME
    problems: list[Problem] = []
    if not force:
        problems += [
            error("EXISTS", p.name, "", f"{p} 已存在，没有覆盖。如确需重新生成，请加 --force，或换一个文件夹")
            for p in (xlsx, txt)
            if p.exists()
        ]
    meta, values, year = None, None, None
    try:
        if from_xlsx is not None:
            meta, values, found = fromfiles.next_year_workbook(from_xlsx)
            problems += found
            year = meta.year
        text = fromfiles.next_year_text(from_txt, year) if from_txt is not None else narrative.blank_text()
        if from_report is not None:
            from reportgen.nextyear import fromreport

            meta, values, text, found = fromreport.next_year(from_report)
            problems += found
    except InputError as exc:
        return InitResult(problems + exc.problems)
    if has_errors(problems):
        return InitResult(problems)
    from reportgen.core.outfile import refuse_protected, write_atomic

    try:
        refuse_protected(xlsx, txt)  # --force never overwrites a read-only file, nor half the pair
        directory.mkdir(parents=True, exist_ok=True)
        writer.write(xlsx, meta, values)
        write_atomic(text.encode("utf-8-sig"), txt)  # the text has CRLF line ends already
    except OSError as exc:
        from reportgen.core.oserrors import describe

        return InitResult(problems + [error("OUTPUT", directory.name, "", f"无法在 {directory} 中写入文件：{describe(exc)}")])
    return InitResult(problems, [xlsx, txt])


def load(xlsx: PathLike, txt: PathLike, command: str = "reportgen check") -> tuple[Report, list[Problem]]:
    """Read both files and fill the narrative's {{名称}} placeholders from the tables.

    Problems of both files (and of the placeholders) are returned together; a file that cannot be
    read at all contributes its problems and an empty part. command: how the caller was invoked,
    for a message that says what to type instead (the two files given the wrong way round)."""
    from reportgen.core.filekind import swapped

    if swapped(xlsx, txt):
        return Report(Meta(), Stats(), Narrative(), Path(xlsx).name, Path(txt).name), [_wrong_order(xlsx, txt, command)]
    problems: list[Problem] = []
    try:
        meta, stats, wb_problems = reader.read(xlsx)
        problems += wb_problems
    except InputError as exc:
        meta, stats = Meta(), Stats()
        problems += exc.problems
    try:
        narr, txt_problems = narrative.read(txt)
        problems += txt_problems
    except InputError as exc:
        narr = Narrative()
        problems += exc.problems
    report = Report(meta, stats, narr, workbook_name=Path(xlsx).name, narrative_name=Path(txt).name)
    # Placeholders need both files, so they are filled here, not by the narrative parser.
    problems += quotes.fill(report)
    problems += pasted.strip(report)  # a pasted title or 署名/日期 is printed once, by us
    return report, problems


def _wrong_order(xlsx: PathLike, txt: PathLike, command: str) -> Problem:
    """The two files given the wrong way round: one message with the command to type instead."""

    def arg(path: PathLike) -> str:
        return f'"{path}"' if " " in str(path) else str(path)

    right = f"{command} {arg(txt)} {arg(xlsx)}"
    return error(
        "ORDER",
        Path(xlsx).name,
        "",
        f"两个文件的顺序反了：“{Path(xlsx).name}”是正文，“{Path(txt).name}”是统计表。统计表应写在前面，正文在后，"
        f"请运行：{right}",
    )


def load_workbook(xlsx: PathLike) -> tuple[Report, list[Problem]]:
    """Read the workbook alone (no narrative): for tools that only need the figures."""
    try:
        meta, stats, problems = reader.read(xlsx)
    except InputError as exc:
        return Report(Meta(), Stats(), Narrative(), workbook_name=Path(xlsx).name), exc.problems
    return Report(meta, stats, Narrative(), workbook_name=Path(xlsx).name), problems


def check(report: Report, previous: Stats | None = None) -> list[Problem]:
    """The consistency rules over a loaded report (and against last year's statistics, if given)."""
    return checks.run(report, previous)


def load_previous(xlsx: PathLike) -> tuple[Stats | None, list[Problem]]:
    """Last year's workbook for the cross-year rules. Its problems are reported under its own name;
    it is used only when it could be read without errors. Last year's finished report (.docx/.html)
    will do too, when all its numbers were read."""
    if Path(xlsx).suffix.lower() in REPORT_SUFFIXES:
        from reportgen.finished.check import previous_stats

        return previous_stats(xlsx)
    try:
        _, stats, problems = reader.read(xlsx)
    except InputError as exc:
        return None, exc.problems
    return (None if has_errors(problems) else stats), problems


def check_all(
    xlsx: PathLike, txt: PathLike, previous: PathLike | None = None, command: str = "reportgen check"
) -> tuple[Report, list[Problem]]:
    """Load both files (and last year's workbook) and run every rule: all problems of a run at once.
    The rules run only when both files were read without errors, so that they never judge
    numbers that were not read."""
    report, problems = load(xlsx, txt, command)
    last = None
    if previous is not None:
        last, previous_problems = load_previous(previous)
        problems += previous_problems
    if not has_errors(problems):
        problems += check(report, last)
    return report, problems


def check_report(path: PathLike, previous: Stats | None = None) -> tuple[Report, list[Problem]]:
    """A finished report (.docx made by any tool, or a page saved from a 政务公开 site): read its
    tables and text and run every rule (against last year's statistics, if given). Places are named
    as a reviewer reads them (表三“自然人”列, 第12段); an unreadable file is a problem, never an exception."""
    from reportgen.finished import check as finished

    return finished.check(path, previous)


def default_output(xlsx: PathLike, report: Report) -> Path:
    """Beside the workbook, named after the agency and year."""
    name = f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告.docx"
    return Path(xlsx).resolve().parent / _safe_filename(name)


def _safe_filename(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)


def _template_xml_safe(template: PathLike | None) -> None:
    """An office's template: every XML part parsed with DTDs refused before docxtpl sees it."""
    from reportgen.core import safexml

    if template is None:
        return
    try:
        safexml.check_package(template)
    except safexml.UnsafeXML:
        raise InputError(
            error("TEMPLATE", Path(template).name, "", "模板中含有不允许的XML声明（DOCTYPE/ENTITY，可能是恶意构造的文件），已拒绝使用，没有执行任何内容")
        ) from None
    except Exception:  # not a zip, malformed XML: the renderer says what is wrong in its own words
        return


_PROTECTED = "{target} 已存在且被设置为只读（受保护），没有覆盖。如确需重新生成，请先取消该文件的只读属性，或用 -o 另起一个文件名"


@dataclass
class BuildResult:
    """What `build` wrote and the problems met; `ok` when the .docx was written."""

    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None  # the .docx; None when nothing was written
    html: Path | None = None  # the web page, when asked for and written

    @property
    def ok(self) -> bool:
        return self.output is not None


def build(
    xlsx: PathLike,
    txt: PathLike,
    out: PathLike | None = None,
    template: PathLike | None = None,
    previous: PathLike | None = None,
    html: PathLike | bool | None = None,
    command: str = "reportgen build",
) -> BuildResult:
    """Load, check, and write the .docx unless there is an error. Nothing is written on error.

    out: the .docx (default: beside the workbook, named after the agency and year).
    template: a .docx template to use instead of the built-in red-header one.
    previous: last year's workbook, for the cross-year rules.
    html: also write the self-contained web page: True for the .docx's name with .html, or a path.
    """
    report, problems = check_all(xlsx, txt, previous, command)
    return _write(report, problems, xlsx, out, template, html, inputs=(xlsx, txt, previous, template))


def build_loaded(
    report: Report,
    problems: list[Problem],
    xlsx: PathLike,
    out: PathLike | None = None,
    template: PathLike | None = None,
    html: PathLike | bool | None = None,
    previous: Stats | None = None,
) -> BuildResult:
    """`build` for a report already loaded (`problems`: those of loading), e.g. by the batch;
    `previous`: last year's statistics for the cross-year rules."""
    problems = list(problems)
    if not has_errors(problems):
        problems += check(report, previous)
    return _write(report, problems, xlsx, out, template, html, inputs=(xlsx, template))


def _write(
    report: Report,
    problems: list[Problem],
    xlsx: PathLike,
    out: PathLike | None,
    template: PathLike | None,
    html: PathLike | bool | None,
    inputs: tuple[PathLike | None, ...],
) -> BuildResult:
    """Render and write atomically, unless `problems` hold an error."""
    from reportgen.core import resources
    from reportgen.core.oserrors import describe
    from reportgen.core.outfile import ProtectedFile, write_atomic
    from reportgen.core.resources import missing_file
    from reportgen.render.sandbox import render_bytes

    if has_errors(problems):
        return BuildResult(problems)
    target = Path(out) if out else default_output(xlsx, report)
    if target.suffix.lower() != ".docx":
        return BuildResult(problems + [error("OUTPUT", target.name, "", "输出文件名应以 .docx 结尾，例如 -o 年度报告.docx")])
    if target.resolve() in {Path(p).resolve() for p in inputs if p is not None}:
        return BuildResult(problems + [error("OUTPUT", target.name, "", "输出文件不能与输入文件相同，否则会覆盖统计表或正文：请换一个文件名")])
    if template is None and not resources.DEFAULT_TEMPLATE.is_file():  # a damaged installation, not the user's file
        return BuildResult(problems + [missing_file(resources.DEFAULT_TEMPLATE)])
    try:
        _template_xml_safe(template)
        data = render_bytes(report, template)
    except InputError as exc:
        return BuildResult(problems + exc.problems)
    if not target.parent.is_dir():
        return BuildResult(problems + [error("OUTPUT", target.name, "", f"输出文件夹不存在：{target.parent}。请先建立该文件夹或换一个位置")])
    try:
        write_atomic(data, target)
    except IsADirectoryError:
        return BuildResult(problems + [error("OUTPUT", target.name, "", f"{target} 是一个文件夹：请在 -o 后写文件名，例如 -o 年度报告.docx")])
    except ProtectedFile:
        return BuildResult(problems + [error("OUTPUT", target.name, "", _PROTECTED.format(target=target))])
    except PermissionError:
        return BuildResult(
            problems
            + [error("OUTPUT", target.name, "", f"无法写入 {target}：文件可能正在 Word/WPS 中打开，或没有写入权限。请关闭该文件后重试")]
        )
    except OSError as exc:
        return BuildResult(problems + [error("OUTPUT", target.name, "", f"无法写入 {target}：{describe(exc)}")])
    if not html:
        return BuildResult(problems, target)
    from reportgen.render.html import render_html

    page = target.with_suffix(".html") if html is True else Path(html)
    try:
        write_atomic(render_html(report).encode("utf-8"), page)
    except ProtectedFile:
        return BuildResult(problems + [error("OUTPUT", page.name, "", "报告已生成，但" + _PROTECTED.format(target=page))], target)
    except OSError as exc:
        return BuildResult(
            problems + [error("OUTPUT", page.name, "", f"报告已生成，但无法写入网页 {page}：{describe(exc)}")],
            target,
        )
    return BuildResult(problems, target, page)
