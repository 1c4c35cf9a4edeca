"""The report converts to PDF with headless LibreOffice (required on CI)."""

import datetime as dt
import zipfile

import pdfplumber
import pikepdf
import pytest

from reportgen import build
from reportgen.cli.commands import main
from reportgen.render.pdf import to_pdf

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, nonzero_values, sample_meta, write_workbook
from .test_layout import LONG_AGENCY

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


def _long_report(folder):
    meta = sample_meta(agency=LONG_AGENCY, signature="某某区政府办公室", seal=True, date=dt.date(2026, 1, 28))
    xlsx = write_workbook(folder / "统计表.xlsx", meta, nonzero_values())
    result = build(xlsx, SAMPLE_TXT, out=folder / "long.docx")
    assert result.ok, [str(p) for p in result.problems]
    return result.output


@pytest.mark.parametrize("which", ["sample", "long"])
def test_pdf_is_a_tagged_chinese_pdf_a(tmp_path, which):
    """What an archive, an OA system and a screen reader read: a structure tree, marked content,
    the language zh-CN, PDF/A-2b declared in the XMP metadata, the report's title, the agency."""
    docx = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "s.docx").output if which == "sample" else _long_report(tmp_path)
    with zipfile.ZipFile(docx) as z:
        title = z.read("docProps/core.xml").decode().split("<dc:title>")[1].split("</dc:title>")[0]
    agency = "互助土族自治县司法局" if which == "sample" else LONG_AGENCY
    with pikepdf.open(to_pdf(docx, tmp_path)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root and len(root.StructTreeRoot.K) > 0
        assert bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "zh-CN"
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert str(pdf.docinfo["/Title"]) == title and "2025" in title  # the report's own title
        assert str(pdf.docinfo["/Author"]) == agency
        assert meta["dc:title"] == title


def test_plain_pdf_for_an_office_that_needs_one(tmp_path, capsys):
    out = tmp_path / "报告.docx"
    assert main(["build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out), "--plain-pdf"]) == 0
    assert f"已生成：{out.with_suffix('.pdf')}" in capsys.readouterr().out
    with pikepdf.open(out.with_suffix(".pdf")) as pdf:
        assert "pdfaid:part" not in pdf.open_metadata()  # not PDF/A
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "zh-CN"  # still tagged and Chinese


def test_the_docx_says_it_is_chinese(tmp_path):
    """The document's own language (docDefaults), so Word and WPS spell-check and read it as Chinese."""
    docx = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "s.docx").output
    with zipfile.ZipFile(docx) as z:
        styles = z.read("word/styles.xml").decode()
    defaults = styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    assert '<w:lang w:val="zh-CN" w:eastAsia="zh-CN"' in defaults


def _pdf_date(text: str) -> dt.datetime:
    """An Info date as a reader parses it: D:YYYYMMDDHHmmSS then Z or ±HH'mm."""
    stamp = dt.datetime.strptime(text[2:16], "%Y%m%d%H%M%S")
    zone = text[16:].replace("'", "")
    if zone in ("", "Z"):
        return stamp.replace(tzinfo=dt.timezone.utc)
    sign = 1 if zone[0] == "+" else -1
    return stamp.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5] or 0))))


@pytest.mark.parametrize("which", ["sample PDF/A", "long plain"])
def test_the_pdf_is_dated_the_reports_date(tmp_path, office, which):
    """The PDF's creation date is the 成文日期, not the moment of conversion; its Info dictionary and
    its XMP say the same (PDF/A asks them to agree), and no other date of the export is left, in every
    tested LibreOffice (25.2 also writes xmp:ModifyDate, xmp:MetadataDate and dc:date)."""
    if which == "sample PDF/A":
        docx, day, archival = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "s.docx").output, dt.date(2026, 1, 19), True
    else:
        docx, day, archival = _long_report(tmp_path), dt.date(2026, 1, 28), False
    signed = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    with pikepdf.open(to_pdf(docx, tmp_path, archival=archival)) as pdf:
        info = {key: _pdf_date(str(pdf.docinfo[key])) for key in ("/CreationDate", "/ModDate") if key in pdf.docinfo}
        meta = pdf.open_metadata()
        xmp = {key: dt.datetime.fromisoformat(meta[key]) for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate") if key in meta}
        assert info["/CreationDate"] == xmp["xmp:CreateDate"] == signed
        assert set(info.values()) == set(xmp.values()) == {signed}, (office, info, xmp)
        assert [dt.datetime.fromisoformat(d) for d in meta.get("dc:date", [])] in ([], [signed])
        assert meta.pdfa_status == ("2B" if archival else "")
        assert str(pdf.docinfo["/Producer"]).startswith("LibreOffice")  # the producer is not rewritten
        assert str(pdf.docinfo["/Title"]) == meta["dc:title"] and "2025" in meta["dc:title"]
