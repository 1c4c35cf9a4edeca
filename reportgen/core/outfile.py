"""The one writer of every file the product writes: atomically, with the permissions a normal save
would give, and never over a file the clerk protected.

Each file is first written to a temporary file beside the target (`.~NAME….tmp`: hidden from the
folder scans, removed by batch's cleanup), flushed to disk and renamed over the target, so a file is
never half-written. On any failure (Ctrl-C and a failing save callback included) the temporary file
is removed and the target is left as it was. The temporary file is created private (0600); before
the rename it gets the mode the user's umask gives new files (0644 typically), so colleagues on a
shared folder can open it, or the replaced file's own mode. A target the clerk made read-only is
refused with ProtectedFile: on Linux a rename would replace it silently.

Entry points: write_atomic (bytes), save_atomic (a callback that saves to a path, e.g. openpyxl's
`wb.save`), copy_atomic (a finished file made elsewhere, e.g. LibreOffice's PDF).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable

TEMP_PREFIX, TEMP_SUFFIX = ".~", ".tmp"
TEMP_GLOB = TEMP_PREFIX + "*" + TEMP_SUFFIX  # what an interrupted write may leave (see batch's cleanup)


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
        mode = Path(target).stat().st_mode
    except FileNotFoundError:
        return False
    return stat.S_ISREG(mode) and not mode & stat.S_IWUSR


def refuse_protected(*targets: Path) -> None:
    """Raise ProtectedFile for the first target the clerk made read-only (before writing any)."""
    for target in targets:
        if is_protected(target):
            raise ProtectedFile(errno.EACCES, "read-only", str(target))


def save_atomic(save: Callable[[Path], None], target: Path) -> None:
    """Call `save(tmp)` for a temporary path beside `target`, then rename it over `target`."""
    target = Path(target)
    refuse_protected(target)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)  # replacing a file keeps its permissions
    except FileNotFoundError:
        mode = new_file_mode()
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX + target.stem[:20], suffix=TEMP_SUFFIX, dir=target.parent)
    tmp = Path(name)
    try:
        os.close(fd)
        save(tmp)
        _flush_to_disk(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):  # the original error is the one to report
            tmp.unlink(missing_ok=True)
        raise


def write_atomic(data: bytes, target: Path) -> None:
    """Write `data` to `target` atomically (see save_atomic)."""
    save_atomic(lambda tmp: tmp.write_bytes(data), target)


def copy_atomic(source: Path, target: Path) -> None:
    """Put a finished file made elsewhere (another folder or disk) at `target` atomically."""
    save_atomic(lambda tmp: shutil.copyfile(source, tmp), target)


def _flush_to_disk(path: Path) -> None:
    """The saved bytes on the disk before the rename: a power cut leaves the old file or the new."""
    fd = os.open(path, os.O_RDWR)  # Windows flushes only handles opened for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
