"""Files and folders dropped on reportgen.exe in any order and mix (issue 17, item 1): the pair is
built whichever comes first, finished reports are checked, folders go by the folder rule, a missing
path is 找不到, and the window Windows opened waits for Enter after any outcome."""

from __future__ import annotations

import sys

import pytest

from reportgen.cli import commands, console
from reportgen.cli.views import EXIT_BUG

from ..conftest import paragraphs, sample_meta

AGENCY = "某某市某某区人民政府办公室"
REPORT = f"{AGENCY}2025年政府信息公开工作年度报告.docx"


@pytest.fixture
def finished(clerk_files, tmp_path, cli):
    """Two departments' finished reports in a reviewer's folder (two agencies: one agency's two
    reports would be a DUPLICATE)."""
    reviewer = tmp_path / "审核"
    reviewer.mkdir()
    for name in ("司法局", "财政局"):
        xlsx, txt = clerk_files(tmp_path / "src" / name, meta=sample_meta(agency=f"某县{name}"))
        assert cli("build", xlsx, txt, "-o", reviewer / f"{name}.docx").code == 0
    return reviewer


@pytest.mark.parametrize("order", ["workbook first", "narrative first"])
def test_the_pair_is_built_in_either_order(clerk_files, tmp_path, cli, order):
    xlsx, txt = clerk_files(tmp_path / "新建文件夹 (2)" / "2025 年报")
    dropped = [xlsx, txt] if order == "workbook first" else [txt, xlsx]
    code, out, err = cli(*dropped)
    assert code == 0 and err == ""
    assert out == f"已生成：{xlsx.parent / REPORT}\n"
    assert paragraphs(xlsx.parent / REPORT)[0] == AGENCY


def test_two_finished_reports_are_each_checked(finished, cli):
    code, out, err = cli(finished / "财政局.docx", finished / "司法局.docx")
    assert code == 0 and err == ""
    assert out == "\n【财政局.docx】\n检查通过，没有发现问题。\n\n【司法局.docx】\n检查通过，没有发现问题。\n"


def test_a_missing_folder_is_not_found(tmp_path, cli):
    gone = tmp_path / "2025年报"
    code, out, err = cli(gone)
    assert code == 1 and out == ""
    assert err == f"错误 [FILE] 2025年报：找不到 {gone}：请检查文件或文件夹是否已被移动、改名或删除\n共 1 个错误，0 个提醒。\n"


def test_a_mix_does_each_thing_and_names_what_is_missing(finished, clerk_files, tmp_path, cli):
    xlsx, txt = clerk_files(tmp_path / "本单位")
    gone = tmp_path / "已删除.docx"
    code, out, err = cli(finished, gone, txt, finished / "司法局.docx", xlsx)
    assert code == 1  # the missing file
    assert err.startswith(f"错误 [FILE] 已删除.docx：找不到 {gone}")
    assert f"【统计表.xlsx、正文.txt】\n已生成：{xlsx.parent / REPORT}\n" in out
    assert "【审核】\n司法局.docx 某县司法局：通过\n财政局.docx 某县财政局：通过\n" in out
    assert "【司法局.docx】\n检查通过，没有发现问题。" in out


def test_two_departments_pairs_dropped_together(clerk_files, tmp_path, cli):
    a = clerk_files(tmp_path / "甲")
    b = clerk_files(tmp_path / "乙")
    code, out, _ = cli(b[1], a[0], a[1], b[0])
    assert code == 0
    assert (tmp_path / "甲" / REPORT).is_file() and (tmp_path / "乙" / REPORT).is_file()


def test_a_lone_file_is_built_with_its_partner_beside_it(clerk_files, tmp_path, cli):
    xlsx, txt = clerk_files(tmp_path / "2025年报")
    code, out, _ = cli(txt)
    assert code == 0 and out == f"已生成：{xlsx.parent / REPORT}\n"


def test_a_lone_workbook_without_a_narrative_says_what_to_drop(clerk_files, tmp_path, cli):
    xlsx, txt = clerk_files(tmp_path / "2025年报")
    txt.unlink()
    code, out, err = cli(xlsx)
    assert code == 1 and out == ""
    assert ("错误 [FILE] 统计表.xlsx：只拖入了统计表 统计表.xlsx，没有与它配对的正文：请把统计表和正文（.txt，或 Word/WPS 写的 .docx/.doc/.wps）一起拖到 "
            "reportgen.exe 上，或拖入放着它们的文件夹\n") in err


