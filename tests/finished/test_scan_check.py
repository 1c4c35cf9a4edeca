"""`reportgen check 扫描件.pdf` and the reviewer's batch over a folder holding scans, end to end:
a department's report exported to PDF, printed and scanned back (grey, turned, JPEG), read by OCR
through the one door, checked as a .docx is, every number's page named in the SCAN 提醒."""

from __future__ import annotations

import pytest

from pathlib import Path

from reportgen import api
from reportgen.core import schema

from ..conftest import CLEAN_NARRATIVE, clean_values, sample_meta, write_workbook
from .scans import scan_pdf
from .test_pdf import _to_pdfs

VALUES = clean_values()
NEW_TOTAL = sum(VALUES[f"t3_new_{col}"] for col in schema.T3_PART_COLS)  # 本年新收's 总计

pytestmark = [pytest.mark.libreoffice, pytest.mark.ocr]


def _report(folder: Path, agency: str, total: int | None = None) -> Path:
    """A department's report as reportgen makes it; TOTAL, if given, typed over table 三's
    总计 of 本年新收 afterwards (as a clerk edits the Word file before printing it)."""
    from docx import Document

    xlsx = write_workbook(folder / f"{agency}.xlsx", sample_meta(agency=agency), VALUES)
    (folder / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
    docx = folder / f"{agency.removeprefix('某某县')}.docx"
    api.build(xlsx, folder / "正文.txt", docx)
    if total is not None:
        document = Document(str(docx))
        (row,) = [r for t in document.tables for r in t.rows if r.cells[0].text.startswith("一、本年新收")]
        cell = row.cells[-1]
        assert cell.text == str(NEW_TOTAL)
        cell.paragraphs[0].runs[0].text = str(total)
        document.save(str(docx))
    return docx


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """Two departments' scanned reports: one right, one with a wrong total in table 三 (the
    number a clerk mistyped before printing and signing it)."""
    folder = tmp_path_factory.mktemp("scans")
    wrong_total = NEW_TOTAL + 10
    docs = [_report(folder, "某某县公安局"), _report(folder, "某某县教育局", wrong_total)]
    (folder / "扫描").mkdir()
    out = {}
    for pdf, angle in zip(_to_pdfs(docs), (1.2, -0.8)):
        out[pdf.stem] = scan_pdf(pdf, folder / "扫描" / f"{pdf.stem}.pdf", angle=angle)
    return out, wrong_total


def test_a_scanned_report_is_read_checked_and_passes_with_one_reminder(scans, cli):
    files, _ = scans
    code, out, err = cli("check", files["公安局"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(str(files["公安局"])))
    assert lines[0] == f"提醒 [SCAN] 公安局.pdf：扫描件：数字由文字识别读出，请对照原件核对（第1～{pages}页）"
    assert lines[-1] == "共 0 个错误，1 个提醒。"


def test_a_low_resolution_heavily_compressed_scan_reads_every_number(tmp_path, cli):
    """A sheet scanned at 150 dpi and saved at JPEG quality 35 (a copier's "small file" setting):
    the recogniser reads 9 with a speck ("9."), 0 as "o" and 5 as "S" there; each box that is
    nothing but such a number is read as the number (finished/ocrwords.py), so the report passes
    with every value in its cell, as at 200 dpi. Before, a dozen READ problems named columns "9." and "S"."""
    from reportgen.finished import check as finished

    (pdf,) = _to_pdfs([_report(tmp_path, "某某县公安局")])
    scan = scan_pdf(pdf, tmp_path / "公安局扫描.pdf", dpi=150, quality=35, angle=-1.0)
    code, out, _ = cli("check", scan)
    assert code == 0, out
    assert [x.split("：")[0] for x in out.splitlines()[:-1]] == ["提醒 [SCAN] 公安局扫描.pdf"]
    report = finished.load(scan).report
    assert {k: report.stats.values[k] for k in VALUES} == VALUES


def test_a_wrong_total_on_a_scan_is_named_with_its_cell_and_page(scans, cli):
    files, wrong_total = scans
    code, out, _ = cli("check", files["教育局"])
    assert code == 1
    errors = [x for x in out.splitlines() if x.startswith("错误")]
    assert errors, out
    named = [x for x in errors if str(wrong_total) in x and "表三" in x]
    assert named, out
    assert all(x.startswith("错误 [T3-ROW] 教育局.pdf 表三“一、本年新收政府信息公开申请数量”行“总计”列（第") for x in named), named
    assert any(x.startswith("提醒 [SCAN] 教育局.pdf") for x in out.splitlines())


def test_a_folder_of_scans_shows_each_form_and_sums_only_the_right_ones(scans, tmp_path, capsys):
    from openpyxl import load_workbook

    from reportgen.cli.commands import main

    files, _ = scans
    folder = files["公安局"].parent
    code = main(["batch", str(folder), "-o", str(tmp_path / "结果")])
    assert code == 1  # 教育局's total is wrong
    out = capsys.readouterr().out.splitlines()
    assert any(x.startswith("公安局.pdf 某某县公安局（扫描件）：") for x in out), out
    wb = load_workbook(tmp_path / "结果" / "汇总.xlsx")
    listing = dict(list(wb["文件清单"].values)[1:])
    assert listing["公安局.pdf"].startswith("已检查（扫描件）")
    assert listing["教育局.pdf"].startswith("已检查（扫描件）：有错误")
    rows = list(wb.worksheets[0].values)
    total = next(r for r in rows if str(r[1]).startswith("合计（没有错误的 1 个部门）"))
    assert total[rows[0].index("本年新收")] == NEW_TOTAL


def test_a_scan_of_small_type_in_cramped_cells_reads_every_number(tmp_path, cli):
    """A department's own Word tables (python-docx's Table Grid, 10.5-point type, rows barely taller
    than a line: 本年制发件数 touches its cell's lines, table 四's 1 2 3 stand alone in their cells)
    scanned at -1°: no column made of a character's stroke, no lone digit lost, so no error."""
    from .. import finished_corpus as C
    from .test_finished import VALUES as CORPUS_VALUES

    docx = C.write_docx(tmp_path / "民政局.docx", C.standard_tables(CORPUS_VALUES), agency="某某县民政局")
    (pdf,) = _to_pdfs([docx])
    scan = scan_pdf(pdf, tmp_path / "扫描件.pdf", angle=-1.0)
    code, out, _ = cli("check", scan)
    assert code == 0, out
    assert not [x for x in out.splitlines() if x.startswith("错误") or "[READ]" in x or "[NUM]" in x], out
    # The sub-headings' numbers read whole: "（二）" boxed apart, "（三）" dropped by the detector.
    assert "[NARR-TOPIC]" not in out, out
    assert "提醒 [SCAN] 扫描件.pdf：扫描件：数字由文字识别读出，请对照原件核对（第1～5页）" in out.splitlines()
