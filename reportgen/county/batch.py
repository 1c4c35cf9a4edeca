"""A whole county at once: check and build every department's report, summarise, sum the tables.

The folder given holds departments' folders with their workbook (.xlsx) and narrative (.txt), at any
depth a reviewer uses, and maybe finished reports too (checked, not built: core.folders.survey).
Departments are independent: one department's errors (broken or missing files included) never stop
the others. Reports are built in a process pool; the parent only collects plain results and writes
the two summary workbooks: 汇总.xlsx (one row per department) and 汇总统计表.xlsx (the sum of the
error-free departments' tables, in the clerk's workbook layout, so it passes the same checks).
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable

from reportgen.checks.repetition import report_text
from reportgen.core import worker
from reportgen.core.folders import Contents, survey
from reportgen.core.outfile import TEMP_GLOB, ensure_writable_folder
from reportgen.core.problems import Problem, error, has_errors, internal_error
from reportgen.county import review, roster, summary
from reportgen.county.folder import expected_reports, finish, mark_duplicates, pick_inputs
from reportgen.county.pairing import (
    LastFolder,
    compare_text,
    last_county_values,
    name_both_files,
    pairing_rows,
    read_last_year,
)
from reportgen.county.results import (
    BatchResult,
    DepartmentResult,
    ProgressCallback,
)
from reportgen.county.rounds import fingerprint

# --- finding the departments ----------------------------------------------------------------


def departments(root: Path, skip: Path | None = None) -> list[Path]:
    """The department folders under `root` (at any depth a reviewer uses: core.folders.survey)."""
    return [f.path for f in survey(root, skip=skip).departments]


# --- one department (runs in a worker) ------------------------------------------------------


def process_department(
    folder: Path, out_dir: Path, template: Path | None = None, html: bool = False,
    out_folder: Path | None = None, name: str | None = None,
) -> DepartmentResult:
    """Check and build one department (its report into `out_folder`, by default out_dir/<folder's
    name>); every failure becomes a Problem, never an exception."""
    from reportgen import api

    result = DepartmentResult(name or folder.name)
    xlsx, txt, result.problems = pick_inputs(folder, name)
    result.fingerprint = fingerprint(xlsx, txt)
    if xlsx is None or txt is None:
        return result
    report, problems = api.load(xlsx, txt)
    result.agency, result.year, result.signature = report.meta.agency, report.meta.year, report.meta.signature
    result.text = report_text(report)
    partner = _LAST_YEAR.partner(report.meta) if _LAST_YEAR is not None else None
    result.own_stem = api.default_output(xlsx, report).stem
    # The figures are shown unless the workbook itself could not be read cleanly; a consistency
    # error found later (an unbalanced column) still leaves numbers worth seeing.
    if not any(p.is_error and p.file == report.workbook_name for p in problems):
        result.values = dict(report.stats.values)
    target = (out_folder or out_dir / folder.name) / api.default_output(xlsx, report).name
    if not target.parent.is_dir() and not has_errors(problems):
        target.parent.mkdir(parents=True, exist_ok=True)
    built = api.build_loaded(
        report, problems, xlsx, out=target, template=template, html=html or None,
        previous=partner.stats if partner is not None else None,
    )
    result.problems, result.output = built.problems, built.output
    if partner is not None:
        result.problems = name_both_files(result.problems, report.meta.agency, result.name, partner)
        result.repeated, repeats = compare_text(report, partner)
        result.problems += repeats
        review.paired(result, partner)
    if result.repeated is None:  # not paired with last year's report: the text init --from recorded
        result.repeated, repeats = api.text_repeats(report, txt, problems)
        result.problems += repeats
    return result


# Last year's folder (--previous 上年文件夹), read once by the parent and given to each worker once.
_LAST_YEAR: LastFolder | None = None


def _set_last_year(last: LastFolder | None) -> None:
    global _LAST_YEAR
    _LAST_YEAR = last


def _safe_process(
    folder: Path, out_dir: Path, template: Path | None, html: bool = False,
    out_folder: Path | None = None, name: str | None = None,
) -> DepartmentResult:
    try:
        return process_department(folder, out_dir, template, html, out_folder, name)
    except Exception as exc:  # a bug must cost one department, not the batch
        return DepartmentResult(name or folder.name, problems=[internal_error(name or folder.name, exc)])


def _init_worker(last: LastFolder | None = None) -> None:
    """Ctrl-C is the parent's to handle: a worker finishes its report (written atomically) and
    takes no more. Without this, an idle worker would die with a traceback on the terminal.
    `last`: last year's folder, sent once per worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _set_last_year(last)


# --- the whole batch ------------------------------------------------------------------------