def test_a_lone_word_file_without_tables_is_checked_unless_named_a_narrative(finished, tmp_path, cli):
    """A department's report that lost its tables, dropped alone, is checked as `check` checks it;
    a 正文.docx dropped alone without its workbook is told to come with one (as `check` says too)."""
    import docx

    report = docx.Document(str(finished / "司法局.docx"))
    for table in report.tables:
        table._tbl.getparent().remove(table._tbl)
    lost = tmp_path / "司法局报告.docx"
    report.save(str(lost))
    narrative = tmp_path / "正文.docx"
    docx.Document().save(str(narrative))
    assert cli(lost) == cli("check", lost)
    code, out, err = cli(lost)
    assert code == 1 and "错误 [READ] 司法局报告.docx 表二：没有找到表二" in out
    code, out, err = cli(narrative)
    assert code == 1 and out == ""
    assert "只拖入了正文 正文.docx，没有与它配对的统计表" in err


def test_a_mistyped_command_is_still_a_usage_error(cli):
    code, _, err = cli("bulid")
    assert code == 2 and "用法错误：没有这个命令：bulid" in err


# --- the window Windows opened waits, whatever happened -------------------------------------------


@pytest.fixture
def window(monkeypatch, tmp_path):
    """A fresh console window (simulated): records each wait for Enter; the log goes to tmp_path."""
    waited: list[bool] = []
    monkeypatch.setattr(console, "owns_fresh_console", lambda: True)
    monkeypatch.setattr(console, "wait_for_enter", lambda: waited.append(True))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    return waited


def test_an_unexpected_error_apologises_names_the_log_and_waits(window, clerk_files, monkeypatch, tmp_path, capsys):
    from reportgen import api

    def broken(*args, **kwargs):
        raise RuntimeError("模拟的程序缺陷")

    monkeypatch.setattr(api, "build", broken)
    xlsx, txt = clerk_files()
    assert commands.main([str(txt), str(xlsx)]) == EXIT_BUG
    err = capsys.readouterr().err
    log = tmp_path / "AppData" / "Local" / "reportgen" / "错误记录.txt"
    assert err == f"抱歉，reportgen 出了意外错误，没有完成。详细情况已写入 {log}，请把这个文件发给维护人员。\n"
    assert "Traceback" not in err
    text = log.read_text(encoding="utf-8-sig")
    assert "RuntimeError: 模拟的程序缺陷" in text and "Traceback" in text
    assert window == [True]


@pytest.mark.parametrize("argv", [["nowhere/统计表.xlsx"], ["build", "--nope"], ["-h"], []])
def test_the_window_waits_after_any_outcome(window, argv, capsys):
    commands.main(argv)
    assert window == [True]


def test_an_interrupt_still_waits(window, monkeypatch, clerk_files):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "run_all", interrupted)
    assert commands.main(["x"]) == 130  # Ctrl-C outside a command too: 130, no traceback
    assert window == [True]


def test_an_error_while_sorting_a_drop_is_an_apology_too(window, monkeypatch, capsys):
    from reportgen.cli import drop

    def broken(argv):
        raise OSError(5, "设备未就绪")

    monkeypatch.setattr(drop, "plan", broken)
    assert commands.main(["E:/2025年报"]) == EXIT_BUG
    assert capsys.readouterr().err.startswith("抱歉，reportgen 出了意外错误，没有完成。")
    assert window == [True]


class _Tty:
    def isatty(self):
        return True


@pytest.mark.parametrize(("processes", "fresh"), [(1, True), (2, False)])
def test_a_fresh_console_is_told_by_the_processes_sharing_it(monkeypatch, processes, fresh):
    """Simulated Windows: alone in the console (a double-click or a drop) waits; cmd.exe beside us does not."""
    import ctypes
    import types

    kernel32 = types.SimpleNamespace(GetConsoleProcessList=lambda buffer, size: processes)
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdin", _Tty())
    monkeypatch.setattr(sys, "stdout", _Tty())
    assert console.owns_fresh_console() is fresh
