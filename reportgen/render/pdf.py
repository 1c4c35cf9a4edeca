"""Convert a .docx to PDF with headless LibreOffice, with the official-font substitutes on Linux."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportgen.core import resources
from reportgen.core.oserrors import describe
from reportgen.core.outfile import copy_atomic
from reportgen.core.problems import InputError, Problem, error
from reportgen.office import process


def find_soffice() -> str | None:
    """The soffice program (see office.soffice for the order it is looked for in)."""
    from reportgen.office import soffice

    return soffice.find().path


def font_conf() -> str | None:
    """The fontconfig map for LibreOffice: REPORTGEN_FONTCONF if set (an office's own), else ours."""
    override = os.environ.get("REPORTGEN_FONTCONF", "")
    for candidate in (override, str(resources.font_conf())):
        if candidate and Path(candidate).is_file():
            return str(Path(candidate).resolve())
    return None


# The PDF export filter's options (writer_pdf_Export's FilterData), in one place: a tagged PDF/A-2b
# by default (archives and OA systems ask for PDF/A; the tags give screen readers the structure),
# a plain tagged PDF for an office whose system refuses PDF/A.
PDF_EXPORT_OPTIONS: dict[str, bool | int | str] = {"SelectPdfVersion": 2, "UseTaggedPDF": True}
PLAIN_PDF_OPTIONS: dict[str, bool | int | str] = {"SelectPdfVersion": 0, "UseTaggedPDF": True}
# One office process per core, each with its own profile; a start costs ~1.5 s, so a process gets
# at least a few files; each takes ~300 MB, so a many-core machine still runs only a few.
MAX_OFFICES, MIN_FILES_PER_OFFICE = 4, 4
# How many office processes at most (e.g. 1 on a machine short of memory; `make bench` compares).
PROCESSES_ENV = "REPORTGEN_PDF_PROCESSES"
# How often the office processes are looked at while they convert (a PDF is dated once complete).
POLL_SECONDS = 0.05


def to_pdf(
    docx: str | os.PathLike, outdir: str | os.PathLike | None = None, timeout: float = 180, archival: bool = True
) -> Path:
    """Write DOCX's PDF into outdir (default: beside it) and return its path."""
    (target,) = to_pdfs([docx], outdir, timeout, archival=archival)
    return target


def office_count(files: int, processes: int | None = None) -> int:
    """How many LibreOffice processes convert FILES: PROCESSES if given, else one per core."""
    env = os.environ.get(PROCESSES_ENV, "")
    cap = int(env) if env.isdigit() and int(env) > 0 else MAX_OFFICES
    wanted = processes or min(os.cpu_count() or 1, cap, max(1, files // MIN_FILES_PER_OFFICE))
    return max(1, min(wanted, files))


def split(files: int, parts: int) -> list[range]:
    """FILES indexes in PARTS consecutive runs of nearly equal length."""
    size, extra = divmod(files, parts)
    runs, start = [], 0
    for k in range(parts):
        stop = start + size + (1 if k < extra else 0)
        runs.append(range(start, stop))
        start = stop
    return runs


def font_replacements() -> dict[str, str]:
    """The font replacement table every conversion's profile gets: each official font not installed
    on this machine -> its best installed face (render.fonts), so that LibreOffice does not depend
    on fontconfig's answer alone (nor, on Windows, on having no answer at all)."""
    from reportgen.render.fonts import font_uses, replacement_table

    conf = font_conf() if os.name != "nt" else None
    return replacement_table(font_uses(Path(conf) if conf else None))


def _start_office(
    soffice: str, env: dict, work: Path, profile: Path, files: range, options: dict, fonts: dict[str, str]
) -> subprocess.Popen:
    """One headless LibreOffice with its own profile, converting work/NNNNN.docx for FILES; what it
    says goes to PROFILE's log (office.process)."""
    from reportgen.render.officemacro import macro_url, write_profile

    uri = write_profile(profile, options, fonts)
    cmd = [soffice, f"-env:UserInstallation={uri}", "--headless", "--norestore", "--nologo",
           macro_url(work, files.start, files.stop - 1)]  # fmt: skip
    return process.start(cmd, env, process.log_of(profile))


def _wait_all(
    procs: list[subprocess.Popen], runs: list[range], out: Path, timeout: float, ready: Callable[[int], None]
) -> list[int]:
    """Wait for every office process and return their exit codes. Each PDF is handed to READY as
    soon as it is complete (its process has begun the next file of its run, or ended), so the work
    done after LibreOffice overlaps the conversions. On a timeout, Ctrl-C or READY raising, every
    process is stopped."""
    import time

    deadline = time.monotonic() + timeout
    queues = [list(files) for files in runs]
    try:
        while True:
            for proc, queue in zip(procs, queues):
                ended = proc.poll() is not None
                while queue and (ended or (len(queue) > 1 and (out / f"{queue[1]:05d}.pdf").exists())):
                    ready(queue.pop(0))
            if not any(queues):
                return [proc.wait() for proc in procs]
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("soffice", timeout)
            time.sleep(POLL_SECONDS)
    except BaseException:  # a timeout, Ctrl-C, a PDF that cannot be dated: no LibreOffice left running
        for proc in procs:
            process.stop(proc)
        raise


def to_pdfs(
    docxs: list[str | os.PathLike],
    outdir: str | os.PathLike | None = None,
    timeout: float | None = None,
    archival: bool = True,
    processes: int | None = None,
    fonts: dict[str, str] | None = None,
) -> list[Path]:
    """Convert many .docx files with one LibreOffice process per core (a cold start costs ~1.5 s,
    so never one per file), each process with its own profile (officemacro: the macro that
    converts them the way Word sets them).

    Each PDF lands beside its .docx (or in outdir) under the .docx's name. The files are copied
    to numbered names in a private folder first, so equal names from different folders cannot
    collide. On a timeout or Ctrl-C every process is stopped and the folders removed. FONTS is the
    font replacement table (official name -> face); None: this machine's (font_replacements).
    """
    sources = [Path(d).resolve() for d in docxs]
    if not sources:
        return []
    soffice = find_soffice()
    if not soffice:
        from reportgen.office.soffice import find, why_missing

        why = why_missing(find())  # a wrong REPORTGEN_SOFFICE is named
        raise InputError(
            error("PDF", sources[0].name, "", f"没有找到 LibreOffice{why}，无法生成 PDF。请安装 LibreOffice，或在 Word/WPS 中打开报告后“另存为 PDF”")
        )
    runs = split(len(sources), office_count(len(sources), processes))
    timeout = timeout if timeout is not None else 120 + 5 * max(len(r) for r in runs)
    env = dict(os.environ)
    conf = font_conf()
    if conf and os.name != "nt":
        env["FONTCONFIG_FILE"] = conf
    if outdir:
        Path(outdir).mkdir(parents=True, exist_ok=True)
    targets = [(Path(outdir).resolve() if outdir else src.parent) / (src.stem + ".pdf") for src in sources]
    options = PDF_EXPORT_OPTIONS if archival else PLAIN_PDF_OPTIONS
    fonts = font_replacements() if fonts is None else fonts
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profiles, tempfile.TemporaryDirectory(
        prefix="reportgen-pdf-"
    ) as work_name:
        work = Path(work_name)
        (work / "out").mkdir()
        for i, src in enumerate(sources):
            shutil.copyfile(src, work / f"{i:05d}.docx")
        made = [work / "out" / f"{i:05d}.pdf" for i in range(len(sources))]
        procs: list[subprocess.Popen] = []
        try:
            for k, files in enumerate(runs):
                procs.append(_start_office(soffice, env, work, Path(profiles) / str(k), files, options, fonts))
            codes = _wait_all(procs, runs, work / "out", timeout, lambda i: _date(made[i], sources[i]))
        except subprocess.TimeoutExpired:
            raise InputError(error("PDF", sources[0].name, "", f"LibreOffice 转换超过 {timeout:.0f} 秒没有完成")) from None
        except BaseException:  # Ctrl-C while starting: stop those already started
            for proc in procs:
                process.stop(proc)
            raise
        missing = [src.name for pdf, src in zip(made, sources) if not pdf.exists()]
        failed = [k for k, code in enumerate(codes) if code != 0]
        if failed or missing:
            detail = process.said(process.log_of(Path(profiles) / str(failed[0]))) if failed else ""
            raise InputError(error("PDF", "、".join(missing) or sources[0].name, "", f"LibreOffice 转换 PDF 失败：{detail}"))
        return _put_in_place(made, targets)


def _date(pdf: Path, src: Path) -> None:
    """PDF's dates set to SRC's creation date, the 成文日期 (render/pdfdate: LibreOffice stamps the
    time of export); a .docx that states none, or a file LibreOffice could not convert, is left."""
    import pikepdf

    from reportgen.render.pdfdate import docx_created, set_dates

    when = docx_created(src)
    if when is None or not pdf.exists():
        return
    try:
        set_dates(pdf, when)
    except (pikepdf.PdfError, OSError) as exc:
        raise InputError(error("PDF", src.name, "", f"LibreOffice 生成的 PDF 无法读取，没有写入（{exc}）")) from None


class NotAllWritten(InputError):
    """Some PDFs could not be put in place (open in a PDF reader, read-only): `written` holds each
    target's path, or None where it failed; the problems name the failed ones."""

    def __init__(self, problems: list[Problem], written: list[Path | None]):
        super().__init__(*problems)
        self.written = written


def _put_in_place(made: list[Path], targets: list[Path]) -> list[Path]:
    """Copy each PDF over its target (never a half-copied PDF, never over a read-only one); one
    that cannot be written is a problem naming it, and the others are still written."""
    written: list[Path | None] = []
    problems: list[Problem] = []
    for pdf, target in zip(made, targets):
        try:
            copy_atomic(pdf, target)
            written.append(target)
        except OSError as exc:
            problems.append(error("PDF", target.name, "", f"无法写入 {target}：{describe(exc)}"))
            written.append(None)
    if problems:
        raise NotAllWritten(problems, written)
    return written  # type: ignore[return-value]


def font_problem(pdf: Path) -> Problem | None:
    """A 提醒 when LibreOffice on this machine would set 仿宋/楷体/小标宋 in an unfit face."""
    from reportgen.render.fonts import font_uses, missing_fonts_warning

    conf = font_conf()
    return missing_fonts_warning(font_uses(Path(conf) if conf else None), pdf.name)
