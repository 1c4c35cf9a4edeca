"""Decoding the narrative as Notepad saves it, and naming the lines when the encodings are mixed.

Whole files: UTF-8 (with or without BOM), UTF-16 (BOM or not), else GB18030 (ANSI on Chinese
Windows). A file merged from two departments can be UTF-8 with a few lines in GBK: those lines are
read as GBK when they decode cleanly that way, with a 提醒 that shows them, so the clerk can check
them; lines that decode in neither encoding are an error naming them.
"""

from __future__ import annotations

import codecs

from reportgen.core.problems import InputError, Problem, error, warning

_SAVE_AS_UTF8 = "请用记事本打开，选“另存为”，编码选“UTF-8”后保存再试"
_SHOWN = 30  # characters of a line shown in a message


def _utf16_without_bom(data: bytes) -> str | None:
    """NULs beside the line ends, or in most ASCII: UTF-16 saved without a BOM."""
    if b"\x00" not in data:
        return None
    le = data.find(b"\n\x00") % 2 == 0 if b"\n\x00" in data else False
    be = data.find(b"\x00\n") % 2 == 0 if b"\x00\n" in data else False
    if le or be or data.count(0) > len(data) // 5:
        return data.decode("utf-16-be" if be and not le else "utf-16-le", errors="replace")
    return None


def _decodes(line: bytes, codec: str) -> bool:
    try:
        line.decode(codec)
        return True
    except UnicodeDecodeError:
        return False


def _shown(text: str) -> str:
    text = text.strip().strip("\ufeff")
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "……"


def _line_list(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:10])
    return f"第{shown}行" + (f"等 {len(numbers)} 行" if len(numbers) > 10 else "")


def decode(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """The text and the 提醒 about lines read in another encoding. Raises InputError when some
    lines cannot be read at all."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
        if _decodes(data, "utf-8"):
            return data.decode("utf-8"), []
        return _mixed(data, name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    if _decodes(data, "utf-8"):
        return data.decode("utf-8"), []
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, []
    return _mixed(data, name)


def _mixed(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """Not all UTF-8: mostly UTF-8 with some GBK lines, all GB18030, or lines readable in neither."""
    lines = data.split(b"\n")
    non_ascii = [i for i, ln in enumerate(lines) if any(b > 0x7F for b in ln)]
    utf8_lines = [i for i in non_ascii if _decodes(lines[i], "utf-8")]
    other = [i for i in non_ascii if i not in set(utf8_lines)]
    if len(utf8_lines) <= len(other):  # an ANSI (GB18030) file
        if _decodes(data, "gb18030"):
            return data.decode("gb18030"), []
        unreadable = [i for i in other if not _decodes(lines[i], "gb18030")]
        raise InputError(_unreadable(name, lines, unreadable, "GBK"))
    # Mostly UTF-8: the other lines as GB18030 where that works.
    unreadable = [i for i in other if not _decodes(lines[i], "gb18030")]
    if unreadable:
        raise InputError(_unreadable(name, lines, unreadable, "UTF-8"))
    out = [ln.decode("gb18030") if i in set(other) else ln.decode("utf-8") for i, ln in enumerate(lines)]
    shown = "；".join(f"第{i + 1}行“{_shown(out[i])}”" for i in other[:5])
    problem = warning(
        "ENCODING",
        name,
        _line_list([i + 1 for i in other]),
        f"文件是 UTF-8 编码，但这几行是 GBK（ANSI）编码（可能是从别的文件合并来的），已按 GBK 读出：{shown}。"
        "请核对这几行的文字是否正确；" + _SAVE_AS_UTF8.replace("后保存再试", "保存后就不会再提醒"),
    )
    return "\n".join(out), [problem]


def _unreadable(name: str, lines: list[bytes], numbers: list[int], encoding: str) -> Problem:
    shown = "；".join(f"第{i + 1}行“{_shown(lines[i].decode(encoding.replace('GBK', 'gb18030'), errors='replace'))}”" for i in numbers[:5])
    return error(
        "ENCODING",
        name,
        _line_list([i + 1 for i in numbers]),
        f"文件大部分是 {encoding} 编码，但这几行的文字编码无法识别（可能是从别的文件复制来的，或文件已损坏）：{shown}。"
        f"请在记事本中重新输入这几行，然后选“另存为”，编码选“UTF-8”后保存再试",
    )
