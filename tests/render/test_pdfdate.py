"""The PDF's dates set to the .docx's creation date (render/pdfdate), on PDFs shaped as the
LibreOffice versions write them: Info only (7.4's plain PDF), Info and XMP (PDF/A), and 25.2's
extra XMP dates. No LibreOffice needed; tests/render/test_pdf.py checks real conversions."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import warnings
import zipfile

import pikepdf
import pytest

from reportgen import build
from reportgen.core.problems import InputError
from reportgen.render.pdf import _date, _wait_all
from reportgen.render.pdfdate import docx_created, set_dates

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX

EXPORT = "D:20261203171102Z'"  # LibreOffice's own stamp of the export time, apostrophe and all
XMP_25 = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:date><rdf:Seq><rdf:li>2026-12-03T17:11:02Z</rdf:li></rdf:Seq></dc:date>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">某某局2025年政府信息公开工作年度报告</rdf:li></rdf:Alt></dc:title></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>LibreOffice 25.2</pdf:Producer></rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>2026-12-03T17:11:02Z</xmp:CreateDate>
<xmp:ModifyDate>2026-12-03T17:11:02Z</xmp:ModifyDate><xmp:MetadataDate>2026-12-03T17:11:02Z</xmp:MetadataDate></rdf:Description>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""
SIGNED = dt.datetime(2026, 1, 19, tzinfo=dt.timezone.utc)


def _pdf(path, xmp: str | None):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Title"] = "某某局2025年政府信息公开工作年度报告"
    pdf.docinfo["/Producer"] = "LibreOffice 25.2"
    pdf.docinfo["/CreationDate"] = EXPORT
    if xmp:
        pdf.Root.Metadata = pikepdf.Stream(pdf, xmp.encode())
        pdf.Root.Metadata.Type, pdf.Root.Metadata.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    pdf.save(path)
    return path


@pytest.mark.parametrize("xmp", [None, XMP_25], ids=["info only", "xmp of 25.2"])
def test_every_date_becomes_the_reports(tmp_path, xmp):
    pdf = _pdf(tmp_path / "r.pdf", xmp)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the library never prints: no warning about the old stamp
        set_dates(pdf, SIGNED)
    with pikepdf.open(pdf) as doc:
        meta = doc.open_metadata()
        assert str(doc.docinfo["/CreationDate"]) == "D:20260119000000+00'00"
        assert meta["xmp:CreateDate"] == "2026-01-19T00:00:00+00:00"
        assert str(doc.docinfo["/Title"]) == meta["dc:title"] == "某某局2025年政府信息公开工作年度报告"
        assert str(doc.docinfo["/Producer"]) == "LibreOffice 25.2"
        dates = [meta[k] for k in ("xmp:ModifyDate", "xmp:MetadataDate") if k in meta] + list(meta.get("dc:date", []))
        if xmp:
            assert dates == ["2026-01-19T00:00:00+00:00"] * 3 and str(doc.docinfo["/ModDate"]) == "D:20260119000000+00'00"
            assert meta.pdfa_status == "2B"
        else:
            assert dates == [] and "/ModDate" not in doc.docinfo
        assert "2026-12-03" not in doc.Root.Metadata.read_bytes().decode()


def test_the_docx_states_the_signing_date(tmp_path):
    docx = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "s.docx").output
    assert docx_created(docx) == SIGNED  # the sample's 2026年1月19日, written without a zone: UTC


@pytest.mark.parametrize(
    "core", [None, "<cp:coreProperties xmlns:cp='x'/>", "<cp:coreProperties xmlns:cp='x' xmlns:dcterms='http://purl.org/dc/terms/'><dcterms:created>一月</dcterms:created></cp:coreProperties>", "<<"],
    ids=["no core part", "no date", "no ISO date", "broken XML"],
)
def test_a_docx_without_a_date_states_none(tmp_path, core):
    docx = tmp_path / "x.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        if core:
            z.writestr("docProps/core.xml", core)
    assert docx_created(docx) is None


def test_a_pdf_that_cannot_be_read_is_named(tmp_path):
    docx = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "报告.docx").output
    made = tmp_path / "00000.pdf"
    made.write_bytes(b"not a PDF")
    with pytest.raises(InputError) as caught:
        _date(made, docx)
    (problem,) = caught.value.problems
    assert (problem.rule, problem.file) == ("PDF", "报告.docx")
    assert problem.message.startswith("LibreOffice 生成的 PDF 无法读取，没有写入")


def _writer(out, files: range, pause: float) -> subprocess.Popen:
    """A stand-in for an office process: writes out/NNNNN.pdf for FILES, one every PAUSE seconds."""
    script = (
        "import pathlib, sys, time\n"
        f"for i in range({files.start}, {files.stop}):\n"
        f"    pathlib.Path(sys.argv[1], f'{{i:05d}}.pdf').write_bytes(b'%PDF'); time.sleep({pause})\n"
    )
    return subprocess.Popen([sys.executable, "-c", script, str(out)], start_new_session=os.name != "nt")


def test_each_pdf_is_handed_on_while_the_others_convert(tmp_path):
    """The dating overlaps the conversion: a PDF is handed on once its process has begun the next
    file, not after the whole batch; the last of a run once its process has ended."""
    runs = [range(3), range(3, 5)]
    procs = [_writer(tmp_path, runs[0], 0.4), _writer(tmp_path, runs[1], 0.4)]
    seen: list[tuple[int, bool]] = []
    codes = _wait_all(procs, runs, tmp_path, 30, lambda i: seen.append((i, procs[0 if i < 3 else 1].poll() is None)))
    assert codes == [0, 0]
    assert sorted(i for i, _ in seen) == [0, 1, 2, 3, 4]
    assert [i for i, _ in seen if i < 3] == [0, 1, 2]  # in order within a run
    assert dict(seen)[0] and dict(seen)[3]  # handed on while their process was still converting
    assert not dict(seen)[2] and not dict(seen)[4]  # the last ones once it had ended


def test_a_conversion_past_its_time_is_stopped(tmp_path):
    procs = [_writer(tmp_path, range(2), 30)]
    with pytest.raises(subprocess.TimeoutExpired):
        _wait_all(procs, [range(2)], tmp_path, 0.5, lambda i: None)
    assert procs[0].poll() is not None  # stopped, not left running
