"""Outcomes a clerk or a reviewer sees at the end: Ctrl-C is exit 130 in every command with a sentence
saying what was left, a folder that cannot be written is named in Chinese with the right advice, and
the reviewer's `batch --pdf` says that it does not apply to finished reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import api
from reportgen.core import outfile
from reportgen.finished import door

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX
from ..county.reviewer_folders import report

INTERRUPTED = 130


def _stop(*args, **kwargs):
    raise KeyboardInterrupt


def _no_temp_files(folder: Path) -> None:
    assert not list(folder.rglob(outfile.TEMP_GLOB))


def _reports(root: Path) -> Path:
    report(root / "甲局.docx", "某县甲局")
    report(root / "乙局.html", "某县乙局")
    return root


# --- Ctrl-C -----------------------------------------------------------------------------------


def test_ctrl_c_in_check_of_the_clerks_files(monkeypatch, cli):
    monkeypatch.setattr(api, "check", _stop)  # while the rules run
    code, out, err = cli("check", SAMPLE_XLSX, SAMPLE_TXT)
    assert code == INTERRUPTED
    assert err.strip() == "已中断：检查没有完成，没有写入任何文件。"
    assert "已取消" not in err


def test_ctrl_c_in_check_of_a_report_and_of_a_folder(tmp_path, monkeypatch, cli):
    root = _reports(tmp_path / "各部门报告")
    monkeypatch.setattr(door, "read", _stop)  # while a report is read
    for target in (root / "甲局.docx", root):
        code, out, err = cli("check", target)
        assert code == INTERRUPTED
        assert err.strip() == "已中断：检查没有完成，没有写入任何文件。"


def test_ctrl_c_in_build_leaves_no_report(tmp_path, monkeypatch, cli):
    from reportgen.render import sandbox

    monkeypatch.setattr(sandbox, "render_bytes", _stop)  # while the template renders
    out = tmp_path / "报告.docx"
    code, _, err = cli("build", SAMPLE_XLSX, SAMPLE_TXT, "-o", out)
    assert code == INTERRUPTED
    assert err.strip() == "已中断：没有留下写了一半的文件。请重新运行。"
    assert not out.exists()
    _no_temp_files(tmp_path)


def test_ctrl_c_in_init_takes_back_the_half_written_pair(tmp_path, monkeypatch, cli):
    real = outfile.write_atomic

    def stop_at_the_text(data, target):
        if Path(target).suffix == ".txt":  # the workbook is written by then
            raise KeyboardInterrupt
        real(data, target)

    monkeypatch.setattr(outfile, "write_atomic", stop_at_the_text)
    folder = tmp_path / "2025年报"
    code, out, err = cli("init", folder)
    assert code == INTERRUPTED
    assert err.strip() == "已中断：没有生成文件，也没有留下写了一半的文件。请重新运行 reportgen init。"
    assert list(folder.iterdir()) == []  # neither half of the pair
    monkeypatch.undo()
    assert cli("init", folder).code == 0  # the same command then works


def test_ctrl_c_inside_a_department_of_the_batch(tmp_path, monkeypatch, department, cli):
    root = tmp_path / "全县"
    for name in ("教育局", "司法局"):
        department(root, name)
    monkeypatch.setattr(api, "build_loaded", _stop)  # while the first department builds
    code, out, err = cli("batch", root, "-j", "1")
    assert code == INTERRUPTED
    assert "已中断：尚未开始的部门已取消；已生成的报告都是完整的，没有留下写了一半的文件。汇总表没有生成。" in err
    assert not (root / "汇总.xlsx").exists()
    _no_temp_files(root)


@pytest.mark.parametrize("where", ["reading", "summary"])
def test_ctrl_c_in_the_reviewers_batch(tmp_path, monkeypatch, cli, where):
    from reportgen.county import summary

    root = _reports(tmp_path / "各部门报告")
    if where == "reading":
        monkeypatch.setattr(door, "read", _stop)
    else:
        monkeypatch.setattr(summary, "write_summaries", _stop)
    code, out, err = cli("batch", root)
    assert code == INTERRUPTED
    assert err.strip() == "已中断：汇总表没有生成，没有留下写了一半的文件。请重新运行 reportgen batch。"
    assert not (root / "汇总.xlsx").exists()
    _no_temp_files(root)


def test_ctrl_c_stops_a_drop_of_several_things(tmp_path, monkeypatch, capsys):
    from reportgen.cli.commands import main

    first, second = _reports(tmp_path / "甲"), _reports(tmp_path / "乙")
    monkeypatch.setattr(door, "read", _stop)
    assert main([str(first / "甲局.docx"), str(second / "乙局.html")]) == INTERRUPTED
    err = capsys.readouterr().err
    assert err.count("已中断") == 1  # the second drop is not started


# --- the reviewer's batch --pdf --------------------------------------------------------------


@pytest.mark.parametrize("option", ["--pdf", "--plain-pdf"])
def test_reviewers_batch_pdf_says_it_does_not_apply(tmp_path, cli, option):
    root = _reports(tmp_path / "各部门报告")
    code, out, err = cli("batch", root, option)
    assert code == 0
    assert "提醒：--pdf 只用于本程序生成的报告；这个文件夹中是已完成的报告，没有生成 PDF。" in err.splitlines()
    assert not list(root.rglob("*.pdf"))
    assert (root / "汇总.xlsx").is_file()


# --- a folder that cannot be written ---------------------------------------------------------


@pytest.fixture
def read_only(tmp_path):
    """A folder the clerk cannot write into (0555), made writable again after the test."""
    folder = tmp_path / "只读文件夹"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def _one_output_error(err: str, folder: Path, advice: str) -> None:
    expected = f"无法在文件夹 {folder} 中写入文件：文件夹是只读的，或没有写入权限（属于其他用户）。{advice}"
    assert expected in err
    assert ".~" not in err and ".tmp" not in err and "关闭" not in err  # no temporary file, no "close the summary"
    for english in ("Errno", "Permission", "denied", "read-only", "Read-only"):
        assert english not in err


@pytest.mark.posix
def test_build_into_a_read_only_folder(read_only, cli):
    code, out, err = cli("build", SAMPLE_XLSX, SAMPLE_TXT, "-o", read_only / "报告.docx")
    assert code == 1
    _one_output_error(err, read_only, "请用 -o 换一个保存位置，或请管理员开放这个文件夹的写入权限")
    assert list(read_only.iterdir()) == []


@pytest.mark.posix
def test_batch_into_a_read_only_folder(tmp_path, read_only, department, cli):
    root = tmp_path / "全县"
    department(root, "教育局")
    code, out, err = cli("batch", root, "-o", read_only, "-j", "1")
    assert code == 1
    _one_output_error(err, read_only, "请用 -o 换一个输出文件夹，或请管理员开放这个文件夹的写入权限")
    assert list(read_only.iterdir()) == []


@pytest.mark.posix
def test_reviewers_batch_into_a_read_only_folder(tmp_path, read_only, cli):
    root = _reports(tmp_path / "各部门报告")
    code, out, err = cli("batch", root, "-o", read_only)
    assert code == 1
    _one_output_error(err, read_only, "请用 -o 换一个输出文件夹，或请管理员开放这个文件夹的写入权限")
    assert list(read_only.iterdir()) == []


@pytest.mark.posix
def test_init_in_a_read_only_folder(read_only, cli):
    code, out, err = cli("init", read_only)
    assert code == 1
    _one_output_error(err, read_only, "请换一个文件夹，或请管理员开放这个文件夹的写入权限")
    assert list(read_only.iterdir()) == []


@pytest.mark.posix
def test_a_write_error_names_the_target_not_the_temporary_file(tmp_path, monkeypatch):
    import errno

    def full(tmp):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))

    with pytest.raises(OSError) as caught:
        outfile.save_atomic(full, tmp_path / "汇总.xlsx")
    assert caught.value.filename == str(tmp_path / "汇总.xlsx")
    assert list(tmp_path.iterdir()) == []
