"""Help and usage as a clerk reads them (issue 17, item 2): `reportgen` alone is the help once with
exit 0, usage lines say 文件夹, help pages never break inside a word at any console width, and the
commands the program suggests can be pasted as they are (cmd.exe quoting on Windows, POSIX here)."""

from __future__ import annotations

import re
import shlex
import sys

import pytest

from reportgen.cli import commands, quoting
from reportgen.core.text import display_width

PAGES = [["-h"], *([name, "-h"] for name in commands.cli.commands)]


def test_reportgen_alone_is_the_help_once(cli):
    code, out, err = cli()
    assert code == 0 and err == ""
    assert out.count("用法：reportgen") == 1 and "用法错误" not in out
    assert out.startswith("用法：reportgen [选项] 命令 [参数]...\n")


@pytest.mark.parametrize("command", ["init", "batch"])
def test_a_missing_folder_argument_is_named_in_chinese(cli, command):
    code, _, err = cli(command)
    assert code == 2
    assert err == f"用法：reportgen {command} [选项] 文件夹\n运行 reportgen {command} -h 查看帮助。\n用法错误：缺少参数 文件夹\n"


def test_no_help_page_says_dir_and_build_shows_the_text_as_optional(cli):
    for page in PAGES:
        assert "DIR" not in cli(*page).out, page
    assert cli("build", "-h").out.startswith("用法：reportgen build [选项] 统计表.xlsx|文件夹 [正文.txt]\n")


WORD = r"[A-Za-z0-9_.+\-]{2,}"


def _source_words() -> set[str]:
    """Every Latin word, number and file name the help pages are made of: the texts, option names,
    metavars and command names the program carries."""
    texts = ["reportgen ...", "--version", *commands.cli.commands]
    for cmd in [commands.cli, *commands.cli.commands.values()]:
        texts += [cmd.help or "", cmd.short_help or "", cmd.epilog or ""]
        for p in cmd.params:
            texts += [getattr(p, "help", None) or "", p.metavar or "", *p.opts, *p.secondary_opts]
    return {w for t in texts for w in re.findall(WORD, t)}


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_help_never_breaks_inside_a_word_and_fits_the_console(cli, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    words = _source_words()
    assert {".docx", "LibreOffice", "--previous"} <= words
    for page in PAGES:
        for line in cli(*page).out.splitlines():
            assert display_width(line) <= columns, (page, line)
            for piece in re.findall(WORD, line):  # ".d" + "ocx" would be two pieces the source lacks
                assert piece in words, (page, line, piece)


def test_every_help_page_shows_an_example_that_runs(cli, tmp_path, monkeypatch):
    """Each page ends with 例如： and commands of that page, each a whole line a clerk can copy."""
    for page in PAGES:
        out = cli(*page).out
        assert "\n例如：\n" in out, page
        examples = [line.strip() for line in out.split("\n例如：\n", 1)[1].splitlines() if line.strip()]
        name = page[0] if len(page) > 1 else None
        assert examples and all(e.startswith(f"reportgen {name or ''}".rstrip()) for e in examples), (page, examples)
        assert all(e.split()[1] in commands.cli.commands for e in examples), examples
    # The group's first example, run as written in an empty folder, does what it says.
    monkeypatch.chdir(tmp_path)
    first = cli("-h").out.split("\n例如：\n", 1)[1].splitlines()[0].split()
    code, out, _ = cli(*first[1:])
    assert code == 0 and (tmp_path / first[2] / "统计表.xlsx").is_file()


def test_build_previous_says_last_years_report_is_accepted(cli):
    help_text = " ".join(cli("build", "-h").out.split())
    assert "上一年度的统计表，或上一年度已发布的报告（.docx/.html/.pdf）" in help_text.replace(" ", "")


def test_chinese_lines_are_measured_in_display_columns(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for page in PAGES:
        for line in cli(*page).out.splitlines():
            assert display_width(line) <= 80, (page, line)


def test_suggested_commands_are_quoted_for_cmd_on_windows(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert quoting.quote(r"D:\新建文件夹 (2)\2025 年报\统计表.xlsx") == r'"D:\新建文件夹 (2)\2025 年报\统计表.xlsx"'
    assert quoting.quote(r"D:\年报\甲&乙.xlsx") == r'"D:\年报\甲&乙.xlsx"'
    assert quoting.quote(r"D:\2025年报\统计表.xlsx") == r"D:\2025年报\统计表.xlsx"
    assert quoting.command("reportgen", "check", r"D:\a b") == r'reportgen check "D:\a b"'


def test_suggested_commands_are_quoted_for_the_posix_shell(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert quoting.quote("/home/科员/新建文件夹 (2)/统计表.xlsx") == "'/home/科员/新建文件夹 (2)/统计表.xlsx'"
    assert quoting.quote("/home/a/it's.xlsx") == "'/home/a/it'\"'\"'s.xlsx'"
    assert quoting.quote("/srv/年报/统计表.xlsx") == "/srv/年报/统计表.xlsx"


def test_init_suggests_commands_that_paste_as_they_are(cli, tmp_path):
    folder = tmp_path / "新建文件夹 (2)" / "2025 年报"
    code, out, _ = cli("init", folder)
    assert code == 0
    check_line = [ln for ln in out.splitlines() if ln.startswith("  reportgen check ")][0]
    assert shlex.split(check_line) == ["reportgen", "check", str(folder / "统计表.xlsx"), str(folder / "正文.txt")]
