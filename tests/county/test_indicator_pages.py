"""The indicator sheets of 汇总.xlsx as printed: 全县指标 on one A4 landscape page at full size for a
leader, 各部门指标 one page wide, and no wrapped heading or note printed over the next row (neither
Excel nor LibreOffice fits a row to wrapped text in merged cells)."""

from __future__ import annotations

import pdfplumber
import pytest
from openpyxl import load_workbook

from ..conftest import libreoffice_convert
from .two_years import county

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Each indicator sheet alone in a workbook, converted to PDF by LibreOffice: {sheet: pdf}."""
    from reportgen.cli.commands import main

    root = tmp_path_factory.mktemp("indicators")
    last, now = county(root)
    assert main(["batch", str(now), "--previous", str(last), "-o", str(root / "out"), "-j", "1"]) == 1  # 乙局's X-YEAR
    pdfs = {}
    for sheet, stem in (("全县指标", "county"), ("各部门指标", "departments")):
        wb = load_workbook(root / "out" / "汇总.xlsx")
        for name in wb.sheetnames:
            if name != sheet:
                del wb[name]
        wb.save(root / f"{stem}.xlsx")
        pdfs[sheet] = libreoffice_convert(root / f"{stem}.xlsx", "pdf", root / "pdf")
    return pdfs


def _overlaps(page) -> list[tuple[str, str]]:
    words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if dx > 1 and dy > 1:
                found.append((a["text"], b["text"]))
    return found


@pytest.mark.parametrize("sheet", ["全县指标", "各部门指标"])
def test_one_a4_landscape_page_with_nothing_printed_over_anything(printed, sheet):
    with pdfplumber.open(printed[sheet]) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (842, 595)  # A4 landscape, in points
        assert _overlaps(page) == []
        text = page.extract_text()
        assert "实质公开率" in text and "结转率" in text


def test_the_county_page_is_printed_at_full_size(printed):
    """The leader's page is not shrunk to fit: its body text is the sheet's 11 pt."""
    with pdfplumber.open(printed["全县指标"]) as pdf:
        sizes = {round(c["size"]) for c in pdf.pages[0].chars}
    assert min(sizes) == 11
