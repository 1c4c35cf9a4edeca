"""The report converts to PDF with headless LibreOffice (required on CI)."""

import pdfplumber
import pytest

from reportgen import build
from reportgen.render.pdf import to_pdf

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX

pytestmark = pytest.mark.libreoffice  # every test here converts with LibreOffice


def test_sample_converts_to_pdf(tmp_path):
    docx = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "sample.docx").output
    pdf = to_pdf(docx, tmp_path)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) >= 3
        first = doc.pages[0].extract_text()
        assert "互助土族自治县司法局" in first
        page = doc.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
