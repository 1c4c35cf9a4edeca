"""A PDF is read in a child process with a time limit (finished.door, core.worker): a file that
makes the reader hang is stopped with a FILE error naming it, one that kills the reader is named
as such, and the review goes on with the next file in a new child; a folder of 200 PDFs is read by
one child."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from reportgen.core import worker
from reportgen.county import batch
from reportgen.finished import door
from reportgen.finished import pdf as pdfread

from .. import finished_corpus as C
from .test_finished import VARIANTS
from .test_pdf import _to_pdfs

_READ_PAGES = pdfread.read_pages


# What the child runs in place of pdf.read_pages (module-level: sent to the child by name). A file
# named 卡住… stands for a PDF that makes pdfium hang, 崩溃… for one that makes it crash.
def _troubled_read_pages(path: Path):
    if path.name.startswith("卡住"):
        time.sleep(600)
    if path.name.startswith("崩溃"):
        os.kill(os.getpid(), signal.SIGKILL)
    return _READ_PAGES(path)


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("text-pdf")
    (pdf,) = _to_pdfs([C.write_docx(folder / "某某局.docx", VARIANTS["official-merges"]())])
    return pdf


@pytest.fixture
def reader(monkeypatch):
    """A new reader child for the test (forked: it sees the test's stand-in for pdf.read_pages)."""
    fresh = worker.Worker("fork")
    monkeypatch.setattr(door, "_READER", fresh)
    monkeypatch.setattr(pdfread, "read_pages", _troubled_read_pages)
    yield fresh
    fresh.stop()


def _folder(tmp_path: Path, text_pdf: Path, names: list[str]) -> Path:
    folder = tmp_path / "各部门报告"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(text_pdf.read_bytes())
    return folder


@pytest.mark.posix
@pytest.mark.libreoffice
def test_a_read_that_overruns_is_a_file_error_and_the_next_file_is_read(reader, text_pdf, tmp_path, cli, monkeypatch):
    monkeypatch.setenv(door.READ_SECONDS_ENV, "2")
    folder = _folder(tmp_path, text_pdf, ["卡住.pdf", "某某局.pdf"])
    started = time.monotonic()
    code, out, err = cli("check", folder / "卡住.pdf")
    assert time.monotonic() - started < 30
    assert code == 1 and "Traceback" not in out + err
    assert out.splitlines()[0] == (
        "错误 [FILE] 卡住.pdf：读取这个 PDF 超过 2 秒仍未完成，已停止：文件可能已损坏或过于复杂，"
        "请部门重新导出 PDF，或提供 Word 文件（.docx）"
    )
    code, out, err = cli("check", folder / "某某局.pdf")  # a new child reads it
    assert code == 0 and out.splitlines()[-1] == "检查通过，没有发现问题。", out + err


@pytest.mark.posix
@pytest.mark.libreoffice
def test_a_batch_goes_on_past_a_hanging_and_a_crashing_pdf(reader, text_pdf, tmp_path, monkeypatch):
    monkeypatch.setenv(door.READ_SECONDS_ENV, "2")
    folder = _folder(tmp_path, text_pdf, ["卡住.pdf", "崩溃.pdf", "甲局.pdf"])
    result = batch.run(folder, tmp_path / "汇总")
    rows = {r.name: r for r in result.results}
    assert set(rows) == {"卡住.pdf", "崩溃.pdf", "甲局.pdf"}
    (hung,), (crashed,) = rows["卡住.pdf"].problems, rows["崩溃.pdf"].problems
    assert (hung.rule, hung.file) == ("FILE", "卡住.pdf") and hung.message.startswith("读取这个 PDF 超过 2 秒仍未完成，已停止")
    assert (crashed.rule, crashed.file) == ("FILE", "崩溃.pdf")
    assert crashed.message == (
        "读取这个 PDF 的进程意外退出（被信号 SIGKILL 终止），可能是文件损坏或内存不足：请部门重新导出 PDF，或提供 Word 文件（.docx）"
    )
    assert rows["甲局.pdf"].form == "PDF" and rows["甲局.pdf"].values  # read and checked after both


@pytest.mark.libreoffice
@pytest.mark.ocr
def test_a_scan_whose_ocr_overruns_is_stopped_and_the_next_pdf_is_read(text_pdf, tmp_path, cli, monkeypatch):
    """A real scan read by OCR (seconds a page) with one second a page: stopped, and named so."""
    from .scans import scan_pdf

    monkeypatch.setattr(door, "_READER", worker.Worker())  # the default start method, nothing stood in
    monkeypatch.setenv(door.READ_SECONDS_ENV, "1")
    scan = scan_pdf(text_pdf, tmp_path / "扫描件.pdf", pages=[1, 2, 3], angle=1.2)
    try:
        started = time.monotonic()
        code, out, err = cli("check", scan)
        assert time.monotonic() - started < 30
        assert code == 1 and "Traceback" not in out + err
        assert out.splitlines()[0] == (
            "错误 [FILE] 扫描件.pdf：文字识别这个 PDF 的第1～3页超过 3 秒仍未完成，已停止：文件可能已损坏或过于复杂，"
            "请部门重新导出 PDF，或提供 Word 文件（.docx）。本机较忙时也可以放宽时限：环境变量 REPORTGEN_READ_SECONDS 是每页的秒数（现为 1）"
        )
        code, out, err = cli("check", text_pdf)
        assert code == 0 and out.splitlines()[-1] == "检查通过，没有发现问题。", out + err
    finally:
        door._READER.stop()


@pytest.mark.parametrize("raw", ["60s", "", "一分钟"])
def test_a_read_seconds_setting_that_is_not_seconds_is_named(tmp_path, cli, monkeypatch, raw):
    monkeypatch.setenv(door.READ_SECONDS_ENV, raw)
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    code, out, _ = cli("check", pdf)
    assert code == 1
    assert out.splitlines()[0] == (
        f"错误 [FILE] 报告.pdf：环境变量 REPORTGEN_READ_SECONDS 的值“{raw}”不是秒数：请写一个 1 到 3600 之间的数字"
        "（例如 REPORTGEN_READ_SECONDS=60），或删除这个环境变量（默认 60 秒）"
    )


def test_the_time_limit_is_clamped(monkeypatch):
    monkeypatch.delenv(door.READ_SECONDS_ENV, raising=False)
    assert door.read_seconds() == door.DEFAULT_READ_SECONDS == 60
    for raw, seconds in (("0", 1.0), ("90", 90.0), ("1e9", 3600.0)):
        monkeypatch.setenv(door.READ_SECONDS_ENV, raw)
        assert door.read_seconds() == seconds


@pytest.mark.libreoffice
def test_a_folder_of_200_pdfs_is_read_by_one_child(text_pdf, tmp_path, monkeypatch):
    monkeypatch.setattr(door, "_READER", worker.Worker())
    starts = []
    start = worker.Worker._start
    monkeypatch.setattr(worker.Worker, "_start", lambda self: (starts.append(self), start(self))[1])
    folder = _folder(tmp_path, text_pdf, [f"部门{i:03}.pdf" for i in range(200)])
    began = time.monotonic()
    try:
        result = batch.run(folder, tmp_path / "汇总")
    finally:
        door._READER.stop()
    assert time.monotonic() - began < 60
    assert len(starts) == 1
    assert len(result.results) == 200 and all(r.form == "PDF" and r.values for r in result.results)
    assert not any(p.rule == "FILE" for r in result.results for p in r.problems)


@pytest.mark.libreoffice
def test_a_spawned_reader_as_on_windows_reads_and_refuses_as_before(text_pdf, tmp_path, cli, monkeypatch):
    """Started the way Windows and the bundle start it: the pages and the readers' own refusals
    (pdf.NotAPdf's Chinese reason) come back from the child unchanged."""
    monkeypatch.setattr(door, "_READER", worker.Worker("spawn"))
    try:
        code, out, err = cli("check", text_pdf)
        assert code == 0 and out.splitlines()[-1] == "检查通过，没有发现问题。", out + err
        broken = tmp_path / "截断.pdf"
        broken.write_bytes(text_pdf.read_bytes()[:300])
        code, out, _ = cli("check", broken)
        assert code == 1 and out.splitlines()[0] == (
            "错误 [FILE] 截断.pdf：这个 PDF 文件已损坏或不完整，无法打开：请部门重新导出 PDF，或提供 Word 文件（.docx）"
        )
    finally:
        door._READER.stop()
