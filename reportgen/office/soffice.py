"""Where LibreOffice is on this machine, how it was found, and which version it is (for --pdf and `doctor`).

The order: an explicit setting (REPORTGEN_SOFFICE, which `--soffice` sets), then on Windows the
registry's App Paths and uninstall entries, %ProgramFiles%, %ProgramFiles(x86)%, any drive's
`Program Files\\LibreOffice*`, then PATH; elsewhere PATH, then the macOS application. An explicit
setting that points nowhere is said, never silently replaced by another LibreOffice.
"""

from __future__ import annotations

import glob
import os
import shutil
import string
import sys
from dataclasses import dataclass

ENV = "REPORTGEN_SOFFICE"
_APP_PATHS = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"
_UNINSTALL = (
    r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
    r"SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
)
_MACOS = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


@dataclass(frozen=True)
class Found:
    path: str | None  # the soffice program, or None
    how: str  # Chinese: how it was found, or why the setting could not be used


def find() -> Found:
    """The LibreOffice to use, and how it was found."""
    explicit = os.environ.get(ENV, "").strip().strip('"')
    if explicit:
        program = _program_in(explicit)
        if program:
            return Found(program, f"由设置 {ENV}（或 --soffice）指定")
        return Found(None, f"设置 {ENV}（或 --soffice）指定的 {explicit} 不是 LibreOffice 程序（soffice）：请改正或删去这个设置")
    if sys.platform == "win32":
        for program, how in _windows_candidates():
            if program and os.path.isfile(program):
                return Found(program, how)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Found(found, "在 PATH 中找到")
    if sys.platform == "darwin" and os.path.isfile(_MACOS):
        return Found(_MACOS, "在“应用程序”文件夹中找到")
    return Found(None, "没有找到")


def why_missing(found: Found) -> str:
    """"（…）" after 没有找到 LibreOffice when a setting points nowhere; "" when none was found at all."""
    return f"（{found.how}）" if found.path is None and found.how != "没有找到" else ""


def _program_in(path: str) -> str | None:
    """The soffice program itself, or inside a LibreOffice folder (its own or its program/)."""
    if os.path.isfile(path):
        return path
    for sub in ("", "program"):
        for name in ("soffice.exe", "soffice", "soffice.com"):
            candidate = os.path.join(path, sub, name)
            if os.path.isfile(candidate):
                return candidate
    return None


def _windows_candidates():
    """(program, how) in the order they are tried on Windows; lazily, the registry first."""
    for program in _app_paths():
        yield program, "由注册表（App Paths）找到"
    for folder in _uninstall_locations():
        yield _program_in(folder), "由注册表（已安装的程序）找到"
    for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        base = os.environ.get(var)
        if base:
            for folder in sorted(glob.glob(os.path.join(base, "LibreOffice*")), reverse=True):
                yield _program_in(folder), f"在 %{var}% 中找到"
    for drive in drives():
        for pf in ("Program Files", "Program Files (x86)"):
            for folder in sorted(glob.glob(os.path.join(drive, pf, "LibreOffice*")), reverse=True):
                yield _program_in(folder), f"在 {drive} 盘的 {pf} 中找到"


def drives() -> list[str]:
    """The drives of this Windows machine (C:\\, D:\\ …) that exist."""
    return [f"{c}:\\" for c in string.ascii_uppercase if os.path.isdir(f"{c}:\\")]


def _registry():
    try:
        import winreg
    except ImportError:  # not Windows (the tests give a stand-in)
        return None
    return winreg


def _app_paths() -> list[str]:
    winreg = _registry()
    if winreg is None:
        return []
    found = []
    for root in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        try:
            with winreg.OpenKey(root, _APP_PATHS) as key:
                value, _ = winreg.QueryValueEx(key, "")
        except OSError:
            continue
        if value:
            found.append(str(value).strip('"'))
    return found


def _uninstall_locations() -> list[str]:
    """Install folders of the programs named LibreOffice* in the registry's uninstall entries."""
    winreg = _registry()
    if winreg is None:
        return []
    found = []
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for path in _UNINSTALL:
            try:
                key = winreg.OpenKey(root, path)
            except OSError:
                continue
            with key:
                i = 0
                while True:
                    try:
                        sub = winreg.EnumKey(key, i)
                    except OSError:
                        break
                    i += 1
                    try:
                        with winreg.OpenKey(key, sub) as entry:
                            name, _ = winreg.QueryValueEx(entry, "DisplayName")
                            if not str(name).startswith("LibreOffice"):
                                continue
                            location, _ = winreg.QueryValueEx(entry, "InstallLocation")
                    except OSError:
                        continue
                    if location:
                        found.append(str(location).strip('"'))
    return found


# The LibreOffice versions the page is measured in on CI (the distribution's and the current release).
TESTED_VERSIONS = ("7.4", "25.2")


def soffice_version(soffice: str, timeout: float = 60) -> str | None:
    """"25.2" for the LibreOffice at SOFFICE: its `--version` answer (on Windows soffice.com's, the
    console twin of soffice.exe), else the version file of its program folder; None if neither says."""
    import re
    import subprocess
    import tempfile
    from pathlib import Path

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
