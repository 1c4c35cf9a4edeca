"""Commands the program suggests, quoted so that they can be pasted as they are: cmd.exe's rules on
Windows (double quotes around a path with a space or one of & ( ) ^ , ; = ! ' + [ ] { } ` ~ %),
POSIX shell rules elsewhere (shlex)."""

from __future__ import annotations

import os
import shlex
import sys

_CMD_SPECIAL = set(" \t&()^,;=!'+[]{}`~%|<>")


def quote(arg: str | os.PathLike) -> str:
    """ARG as one word of a command line on this system."""
    text = os.fspath(arg)
    if sys.platform == "win32":
        # A path cannot hold a double quote on Windows; quotes around it keep spaces and specials.
        return f'"{text}"' if not text or any(ch in _CMD_SPECIAL for ch in text) else text
    # Chinese needs no quotes in a UTF-8 shell; anything else shlex would quote does.
    if text and all(not ch.isascii() or shlex.quote(ch) == ch for ch in text):
        return text
    return shlex.quote(text)


def command(*args: str | os.PathLike) -> str:
    """A command line: `reportgen build "D:\\新建文件夹 (2)\\统计表.xlsx" …`."""
    return " ".join(quote(a) if i else os.fspath(a) for i, a in enumerate(args))
