"""`batch --pdf --html`: every report gets its PDF from ONE LibreOffice process, page for page what a
single conversion gives; Ctrl-C stops LibreOffice and leaves no profile or temporary file."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pdfplumber
import pytest

from reportgen.cli.commands import main
from reportgen.render import pdf as pdf_mod

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX
from .test_batch import unbalanced_values


def _pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as doc:
        return [page.extract_text() for page in doc.pages]


class CountingPopen(subprocess.Popen):
    started: list[list[str]] = []

    def __init__(self, cmd, *args, **kwargs):
        if "--headless" in cmd:  # LibreOffice (not fc-match, asked for the font replacement table)
            CountingPopen.started.append(list(cmd))
        super().__init__(cmd, *args, **kwargs)


@pytest.mark.libreoffice
def test_batch_pdf_and_html_with_one_libreoffice(tmp_path, monkeypatch, capsys, department):
    root = tmp_path / "全县"
    for name in ("甲司法局", "乙教育局", "丙水利局"):
        department(root, name)
    department(root, "丁审计局", values=unbalanced_values())  # an error: no report, no PDF
    CountingPopen.started = []
    monkeypatch.setattr(pdf_mod.subprocess, "Popen", CountingPopen)
    rc = main(["batch", str(root), "-j", "1", "--pdf", "--html"])
    err = capsys.readouterr().err
    assert rc == 1  # 丁审计局 has an error
    assert "正在生成 PDF：3 份报告，由 LibreOffice 一次转换……" in err
    assert len(CountingPopen.started) == 1  # one LibreOffice for the whole batch
    assert CountingPopen.started[0][-1].endswith('"0","2")')  # its macro converts files 0 to 2
    for name in ("甲司法局", "乙教育局", "丙水利局"):
        docx = next((root / name).glob("*.docx"))
        html, pdf = docx.with_suffix(".html"), docx.with_suffix(".pdf")
        assert html.is_file() and f"某县{name}" in html.read_text(encoding="utf-8")
        (tmp_path / "single" / name).mkdir(parents=True)
        single = pdf_mod.to_pdf(docx, tmp_path / "single" / name)
        assert _pages(pdf) == _pages(single)  # the same pages as a single build's PDF
    assert not list((root / "丁审计局").glob("*.pdf"))
    assert not list(root.rglob(".~*.tmp"))


def _running_in_group(pgid: int) -> list[str]:
    """Processes of process group PGID that are still running (zombies waiting for a reaper are not)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            running.append(stat.parent.name)
    return running


def _left_running(pgid: int, grace: float = 3.0) -> list[str]:
    """_running_in_group after the kernel has had GRACE seconds to deliver SIGKILL."""
    deadline = time.monotonic() + grace
    while (running := _running_in_group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return running


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process groups from /proc (Linux)")
@pytest.mark.libreoffice
@pytest.mark.parametrize("processes", [1, 2])
def test_ctrl_c_stops_libreoffice_and_cleans_up(tmp_path, monkeypatch, department, processes):
    """Ctrl-C while every office process is starting: all of them stopped, no profile left."""
    root = tmp_path / "全县"
    for name in ("甲司法局", "乙教育局"):
        department(root, name)
    assert main(["batch", str(root), "-j", "1"]) == 0
    docxs = [next((root / name).glob("*.docx")) for name in ("甲司法局", "乙教育局")]
    started: list[subprocess.Popen] = []

    class Interrupted(subprocess.Popen):
        def __init__(self, cmd, *args, **kwargs):
            super().__init__(cmd, *args, **kwargs)
            started.append(self)
            self.profile = next(a for a in cmd if a.startswith("-env:UserInstallation=")).split("file://", 1)[1]

        interrupted = False

        def poll(self):
            if not Interrupted.interrupted:  # Ctrl-C at the first look while waiting for them
                Interrupted.interrupted = True
                time.sleep(1.5)  # LibreOffice is starting (soffice.bin is up)
                raise KeyboardInterrupt
            return super().poll()

    fonts = pdf_mod.font_replacements()  # asked of fc-match before Popen means LibreOffice only
    monkeypatch.setattr(pdf_mod.subprocess, "Popen", Interrupted)
    with pytest.raises(KeyboardInterrupt):
        pdf_mod.to_pdfs(docxs, processes=processes, fonts=fonts)
    assert len(started) == processes and len({proc.profile for proc in started}) == processes  # a profile each
    for proc in started:
        assert proc.poll() is not None
        assert _left_running(proc.pid) == []  # nothing of its process group is left running
        assert not Path(proc.profile).exists()
    for docx in docxs:
        assert not docx.with_suffix(".pdf").exists() and not list(docx.parent.glob(".~*"))


@pytest.mark.libreoffice
def test_two_office_processes_give_the_same_pdfs(tmp_path, department):
    """One office process per core, each with its own profile: every report gets its own PDF,
    page for page what a single conversion gives."""
    root = tmp_path / "全县"
    names = ("甲司法局", "乙教育局", "丙水利局")
    for name in names:
        department(root, name)
    assert main(["batch", str(root), "-j", "1"]) == 0
    docxs = [next((root / name).glob("*.docx")) for name in names]
    pdfs = pdf_mod.to_pdfs(docxs, tmp_path / "two", processes=2)
    assert [p.name for p in pdfs] == [d.with_suffix(".pdf").name for d in docxs]
    singles = pdf_mod.to_pdfs(docxs, tmp_path / "one", processes=1)
    for two, one, name in zip(pdfs, singles, names):
        assert _pages(two) == _pages(one) and f"某县{name}" in _pages(two)[0]


def test_one_office_process_per_core_for_a_batch():
    assert pdf_mod.split(7, 2) == [range(0, 4), range(4, 7)]
    assert pdf_mod.office_count(1) == 1 and pdf_mod.office_count(200, processes=3) == 3
    assert pdf_mod.office_count(200) == min(os.cpu_count() or 1, pdf_mod.MAX_OFFICES)


def test_ctrl_c_during_build_pdf_says_the_report_is_complete(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # to_pdfs stops LibreOffice itself (test above)

    monkeypatch.setattr(pdf_mod, "to_pdfs", interrupted)
    out = tmp_path / "报告.docx"
    assert main(["build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out), "--pdf"]) == 130
    assert "已中断：Word 报告已生成，PDF 没有生成，也没有留下写了一半的 PDF。" in capsys.readouterr().err
    assert out.is_file() and not out.with_suffix(".pdf").exists()
