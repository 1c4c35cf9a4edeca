"""`reportgen check 报告.pdf`: PDFs exported by an office program or printed by a browser read as
the reviewer reads the page: every number from its labelled cell, tables continued over pages, the
page furniture dropped; scans, encrypted and broken PDFs named for what they are."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from reportgen import build
from reportgen.core import schema
from reportgen.finished import check as finished
from reportgen.finished.grid import Grid
from reportgen.finished.pdf import read_pages
from reportgen.finished.pdflayout import read_items

from .. import finished_corpus as C
from ..conftest import CLEAN_NARRATIVE, find_chromium, find_soffice
from .test_finished import VARIANTS, VALUES, _assert_read_right


def _to_pdfs(docs: list[Path]) -> list[Path]:
    """Word files exported to PDF by one LibreOffice run ("另存为 PDF")."""
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
        subprocess.run(
            [find_soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(docs[0].parent), *map(str, docs)],
            capture_output=True, timeout=300, check=True,
        )  # fmt: skip
    return [d.with_suffix(".pdf") for d in docs]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exported")
    docs = [C.write_docx(folder / f"{name}.docx", make()) for name, make in VARIANTS.items()]
    return dict(zip(VARIANTS, _to_pdfs(docs)))


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_layout_exported_to_pdf_is_read_from_its_labelled_cells(exported, variant):
    """python-docx tables of every layout (merged headers split, blank rows, 23-row table three,
    a table cut in two) exported by LibreOffice: table three runs over two or three pages there,
    rows cut by the page break included."""
    problems = _assert_read_right(exported[variant], single_other=variant == "table-3-with-23-rows")
    assert [p.rule for p in problems] == (["FORMAT"] if variant == "table-3-with-23-rows" else [])


@pytest.mark.libreoffice
def test_table_three_continued_over_pages_is_one_grid_with_each_cells_page(exported):
    grids = [i for i in read_items(read_pages(exported["official-merges"])) if isinstance(i, Grid)]
    t3 = next(g for g in grids if any("自然人" in c.text.replace("\n", "") for c in g.cells))
    pages = {c.page for c in t3.cells}
    assert len(pages) >= 2  # the grid is joined across the page break
    assert t3.n_rows == 28 and t3.n_cols == 10


@pytest.mark.libreoffice
def test_our_report_as_pdf_reads_like_the_docx(clerk_files, tmp_path):
    """build --pdf's PDF (GB/T 9704 page: page numbers "— 1 —", the red header) checked: the same
    agency, year, date and values as the .docx, and no problem at all."""
    from reportgen.render.pdf import to_pdf

    xlsx, txt = clerk_files()
    result = build(xlsx, txt)
    pdf = to_pdf(result.output)
    report, problems = finished.check(pdf)
    assert problems == []
    assert report.meta.agency == "某某市某某区人民政府办公室" and report.meta.signature == "某某区政府办"
    assert report.meta.year == 2025 and str(report.meta.date) == "2026-01-26"
    assert all(report.stats.values[k] == VALUES[k] for k in schema.VALUE_KEYS)
    body = finished.load(pdf).body
    assert not any("—" in p and len(p) < 8 for p in body)  # no page number left as a paragraph


@pytest.mark.libreoffice
def test_a_long_narrative_pushes_table_three_across_a_page(clerk_files):
    """Our own report with a long 总体情况: table three starts low on a page and continues on the
    next with its header repeated; read as one table, every number in its place."""
    from reportgen.render.pdf import to_pdf

    long = CLEAN_NARRATIVE.replace("本年度工作平稳。", "本年度工作平稳，各项制度落实到位，群众满意度进一步提高。" * 40)
    xlsx, txt = clerk_files(text=long)
    pdf = to_pdf(build(xlsx, txt).output)
    grids = [i for i in read_items(read_pages(pdf)) if isinstance(i, Grid)]
    t3 = next(g for g in grids if any("自然人" in c.text.replace("\n", "") for c in g.cells))
    assert len({c.page for c in t3.cells}) == 2
    report, problems = finished.check(pdf)
    assert problems == []
    assert all(report.stats.values[k] == VALUES[k] for k in schema.VALUE_KEYS)


@pytest.mark.libreoffice
def test_a_cell_that_is_no_number_is_named_with_its_page(tmp_path, cli):
    tables = C.standard_tables(VALUES, override={"t3_new_natural": "约20"})
    pdf = _to_pdfs([C.write_docx(tmp_path / "报告.docx", tables)])[0]
    code, out, _ = cli("check", pdf)
    assert code == 1
    line = next(x for x in out.splitlines() if "约20" in x)
    assert line.startswith("错误 [READ] 报告.pdf 表三“一、本年新收政府信息公开申请数量”行“自然人”列（第")
    assert "页）：这一格写着“约20”，不是数字" in line


@pytest.mark.libreoffice
def test_a_wrong_total_is_named_with_the_page_its_row_is_printed_on(tmp_path, cli):
    """The arithmetic rules over a PDF's tables name the page as READ does: a reviewer turns to the
    page and finds the row (the 23-row table three runs over two pages there)."""
    new_total = sum(VALUES[f"t3_new_{col}"] for col in schema.T3_PART_COLS)
    tables = C.standard_tables(VALUES, override={"t3_new_total": str(new_total + 10)})
    pdf = _to_pdfs([C.write_docx(tmp_path / "报告.docx", tables)])[0]
    pages = finished.load(pdf).pages
    assert len(set(pages.values())) >= 2 and pages["t3_new_total"] == pages["t3_new_natural"]
    code, out, _ = cli("check", pdf)
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("错误 [T3-ROW]"))
    assert line.startswith(f"错误 [T3-ROW] 报告.pdf 表三“一、本年新收政府信息公开申请数量”行“总计”列（第{pages['t3_new_total']}页）：")
    assert str(new_total + 10) in line


@pytest.mark.chromium
def test_a_site_page_printed_to_pdf_by_the_browser(tmp_path):
    """The browser's own header (date, title) and footer (URL, 1/5) on every page, the site's
    menu before the article: the report is read as on the page."""
    page = C.write_html(tmp_path / "报告.html", VARIANTS["official-merges"]())
    pdf = tmp_path / "打印.pdf"
    with tempfile.TemporaryDirectory(prefix="reportgen-chromium-") as profile:
        subprocess.run(
            [find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf}", page.as_uri()],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
    words = [w.text for p in read_pages(pdf) for w in p.words]
    assert any(w.startswith("file://") for w in words)  # the footer is there to be dropped
    assert _assert_read_right(pdf) == []
    assert not any("file://" in p for p in finished.load(pdf).body)


def _image_pdf(path: Path, pages: int = 2, text_page: Path | None = None) -> Path:
    """A scan as a copier makes it: pages that are only grey images, slightly rotated; or, with
    TEXT_PAGE, that PDF's pages with a scanned page inserted after the first."""
    import pikepdf
    from PIL import Image, ImageDraw

    images = []
    for i in range(pages):
        img = Image.new("L", (1240, 1754), 235)
        ImageDraw.Draw(img).text((200, 300 + 40 * i), "2025 SCAN", fill=30)
        images.append(img.rotate(1.5, fillcolor=235))
    scan = path.with_name(path.stem + "-scan.pdf")
    images[0].save(scan, "PDF", save_all=True, append_images=images[1:], resolution=150)
    if text_page is None:
        scan.rename(path)
        return path
    with pikepdf.open(text_page) as text, pikepdf.open(scan) as image:
        text.pages.insert(1, image.pages[0])
        text.save(path)
    return path


