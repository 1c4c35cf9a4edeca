"""The county reviewer's view: check every finished report in a folder, one row each, and 汇总.xlsx.

Each report is read (by the one door, finished.door) and checked on its own; one unreadable file never stops the
others. The summary reuses the batch's workbook: one row per report with its status and key
figures, and every problem on the 问题清单 sheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from reportgen import api
from reportgen.checks.repetition import Text, repeated_text, report_text
from reportgen.core.catalogue import NUMBERS_UNREAD
from reportgen.core.folders import Contents
from reportgen.core.model import Meta, Stats
from reportgen.core.oserrors import BATCH_ADVICE, describe, unwritable_folder
from reportgen.core.outfile import UnwritableFolder, ensure_writable_folder
from reportgen.core.problems import Problem, error, has_errors, internal_error
from reportgen.county import roster, summary
from reportgen.county.folder import finish, pick_inputs
from reportgen.county.pairing import (
    LastFolder,
    Partner,
    compare_text,
    last_county_values,
    name_both_files,
    pairing_rows,
    previous_values,
    read_last_year,
)
from reportgen.county.results import BatchResult, DepartmentResult, ProgressCallback
from reportgen.county.rounds import fingerprint
from reportgen.office import convert


def check_one(
    path: Path,
    previous: Stats | None = None,
    name: str | None = None,
    last: LastFolder | None = None,
    previous_file: tuple[Meta, str] | None = None,
    previous_text: tuple[Text, str] = (Text(), ""),
    deadline: dt.date | None = None,
) -> DepartmentResult:
    """One report as a batch row (named `name`, by default its file name): its problems, and its
    figures when all were read. `last`: last year's folder, the partner found by the report's agency;
    `previous_file`: the single --previous file's Meta and name (PREV when it is not this agency's
    report of the year before), and `previous_text` its sentences and their source (api.previous_text);
    `deadline`: the date a page must be online by (--deadline; LATE), by default the 条例's."""
    name = name or path.name
    partner = None
    share = None
    try:
        from reportgen.finished import check as finished

        found = finished.load(path)  # read once: its agency and year are compared before its rules run
        if last is None and previous_file is None:
            report, problems = finished.check_loaded(found, previous, deadline)
        elif last is None:
            mismatch = api.previous_mismatch(found.report.meta, path.name, *previous_file) if previous is not None else None
            report, problems = finished.check_loaded(found, None if mismatch else previous, deadline)
            problems += [mismatch] if mismatch else []
            if mismatch is None and previous is not None and previous_text[0]:  # the same agency's year before
                share, repeats = repeated_text(report, *previous_text)
                problems += repeats
        else:
            partner = last.partner(found.report.meta)
            report, problems = finished.check_loaded(found, partner.stats, deadline)
            problems = name_both_files(problems, report.meta.agency, name, partner)
            share, repeats = compare_text(report, partner)
            problems += repeats
    except Exception as exc:  # a bug must cost one report, not the review
        return DepartmentResult(name, problems=[internal_error(name, exc)], is_report=True, fingerprint=fingerprint(path))
    if name != path.name:  # a zip's member: its problems name it as its row does (乡镇报告.zip/某镇/某镇报告.docx)
        problems = [replace(p, file=name) if p.file == path.name else p for p in problems]
    result = DepartmentResult(
        name, agency=report.meta.agency, problems=problems, year=report.meta.year, output=path, is_report=True, form=found.form.label,
        signature=report.meta.signature, text=report_text(report), fingerprint=fingerprint(path),
    )
    paired(result, partner)
    result.repeated = share
    if not any(p.rule in NUMBERS_UNREAD and p.is_error for p in problems):
        result.values = dict(report.stats.values)
        # （六）其他处理 in one row: its three items are unknown, so the county sum leaves it out
        result.partial = any(p.rule == "FORMAT" and "（六）" in p.where for p in problems)
    return result


