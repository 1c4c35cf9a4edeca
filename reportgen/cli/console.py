"""The console around the commands: output that never crashes, and the clerk's double-click window.

Windows consoles, `.bat` files that log with `> log.txt` and the Chinese code page (GBK) cannot
encode every character a department or file name may hold (䶮, •, €). Output then degrades to
replacement characters instead of raising UnicodeEncodeError half way through a batch.

A clerk who drags a folder onto reportgen.exe, or double-clicks it, gets a fresh console window
that closes the moment the program ends: the program waits for Enter there, and only there (never
in scripts, pipes or a terminal the user opened).
"""

from __future__ import annotations

import sys
import unicodedata


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


def width(text: str) -> int:
    """Columns the text takes on a terminal: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, columns: int) -> str:
    """The text cut to fit `columns` display columns, with "…" where it was cut."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > columns - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
