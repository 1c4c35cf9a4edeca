"""`reportgen check 报告.pdf` for PDFs made by other producers than LibreOffice's "export as PDF":
Ghostscript re-distilling a PDF (what a "PDF 打印机" or a size-reducing tool does), a PostScript
print distilled to PDF (a virtual PDF printer: the fonts lose their text encoding), text turned into
outlines (文字转曲), cairo's "print to PDF", object streams and a linearized file, PDF/A and tagged exports, pages turned by
/Rotate and pages whose origin is not at 0,0. Each is the sample report with nonzero counts, and
each reads as LibreOffice's own export of it reads (the same numbers and the same problems), or is
named for what it is."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen import build
from reportgen.finished import check as finished
from reportgen.finished import door

from ..conftest import SAMPLE_TXT, WORKBOOK_NAME, nonzero_values, sample_meta, write_workbook
from .test_pdf import _to_pdfs

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict:
    """The sample report with nonzero counts: its .docx, LibreOffice's PDF of it, and what that PDF
    reads as (its problems: the narrative's 提醒 that it had no application, and T2-RULES)."""
    folder = tmp_path_factory.mktemp("producers")
    xlsx = write_workbook(folder / WORKBOOK_NAME, sample_meta(), nonzero_values())
    docx = build(xlsx, SAMPLE_TXT, out=folder / "报告.docx").output
    (pdf,) = _to_pdfs([docx])
    report, problems = finished.check(pdf)
    assert [p.rule for p in problems] == ["TXT", "TXT", "TXT", "T2-RULES"] and not [p for p in problems if p.is_error]
    return {"docx": docx, "pdf": pdf, "problems": _said(problems), "values": dict(report.stats.values)}


def _said(problems) -> list[tuple[str, str, str]]:
    return [(p.rule, p.where, p.message) for p in problems]


def _reads_like_the_export(pdf: Path, sample: dict, cli) -> None:
    report, problems = finished.check(pdf)
    assert dict(report.stats.values) == sample["values"]
    assert all(report.stats.values[k] == v for k, v in nonzero_values().items())
    assert _said(problems) == sample["problems"]
    code, out, _ = cli("check", pdf)
    assert code == 0 and out.splitlines()[-1] == "共 0 个错误，4 个提醒。", out


def _gs(*args) -> None:
    subprocess.run([shutil.which("gs"), "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", *map(str, args)], capture_output=True, timeout=300, check=True)


@pytest.fixture
def no_ocr(monkeypatch):
    from reportgen.finished import door

    monkeypatch.setattr(door, "ocr_available", lambda: False)
    return door


# --- Ghostscript: re-distilled, printed to PostScript, text turned into outlines -----------------


@pytest.mark.ghostscript
def test_a_pdf_re_distilled_by_ghostscript(sample, tmp_path, cli):
    """gs -sDEVICE=pdfwrite rewrites the fonts and their character boxes: a year's "2025" is a word
    apart from the "年度" after it and less tall than the Chinese text of its line, which did not
    start a paragraph of its own (the narrative's 提醒 that it had no application went missing)."""
    pdf = tmp_path / "重新生成.pdf"
    _gs("-sDEVICE=pdfwrite", f"-sOutputFile={pdf}", sample["pdf"])
    _reads_like_the_export(pdf, sample, cli)


@pytest.mark.ghostscript
def test_a_pdf_printed_to_postscript_and_distilled_is_named_unreadable(sample, tmp_path, cli, no_ocr):
    """A virtual PDF printer: the page printed to PostScript, distilled back to PDF (ps2pdf). The
    fonts come back re-encoded without their ToUnicode maps: never read as numbers; without OCR the
    reviewer is told why (with OCR the pages are read as scans)."""
    ps, pdf = tmp_path / "打印.ps", tmp_path / "虚拟打印机.pdf"
    _gs("-sDEVICE=ps2write", f"-sOutputFile={ps}", sample["pdf"])
    _gs("-sDEVICE=pdfwrite", f"-sOutputFile={pdf}", ps)
    _unreadable(cli, pdf, "的字体没有文字编码，文字提取出来是乱码", no_ocr.SCAN_ADVICE)


def _unreadable(cli, pdf: Path, what: str, advice: str) -> None:
    """`check PDF` without OCR: the one FILE error saying why its five pages' text cannot be read."""
    code, out, _ = cli("check", pdf)
    assert code == 1
    assert out.splitlines() == [
        f"错误 [FILE] {pdf.name}：这个 PDF 的文字无法读取：PDF 的第1～5页{what}，无法读取其中的文字和表格。{advice}",
        "共 1 个错误，0 个提醒。",
    ]


@pytest.mark.poppler
def test_a_pdf_printed_through_cairo(sample, tmp_path, cli):
    """What a Linux desktop's "打印到文件（PDF）" writes (GTK's print dialog, cairo; the domestic
    desktops' too): the Chinese fonts rewritten as Type 1 with a huge bounding box, so that pdfium
    boxes each character three ems high. The heading above table 二 reached into the table then, and
    the narrative lacked its part 二 (NARR-ORDER)."""
    pdf = tmp_path / "cairo.pdf"
    subprocess.run([shutil.which("pdftocairo"), "-pdf", str(sample["pdf"]), str(pdf)], capture_output=True, timeout=300, check=True)
    _reads_like_the_export(pdf, sample, cli)


@pytest.fixture(scope="module")
def unruled(sample, tmp_path_factory) -> dict[str, Path]:
    """The sample's tables without borders ("none") and as 三线表 ("lines"), exported by LibreOffice."""
    from .test_pdf_borders import _unruled

    folder = tmp_path_factory.mktemp("unruled")
    kinds = ("none", "lines")
    return dict(zip(kinds, _to_pdfs([_unruled(sample["docx"], folder / f"{kind}.docx", kind) for kind in kinds])))


@pytest.mark.ghostscript
@pytest.mark.poppler
@pytest.mark.parametrize("producer", ["gs", "cairo"])
@pytest.mark.parametrize("kind", ["none", "lines"])
def test_tables_without_borders_rewritten_by_ghostscript_or_cairo(unruled, sample, tmp_path, cli, producer, kind):
    """Their rewritten Latin fonts box a digit as tight as its ink (0.7 em high, LibreOffice's 1.3 em):
    the figures of a table without borders stood too low in their rows, and not one was read (READ
    for every column of tables 二 and 三, table 四 not found)."""
    pdf = tmp_path / f"{producer}-{kind}.pdf"
    if producer == "gs":
        _gs("-sDEVICE=pdfwrite", f"-sOutputFile={pdf}", unruled[kind])
    else:
        subprocess.run([shutil.which("pdftocairo"), "-pdf", str(unruled[kind]), str(pdf)], capture_output=True, timeout=300, check=True)
    _reads_like_the_export(pdf, sample, cli)


@pytest.fixture(scope="module")
def outlined(sample, tmp_path_factory) -> Path:
    """The sample's PDF with its text turned into outlines (gs -dNoOutputFonts): no text layer and
    no image, only the glyphs' filled curves."""
    pdf = tmp_path_factory.mktemp("outlined") / "转曲.pdf"
    _gs("-sDEVICE=pdfwrite", "-dNoOutputFonts", f"-sOutputFile={pdf}", sample["pdf"])
    return pdf


@pytest.mark.ghostscript
def test_text_turned_into_outlines_is_named_so_without_ocr(outlined, cli, no_ocr):
    from reportgen.finished.pdf import read_pages

    pages = read_pages(outlined)
    assert all(p.outlined and p.scanned and not p.words for p in pages)
    _unreadable(cli, outlined, "的文字已转为图形（曲线），没有文字", no_ocr.SCAN_ADVICE)


def _with_text(pdf: Path, out: Path, text: str) -> Path:
    """PDF with TEXT set as real text (Helvetica) at the foot of every page: a page number or
    running head a producer left as text when it turned the rest into outlines."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            page = document[index]
            obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", 10.5)
            wide = (text.format(index + 1) + "\0").encode("utf-16-le")
            raw.FPDFText_SetText(obj, ctypes.cast(ctypes.create_string_buffer(wide, len(wide)), ctypes.POINTER(ctypes.c_ushort)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 260, 40)
            raw.FPDFPage_InsertObject(page.raw, obj)
            raw.FPDFPage_GenerateContent(page.raw)
        document.save(str(out))
    finally:
        document.close()
    return out


@pytest.mark.ghostscript
def test_outlines_with_a_page_number_left_as_text_are_still_named_outlines(outlined, tmp_path, cli, no_ocr):
    """"Page 1 of 3" (11 characters) kept as text on every outlined page: before, a page with 8
    characters or more was a text page, read as nearly empty (NOT-REPORT); now it is outlines."""
    from reportgen.finished.pdf import read_pages

    numbered = _with_text(outlined, tmp_path / "转曲.pdf", "Page {} of 3")
    pages = read_pages(numbered)
    assert all(p.outlined and p.scanned and not p.words for p in pages)
    _unreadable(cli, numbered, "的文字已转为图形（曲线），没有文字", no_ocr.SCAN_ADVICE)


@pytest.mark.ghostscript
def test_one_page_of_outlines_among_text_pages_is_named_with_its_page(sample, outlined, tmp_path, no_ocr):
    import pikepdf

    mixed = tmp_path / "一页转曲.pdf"
    with pikepdf.open(sample["pdf"]) as text, pikepdf.open(outlined) as curves:
        text.pages[1] = curves.pages[1]
        text.save(mixed)
    found = finished.load(mixed)
    (note,) = [p for p in found.problems if p.rule == "SCAN"]
    assert note.where == "第2页" and note.message == (
        f"这些页的文字已转为图形（曲线），没有文字，没有读取，其中的表格和文字没有检查。{no_ocr.SCAN_ADVICE}"
    )
    assert found.form.label == "PDF"


@pytest.mark.ghostscript
@pytest.mark.ocr
def test_text_turned_into_outlines_is_read_by_ocr(outlined, sample):
    """With OCR the outlined pages are read as scans are (rendered by pdfium): every number right,
    no error, the SCAN 提醒 to check them against the original."""
    report, problems = finished.check(outlined)
    assert all(report.stats.values[k] == v for k, v in nonzero_values().items())
    assert [p for p in problems if p.is_error] == []
    (note,) = [p for p in problems if p.rule == "SCAN"]
    assert note.message == "这个 PDF 的文字无法提取：数字由文字识别读出，请对照原件核对（第1～5页）"  # not a scan: its text was outlined
    assert door.read(outlined).form.label == "PDF"


# --- the file's structure: object streams, PDF/A, tags, turned pages, a moved origin ------------


def test_object_streams_and_a_linearized_file(sample, tmp_path, cli):
    """qpdf's or a web server's "fast web view" rewrite: objects packed into object streams, the
    file linearized."""
    import pikepdf

    pdf = tmp_path / "线性化.pdf"
    with pikepdf.open(sample["pdf"]) as doc:
        doc.save(pdf, linearize=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    with pikepdf.open(pdf) as doc:
        assert doc.is_linearized
    _reads_like_the_export(pdf, sample, cli)


@pytest.mark.parametrize(
    "options, mark",
    [('{"SelectPdfVersion":{"type":"long","value":"2"}}', b"pdfaid:part"), ('{"UseTaggedPDF":{"type":"boolean","value":"true"}}', b"/StructTreeRoot")],
    ids=["pdf-a-2", "tagged"],
)
def test_pdf_a_and_tagged_exports(sample, tmp_path, cli, options, mark):
    """LibreOffice's export as PDF/A-2 (an archive's requirement) and as tagged PDF (accessibility):
    the marked content and structure tree do not change what is read."""
    from ..conftest import libreoffice_convert

    docx = tmp_path / "报告.docx"
    shutil.copy(sample["docx"], docx)
    pdf = libreoffice_convert(docx, f"pdf:writer_pdf_Export:{options}", tmp_path / "out")
    assert mark in pdf.read_bytes()
    _reads_like_the_export(pdf, sample, cli)


def _turned(src: Path, dst: Path, how: str) -> Path:
    """SRC's pages as other producers set them: "landscape", each drawn a quarter turned on a page
    laid sideways, /Rotate 90 showing it upright (as a printer driver sets a landscape page on
    portrait paper: the text runs up the page in the file's own coordinates);
    "rotated", /Rotate 90 on upright content (a page turned in a viewer and saved); "origin", the
    page's box moved off 0,0 with its content; "cropped", a crop box inside a larger media box."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            w, h = x1 - x0, y1 - y0
            cm, box = {
                "landscape": (f"0 1 -1 0 {h} 0 cm", [0, 0, h, w]),
                "rotated": ("", [0, 0, w, h]),
                "origin": ("1 0 0 1 100 200 cm", [100, 200, 100 + w, 200 + h]),
                "cropped": ("1 0 0 1 36 36 cm", [0, 0, w + 72, h + 72]),
            }[how]
            page.contents_add(pikepdf.Stream(pdf, cm.encode() + b"\n"), prepend=True)
            page.MediaBox = box
            if how in ("landscape", "rotated"):
                page.Rotate = 90
            if how == "cropped":
                page.CropBox = [36, 36, w + 36, h + 36]
        pdf.save(dst)
    return dst


@pytest.mark.parametrize("how", ["landscape", "rotated", "origin", "cropped"])
def test_turned_pages_and_moved_origins(sample, tmp_path, cli, how):
    """Before, a landscape page's text ran down the page as the reader saw it (nothing was read),
    and a page whose box was not at 0,0 or turned by /Rotate had its lines measured from the wrong
    edge (the page numbers and header were taken for text: the paragraphs were counted wrong)."""
    from reportgen.finished.pdf import read_pages

    pdf = _turned(sample["pdf"], tmp_path / f"{how}.pdf", how)
    pages = read_pages(pdf)
    portrait = [(round(p.width), round(p.height)) for p in read_pages(sample["pdf"])]
    assert [(round(p.width), round(p.height)) for p in pages] == portrait  # each as its text reads
    _reads_like_the_export(pdf, sample, cli)
