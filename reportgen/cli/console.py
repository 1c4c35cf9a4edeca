"""The console around the commands: output that never crashes, and the clerk's double-click window.

Windows consoles, `.bat` files that log with `> log.txt` and the Chinese code page (GBK) cannot
encode every character a department or file name may hold (䶮, •, €). Output then degrades to
replacement characters instead of raising UnicodeEncodeError half way through a batch.

A clerk who drags a folder onto reportgen.exe, or double-clicks it, gets a fresh console window
that closes the moment the program ends: the program waits for Enter there, and only there (never
in scripts, pipes or a terminal the user opened).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reportgen.core.text import display_width


def make_output_safe() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # io.TextIOWrapper's documented method
        if reconfigure is None:
            continue
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):  # a closed or detached stream: nothing to print to anyway
            pass


def owns_fresh_console() -> bool:
    """True when this process is alone in a console window Windows opened for it."""
    if sys.platform != "win32":
        return False
    if not (sys.stdin and sys.stdin.isatty() and sys.stdout and sys.stdout.isatty()):
        return False
    import ctypes

    processes = (ctypes.c_uint32 * 4)()
    count = ctypes.windll.kernel32.GetConsoleProcessList(processes, 4)  # type: ignore[attr-defined]
    return count == 1  # a console shared with cmd.exe or PowerShell lists them too


def wait_for_enter() -> None:
    try:
        input("\n按回车键关闭本窗口……")
    except (EOFError, KeyboardInterrupt, OSError):
        pass


def log_place() -> Path:
    """Where an unexpected error's details are written: the user's local application data on
    Windows (%LOCALAPPDATA%\\reportgen), ~/.cache/reportgen elsewhere."""
    base = os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else (Path.home() / ("AppData/Local" if sys.platform == "win32" else ".cache"))
    return root / "reportgen" / "错误记录.txt"


def log_unexpected(exc: BaseException, args: list[str]) -> str:
    """Write the traceback to the log and return the short Chinese apology that names it."""
    import datetime
    import traceback

    from reportgen import __version__
    from reportgen.core.outfile import write_atomic

    detail = "".join(traceback.format_exception(exc))
    text = f"{datetime.datetime.now():%Y-%m-%d %H:%M:%S} reportgen {__version__} {sys.platform}\n参数：{args}\n{detail}"
    place = log_place()
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(text.encode("utf-8-sig"), place)
    except OSError:
        return (f"抱歉，reportgen 出了意外错误，没有完成（{type(exc).__name__}：{exc}）。"
                "请把本窗口的内容截图发给维护人员。")
    return (f"抱歉，reportgen 出了意外错误，没有完成。"
            f"详细情况已写入 {place}，请把这个文件发给维护人员。")


def clip(text: str, columns: int) -> str:
    """The text cut to fit `columns` display columns, with "…" where it was cut."""
    if display_width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > columns - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
