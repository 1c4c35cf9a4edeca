"""Written files: the permissions a normal save gives (the user's umask), never over a file the clerk
made read-only, and never half-written: one writer (core/outfile) for every file."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from reportgen.cli.commands import main
from reportgen.core import outfile

OLD_REPORT = b"previous good report"
posix_only = pytest.mark.posix  # POSIX permission bits


@pytest.fixture
def inputs(tmp_path, clerk_files):
    xlsx, txt = clerk_files()
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
def test_batch_reports_and_summaries_follow_the_umask(tmp_path, capsys, umask, clerk_files):
    clerk_files(tmp_path / "县" / "甲局")
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


# --- the one writer: a failure anywhere leaves the old file and no temporary file ----------------


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt(), ValueError("bug")])
@pytest.mark.parametrize("existing", [True, False])
def test_a_failing_save_leaves_no_temporary_and_the_target_unchanged(tmp_path, failure, existing):
    target = tmp_path / "汇总.xlsx"
    if existing:
        target.write_bytes(OLD_REPORT)

    def save(tmp):
        tmp.write_bytes(b"PK\x03\x04half")  # half-written when the disk fills or Ctrl-C comes
        raise failure

    with pytest.raises(type(failure)):
        outfile.save_atomic(save, target)
    assert [p.name for p in tmp_path.iterdir()] == (["汇总.xlsx"] if existing else [])
    if existing:
        assert target.read_bytes() == OLD_REPORT


def test_a_failing_workbook_save_leaves_no_temporary(tmp_path, monkeypatch):
    from openpyxl import Workbook

    from reportgen.workbook import writer

    def full_disk(self, filename):
        open(filename, "wb").write(b"PK\x03\x04half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full_disk)
    with pytest.raises(OSError):
        writer.write(tmp_path / "统计表.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_target_is_refused_by_every_entry_point(tmp_path):
    target = tmp_path / "报告.pdf"
    target.write_bytes(OLD_REPORT)
    target.chmod(0o444)
    source = tmp_path / "made-elsewhere"
    source.write_bytes(b"%PDF new")
    for write in (
        lambda: outfile.write_atomic(b"new", target),
        lambda: outfile.save_atomic(lambda tmp: tmp.write_bytes(b"new"), target),
        lambda: outfile.copy_atomic(source, target),
    ):
        with pytest.raises(outfile.ProtectedFile):
            write()
    assert target.read_bytes() == OLD_REPORT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["made-elsewhere", "报告.pdf"]


def test_init_writes_the_narrative_as_notepad_does(tmp_path, cli):
    assert cli("init", tmp_path).code == 0
    data = (tmp_path / "正文.txt").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # utf-8-sig: Notepad and WPS see UTF-8
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF line ends only


@posix_only
def test_init_files_follow_the_umask(tmp_path, cli, umask):
    umask(0o002)
    assert cli("init", tmp_path).code == 0
    assert mode(tmp_path / "统计表.xlsx") == mode(tmp_path / "正文.txt") == 0o664


def test_init_force_never_overwrites_a_read_only_file(tmp_path, cli):
    """The writer's rule holds for init --force too: a file the clerk protected is left alone, and so
    is the other file of the pair (nothing is written)."""
    assert cli("init", tmp_path).code == 0
    xlsx, txt = tmp_path / "统计表.xlsx", tmp_path / "正文.txt"
    txt.write_text("一年的心血", encoding="utf-8")
    txt.chmod(0o444)
    before = xlsx.read_bytes()
    code, _, err = cli("init", tmp_path, "--force")
    assert code == 1
    assert f"错误 [OUTPUT] {tmp_path.name}：无法在 {tmp_path} 中写入文件：没有写入权限" in err
    assert txt.read_text(encoding="utf-8") == "一年的心血" and xlsx.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["正文.txt", "统计表.xlsx"]


@pytest.mark.libreoffice
def test_a_read_only_pdf_is_not_replaced(inputs, cli):
    folder, xlsx, txt = inputs
    out = folder / "报告.docx"
    pdf = out.with_suffix(".pdf")
    pdf.write_bytes(OLD_REPORT)
    pdf.chmod(0o444)
    code, _, err = cli("build", xlsx, txt, "-o", out, "--pdf")
    assert code == 1 and out.exists()
    assert f"错误 [PDF] 报告.pdf：无法写入 {pdf}：没有写入权限" in err
    assert "Word 报告已生成，但没有生成 PDF。" in err
    assert pdf.read_bytes() == OLD_REPORT
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".~")]


def test_missing_folders_made_and_removed_again_on_failure(tmp_path):
    target = tmp_path / "输出" / "2025" / "报告.docx"
    outfile.write_atomic(b"report", target, make_parents=True)
    assert target.read_bytes() == b"report"

    def fails(tmp):
        raise OSError(errno.ENOSPC, "No space left on device")

    other = tmp_path / "另一个" / "子" / "报告.docx"
    with pytest.raises(OSError):
        outfile.save_atomic(fails, other, make_parents=True)
    assert not (tmp_path / "另一个").exists()  # nothing left behind by a failed save
    with pytest.raises(FileNotFoundError):
        outfile.write_atomic(b"x", tmp_path / "没有" / "r.docx")  # without make_parents, as before