def run(
    root: Path,
    out_dir: Path | None = None,
    jobs: int | None = None,
    on_result: ProgressCallback | None = None,
    template: Path | None = None,
    html: bool = False,
    contents: Contents | None = None,
    previous: Path | None = None,
    deadline: dt.date | None = None,
    roster_file: Path | None = None,
    page: bool = False,
) -> BatchResult:
    """Build every department under `root` and check every finished report beside them (one rule
    for what a folder holds: core.folders.survey); write 汇总.xlsx and 汇总统计表.xlsx into `out_dir`
    (with `page`, 汇总.html too). `deadline`: the date the finished pages must be online by;
    `roster_file`: the 名单 of the units that should report (else the folder's own 名单.xlsx/.txt).

    Reports go to out_dir/<department folder>/ (by default beside each workbook). On
    KeyboardInterrupt, pending departments are cancelled, running ones finish, no temporary file is
    left, no summary is written, and the KeyboardInterrupt propagates. `previous`: last year's
    folder, each department and report paired with last year's of its agency (county.pairing).
    """
    last = read_last_year(Path(previous)) if previous is not None else None
    root = Path(root)
    out_dir = Path(out_dir) if out_dir is not None else root
    if contents is None:
        contents = survey(root, skip=out_dir if out_dir != root else None)
    depts = contents.departments
    total = len(depts) + expected_reports(contents)  # a department's own report is not checked apart
    tasks = [(f.path, out_dir / contents.name(f.path) if f.path != root else out_dir, contents.name(f.path)) for f in depts]
    out_dir.mkdir(parents=True, exist_ok=True)
    ensure_writable_folder(out_dir)  # UnwritableFolder before any department, not at the summary
    workers = max(1, min(jobs or os.cpu_count() or 1, os.cpu_count() or 1, len(tasks)))
    rows: dict[Path, DepartmentResult] = {}
    by_name = {name: folder for folder, _, name in tasks}

    def collect(result: DepartmentResult) -> None:
        rows[by_name[result.name]] = result
        changed = mark_duplicates(list(rows.values()))  # the status shown is the final one
        if on_result is not None:
            on_result(result, len(rows), total)
            for other in changed:
                if other is not result:
                    on_result(other, len(rows), total)

    try:
        if workers == 1:  # no pool to start for one department or one core
            _set_last_year(last)
            try:
                for folder, out_folder, name in tasks:
                    collect(_safe_process(folder, out_dir, template, html, out_folder, name))
            finally:
                _set_last_year(None)
        else:
            _run_pool(tasks, out_dir, template, workers, collect, html, last)
        done = finish(contents, rows, lambda path, name: review.check_one(path, None, name, last, deadline=deadline), on_result, total)
    except KeyboardInterrupt:
        remove_temp_files(out_dir, [out_folder for _, out_folder, _ in tasks])
        raise
    pairs = pairing_rows(done.results, last) if last is not None else []
    sent, listed = roster.apply(root, roster_file, done.results)
    done.notes = (last.notes if last is not None else []) + done.notes + listed
    try:
        result = summary.write_summaries(
            done.results, out_dir, done.listing, done.notes, pairs, last_county_values(last), sent=sent, page=page,
        )
    except KeyboardInterrupt:
        remove_temp_files(out_dir, [])
        raise
    result.notes, result.unchecked, result.pairing, result.resources = done.notes, done.unchecked, pairs, done.resources
    return result


def _run_pool(
    tasks: list[tuple[Path, Path, str]],
    out_dir: Path,
    template: Path | None,
    workers: int,
    collect: Callable[[DepartmentResult], None],
    html: bool = False,
    last: LastFolder | None = None,
) -> None:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(last,), mp_context=worker.context())  # START_METHOD_ENV's, as for every child
    try:
        futures: dict[Future, str] = {
            pool.submit(_safe_process, folder, out_dir, template, html, out_folder, name): name
            for folder, out_folder, name in tasks
        }
        for future in as_completed(futures):
            try:
                collect(future.result())
            except BrokenProcessPool:  # a worker was killed (out of memory, say): say which department
                name = futures[future]
                collect(DepartmentResult(name, problems=[error("INTERNAL", name, "", "处理进程意外退出（可能内存不足），该部门没有处理。请重新运行")]))
    except BaseException:
        # Pending departments are dropped; running ones finish their (atomic) write first.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def make_pdfs(result: BatchResult, archival: bool = True) -> list[Problem]:
    """PDFs (PDF/A unless not ARCHIVAL) of every report written, by one LibreOffice process per core
    for the whole batch, never one per report (a cold start costs about 2 s). Returns the problem
    when LibreOffice is missing or fails."""
    from reportgen.core.problems import InputError
    from reportgen.render.pdf import to_pdfs

    built = [r for r in result.results if r.output is not None]
    problems: list[Problem] = []
    try:
        pdfs: list[Path | None] = list(to_pdfs([r.output for r in built], archival=archival))  # type: ignore[misc]
    except InputError as exc:  # a PDF open in a reader: the others are written all the same
        pdfs, problems = getattr(exc, "written", []), exc.problems
    for r, pdf in zip(built, pdfs):
        r.pdf = pdf
    return problems


def remove_temp_files(out_dir: Path, folders: list[Path]) -> list[Path]:
    """Delete the temporary files of interrupted writes (outfile's `.~*.tmp`) in the output folders."""
    removed: list[Path] = []
    for folder in [out_dir, *folders]:
        if not folder.is_dir():
            continue
        for tmp in folder.glob(TEMP_GLOB):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed
