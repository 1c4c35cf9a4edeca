"""Convert a .docx to PDF with headless LibreOffice, with the official-font substitutes on Linux."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from reportgen.core import resources
from reportgen.core.oserrors import describe
from reportgen.core.outfile import copy_atomic
from reportgen.core.problems import InputError, Problem, error
from reportgen.render.soffice import ENV as SOFFICE_ENV  # noqa: F401  an explicit LibreOffice program, tried first


def find_soffice() -> str | None:
    """The soffice program (see render.soffice for the order it is looked for in)."""
    from reportgen.render import soffice

    return soffice.find().path


# The LibreOffice versions the page is measured in on CI (the distribution's and the current release).
TESTED_VERSIONS = ("7.4", "25.2")


def soffice_version(soffice: str, timeout: float = 60) -> str | None:
    """"25.2" for the LibreOffice at SOFFICE: its `--version` answer (on Windows soffice.com's, the
    console twin of soffice.exe), else the version file of its program folder; None if neither says."""
    import re

    program = Path(soffice)
    console = program.with_name("soffice.com")
    cmd = str(console if program.suffix.lower() == ".exe" and console.is_file() else program)
    found = None
    try:
        with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
            done = subprocess.run([cmd, f"-env:UserInstallation={Path(profile).as_uri()}", "--version"],
                                  capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)  # fmt: skip
        found = re.search(r"LibreOffice\D*?(\d+)\.(\d+)", done.stdout.decode("utf-8", "replace"))
    except (OSError, subprocess.SubprocessError):
        pass
    for name in ("version.ini", "versionrc"):  # Windows/macOS installers write MsiProductVersion
        if found is None and (program.parent / name).is_file():
            text = (program.parent / name).read_text(encoding="utf-8", errors="replace")
            found = re.search(r"^(?:MsiProductVersion|ProductVersion)=(\d+)\.(\d+)", text, re.M)
    return f"{found.group(1)}.{found.group(2)}" if found else None


def older_than_tested(version: str) -> bool:
    """True for a version older than the oldest one the page is measured in."""
    as_tuple = lambda v: tuple(int(x) for x in v.split("."))  # noqa: E731
    return as_tuple(version) < min(as_tuple(v) for v in TESTED_VERSIONS)


def font_conf() -> str | None:
    """The fontconfig map for LibreOffice: REPORTGEN_FONTCONF if set (an office's own), else ours."""
    override = os.environ.get("REPORTGEN_FONTCONF", "")
    for candidate in (override, str(resources.font_conf())):
        if candidate and Path(candidate).is_file():
            return str(Path(candidate).resolve())
    return None


def to_pdf(docx: str | os.PathLike, outdir: str | os.PathLike | None = None, timeout: float = 180) -> Path:
    """Write DOCX's PDF into outdir (default: beside it) and return its path."""
    (target,) = to_pdfs([docx], outdir, timeout)
    return target


def to_pdfs(
    docxs: list[str | os.PathLike], outdir: str | os.PathLike | None = None, timeout: float | None = None
) -> list[Path]:
    """Convert many .docx files with ONE LibreOffice process (a cold start costs ~2 s per call), or
    one per run of files that fits the Windows command-line limit (about 450 long paths).

    Each PDF lands beside its .docx (or in outdir) under the .docx's name. The files are copied
    to numbered names in a private folder first, so equal names from different folders cannot
    collide. LibreOffice runs in its own process group with its own profile: on a timeout or
    Ctrl-C the whole group is stopped and the folders removed.
    """
    sources = [Path(d).resolve() for d in docxs]
    if not sources:
        return []
    soffice = find_soffice()
    if not soffice:
        from reportgen.render.soffice import find

        found = find()  # a wrong REPORTGEN_SOFFICE is named
        why = f"（{found.how}）" if found.path is None and found.how != "没有找到" else ""
        raise InputError(
            error("PDF", sources[0].name, "", f"没有找到 LibreOffice{why}，无法生成 PDF。请安装 LibreOffice，或在 Word/WPS 中打开报告后“另存为 PDF”")
        )
    timeout = timeout if timeout is not None else 120 + 5 * len(sources)
    env = dict(os.environ)
    conf = font_conf()
    if conf and os.name != "nt":
        env["FONTCONFIG_FILE"] = conf
    if outdir:
        Path(outdir).mkdir(parents=True, exist_ok=True)
    targets = [(Path(outdir).resolve() if outdir else src.parent) / (src.stem + ".pdf") for src in sources]
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile, tempfile.TemporaryDirectory(
        prefix="reportgen-pdf-"
    ) as work:
        inputs = []
        for i, src in enumerate(sources):
            copy = Path(work) / f"{i:05d}.docx"
            shutil.copyfile(src, copy)
            inputs.append(str(copy))
        prefix = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                  "--convert-to", "pdf", "--outdir", str(Path(work) / "out")]  # fmt: skip
        for chunk in command_chunks(prefix, inputs):
            returncode, detail = _run_soffice(prefix + chunk, env, timeout, sources[0].name)
            missing = [sources[int(Path(c).stem)].name for c in chunk if not (Path(work) / "out" / (Path(c).stem + ".pdf")).exists()]
            if returncode != 0 or missing:
                raise InputError(error("PDF", "、".join(missing) or sources[0].name, "", f"LibreOffice 转换 PDF 失败：{detail}"))
        return _put_in_place([Path(work) / "out" / f"{i:05d}.pdf" for i in range(len(sources))], targets)


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
    return targets


