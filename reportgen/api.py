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

from reportgen.checks import repetition
from reportgen.checks import rules as checks
from reportgen.core.agencies import may_be_same_agency
from reportgen.core.folders import LAST_TEXT_NAME, NARRATIVE_NAME, REPORT_SUFFIXES, WORD_NARRATIVE_NAME, WORKBOOK_NAME
from reportgen.core.model import Meta, Narrative, Report, Stats
from reportgen.core.problems import InputError, Problem, error, has_errors, warning
from reportgen.narrative import parse as narrative
from reportgen.narrative import asword, pasted, quotes
from reportgen.workbook import reader, writer

PathLike = str | os.PathLike




@dataclass
class InitResult:
    """What `init` wrote (both files, or nothing) and the problems met."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # empty when nothing was written
    carried: list[str] = field(default_factory=list)  # from a finished report: what was carried ("机关名称", "年度", …)
    not_carried: list[str] = field(default_factory=list)  # and what could not be read from it

    @property
    def ok(self) -> bool:
        return bool(self.written)


def init(
    directory: PathLike,
    from_xlsx: PathLike | None = None,
    from_txt: PathLike | None = None,
    force: bool = False,
    from_report: PathLike | None = None,
    as_word: bool = False,
) -> InitResult:
    """Write 统计表.xlsx and 正文.txt (as_word: 正文.docx, narrative.asword) into DIRECTORY: blank, or from last year's.

    From last year's workbook: facts (not the date), year + 1, 上年结转 = last 结转下年度 per column,
    现行有效件数; the rest zero. From last year's narrative: its text under a guide line.
    Nothing is written when a file exists (unless force) or last year's files have errors. from_report: last
    year's finished report (.docx/.html/.pdf) instead of both files; its problems are warnings, not stopping it.
    """
    from reportgen.nextyear import fromfiles

    directory = Path(directory)
    xlsx, txt = directory / WORKBOOK_NAME, directory / (WORD_NARRATIVE_NAME if as_word else NARRATIVE_NAME)
    problems: list[Problem] = []
    if not force:
        problems += [
            error("EXISTS", p.name, "", f"{p} 已存在，没有覆盖。如确需重新生成，请加 --force，或换一个文件夹")
            for p in (xlsx, txt)
            if p.exists()
        ]
    meta, values, year = None, None, None
    carried: list[str] = []
    not_carried: list[str] = []
    try:
        if from_xlsx is not None:
            meta, values, found = fromfiles.next_year_workbook(from_xlsx)
            problems += found
            year = meta.year
        text = fromfiles.next_year_text(from_txt, year) if from_txt is not None else narrative.blank_text()
        if from_report is not None:
            from reportgen.nextyear import fromreport

            meta, values, text, found, carried, not_carried = fromreport.next_year(from_report)
            problems += found
    except InputError as exc:
        return InitResult(problems + exc.problems)
    if has_errors(problems):
        return InitResult(problems)
    from reportgen.core.outfile import UnwritableFolder, refuse_protected, write_atomic

    new = [p for p in (xlsx, txt, directory / LAST_TEXT_NAME) if not p.exists()]
    try:
        refuse_protected(xlsx, txt)  # --force never overwrites a read-only file, nor half the pair
        directory.mkdir(parents=True, exist_ok=True)
        writer.write(xlsx, meta, values)
        write_atomic(asword.encoded(text, txt), txt)  # the text has CRLF line ends already
        source = from_report if from_report is not None else from_txt
        if source is not None:  # last year's text, for REPEAT when this year's is checked
            last_text = repetition.fingerprint(narrative.parse(text)[0])  # the guide line is no text; names: this year's
            write_atomic(repetition.record(last_text, Path(source).name).encode("utf-8"), directory / LAST_TEXT_NAME)
    except KeyboardInterrupt:  # never half the pair: a file this run created is taken back
        for p in new:
            p.unlink(missing_ok=True)
        raise
    except OSError as exc:
        from reportgen.core.oserrors import INIT_ADVICE, describe, unwritable_folder

        if isinstance(exc, UnwritableFolder) or (isinstance(exc, PermissionError) and exc.filename == str(directory)):
            return InitResult(problems + [error("OUTPUT", directory.name, "", unwritable_folder(exc, INIT_ADVICE))])
        return InitResult(problems + [error("OUTPUT", directory.name, "", f"无法在 {directory} 中写入文件：{describe(exc)}")])
    return InitResult(problems, [xlsx, txt], carried, not_carried)


def load(xlsx: PathLike, txt: PathLike) -> tuple[Report, list[Problem]]:
    """Read both files and fill the narrative's {{名称}} placeholders from the tables.

    Problems of both files (and of the placeholders) are returned together; a file that cannot be
    read at all contributes its problems and an empty part. Two files given the wrong way round
    (told by their content) are used the right way round, with a 提醒."""
    xlsx, txt, problems = _in_order(xlsx, txt)
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
    problems += _open_elsewhere(xlsx)
    # Placeholders need both files, so they are filled here, not by the narrative parser.
    problems += quotes.fill(report)
    problems += pasted.strip(report)  # a pasted title or 署名/日期 is printed once, by us
    return report, problems


def _open_elsewhere(xlsx: PathLike) -> list[Problem]:
    """OPEN: Excel/WPS has the workbook open (its lock file is beside it): what is read is the last save."""
    from reportgen.core.folders import lock_file

    lock = lock_file(Path(xlsx))
    if lock is None:
        return []
    return [warning("OPEN", Path(xlsx).name, "", f"统计表正在 Excel/WPS 中打开（旁边有锁定文件 {lock.name}）：读取的是上次保存的内容，"
                    "尚未保存的修改没有包括在内。请在 Excel/WPS 中保存后重新运行")]


def _in_order(xlsx: PathLike, txt: PathLike) -> tuple[PathLike, PathLike, list[Problem]]:
    """The workbook and the narrative, put the right way round when their content says they were
    given the wrong way round (a 提醒 says so)."""
    from reportgen.core.filekind import swapped

    if not swapped(xlsx, txt):
        return xlsx, txt, []
    message = (f"两个文件的顺序反了：“{Path(xlsx).name}”是正文，“{Path(txt).name}”是统计表，已按内容对调后使用"
               "（命令中统计表应写在前面，正文在后）")
    return txt, xlsx, [warning("ORDER", Path(txt).name, "", message)]


def load_workbook(xlsx: PathLike) -> tuple[Report, list[Problem]]:
    """Read the workbook alone (no narrative): for tools that only need the figures."""
    try:
        meta, stats, problems = reader.read(xlsx)
    except InputError as exc:
        return Report(Meta(), Stats(), Narrative(), workbook_name=Path(xlsx).name), exc.problems
    return Report(meta, stats, Narrative(), workbook_name=Path(xlsx).name), problems


def check(report: Report, previous: Stats | None = None, loaded: list[Problem] | None = None) -> list[Problem]:
    """The consistency rules over a loaded report (and against last year's statistics, if given).
    loaded: the problems of loading it; a rule runs only when the parts it reads (facts, a table,
    the narrative) were read without an error."""
    return checks.run(report, previous, _unread(report, loaded or []))


def _unread(report: Report, problems: list[Problem]) -> set[str]:
    """The parts of the report (checks.rules.PARTS) that had reading errors."""
    from reportgen.core import schema

    sheets = {schema.FACTS_SHEET: checks.FACTS, **{t.sheet: t.key for t in schema.TABLES}}
    unread: set[str] = set()
    for p in problems:
        if not p.is_error:
            continue
        if p.file == report.narrative_name:
            unread.add(checks.NARRATIVE)
        elif p.file == report.workbook_name:
            part = sheets.get(p.where.split("!")[0])
            unread.update([part] if part else [checks.FACTS, *checks.TABLE_PARTS])  # the whole workbook
        else:
            unread.update(checks.PARTS)  # a file we cannot place: judge nothing
    return unread


def previous_mismatch(this: Meta, this_name: str, last: Meta, last_name: str) -> Problem | None:
    """PREV: `--previous` must be this agency's file of the year before (简称 and the same 署名 allowed)."""
    year_ok = this.year is None or last.year is None or last.year == this.year - 1
    ours, theirs = (this.agency, this.signature), (last.agency, last.signature)
    agency_ok = not any(ours) or not any(theirs) or may_be_same_agency(ours, theirs)
    if year_ok and agency_ok:
        return None

    def who(meta: Meta) -> str:
        return f"{meta.agency or meta.signature or '（机关名称未读到）'}{meta.year or '？'}年度"

    why = "年度不是本报告的上一年" if not year_ok else "机关不同"
    return error(
        "PREV", last_name, "",
        f"--previous 给的是“{who(last)}”，本报告是“{who(this)}”（{this_name}）：{why}，没有做跨年核对。"
        f"请给出本机关{this.year - 1 if this.year else '上一'}年度的统计表或报告",
    )


@dataclass
class Previous:
    """Last year's file given as --previous, read once: its facts, its statistics (None unless all
    were read without errors), its problems, and a finished report's text (for REPEAT)."""

    meta: Meta | None
    stats: Stats | None
    problems: list[Problem]
    narrative: Narrative | None = None


def read_previous(path: PathLike) -> Previous:
    """Last year's workbook or finished report (.docx/.html/.pdf); never raises for bad input."""
    if Path(path).suffix.lower() in REPORT_SUFFIXES:
        from reportgen.finished.check import load as load_finished
        from reportgen.finished.check import previous_from

        found = load_finished(path)
        stats, problems = previous_from(found)
        return Previous(found.report.meta, stats, problems, found.report.narrative)
    try:
        meta, stats, problems = reader.read(path)
    except InputError as exc:
        return Previous(None, None, exc.problems)
    return Previous(meta, None if has_errors(problems) else stats, problems)


def load_previous(xlsx: PathLike) -> tuple[Stats | None, list[Problem]]:
    """Last year's workbook for the cross-year rules. Its problems are reported under its own name;
    it is used only when it could be read without errors. Last year's finished report (.docx/.html/.pdf)
    will do too, when all its numbers were read."""
    last = read_previous(xlsx)
    return last.stats, last.problems


def check_all(
    xlsx: PathLike, txt: PathLike, previous: PathLike | None = None
) -> tuple[Report, list[Problem]]:
    """Load both files (and last year's workbook) and run every rule: all problems of a run at once.
    Each rule runs when the parts it reads were read without errors, so that rules never judge
    numbers that were not read, and one unreadable fact hides no other problem."""
    report, problems = load(xlsx, txt)
    loaded = list(problems)
    read = read_previous(previous) if previous is not None else None
    last = read.stats if read is not None else None
    if read is not None:
        problems += read.problems
        mismatch = previous_mismatch(report.meta, Path(xlsx).name, read.meta, Path(previous).name) if last is not None and read.meta else None
        if mismatch is not None:
            problems.append(mismatch)
            last = None
    problems += check(report, last, loaded)
    given = previous if last is not None else None
    problems += text_repeats(report, txt, loaded, given, read if given else None)[1]
    return report, problems


def text_repeats(
    report: Report, txt: PathLike, loaded: list[Problem], previous: PathLike | None = None, read: Previous | None = None
) -> tuple[float | None, list[Problem]]:
    """REPEAT for a department's inputs: the share of its narrative found in last year's text (the
    --previous file's, else what `init --from` recorded beside 正文.txt) and the 提醒 when over half;
    (None, []) when last year's text is unknown or the narrative was not read cleanly (LOADED)."""
    if any(p.is_error and p.file == report.narrative_name for p in loaded):  # REPEAT reads the text only
        return None, []
    return repetition.repeated_text(report, *_last_text(Path(txt), previous, read))


def previous_text(previous: PathLike, read: Previous | None = None, txt: Path | None = None) -> tuple[repetition.Text, str]:
    """Last year's sentences for REPEAT, and where they come from: the --previous report's (READ,
    when it was read already), or the 正文.txt beside a --previous workbook (not TXT itself); empty
    when neither is there."""
    previous = Path(previous)
    try:
        if read is not None and read.narrative is not None:  # a finished report, read once already
            return repetition.text_of(read.narrative, read.meta), f"上年报告（{previous.name}）"
        beside = previous.parent / NARRATIVE_NAME
        if beside.is_file() and beside != txt:
            return repetition.fingerprint(narrative.read(beside)[0]), f"上年正文（{previous.parent.name}/{beside.name}）"
    except InputError:
        pass
    return repetition.Text(), ""


def _last_text(txt: Path, previous: PathLike | None, read: Previous | None = None) -> tuple[repetition.Text, str]:
    """Last year's sentences for REPEAT: the --previous file's (previous_text), else what
    `init --from` recorded beside 正文.txt; empty when neither is known."""
    if previous is not None:
        last, source = previous_text(previous, read, txt)
        if last:
            return last, source
    record = txt.parent / LAST_TEXT_NAME
    try:
        last, source = repetition.read_record(record.read_text(encoding="utf-8")) if record.is_file() else (repetition.Text(), "")
    except (OSError, UnicodeDecodeError):
        return repetition.Text(), ""
    return last, f"上年正文（init --from {source} 时记下）"


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
) -> BuildResult:
    """Load, check, and write the .docx unless there is an error. Nothing is written on error.

    out: the .docx (default: beside the workbook, named after the agency and year).
    template: a .docx template to use instead of the built-in red-header one.
    previous: last year's workbook, for the cross-year rules.
    html: also write the self-contained web page: True for the .docx's name with .html, or a path.
    """
    xlsx, txt, order = _in_order(xlsx, txt)  # the report goes beside the workbook, whichever came first
    report, problems = check_all(xlsx, txt, previous)
    problems = order + problems
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
    problems += check(report, previous, loaded=problems)
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
    from reportgen.core.oserrors import OUTPUT_ADVICE, describe, unwritable_folder
    from reportgen.core.outfile import ProtectedFile, UnwritableFolder, write_atomic
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
    try:
        write_atomic(data, target, make_parents=True)  # `-o 输出/报告.docx` makes 输出 (the CLI says so)
    except IsADirectoryError:
        return BuildResult(problems + [error("OUTPUT", target.name, "", f"{target} 是一个文件夹：请在 -o 后写文件名，例如 -o 年度报告.docx")])
    except UnwritableFolder as exc:
        return BuildResult(problems + [error("OUTPUT", target.name, "", unwritable_folder(exc, OUTPUT_ADVICE))])
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
    except UnwritableFolder as exc:
        return BuildResult(problems + [error("OUTPUT", page.name, "", "报告已生成，但" + unwritable_folder(exc, OUTPUT_ADVICE))], target)
    except ProtectedFile:
        return BuildResult(problems + [error("OUTPUT", page.name, "", "报告已生成，但" + _PROTECTED.format(target=page))], target)
    except OSError as exc:
        return BuildResult(
            problems + [error("OUTPUT", page.name, "", f"报告已生成，但无法写入网页 {page}：{describe(exc)}")],
            target,
        )
    return BuildResult(problems, target, page)
