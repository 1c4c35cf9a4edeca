"""Office files (.doc, .wps, .rtf, .docm, .odt) converted to .docx by one headless LibreOffice for
many files, with a time limit per file; a session keeps a folder's converted copies.

`to_docx` starts ONE soffice (its own throwaway profile) for all the files it is given
(`--convert-to docx --outdir OUT f1 f2 …`): a cold start costs seconds, a file a fraction of one.
Each file has SECONDS_PER_FILE: when no file has been finished for that long, the process group is
stopped, the files already converted are kept, the file being converted is a Failure and the rest
get a new process. `session()` is the with-block of a folder review: it converts the folder's office
files at once, and `docx_of(path)` (the reader's door) takes the session's copy, or converts the one
file itself when no session runs. The copies live in a private temporary folder, removed afterwards.
.mht/.mhtml pages are not converted: LibreOffice opens them as text, the HTML reader reads them well.
"""

from __future__ import annotations

import contextvars
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core import filekind
from reportgen.core.oserrors import describe
from reportgen.office import process, soffice

# How long one file may take (LibreOffice's start included in the first file's time).
SECONDS_PER_FILE = 60
# How often the converting process is looked at.
POLL_SECONDS = 0.05
FILTER = "docx:MS Word 2007 XML"
# What each source form is called in a message (the door's forms carry the same words).
WHAT = {
    "doc": "旧版 Word 文件（.doc）",
    "wps": "WPS 文字文件（.wps）",
    "rtf": "RTF 文件（.rtf）",
    "odt": "OpenDocument 文本文件（.odt）",
    "docm": "启用宏的 Word 文件（.docm）",
}
# The suffix the working copy gets: LibreOffice's type detection takes a hint from it, and a WPS
# 文字 file (.wps, Kingsoft) is Word's binary format (a .wps is Microsoft Works to LibreOffice).
_COPY_SUFFIX = {"doc": ".doc", "wps": ".doc", "rtf": ".rtf", "odt": ".odt", "docm": ".docm"}


@dataclass(frozen=True)
class Failure:
    """A file that has no converted copy: the Chinese reason."""

    message: str


class NoOffice(Exception):
    """No LibreOffice to convert with; `why` is "（…）" when a setting points nowhere (soffice.why_missing)."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


def source_form(path: Path) -> str | None:
    """'doc', 'wps', 'rtf' or 'odt' for a file that LibreOffice converts for the readers, told by
    its content (a .doc that is a web page is none: the HTML reader reads it); None otherwise.
    A password-protected or damaged compound file is none either: the door names it."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        return None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if filekind.identify(path).key != filekind.DOC:
            return None
        return "wps" if path.suffix.lower() == ".wps" else "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04") and filekind.identify(path).key == filekind.ODT:
        return "odt"
    return None


def what(form: str) -> str:
    """The form's name after 这是: a space before a Latin word (这是 RTF 文件)."""
    name = WHAT[form]
    return f" {name}" if name[0].isascii() else name


def save_as(then: str = "检查", besides: str = "") -> str:
    """The way out when a file is not converted: "在 Word 或 WPS 中打开，“另存为” .docx 格式后再检查"."""
    return f"在 Word 或 WPS 中打开，“另存为” .docx 格式{besides}后再{then}"


def without_office(form: str, why: str, then: str = "检查", besides: str = "") -> str:
    """The one message for an office file and no LibreOffice (WHY: NoOffice's why): what the file
    is, and the two ways out (install LibreOffice, or save it as .docx; BESIDES: one more way)."""
    return (f"这是{what(form)}，要由 LibreOffice 转换为 .docx 后才能{then}，但没有找到 LibreOffice{why}："
            f"安装 LibreOffice 后再{then}，或在 Word/WPS 中“另存为” .docx{besides}")


def _copy_suffix(path: Path) -> str:
    form = source_form(path)
    return _COPY_SUFFIX[form] if form else (path.suffix.lower() or ".doc")


def to_docx(
    paths: Iterable[str | os.PathLike], outdir: str | os.PathLike, seconds_per_file: float | None = None
) -> dict[Path, Path | Failure]:
    """Convert PATHS to .docx files in OUTDIR with one LibreOffice process (another one only after
    a file went past its time): each path -> its .docx, or the Failure that says why there is none.
    NoOffice when there is no LibreOffice."""
    limit = SECONDS_PER_FILE if seconds_per_file is None else seconds_per_file
    sources = list(dict.fromkeys(Path(p) for p in paths))
    if not sources:
        return {}
    found = soffice.find()
    if found.path is None:
        raise NoOffice(soffice.why_missing(found))
    results: dict[Path, Path | Failure] = {}
    out = Path(tempfile.mkdtemp(prefix="docx-", dir=outdir))
    with tempfile.TemporaryDirectory(prefix="reportgen-convert-") as work_name:
        work = Path(work_name)
        (work / "in").mkdir()
        pending: list[tuple[Path, Path]] = []
        for i, src in enumerate(sources):
            copy = work / "in" / f"{i:05d}{_copy_suffix(src)}"
            try:
                shutil.copyfile(src, copy)
            except OSError as exc:
                results[src] = Failure(f"无法读取：{describe(exc)}")
                continue
            pending.append((src, copy))
        run = 0
        while pending:
            pending = _run(found.path, pending, out, work / f"profile{run}", limit, results)
            run += 1
    return {src: results[src] for src in sources}


