"""Convert a .docx to PDF with headless LibreOffice, with the official-font substitutes on Linux."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import resources
from .problems import InputError, Problem, error


def find_soffice() -> str | None:
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


def font_conf() -> str | None:
    """The fontconfig map for LibreOffice: REPORTGEN_FONTCONF if set (an office's own), else ours."""
    override = os.environ.get("REPORTGEN_FONTCONF", "")
    for candidate in (override, str(resources.font_conf())):
        if candidate and Path(candidate).is_file():
            return str(Path(candidate).resolve())
    return None


def to_pdf(docx: str | os.PathLike, outdir: str | os.PathLike | None = None, timeout: float = 180) -> Path:
    """Write DOCX's PDF into outdir (default: beside it) and return its path."""
    docx = Path(docx).resolve()
    outdir = Path(outdir).resolve() if outdir else docx.parent
    soffice = find_soffice()
    if not soffice:
        raise InputError(
            error("PDF", docx.name, "", "没有找到 LibreOffice，无法生成 PDF。请安装 LibreOffice，或在 Word/WPS 中打开报告后“另存为 PDF”")
        )
    env = dict(os.environ)
    conf = font_conf()
    if conf and os.name != "nt":
        env["FONTCONFIG_FILE"] = conf
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile, tempfile.TemporaryDirectory(
        prefix="reportgen-pdf-"
    ) as work:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            work,
            str(docx),
        ]
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise InputError(error("PDF", docx.name, "", f"LibreOffice 转换超过 {timeout:.0f} 秒没有完成")) from None
        produced = Path(work) / (docx.stem + ".pdf")
        if proc.returncode != 0 or not produced.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-300:]
            raise InputError(error("PDF", docx.name, "", f"LibreOffice 转换 PDF 失败：{detail}"))
        target = outdir / produced.name
        tmp = target.with_name(target.name + ".tmp")
        shutil.copyfile(produced, tmp)
        os.replace(tmp, target)
        return target


def font_problem(pdf: Path) -> Problem | None:
    """A 提醒 when LibreOffice on this machine would set 仿宋/楷体/小标宋 in an unfit face."""
    from .fontcheck import font_uses, missing_fonts_warning

    conf = font_conf()
    return missing_fonts_warning(font_uses(Path(conf) if conf else None), pdf.name)