# Windows refuses a command line over 32,767 characters (CreateProcess); a margin for quoting.
COMMAND_LINE_LIMIT = 32_000


def command_chunks(prefix: list[str], inputs: list[str], limit: int | None = None) -> list[list[str]]:
    """INPUTS cut into runs whose whole command line (PREFIX + run, quoted as Windows quotes it)
    stays under LIMIT characters (default COMMAND_LINE_LIMIT); every run holds at least one input."""
    limit = limit or COMMAND_LINE_LIMIT
    base = len(subprocess.list2cmdline(prefix))
    chunks: list[list[str]] = []
    current: list[str] = []
    length = base
    for item in inputs:
        size = len(subprocess.list2cmdline([item])) + 1
        if current and length + size > limit:
            chunks.append(current)
            current, length = [], base
        current.append(item)
        length += size
    if current:
        chunks.append(current)
    return chunks


def decode_output(data: bytes) -> str:
    """LibreOffice's messages in the system's code page (ANSI, cp936 on Chinese Windows), whatever
    Python's own UTF-8 mode says; UTF-8 first where it is valid."""
    import locale

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    getencoding = getattr(locale, "getencoding", None)  # Python 3.11+: the code page, not UTF-8 mode's
    encoding = getencoding() if getencoding else locale.getpreferredencoding(False)
    return data.decode(encoding or "utf-8", "replace")


def _run_soffice(cmd: list[str], env: dict[str, str], timeout: float, name: str) -> tuple[int, str]:
    """Run one LibreOffice conversion in its own process group; (exit code, its last message)."""
    import signal

    posix = os.name != "nt"
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=posix
    )  # its own process group: soffice starts soffice.bin, which must go too

    def stop() -> None:
        if posix:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:  # soffice.exe starts soffice.bin: /T stops the whole tree
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
            proc.kill()
        proc.wait()

    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop()
        raise InputError(error("PDF", name, "", f"LibreOffice 转换超过 {timeout:.0f} 秒没有完成")) from None
    except BaseException:  # Ctrl-C: no LibreOffice left running, no profile left behind
        stop()
        raise
    return proc.returncode, decode_output(err or out).strip()[-300:]


def font_problem(pdf: Path) -> Problem | None:
    """A 提醒 when LibreOffice on this machine would set 仿宋/楷体/小标宋 in an unfit face."""
    from reportgen.render.fonts import font_uses, missing_fonts_warning

    conf = font_conf()
    return missing_fonts_warning(font_uses(Path(conf) if conf else None), pdf.name)
