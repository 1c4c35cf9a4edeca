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

SOFFICE_ENV = "REPORTGEN_SOFFICE"  # an explicit LibreOffice program, tried before any other


def find_soffice() -> str | None:
    explicit = os.environ.get(SOFFICE_ENV, "").strip().strip('"')
    if explicit:  # never silently replaced by another LibreOffice
        return explicit if Path(explicit).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ):
        if Path(candidate).exists():
            return candidate
    return None


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
    """Convert many .docx files with ONE LibreOffice process (a cold start costs ~2 s per call).

    Each PDF lands beside its .docx (or in outdir) under the .docx's name. The files are copied
    to numbered names in a private folder first, so equal names from different folders cannot
    collide. LibreOffice runs in its own process group with its own profile: on a timeout or
    Ctrl-C the whole group is stopped and the folders removed.
    """
    import signal

    sources = [Path(d).resolve() for d in docxs]
    if not sources:
        return []
    soffice = find_soffice()
    if not soffice:
        raise InputError(
            error("PDF", sources[0].name, "", "没有找到 LibreOffice，无法生成 PDF。请安装 LibreOffice，或在 Word/WPS 中打开报告后“另存为 PDF”")
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
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(Path(work) / "out"), *inputs]  # fmt: skip
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
            raise InputError(error("PDF", sources[0].name, "", f"LibreOffice 转换超过 {timeout:.0f} 秒没有完成")) from None
        except BaseException:  # Ctrl-C: no LibreOffice left running, no profile left behind
            stop()
            raise
        missing = [src.name for i, src in enumerate(sources) if not (Path(work) / "out" / f"{i:05d}.pdf").exists()]
        if proc.returncode != 0 or missing:
            detail = (err or out).decode("utf-8", "replace").strip()[-300:]
            raise InputError(error("PDF", "、".join(missing) or sources[0].name, "", f"LibreOffice 转换 PDF 失败：{detail}"))
        for i, target in enumerate(targets):
            try:  # never a half-copied PDF, never a stray temporary file, never over a read-only one
                copy_atomic(Path(work) / "out" / f"{i:05d}.pdf", target)
            except OSError as exc:
                raise InputError(error("PDF", target.name, "", f"无法写入 {target}：{describe(exc)}")) from None
    return targets


def font_problem(pdf: Path) -> Problem | None:
    """A 提醒 when LibreOffice on this machine would set 仿宋/楷体/小标宋 in an unfit face."""
    from reportgen.render.fonts import font_uses, missing_fonts_warning

    conf = font_conf()
    return missing_fonts_warning(font_uses(Path(conf) if conf else None), pdf.name)
