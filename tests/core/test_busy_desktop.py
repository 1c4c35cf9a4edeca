"""Writing and reading on a busy Windows desktop (issue 17, item 5), simulated on Linux: transient
locks are waited out, a held output is a problem naming it while the others are written, `batch
--pdf` fits the command-line limit, LibreOffice speaks the code page, a locked input is named as
such, Excel's lock file is a 提醒, and names match whatever the case of their letters."""

from __future__ import annotations

import locale
import os
from pathlib import Path

import pytest

from reportgen.core import folders, outfile
from reportgen.core.oserrors import describe
from reportgen.office import process
from reportgen.render import pdf


def held(winerror: int) -> PermissionError:
    exc = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
    exc.winerror = winerror  # what Windows sets; absent on Linux
    return exc


@pytest.fixture
def no_wait(monkeypatch):
    monkeypatch.setattr(outfile, "RETRY_DELAYS", (0, 0, 0, 0))


def test_a_moment_of_onedrive_or_antivirus_is_waited_out(tmp_path, monkeypatch, no_wait):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")
    calls = []
    real = os.replace

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) < 3:
            raise held(32)
        real(src, dst)

    monkeypatch.setattr(outfile.os, "replace", flaky)
    outfile.write_atomic(b"new", target)
    assert target.read_bytes() == b"new" and len(calls) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx"]  # no temporary file left


def test_a_file_held_open_is_given_up_on_and_left_as_it_was(tmp_path, monkeypatch, no_wait):
    target = tmp_path / "报告.pdf"
    target.write_bytes(b"old")
    calls = []

    def always(src, dst):
        calls.append(dst)
        raise held(32)

    monkeypatch.setattr(outfile.os, "replace", always)
    with pytest.raises(PermissionError) as info:
        outfile.write_atomic(b"new", target)
    assert len(calls) == 1 + len(outfile.RETRY_DELAYS)
    assert describe(info.value) == "文件正被其他程序使用（可能在 Word/WPS/Excel 中打开着）：请关闭它后重试"
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["报告.pdf"]


def test_a_plain_permission_error_is_not_retried(tmp_path, monkeypatch, no_wait):
    calls = []

    def denied(src, dst):
        calls.append(dst)
        raise PermissionError(13, "denied")

    monkeypatch.setattr(outfile.os, "replace", denied)
    with pytest.raises(PermissionError):
        outfile.write_atomic(b"x", tmp_path / "a.docx")
    assert len(calls) == 1


def test_a_locked_input_is_named_as_in_use_not_as_permissions():
    assert describe(held(32), reading=True) == "文件正被其他程序使用（可能在 Excel/WPS/Word 中打开着，或正在同步、杀毒扫描）：请关闭它后重试"
    assert describe(PermissionError(13, "denied"), reading=True).startswith("没有读取权限")


def test_a_pdf_held_by_a_reader_is_named_and_the_others_are_written(tmp_path, monkeypatch):
    made = []
    for i in range(3):
        made.append(tmp_path / f"{i:05d}.pdf")
        made[-1].write_bytes(b"%PDF-" + bytes([48 + i]))
    targets = [tmp_path / f"{name}.pdf" for name in ("甲局", "乙局", "丙局")]
    real = outfile.copy_atomic

    def copy(src, dst):
        if dst.name == "乙局.pdf":
            raise held(32)
        real(src, dst)

    monkeypatch.setattr(pdf, "copy_atomic", copy)
    with pytest.raises(pdf.NotAllWritten) as info:
        pdf._put_in_place(made, targets)
    assert info.value.written == [targets[0], None, targets[2]]
    assert [str(p) for p in info.value.problems] == [
        f"错误 [PDF] 乙局.pdf：无法写入 {targets[1]}：文件正被其他程序使用（可能在 Word/WPS/Excel 中打开着）：请关闭它后重试"
    ]
    assert targets[0].read_bytes() == b"%PDF-0" and targets[2].read_bytes() == b"%PDF-2"


def test_batch_keeps_the_pdfs_that_were_written(monkeypatch, tmp_path):
    from reportgen.core.problems import error
    from reportgen.county import batch
    from reportgen.county.results import BatchResult, DepartmentResult

    rows = [DepartmentResult(name=n, output=tmp_path / f"{n}.docx") for n in ("甲局", "乙局")]
    problem = error("PDF", "甲局.pdf", "", "无法写入")

    def partly(docxs, **options):
        raise pdf.NotAllWritten([problem], [None, tmp_path / "乙局.pdf"])

    monkeypatch.setattr(pdf, "to_pdfs", partly)
    result = BatchResult(results=rows, summary=tmp_path / "汇总.xlsx", county=None, county_count=0, years=[])
    assert batch.make_pdfs(result) == [problem]
    assert [r.pdf for r in rows] == [None, tmp_path / "乙局.pdf"]


def test_libreoffice_messages_are_read_in_the_code_page(monkeypatch):
    monkeypatch.setattr(locale, "getencoding", lambda: "cp936", raising=False)
    assert process.decode_output("错误：无法加载源文件".encode("cp936")) == "错误：无法加载源文件"
    assert process.decode_output("Error: 源文件".encode("utf-8")) == "Error: 源文件"


def test_excels_lock_file_beside_the_workbook_is_a_reminder(clerk_files, cli):
    xlsx, txt = clerk_files()
    (xlsx.parent / "~$统计表.xlsx").write_bytes(b"\x00" * 165)
    code, out, _ = cli("check", xlsx, txt)
    assert code == 0
    assert out.splitlines()[0] == ("提醒 [OPEN] 统计表.xlsx：统计表正在 Excel/WPS 中打开（旁边有锁定文件 ~$统计表.xlsx）：读取的是上次保存的内容，"
                                   "尚未保存的修改没有包括在内。请在 Excel/WPS 中保存后重新运行")


def test_libreoffices_lock_file_too(tmp_path):
    book = tmp_path / "统计表.xlsx"
    book.write_bytes(b"PK")
    assert folders.lock_file(book) is None
    (tmp_path / ".~lock.统计表.xlsx#").write_text("x", encoding="utf-8")
    assert folders.lock_file(book) == tmp_path / ".~lock.统计表.xlsx#"


def test_names_match_whatever_the_case(clerk_files, tmp_path, cli):
    xlsx, txt = clerk_files(tmp_path / "2025年报")
    xlsx.rename(xlsx.with_name("统计表.XLSX"))
    txt.rename(txt.with_name("正文.TXT"))
    (tmp_path / "2025年报" / "旧统计表.xlsx").write_bytes(Path(xlsx.with_name("统计表.XLSX")).read_bytes())
    target = folders.classify(tmp_path / "2025年报")
    assert (target.kind, target.xlsx.name, target.txt.name) == (folders.DEPARTMENT, "统计表.XLSX", "正文.TXT")
    sources = folders.init_sources([tmp_path / "2025年报"])
    assert (sources.xlsx.name, sources.txt.name, sources.problems) == ("统计表.XLSX", "正文.TXT", [])
    code, out, _ = cli("build", tmp_path / "2025年报")
    assert code == 0 and "已生成：" in out
