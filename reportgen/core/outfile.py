"""Writing output files: atomically, with the permissions a normal save would give, and never over
a file the clerk protected.

A temporary file beside the target is renamed over it, so a report is never half-written. The
temporary file is created private (0600); before the rename it gets the mode the user's umask gives
new files (0644 typically), so colleagues on a shared folder can open it, or the replaced file's
own mode. A target the clerk made read-only is refused: on Linux a rename would replace it silently.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable


class ProtectedFile(PermissionError):
    """The target exists and is read-only: the clerk protected it."""


def new_file_mode() -> int:
    """The mode a newly created file gets under the current umask (as open() would create it)."""
    mask = os.umask(0o022)  # reading the umask means setting it; it is put back at once
    os.umask(mask)
    return 0o666 & ~mask


def is_protected(target: Path) -> bool:
    """An existing file without write permission (read-only attribute on Windows)."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return False
    return stat.S_ISREG(mode) and not mode & stat.S_IWUSR


def save_atomic(save: Callable[[Path], None], target: Path) -> None:
    """Call `save(tmp)` for a temporary path beside `target`, then rename it over `target`."""
    target = Path(target)
    if is_protected(target):
        raise ProtectedFile(errno.EACCES, "read-only", str(target))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)  # replacing a file keeps its permissions
    except FileNotFoundError:
        mode = new_file_mode()
    fd, name = tempfile.mkstemp(prefix=".~" + target.stem[:20], suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        save(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(data: bytes, target: Path) -> None:
    """Write `data` to `target` atomically (see save_atomic), flushed to disk before the rename."""

    def save(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    save_atomic(save, target)