def paired(row: DepartmentResult, partner: Partner | None) -> None:
    """Write the pairing's outcome into the row (nothing without --previous 上年文件夹)."""
    if partner is None:
        return
    row.pairing = partner.note
    row.previous = partner.last.name if partner.last is not None else ""
    row.previous_values = previous_values(partner)


def check_department(
    folder: Path, name: str, previous: Path | None = None, last: LastFolder | None = None
) -> DepartmentResult:
    """One department's inputs checked (not built) as a row of the reviewer's folder."""
    xlsx, txt, problems = pick_inputs(folder, name)
    row = DepartmentResult(name, problems=problems, fingerprint=fingerprint(xlsx, txt))
    if xlsx is None or txt is None:
        return row
    partner = None
    try:
        if last is None:
            report, row.problems = api.check_all(xlsx, txt, previous)
        else:  # as check_all, last year's figures from the partner
            report, row.problems = api.load(xlsx, txt)
            partner = last.partner(report.meta)
            if not has_errors(row.problems):
                found = api.check(report, partner.stats)
                row.problems += name_both_files(found, report.meta.agency, name, partner)
                row.repeated, repeats = compare_text(report, partner)
                if row.repeated is None:  # not paired: the text init --from recorded, as check_all reads it
                    row.repeated, repeats = api.text_repeats(report, txt, row.problems)
                row.problems += repeats
    except Exception as exc:  # a bug must cost one department, not the review
        return DepartmentResult(name, problems=[internal_error(name, exc)], fingerprint=row.fingerprint)
    row.agency, row.year, row.signature = report.meta.agency, report.meta.year, report.meta.signature
    row.text = report_text(report)
    paired(row, partner)
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
    pairing: list = field(default_factory=list)  # with --previous 上年文件夹: county.pairing.PairRow per line
    sent: roster.Sent | None = None  # with a roster (名单): 报送情况
    resources: list[tuple[str, str]] = field(default_factory=list)  # saved pages' own folders, and whose

    @property
    def problems(self) -> list[Problem]:
        return self.previous_problems + self.notes + [p for r in self.results for p in r.problems]


def _one_previous(previous: Path | None, deadline: dt.date | None = None) -> tuple[list[Problem], Callable[..., DepartmentResult]]:
    """A single --previous file read once: its problems, and `check_one` for a report with it (PREV
    for a report that is not its agency's of the year after, nothing compared)."""
    read = api.read_previous(previous) if previous is not None else None
    last, problems = (read.stats, read.problems) if read is not None else (None, [])
    meta = read.meta if last is not None else None
    text = api.previous_text(previous, read) if last is not None and previous is not None else (Text(), "")
    given = (meta, previous.name) if meta and previous else None

    def one(path: Path, name: str | None = None) -> DepartmentResult:
        return check_one(path, last, name, previous_file=given, previous_text=text, deadline=deadline)

    return problems, one


def check_reports(paths: list[Path], previous: Path | None = None, deadline: dt.date | None = None) -> Checked:
    """Every report checked against last year's figures, when last year's file is given."""
    if previous is not None and previous.is_dir():  # last year's folder: the partner by the agency
        folder = read_last_year(previous)
        with convert.session(paths):  # the office files among them converted by one LibreOffice
            rows = [check_one(p, None, None, folder, deadline=deadline) for p in paths]
        return Checked([], rows, folder.notes, pairing=pairing_rows(rows, folder))
    problems, one = _one_previous(previous, deadline)
    with convert.session(paths):
        return Checked(problems, [one(p) for p in paths])


