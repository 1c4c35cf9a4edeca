"""The one writer of every file the product writes: atomically, with the permissions a normal save
would give, and never over a file the clerk protected.

Each file is first written to a temporary file beside the target (`.~NAME….tmp`: hidden from the
folder scans, removed by batch's cleanup), flushed to disk and renamed over the target, so a file is
never half-written; a rename Windows refuses because another program holds the target for a moment
(OneDrive, an antivirus) is tried again for about 1.5 s. On any failure (Ctrl-C and a failing save callback included) the temporary file
is removed and the target is left as it was. The temporary file is created private (0600); before
the rename it gets the mode the user's umask gives new files (0644 typically), so colleagues on a
shared folder can open it, or the replaced file's own mode. A target the clerk made read-only is
refused with ProtectedFile: on Linux a rename would replace it silently. A folder that cannot be
written (read-only, another user's, a write-protected disk) is UnwritableFolder, naming the folder,
never the temporary file; every other error names the target, never the temporary file.

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


class UnwritableFolder(PermissionError):
    """The folder to write into cannot be written (its `filename` is the folder)."""


def folder_refuses(folder: Path) -> bool:
    """On POSIX, an existing folder without the owner's write permission (0555): refused even for
    root, as a read-only file is. Windows ignores a folder's read-only attribute (it marks
    customised folders such as 桌面), and so do we there."""
    if os.name == "nt":
        return False
    try:
        mode = Path(folder).stat().st_mode
    except OSError:
        return False
    return stat.S_ISDIR(mode) and not mode & stat.S_IWUSR


def _folder_error(exc: OSError, folder: Path) -> OSError:
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return UnwritableFolder(exc.errno, exc.strerror, str(folder))
    exc.filename = str(folder)  # the same error (its winerror kept), naming the folder
    return exc


def ensure_writable_folder(folder: Path) -> None:
    """Raise UnwritableFolder unless a file can be made in `folder` (tried with a temporary file,
    removed at once), so that a long run is refused before it starts, not at its end."""
    folder = Path(folder)
    if folder_refuses(folder):
        raise UnwritableFolder(errno.EACCES, "read-only folder", str(folder))
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise _folder_error(exc, folder) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)


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


def make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents (a clerk's `-o 输出/报告.docx` into a folder not made
    yet); return the folders made, innermost first, for remove_folders. A part of the path that is a
    file is NotADirectoryError naming that file; a parent that cannot be written, UnwritableFolder."""
    missing = []
    for part in (Path(folder), *Path(folder).parents):
        if part.is_dir():
            break
        if part.exists():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(part))
        missing.append(part)
    for made, part in enumerate(reversed(missing)):
        try:
            part.mkdir()
        except OSError as exc:
            remove_folders(missing[len(missing) - made:])
            raise _folder_error(exc, part.parent) from None
    return missing


def remove_folders(folders: list[Path]) -> None:
    """Remove the folders make_folders made (innermost first), when they stayed empty."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def save_atomic(save: Callable[[Path], None], target: Path, make_parents: bool = False) -> None:
    """Call `save(tmp)` for a temporary path beside `target`, then rename it over `target`.
    `make_parents`: create the missing folders of `target` first (removed again on failure)."""
    target = Path(target)
    refuse_protected(target)
    made = make_folders(target.parent) if make_parents else []
    try:
        _save_atomic(save, target)
    except BaseException:
        remove_folders(made)
        raise


def _save_atomic(save: Callable[[Path], None], target: Path) -> None:
    try:
        mode = stat.S_IMODE(target.stat().st_mode)  # replacing a file keeps its permissions
    except FileNotFoundError:
        mode = new_file_mode()
    if folder_refuses(target.parent):
        raise UnwritableFolder(errno.EACCES, "read-only folder", str(target.parent))
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX + target.stem[:20], suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:  # it names the temporary file: the folder is the problem
        raise _folder_error(exc, target.parent) from None
    tmp = Path(name)
    try:
        os.close(fd)
        save(tmp)
        _flush_to_disk(tmp)
        os.chmod(tmp, mode)
        replace_retrying(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # the original error is the one to report
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, ProtectedFile) and exc.filename == str(tmp):
            exc.filename = str(target)  # the target, not `.~….tmp` (its winerror kept)
        raise


# Windows refuses a rename over a file another program holds for a moment (OneDrive syncing it,
# an antivirus scanning the new file): ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
TRANSIENT_WINERRORS = (5, 32, 33)
RETRY_DELAYS = (0.1, 0.2, 0.4, 0.8)  # about 1.5 s in all, then the error is the clerk's to see


def replace_retrying(tmp: Path, target: Path) -> None:
    """os.replace, tried again for a short while when Windows says the target is held by another
    program; a file open in Word or a PDF reader stays held, and its error is raised."""
    import time

    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(tmp, target)
            return
        except PermissionError as exc:
            if delay is None or getattr(exc, "winerror", None) not in TRANSIENT_WINERRORS:
                raise
            time.sleep(delay)


def write_atomic(data: bytes, target: Path, make_parents: bool = False) -> None:
    """Write `data` to `target` atomically (see save_atomic)."""
    save_atomic(lambda tmp: tmp.write_bytes(data), target, make_parents)


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
