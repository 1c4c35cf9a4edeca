"""A 可搜索 scan (searchable PDF): the signed paper scanned by software that lays its OCR's text
under the picture, invisible, or drawn and then covered by it. The text is read from that layer,
straightened where the sheet went in askew, and every number is said to come from the scanner's
reading, in a SCAN 提醒 with its pages; the form is 扫描件. A page of visible text over a picture
(a letterhead background) is an ordinary PDF."""

from __future__ import annotations

import pytest

from reportgen.core import schema
from reportgen.finished import check as finished
from reportgen.finished import door

from .scans import searchable_pdf
from .test_pdf import _to_pdfs
from .test_scan_check import VALUES, _report

pytestmark = pytest.mark.libreoffice

_PAGES = 3  # the sample report exported by LibreOffice


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("searchable")
    (pdf,) = _to_pdfs([_report(folder, "某某县公安局")])
    return pdf


def _read_right(path):
    found = finished.load(path)
    assert not found.unread
    values = found.report.stats.values
    assert {k: values[k] for k in VALUES if values[k] != VALUES[k]} == {}
    assert found.report.meta.agency == "某某县公安局"
    return found


@pytest.mark.parametrize(("hide", "angle"), [("invisible", 0.0), ("invisible", 1.2), ("invisible", -0.8), ("under", 1.2)])
def test_a_searchable_scan_is_read_from_its_text_layer_and_said_to_be_a_scan(exported, tmp_path, cli, hide, angle):
    scan = searchable_pdf(exported, tmp_path / "公安局.pdf", angle=angle, hide=hide)
    code, out, err = cli("check", scan)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"提醒 [SCAN] 公安局.pdf：扫描件：数字取自扫描软件识别出的文字，请对照原件核对（第1～{_PAGES}页）", "共 0 个错误，1 个提醒。"]
    assert _read_right(scan).form == door.SCAN


def _level_figures(pdf_path) -> int:
    """How many figures stand level (within 2 points) with table 三's row label 本年新收."""
    from reportgen.finished.pdf import read_pages

    for page in read_pages(pdf_path):
        label = next((w for w in page.words if w.text.startswith("一、本年新收")), None)
        if label is not None:
            return sum(w.text.isdigit() and w.x0 > label.x1 and abs(w.top - label.top) < 2 for w in page.words)
    raise AssertionError("no row 本年新收")


def test_a_text_layer_laid_askew_is_straightened(exported, tmp_path, monkeypatch):
    """A layer 1.2° askew (the sheet went in turned) has its rows level again: the row's seven
    figures stand level with its label. Read as it lies, its right end stands ~8 points lower."""
    from reportgen.finished import pdf

    scan = searchable_pdf(exported, tmp_path / "斜.pdf", angle=1.2)
    assert _level_figures(scan) == 7
    monkeypatch.setattr(pdf, "_MAX_SKEW", 0.0)
    assert _level_figures(scan) < 4


def test_visible_text_over_a_full_page_picture_is_an_ordinary_pdf(exported, tmp_path, cli):
    page = searchable_pdf(exported, tmp_path / "信笺.pdf", hide="over")
    assert cli("check", page) == (0, "检查通过，没有发现问题。\n", "")
    assert _read_right(page).form == door.PDF


def test_a_wrong_total_in_a_searchable_scan_names_its_page(tmp_path, cli):
    """The scanner's text is checked as typed text is: a clerk's mistyped total is a T3-ROW error
    on the page it is printed on, beside the SCAN 提醒."""
    from .test_scan_check import NEW_TOTAL

    (pdf,) = _to_pdfs([_report(tmp_path, "某某县教育局", NEW_TOTAL + 10)])
    code, out, _ = cli("check", searchable_pdf(pdf, tmp_path / "教育局扫描.pdf", angle=0.7))
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == f"提醒 [SCAN] 教育局扫描.pdf：扫描件：数字取自扫描软件识别出的文字，请对照原件核对（第1～{_PAGES}页）"
    assert [x for x in lines if x.startswith("错误")] == [x for x in lines if x.startswith("错误 [T3-ROW] 教育局扫描.pdf 表三“一、本年新收政府信息公开申请数量”行“总计”列（第2页）：")]
    assert lines[1].startswith("错误 [T3-ROW]")


def test_a_text_layer_the_scanner_read_as_another_language_is_not_read(tmp_path):
    """Scanning software set to English lays Latin letters under a Chinese page: that layer is not
    the report's text, so the page is a scan (read by OCR where installed), never read as numbers."""
    from docx import Document

    from reportgen.finished.pdf import read_pages

    document = Document()
    for line in ["EI, BATRBR", "—  AFAFAXBEFEBER 12 34", "=, WHDNHFRERFHERA 56 78 9"] * 12:
        document.add_paragraph(line)
    document.save(str(tmp_path / "英文识别.docx"))
    (pdf,) = _to_pdfs([tmp_path / "英文识别.docx"])
    pages = read_pages(searchable_pdf(pdf, tmp_path / "英文识别扫描.pdf"))
    assert [(p.scanned, p.searchable, p.words) for p in pages] == [(True, False, [])] * len(pages)
