"""The console around the commands: GBK consoles and redirected output never crash, the progress
line fits 80 columns, and a folder or files dropped on the program build the report."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.cli import commands as cli
from reportgen.cli import console
from reportgen.core.text import display_width

from ..conftest import CLEAN_NARRATIVE, SAMPLE_TXT, SAMPLE_XLSX, clean_values, paragraphs, sample_meta, write_workbook

ODD = "䶮•€"  # outside GBK: the Chinese Windows code page cannot print them


def county(department, root: Path, names: list[str]) -> Path:
    for name in names:
        department(root, name)
    return root


def test_batch_with_gbk_redirected_output_and_names_outside_gbk(tmp_path, department):
    root = county(department, tmp_path / "全县", [f"{ODD}局", "司法局"])
    env = dict(os.environ, PYTHONIOENCODING="gbk")  # a .bat logging with `> log.txt` on Chinese Windows
    proc = subprocess.run(
        [sys.executable, "-m", "reportgen", "batch", str(root), "-j", "1"], capture_output=True, env=env, timeout=300
    )
    out = proc.stdout.decode("gbk")
    assert proc.returncode == 0, proc.stderr.decode("gbk", "replace")
    assert "Traceback" not in proc.stderr.decode("gbk", "replace")
    assert "?局" in out  # 䶮 degrades to a replacement character instead of raising
    assert (root / "汇总.xlsx").is_file()
    assert len(list(root.glob("*/*.docx"))) == 2


def test_check_prints_a_name_outside_gbk_without_crashing(tmp_path):
    xlsx = write_workbook(tmp_path / f"{ODD}统计表.xlsx", sample_meta(), clean_values())
    txt = tmp_path / "正文.txt"
    txt.write_text(CLEAN_NARRATIVE, encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="gbk")
    proc = subprocess.run([sys.executable, "-m", "reportgen", "check", str(xlsx), str(tmp_path / "无.txt")],
                          capture_output=True, env=env, timeout=120)  # fmt: skip
    out, err = proc.stdout.decode("gbk"), proc.stderr.decode("gbk")
    assert proc.returncode == 1 and "Traceback" not in err
    assert "错误 [FILE] 无.txt：找不到文件" in out


def _display_width(line: str) -> int:
    return display_width(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line))


@pytest.mark.posix
def test_progress_line_fits_80_columns_with_long_names(tmp_path, department):
    import pty  # POSIX only

    long_name = "某某自治州某某县人民政府办公室政务公开与电子政务信息化工作领导小组办公室" + ODD
    root = county(department, tmp_path / "全县", [long_name, "司法局"])
    leader, follower = pty.openpty()
    env = dict(os.environ, COLUMNS="80", TERM="dumb")
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "batch", str(root), "-j", "1"],
                            stdin=follower, stdout=follower, stderr=follower, env=env)  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=300) == 0
    text = b"".join(chunks).decode("utf-8", "replace")
    progress = [seg for line in text.split("\n") for seg in line.split("\r") if "生成报告" in seg and "[" in seg]
    assert any("…" in seg for seg in progress), progress  # the long name was cut
    assert all(_display_width(seg.rstrip()) <= 80 for seg in progress), [(_display_width(s), s) for s in progress]


def test_clip_cuts_by_display_width():
    assert console.clip("司法局", 10) == "司法局"
    assert console.clip("某某县人民政府办公室", 9) == "某某县人…"
    assert display_width(console.clip("ab某某县人民政府", 8)) <= 8


def test_two_dropped_files_build_the_report(tmp_path, capsys):
    xlsx, txt = tmp_path / "统计表.xlsx", tmp_path / "正文.txt"
    shutil.copy(SAMPLE_XLSX, xlsx)
    shutil.copy(SAMPLE_TXT, txt)
    assert cli.main([str(xlsx), str(txt)]) == 0
    built = list(tmp_path.glob("*.docx"))
    assert len(built) == 1 and paragraphs(built[0])[0] == "互助土族自治县司法局"
    assert f"已生成：{built[0]}" in capsys.readouterr().out


def test_a_command_name_is_not_taken_for_a_drop(tmp_path):
    assert cli.dropped_paths(["check", "a.xlsx"]) == ([["check", "a.xlsx"]], [])
    assert cli.dropped_paths(["frobnicate"]) == ([["frobnicate"]], [])  # a mistyped command stays one
    assert cli.dropped_paths([]) == ([[]], [])


def test_a_dropped_report_or_folder_of_reports_is_checked(tmp_path, capsys):
    """The county reviewer drags a department's finished report, or the folder of them, onto the program."""
    reports = tmp_path / "各部门报告"
    reports.mkdir()
    assert cli.main(["build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(reports / "司法局.docx")]) == 0
    capsys.readouterr()
    assert cli.dropped_paths([str(reports)]) == ([["check", str(reports)]], [])
    assert cli.dropped_paths([str(reports / "司法局.docx")]) == ([["check", str(reports / "司法局.docx")]], [])
    assert cli.main([str(reports / "司法局.docx")]) == 0
    out = capsys.readouterr().out
    assert out == "检查通过，没有发现问题。\n" and not list(reports.glob("*.pdf"))


def test_fresh_console_waits_for_enter_and_guides_on_double_click(monkeypatch, capsys):
    waited = []
    monkeypatch.setattr(console, "owns_fresh_console", lambda: True)
    monkeypatch.setattr(console, "wait_for_enter", lambda: waited.append(True))
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    assert "把放着统计表.xlsx和正文.txt的年度文件夹拖到 reportgen.exe 上" in out
    assert waited == [True]


def test_scripts_and_pipes_never_wait(monkeypatch, capsys):
    monkeypatch.setattr(console, "wait_for_enter", lambda: pytest.fail("waited in a script"))
    assert console.owns_fresh_console() is False  # not Windows, or not a fresh console window
    assert cli.main(["--version"]) == 0
