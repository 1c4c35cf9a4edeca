"""Chinese words for the operating system's errors (`No space left on device` inside a Chinese
sentence helps nobody), each with what the clerk can do."""

from __future__ import annotations

import errno

_BY_ERRNO = {
    errno.ENOSPC: "磁盘空间已满：请删除不需要的文件，或换一个有空间的保存位置",
    errno.EDQUOT: "超出了磁盘配额：请删除不需要的文件，或换一个保存位置",
    errno.EACCES: "没有写入权限（文件或文件夹是只读的，或属于其他用户）：请换一个保存位置，或请管理员开放权限",
    errno.EPERM: "操作系统不允许这样操作（没有权限）：请换一个保存位置",
    errno.EROFS: "所在的磁盘是只读的（例如光盘或写保护的U盘）：请换一个保存位置",
    errno.ENAMETOOLONG: "文件路径太长：请把文件放到层级较浅的文件夹中（例如 D:\\年报），或缩短文件名",
    errno.ENOENT: "文件或文件夹不存在：请检查路径",
    errno.EISDIR: "这是一个文件夹，不是文件：请写文件名",
    errno.ENOTDIR: "路径中的某一部分不是文件夹：请检查路径",
    errno.EBUSY: "文件正被其他程序使用（可能在 Word/WPS/Excel 中打开着）：请关闭它后重试",
    errno.ETXTBSY: "文件正被其他程序使用：请关闭它后重试",
    errno.EIO: "读写磁盘时出错（磁盘或U盘可能有故障，或网络盘断开）：请换一个保存位置",
    errno.EMFILE: "同时打开的文件太多：请关闭一些程序后重试",
}
# Windows reports a file open in another program as these (winerror), usually with EACCES.
_WINERROR = {
    32: "文件正被其他程序使用（可能在 Word/WPS/Excel 中打开着）：请关闭它后重试",
    33: "文件的一部分被其他程序锁定（可能在 Word/WPS/Excel 中打开着）：请关闭它后重试",
    112: "磁盘空间已满：请删除不需要的文件，或换一个有空间的保存位置",
    206: "文件路径太长：请把文件放到层级较浅的文件夹中（例如 D:\\年报），或缩短文件名",
}


_READING = {
    errno.EACCES: "没有读取权限：请把文件复制到自己的文件夹后再试，或请管理员开放权限",
    errno.EPERM: "没有读取权限：请把文件复制到自己的文件夹后再试，或请管理员开放权限",
    errno.EIO: "读取磁盘时出错（磁盘或U盘可能有故障，或网络盘断开）：请把文件复制到本机后再试",
}


# An input held by another program (Excel keeps a workbook open this way) is not a permission problem.
_LOCKED = {
    32: "文件正被其他程序使用（可能在 Excel/WPS/Word 中打开着，或正在同步、杀毒扫描）：请关闭它后重试",
    33: "文件正被其他程序使用，部分内容被锁定（可能在 Excel/WPS 中打开着）：请关闭它后重试",
}


def describe(exc: OSError, reading: bool = False) -> str:
    """The error in Chinese with what to do; unknown errors keep their number for a maintainer.
    `reading`: the error came from reading an input, not from writing."""
    winerror = getattr(exc, "winerror", None)
    if reading and winerror in _LOCKED:
        return _LOCKED[winerror]
    if reading and exc.errno in _READING:
        return _READING[exc.errno]
    if winerror in _WINERROR:
        return _WINERROR[winerror]
    if exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]
    if reading:
        return f"操作系统报告读取错误（代码 {exc.errno}）：请把文件复制到本机后再试，或把这条信息发给维护人员"
    return f"操作系统报告错误（代码 {exc.errno}）：请换一个保存位置，或把这条信息发给维护人员"


# What to do about a folder that cannot be written, by what was asked to write there.
OUTPUT_ADVICE = "请用 -o 换一个保存位置，或请管理员开放这个文件夹的写入权限"
BATCH_ADVICE = "请用 -o 换一个输出文件夹，或请管理员开放这个文件夹的写入权限"
INIT_ADVICE = "请换一个文件夹，或请管理员开放这个文件夹的写入权限"


def unwritable_folder(exc: OSError, advice: str) -> str:
    """A folder that cannot be written (outfile.UnwritableFolder, `filename` the folder), in Chinese:
    the folder named, never a temporary file, and `advice` (OUTPUT_ADVICE, BATCH_ADVICE, INIT_ADVICE)."""
    if exc.errno == errno.EROFS:
        why = "所在的磁盘是只读的（例如光盘或写保护的U盘）"
    elif exc.errno == errno.ENOENT:
        why = "文件夹不存在"
    else:
        why = "文件夹是只读的，或没有写入权限（属于其他用户）"
    return f"无法在文件夹 {exc.filename} 中写入文件：{why}。{advice}"
