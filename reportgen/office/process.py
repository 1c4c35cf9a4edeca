"""A headless LibreOffice process: started in its own process group with what it says going to a log
file, and stopped whole (soffice starts soffice.bin, which must be stopped too)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path


def log_of(profile: Path) -> Path:
    """The log file of the process that uses PROFILE: beside it, never inside (LibreOffice owns that)."""
    return profile.with_name(profile.name + ".log")


def start(cmd: list[str], env: dict | None, log: Path) -> subprocess.Popen:
    """Start CMD in its own process group (session) on POSIX; what it says goes to LOG (a file, not a
    pipe: nobody has to keep reading it)."""
    with open(log, "wb") as out:  # the child keeps its own handle
        return subprocess.Popen(
            cmd, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=os.name != "nt",
        )  # fmt: skip


def stop(proc: subprocess.Popen) -> None:
    """Stop one office process and everything it started. On POSIX the whole process group is
    killed even when its leader has already ended: soffice.bin (restarting itself after the first
    start of a new profile) can outlive the launcher that Popen started."""
    if os.name != "nt":
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the group id stays taken while any member lives
        except (ProcessLookupError, PermissionError):
            pass
    elif proc.poll() is None:  # soffice.exe starts soffice.bin: /T stops the whole tree
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
        proc.kill()
    proc.wait()


def said(log: Path, last: int = 300) -> str:
    """The last LAST characters of what the process wrote to LOG, decoded ('' if nothing)."""
    try:
        data = log.read_bytes()
    except OSError:
        return ""
    return decode_output(data).strip()[-last:]


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