def test_a_scan_is_named_as_a_scan(tmp_path, cli, monkeypatch):
    from reportgen.finished import door

    monkeypatch.setattr(door, "ocr_available", lambda: False)
    pdf = _image_pdf(tmp_path / "盖章扫描件.pdf")
    code, out, _ = cli("check", pdf)
    assert code == 1
    assert out.splitlines()[0] == (
        "错误 [FILE] 盖章扫描件.pdf：这是扫描件：PDF 的第1～2页都是图片，没有文字，无法读取其中的文字和表格。"
        f"{door.SCAN_ADVICE}"
    )


@pytest.mark.libreoffice
def test_a_pdf_mixing_text_pages_and_a_scanned_page(exported, tmp_path, cli, monkeypatch):
    from reportgen.finished import door

    monkeypatch.setattr(door, "ocr_available", lambda: False)
    pdf = _image_pdf(tmp_path / "混合.pdf", pages=1, text_page=exported["official-merges"])
    found = finished.load(pdf)
    scan = [p for p in found.problems if p.rule == "SCAN"]
    assert len(scan) == 1 and scan[0].where == "第2页" and "没有读取" in scan[0].message
    assert found.form.label == "PDF"


def test_encrypted_broken_and_huge_pdfs(tmp_path, cli):
    import pikepdf

    plain = _image_pdf(tmp_path / "a.pdf", pages=1)
    with pikepdf.open(plain) as pdf:
        pdf.save(tmp_path / "加密.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
        many = pikepdf.new()
        for _ in range(301):
            many.pages.append(pdf.pages[0])
        many.save(tmp_path / "三百页.pdf")
    (tmp_path / "截断.pdf").write_bytes(plain.read_bytes()[:300])
    expected = {
        "加密.pdf": "错误 [FILE] 加密.pdf：这个 PDF 设有打开密码，无法读取：请部门去掉密码后重新导出，或提供 Word 文件（.docx）",
        "截断.pdf": "错误 [FILE] 截断.pdf：这个 PDF 文件已损坏或不完整，无法打开：请部门重新导出 PDF，或提供 Word 文件（.docx）",
        "三百页.pdf": "错误 [FILE] 三百页.pdf：这个 PDF 有 301 页，不像一份年度报告（通常 5～15 页）：请检查是否选错了文件",
    }
    for name, message in expected.items():
        code, out, err = cli("check", tmp_path / name)
        assert code == 1 and out.splitlines()[0] == message and "Traceback" not in out + err, (name, out)


@pytest.mark.libreoffice
def test_a_broken_cross_reference_table_is_repaired_and_read(exported, tmp_path, cli):
    """A PDF whose xref offsets are wrong (a mail gateway re-wrapped its line ends, a tool appended to
    it badly) is rebuilt by pdfium from its objects, as viewers do: read and checked as intact."""
    raw = exported["official-merges"].read_bytes()
    start = raw.rindex(b"startxref")
    broken = tmp_path / "交叉引用表损坏.pdf"
    broken.write_bytes(raw[:start] + b"startxref\n123\n%%EOF\n")
    code, out, err = cli("check", broken)
    assert code == 0 and "Traceback" not in out + err, out + err
    assert out.splitlines()[-1] == "检查通过，没有发现问题。"


def test_objects_nested_thousands_deep_are_a_clear_message(tmp_path, cli, monkeypatch):
    """A page dictionary holding an array nested 100,000 deep (a hostile or runaway producer): no
    recursion error, no hang, one clear message: its page has nothing to read."""
    from reportgen.finished import door

    monkeypatch.setattr(door, "ocr_available", lambda: False)
    deep = b"[" * 100_000 + b"]" * 100_000
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep " + deep + b" >>",
    ]
    body, offsets = b"%PDF-1.7\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    (tmp_path / "深层嵌套.pdf").write_bytes(body)
    code, out, err = cli("check", tmp_path / "深层嵌套.pdf")
    assert code == 1 and "Traceback" not in out + err and "INTERNAL" not in out + err, out + err
    assert out.splitlines()[0].startswith("错误 [") and out.splitlines()[-1] == "共 1 个错误，0 个提醒。"


