"""A zip a department mailed, opened as a folder: unpacked into a private temporary folder, safely.

The folder rule (core.folders.survey) takes a .zip as one more folder, its members named
`报告包.zip/公安局.docx`. Member names written by Chinese Windows without the UTF-8 flag are GBK
(zipfile gives them as cp437) and are read back as such. A zip is refused whole, with a Chinese
reason, before anything is written, when it holds a name that climbs out (`../`) or is absolute,
a symbolic link, a password, more members than a folder of reports ever has, or sizes or a
compression ratio only a zip bomb has; the sizes are counted again while unpacking, never taken on
trust from the headers. .7z and .rar are named for what they are (no well-kept pure-Python reader
without an external program: py7zr pulls six compiled libraries, rarfile needs unrar).
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

ARCHIVE_SUFFIXES = (".zip",)
# Archives only named: what they are and what to do.
NAMED_ARCHIVES = {".7z": "7z", ".rar": "RAR"}
MAX_MEMBERS = 1000  # a county's reports, with their pages' pictures, are a few hundred files
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100  # reports compress 2-10 times; a bomb thousands of times
RATIO_FROM_BYTES = 1024 * 1024  # small members may compress far (a page of spaces): not a bomb
NESTING = 1  # a zip inside the zip is opened; one inside that is named
_SKIPPED = ("__MACOSX",)  # macOS Archive Utility's resource forks: no reports
_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class Refused(Exception):
    """The zip is not opened; args[0] says why and what to do (Chinese)."""


def named_only(path: Path) -> str | None:
    """Why an archive of a kind not read is not opened (Chinese), or None for any other file."""
    kind = NAMED_ARCHIVES.get(path.suffix.lower())
    if kind is None:
        return None
    return f"这是 {kind} 压缩包，本程序只能打开 .zip 压缩包：请解压后再检查，或重新压缩为 .zip"


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its maker wrote it: UTF-8 when flagged, else UTF-8 or GBK (Chinese
    Windows) if the bytes read as such, else as zipfile gave it (cp437)."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _parts(name: str) -> list[str]:
    """The member's path parts; Refused for a name that is absolute or climbs out of the zip."""
    unified = name.replace("\\", "/")
    if unified.startswith("/") or _DRIVE.match(unified):
        raise Refused(f"压缩包中的 {name} 是绝对路径，会写到压缩包以外，没有打开这个压缩包：可能是恶意文件，请向报送单位核实，或解压后只给出其中的报告")
    parts = [p for p in unified.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise Refused(f"压缩包中的 {name} 指向压缩包以外（“../”），没有打开这个压缩包：可能是恶意文件，请向报送单位核实，或解压后只给出其中的报告")
    return parts


def _bomb(name: str, size: int, ratio: float | None = None) -> Refused:
    how = f"，压缩比 {ratio:.0f} 倍" if ratio else ""
    return Refused(f"压缩包中的 {name} 解压后有 {size / 1024 / 1024:.0f} MB{how}，大得异常，没有打开这个压缩包："
                   "可能是恶意文件（压缩炸弹），请向报送单位核实，或解压后只给出其中的报告")


def unpack(archive: Path, into: Path) -> None:
    """Every member of ARCHIVE written under INTO (which must not exist yet), or Refused before
    anything is written; a size limit met while unpacking refuses it too (INTO then half-full: the
    caller's temporary folder, removed with it)."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise Refused("压缩包已损坏，或不是 zip 格式，无法打开：请重新压缩，或解压后直接给出其中的报告") from None
    except OSError as exc:
        raise Refused(f"无法打开压缩包（{exc.strerror or exc}）：请检查文件是否可以读取") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise Refused(f"压缩包中有 {len(infos)} 个文件，多得异常（最多 {MAX_MEMBERS} 个），没有打开：请检查是否选错了文件，或解压后分批检查")
        planned: list[tuple[zipfile.ZipInfo, str, list[str]]] = []
        total = 0
        for info in infos:
            name = member_name(info)
            parts = _parts(name)
            if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
                raise Refused(f"压缩包中的 {name} 是符号链接，没有打开这个压缩包：请解压后只给出其中的报告")
            if info.flag_bits & 0x1:
                raise Refused(f"压缩包设有密码（{name}），无法打开：请解压后再检查，或请报送单位发送没有密码的压缩包")
            if not parts or parts[0] in _SKIPPED or info.is_dir():
                continue
            total += info.file_size
            if info.file_size > MAX_MEMBER_BYTES:
                raise _bomb(name, info.file_size)
            if total > MAX_TOTAL_BYTES:
                raise _bomb(name, total)
            if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise _bomb(name, info.file_size, info.file_size / max(info.compress_size, 1))
            planned.append((info, name, parts))
        into.mkdir(parents=True)
        written = 0
        for info, name, parts in planned:
            target = into.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as source, target.open("wb") as out:
                    size = 0
                    while chunk := source.read(_CHUNK):
                        size += len(chunk)
                        written += len(chunk)
                        if size > MAX_MEMBER_BYTES or size > info.file_size or written > MAX_TOTAL_BYTES:
                            raise _bomb(name, size)
                        out.write(chunk)
            except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, NotImplementedError) as exc:
                raise Refused(f"压缩包中的 {name} 已损坏或用了不支持的压缩方式（{exc}），没有打开这个压缩包：请重新压缩，或解压后直接给出其中的报告") from None