def check_folder(
    contents: Contents, previous: Path | None = None, deadline: dt.date | None = None, roster_file: Path | None = None
) -> Checked:
    """Everything in a reviewer's folder (core.folders.survey): each department's inputs and each
    report checked, a department's own report known, duplicates and years named; with a roster
    (名单 in the folder, or `roster_file`) the units that sent nothing and the reports not on it."""
    if previous is not None and previous.is_dir():  # last year's folder: each paired by its agency
        folder = read_last_year(previous)
        rows = {f.path: check_department(f.path, contents.name(f.path), last=folder) for f in contents.departments}
        done = finish(contents, rows, lambda path, name: check_one(path, None, name, folder, deadline=deadline))
        checked = Checked([], done.results, folder.notes + done.notes, done.unchecked, pairing_rows(done.results, folder))
    else:
        problems, one = _one_previous(previous if contents.reports else None, deadline)
        rows = {f.path: check_department(f.path, contents.name(f.path), previous) for f in contents.departments}
        done = finish(contents, rows, one)
        checked = Checked(problems, done.results, done.notes, done.unchecked)
    checked.resources = done.resources
    checked.sent, listed = roster.apply(contents.root, roster_file, checked.results)
    checked.notes += listed
    return checked


@dataclass
class Review:
    """The reviewer's batch: a row per report, and the summaries (None when they could not be written)."""

    results: list[DepartmentResult]
    summary: BatchResult | None = None
    problems: list[Problem] = field(default_factory=list)  # writing the summaries failed
    notes: list[Problem] = field(default_factory=list)  # the folder as a whole (reports of several years)
    unchecked: list[tuple[str, str]] = field(default_factory=list)  # files not checked, and why
    resources: list[tuple[str, str]] = field(default_factory=list)  # saved pages' own folders, and whose

    @property
    def ok(self) -> bool:
        return self.summary is not None and self.summary.ok


def review_folder(
    contents: Contents, out_dir: Path, on_result: ProgressCallback | None = None, previous: Path | None = None,
    deadline: dt.date | None = None, roster_file: Path | None = None, page: bool = False,
) -> Review:
    """Check every report of a folder holding no department's inputs and write 汇总.xlsx (and the
    sum of the error-free reports' tables) into out_dir; `previous`: last year's folder, or one file;
    `deadline`: the date the pages must be online by; `roster_file`: the 名单 (else the folder's own);
    `page`: 汇总.html too."""
    try:  # refused before the reports are read, not after
        out_dir.mkdir(parents=True, exist_ok=True)
        ensure_writable_folder(out_dir)
    except OSError as exc:
        exc.filename = exc.filename or str(out_dir)
        return Review([], problems=[error("OUTPUT", out_dir.name, "", unwritable_folder(exc, BATCH_ADVICE))])
    folder = read_last_year(previous) if previous is not None and previous.is_dir() else None
    if folder is None:
        _, one = _one_previous(previous, deadline)
    else:
        def one(path: Path, name: str) -> DepartmentResult:
            return check_one(path, None, name, folder, deadline=deadline)
    done = finish(contents, {}, one, on_result, len(contents.reports))
    results = done.results
    pairs = pairing_rows(results, folder) if folder is not None else []
    sent, listed = roster.apply(contents.root, roster_file, results)
    done.notes = (folder.notes if folder is not None else []) + done.notes + listed
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = summary.write_summaries(
            results, out_dir, done.listing, done.notes, pairs, last_county_values(folder), sent=sent, page=page,
        )
        written.notes, written.unchecked, written.pairing, written.resources = done.notes, done.unchecked, pairs, done.resources
        return Review(results, written, notes=done.notes, unchecked=done.unchecked, resources=done.resources)
    except UnwritableFolder as exc:  # the folder is the problem: no word of closing the summary
        return Review(
            results, notes=done.notes, unchecked=done.unchecked, resources=done.resources,
            problems=[error("OUTPUT", out_dir.name, "", unwritable_folder(exc, BATCH_ADVICE))],
        )
    except OSError as exc:
        target = Path(exc.filename) if exc.filename else out_dir
        return Review(
            results, notes=done.notes, unchecked=done.unchecked, resources=done.resources,
            problems=[error("OUTPUT", target.name, "", f"无法写入 {target}：{describe(exc)}。如汇总表正在打开，请先关闭；也可换一个输出文件夹（-o）")],
        )