def _huge_image_pdf(path: Path) -> Path:
    """One A4 page holding a 20,000 × 20,000 pixel image (a scanner set to 2400 dpi): 400 megapixels."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (20_000, 20_000), 250)
    draw = ImageDraw.Draw(image)
    for y in range(1_000, 19_000, 800):
        draw.line((1_000, y, 19_000, y), fill=20, width=8)
    image.save(path, "PDF", resolution=2400.0)
    return path


def test_an_image_of_20000_pixels_a_side_without_ocr_is_named_as_a_scan(tmp_path, cli, monkeypatch):
    from reportgen.finished import door

    monkeypatch.setattr(door, "ocr_available", lambda: False)
    code, out, err = cli("check", _huge_image_pdf(tmp_path / "超大图像.pdf"))
    assert code == 1 and "Traceback" not in out + err
    assert out.splitlines()[0].startswith("错误 [FILE] 超大图像.pdf：这是扫描件：PDF 的第1页是图片")


@pytest.mark.ocr
def test_an_image_of_20000_pixels_a_side_is_read_by_ocr_at_the_scan_resolution(tmp_path, cli):
    """With OCR the page is rendered at 200 dpi (1654 × 2339 pixels), whatever the image's own size:
    a verdict (the page has no report on it), not an out-of-memory error (measured: 13.5 s, 1.0 GB)."""
    code, out, err = cli("check", _huge_image_pdf(tmp_path / "超大图像.pdf"))
    assert code == 1 and "Traceback" not in out + err and "INTERNAL" not in out + err, out + err
    assert out.splitlines()[0].startswith("错误 [NOT-REPORT] 超大图像.pdf：这不像政府信息公开工作年度报告")


@pytest.mark.libreoffice
def test_init_from_last_years_pdf(exported, tmp_path, cli):
    code, out, err = cli("init", tmp_path / "2026年报", "--from", exported["official-merges"])
    assert code == 0, out + err
    from reportgen.workbook import reader

    _, stats, _ = reader.read(tmp_path / "2026年报" / "统计表.xlsx")
    for col in schema.T3_PART_COLS:  # last year's 结转下年度 brought in as this year's 上年结转
        assert stats.values[f"t3_carried_in_{col}"] == VALUES[f"t3_carried_out_{col}"]


@pytest.mark.libreoffice
def test_a_text_layer_that_extracts_as_garbage_is_never_read_as_numbers(exported, tmp_path, cli, monkeypatch):
    """Fonts without their ToUnicode map (and without the font program): the text is control
    characters and stray letters. Without OCR the reviewer is told so, and nothing is read from it
    (with OCR the pages are read as scans)."""
    import pikepdf

    from reportgen.finished import door

    monkeypatch.setattr(door, "ocr_available", lambda: False)

    with pikepdf.open(exported["official-merges"]) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
                for d in font.get("/DescendantFonts", []):
                    if "/FontFile2" in d.FontDescriptor:
                        del d.FontDescriptor["/FontFile2"]
        pdf.save(tmp_path / "乱码.pdf")
    code, out, _ = cli("check", tmp_path / "乱码.pdf")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "错误 [FILE] 乱码.pdf：这个 PDF 的文字无法读取：PDF 的第1～5页的字体没有文字编码，文字提取出来是乱码，无法读取其中的文字和表格。"
    )


@pytest.mark.libreoffice
def test_a_county_folder_of_pdfs_is_reviewed_and_summed(tmp_path, capsys):
    """The reviewer's batch over departments' PDFs: each row read, the form named on screen and in
    文件清单, the county sum over all of them."""
    from openpyxl import load_workbook

    from reportgen.cli.commands import main

    folder = tmp_path / "各部门报告"
    folder.mkdir()
    docs = [C.write_docx(folder / f"{name}.docx", _std_tables(), agency=f"某某县{name}") for name in ("公安局", "教育局", "民政局")]
    _to_pdfs(docs)
    for d in docs:
        d.unlink()
    assert main(["batch", str(folder), "-o", str(tmp_path / "结果")]) == 0
    out = capsys.readouterr().out
    assert "公安局.pdf 某某县公安局（PDF）：通过" in out.splitlines()
    wb = load_workbook(tmp_path / "结果" / "汇总.xlsx")
    listing = dict(list(wb["文件清单"].values)[1:])
    assert listing["教育局.pdf"] == "已检查（PDF）：通过"
    rows = list(wb.worksheets[0].values)
    total = next(r for r in rows if str(r[1]).startswith("合计（没有错误的 3 个部门）"))
    assert total[rows[0].index("本年新收")] == 3 * VALUES["t3_new_total"]


def _std_tables():
    return C.standard_tables(VALUES)


def test_a_section_heading_after_a_one_line_paragraph_starts_its_own_paragraph():
    """A short narrative (every paragraph one line, indented two characters) whose longest line is
    the date: "一是……" ends near it, so by the margins alone "六、其他需要报告的事项" under it, at the
    same indent, went on the paragraph and section six was missing (NARR-MISSING). Found on a PDF
    exported with another CJK font than the one the tests were written with."""
    from reportgen.finished.grid import Para
    from reportgen.finished.positioned import Page, Word

    rows = [
        ("五、存在的主要问题及改进情况", 111, 331.6),
        ("一是解读不够通俗。下一步，我们将加强政策解读。", 111, 473.4),
        ("六、其他需要报告的事项", 111, 284.4),
        ("本年度未收取信息处理费。", 111, 300.1),
        ("某某区政府办", 355.9, 450.6),
        ("2026年1月26日", 371.0, 490.0),
    ]
    words = [Word(text, x0, 115 + 29 * k, x1, 129.7 + 29 * k) for k, (text, x0, x1) in enumerate(rows)]
    paras = [i.text for i in read_items([Page(1, 595.3, 841.9, words=words)]) if isinstance(i, Para)]
    assert paras == [text for text, _, _ in rows]


def test_a_line_of_prose_that_names_a_section_title_goes_on_its_paragraph():
    from reportgen.finished.grid import Para
    from reportgen.finished.positioned import Page, Word

    rows = [("本年度我局认真梳理主动公开政府信息情况，", 111, 521.0), ("总体情况良好，群众满意。", 79, 300.0)]
    words = [Word(text, x0, 115 + 29 * k, x1, 129.7 + 29 * k) for k, (text, x0, x1) in enumerate(rows)]
    paras = [i.text for i in read_items([Page(1, 595.3, 841.9, words=words)]) if isinstance(i, Para)]
    assert paras == ["本年度我局认真梳理主动公开政府信息情况，总体情况良好，群众满意。"]