def _run(
    program: str, pending: list[tuple[Path, Path]], out: Path, profile: Path, limit: float,
    results: dict[Path, Path | Failure],
) -> list[tuple[Path, Path]]:
    """One LibreOffice converting PENDING into OUT; RESULTS gets each file it finished or failed.
    Returns the files it did not reach (it was stopped at the limit: they need a new process)."""
    cmd = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
           "--convert-to", FILTER, "--outdir", str(out), *(str(copy) for _, copy in pending)]  # fmt: skip
    log = process.log_of(profile)
    made = [out / (copy.stem + ".docx") for _, copy in pending]
    try:
        proc = process.start(cmd, None, log)
    except OSError as exc:  # REPORTGEN_SOFFICE names a file that is no program
        for src, _ in pending:
            results[src] = Failure(f"无法启动 LibreOffice（{program}），它可能不是 soffice 程序（{type(exc).__name__}）")
        return []
    timed_out = False
    try:
        seen, since = -1, time.monotonic()
        while proc.poll() is None:
            now = time.monotonic()
            progress = sum(p.exists() for p in made) + len(_result_lines(log))
            if progress > seen:
                seen, since = progress, now
            elif now - since > limit:
                timed_out = True
                process.stop(proc)
                break
            time.sleep(POLL_SECONDS)
    except BaseException:  # Ctrl-C: no LibreOffice left running
        process.stop(proc)
        raise
    said = process.said(log)
    if not timed_out:
        for (src, _), docx in zip(pending, made):
            results[src] = docx if _complete(docx) else Failure(_cannot(said))
        return []
    stuck = _stuck(made, _result_lines(log))
    for k, ((src, _), docx) in enumerate(zip(pending, made)):
        if k < stuck:
            results[src] = docx if _complete(docx) else Failure(_cannot(said))
        elif k == stuck:
            results[src] = Failure(f"转换超过 {limit:g} 秒没有完成")
    return pending[stuck + 1:]


def _cannot(said: str) -> str:
    lines = [ln for ln in said.splitlines() if ln.startswith("Error")]
    return "LibreOffice 无法转换这个文件" + (f"（{lines[-1].strip()}）" if lines else "")


def _result_lines(log: Path) -> list[str]:
    """LibreOffice's line per file ("convert A -> B …", or "Error: …" for a file it cannot load)."""
    text = process.said(log, last=1 << 20)
    return [ln for ln in text.splitlines() if ln.startswith(("convert ", "Error:"))]


def _stuck(made: list[Path], lines: list[str]) -> int:
    """The index of the file LibreOffice was converting when it was stopped: after the last file
    it wrote, and after every file it said a word about (the last one, if said but not written)."""
    written = max((k for k, p in enumerate(made) if p.exists()), default=-1)
    said = len(lines)
    if lines and lines[-1].startswith("convert ") and said - 1 < len(made) and not _complete(made[said - 1]):
        said -= 1  # loaded and being saved when it was stopped
    return max(written + 1, said)


def _complete(docx: Path) -> bool:
    """A .docx written to its end (not one cut off when its process was stopped)."""
    try:
        with zipfile.ZipFile(docx) as z:
            return "word/document.xml" in z.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


# --- a session: one folder's office files converted at once --------------------------------------


@dataclass
class Session:
    """The converted copies of one run (a folder review): path -> .docx or Failure. The private
    folder is made at the first conversion and removed when the session ends."""

    seconds_per_file: float | None = None
    copies: dict[Path, Path | Failure] = field(default_factory=dict)
    unavailable: str | None = None  # NoOffice's why, once there is known to be no LibreOffice
    _folder: Path | None = None

    def convert(self, paths: Iterable[Path]) -> None:
        """Convert those of PATHS not converted yet, all in one go; no LibreOffice is remembered."""
        todo = [p for p in dict.fromkeys(Path(p).resolve() for p in paths) if p not in self.copies]
        if not todo or self.unavailable is not None:
            return
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="reportgen-docx-"))
        try:
            self.copies.update(to_docx(todo, self._folder, self.seconds_per_file))
        except NoOffice as exc:
            self.unavailable = exc.why

    def copy_of(self, path: Path) -> Path:
        """PATH's converted .docx (converted now if it was not); ConversionFailed or NoOffice."""
        key = Path(path).resolve()
        self.convert([key])
        if self.unavailable is not None:
            raise NoOffice(self.unavailable)
        done = self.copies[key]
        if isinstance(done, Failure):
            raise ConversionFailed(done.message)
        return done

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self.copies.clear()


class ConversionFailed(Exception):
    """LibreOffice did not convert the file: args[0] is the Chinese reason (a Failure's message)."""


_ACTIVE: contextvars.ContextVar[Session | None] = contextvars.ContextVar("reportgen_office_session", default=None)


@contextmanager
def session(paths: Iterable[Path] = (), seconds_per_file: float | None = None) -> Iterator[Session]:
    """A with-block in which the office files among PATHS are converted at once (one LibreOffice),
    and `docx_of` gives their copies; inside another session, that one is used."""
    outer = _ACTIVE.get()
    if outer is not None:
        outer.convert(p for p in paths if source_form(Path(p)))
        yield outer
        return
    current = Session(seconds_per_file)
    token = _ACTIVE.set(current)
    try:
        current.convert(p for p in paths if source_form(Path(p)))
        yield current
    finally:
        _ACTIVE.reset(token)
        current.close()


@contextmanager
def docx_of(path: Path) -> Iterator[Path]:
    """PATH's converted .docx for the time of the with-block: the running session's copy, else one
    converted now and removed afterwards. ConversionFailed or NoOffice when there is none."""
    current = _ACTIVE.get()
    if current is not None:
        yield current.copy_of(path)
        return
    with session() as own:
        yield own.copy_of(path)

