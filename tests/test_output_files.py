"""Written files: the permissions a normal save gives (the user's umask), and never over a report the
clerk made read-only."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from reportgen.cli.commands import main

from .conftest import CLEAN_NARRATIVE, clean_values, sample_meta, write_workbook

OLD_REPORT = b"previous good report"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture
def inputs(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(), clean_values())
    txt = tmp_path / "正文.txt"
    txt.write_text(CLEAN_NARRATIVE, encoding="utf-8")
    return tmp_path, xlsx, txt


@pytest.fixture
def umask():
    """Set a umask for the test and put the old one back."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_read_only_earlier_report_is_not_replaced(inputs, capsys):
    folder, xlsx, txt = inputs
    out = folder / "报告.docx"
    out.write_bytes(OLD_REPORT)
    out.chmod(0o444)
    code = main(["build", str(xlsx), str(txt), "-o", str(out), "--html"])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        f"错误 [OUTPUT] 报告.docx：{out} 已存在且被设置为只读（受保护），没有覆盖。"
        "如确需重新生成，请先取消该文件的只读属性，或用 -o 另起一个文件名"
    ) in err
    assert out.read_bytes() == OLD_REPORT
    assert sorted(p.name for p in folder.iterdir()) == ["报告.docx", "正文.txt", "统计表.xlsx"]


@posix_only
@pytest.mark.parametrize("mask,expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_report_and_page_follow_the_umask(inputs, capsys, umask, mask, expected):
    folder, xlsx, txt = inputs
    umask(mask)
    out = folder / "报告.docx"
    assert main(["build", str(xlsx), str(txt), "-o", str(out), "--html"]) == 0, capsys.readouterr().err
    assert mode(out) == expected
    assert mode(folder / "报告.html") == expected


@posix_only
def test_replacing_a_report_keeps_its_permissions(inputs, capsys, umask):
    folder, xlsx, txt = inputs
    out = folder / "报告.docx"
    out.write_bytes(OLD_REPORT)
    out.chmod(0o664)  # shared with the office's group
    assert main(["build", str(xlsx), str(txt), "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.read_bytes() != OLD_REPORT and mode(out) == 0o664


@posix_only
def test_batch_reports_and_summaries_follow_the_umask(tmp_path, capsys, umask):
    department = tmp_path / "县" / "甲局"
    department.mkdir(parents=True)
    write_workbook(department / "统计表.xlsx", sample_meta(), clean_values())
    (department / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
    out = tmp_path / "报告"
    out.mkdir()
    assert main(["batch", str(tmp_path / "县"), "-o", str(out), "-j", "1"]) == 0, capsys.readouterr().err
    written = sorted(p for p in out.rglob("*") if p.is_file())
    assert {p.name for p in written} >= {"汇总.xlsx", "汇总统计表.xlsx"} and any(p.suffix == ".docx" for p in written)
    assert {p.name: mode(p) for p in written} == {p.name: 0o644 for p in written}


def test_unreadable_narrative_is_said_in_chinese(inputs, capsys, monkeypatch):
    import errno
    import pathlib

    folder, xlsx, txt = inputs

    def denied(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "read_bytes", denied)
    code = main(["check", str(xlsx), str(txt)])
    out = capsys.readouterr().out
    assert code == 1
    assert "错误 [FILE] 正文.txt：无法读取文件：没有读取权限：请把文件复制到自己的文件夹后再试，或请管理员开放权限" in out
    assert "Permission denied" not in out
