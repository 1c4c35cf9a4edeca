"""Scanned reports read offline (finished/ocr.py): a report built, converted to PDF by LibreOffice,
its pages "scanned" (tests/finished/scans.py: grey, turned 1.5°, JPEG) into an image-only PDF, and
read back by OCR: table 三's words in their rows and cells, its ruling lines found as the text
PDF draws them, the page straightened, and the reviewer's 提醒 and advice in Chinese."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from reportgen import api
from reportgen.core import schema
from reportgen.core.problems import InputError
from reportgen.finished import ocr
from reportgen.finished.positioned import Page

from ..conftest import CLEAN_NARRATIVE, clean_values, sample_meta, write_workbook
from .scans import scan_pdf

VALUES = clean_values()
NEW_ROW = [VALUES[f"t3_new_{col}"] for col in schema.T3_PART_COLS]  # 自然人 … 其他, as printed
LABEL = "本年新收政府信息公开申请数量"


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> tuple[Path, int]:
    """The clean report as LibreOffice prints it, and the number of the page holding table 三."""
    import pypdfium2 as pdfium

    from reportgen.render.pdf import to_pdf

    folder = tmp_path_factory.mktemp("scan")
    xlsx = write_workbook(folder / "统计表.xlsx", sample_meta(), VALUES)
    (folder / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
    api.build(xlsx, folder / "正文.txt", folder / "报告.docx")
    pdf = to_pdf(folder / "报告.docx", folder)
    document = pdfium.PdfDocument(str(pdf))
    try:
        (number,) = [i + 1 for i in range(len(document)) if LABEL in document[i].get_textpage().get_text_range()]
    finally:
        document.close()
    return pdf, number


@pytest.fixture(scope="module")
def scanned(report_pdf) -> tuple[Path, Page]:
    """Table 三's page scanned at 1.5° and read by OCR (once: a page takes seconds)."""
    pdf, number = report_pdf
    scan = scan_pdf(pdf, pdf.with_name("扫描件.pdf"), pages=[number], angle=1.5)
    (page,) = ocr.read_pages(scan, [1])
    return scan, page


@contextmanager
def pdfplumber_words(pdf: Path, number: int):
    """The words of the text PDF's page NUMBER as pdfplumber places them."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        yield document.pages[number - 1].extract_words()


def _horizontal(page: Page):
    return sorted((r for r in page.rules if abs(r.bottom - r.top) < 0.5), key=lambda r: r.top)


def _vertical(page: Page):
    return sorted((r for r in page.rules if abs(r.x1 - r.x0) < 0.5), key=lambda r: r.x0)


@pytest.mark.ocr
@pytest.mark.libreoffice
def test_scan_fixture_is_only_a_picture(report_pdf, scanned):
    """The fixture is what a scanner gives: no text layer to read, the page's size in points kept."""
    import pypdfium2 as pdfium

    scan, page = scanned
    document = pdfium.PdfDocument(str(scan))
    try:
        assert document[0].get_textpage().get_text_range().strip() == ""
        width, height = document[0].get_size()
    finally:
        document.close()
    assert (page.number, page.scanned) == (1, True)
    assert (round(page.width), round(page.height)) == (round(width), round(height)) == (595, 842)


def _new_requests(page: Page):
    """The label 一、本年新收政府信息公开申请数量 and the words right of it in its row, which are
    its seven numbers (six columns and the total)."""
    (label,) = [w for w in page.words if LABEL in w.text]
    assert label.text == "一、" + LABEL
    middle = (label.top + label.bottom) / 2
    in_row = sorted((w for w in page.words if w.top < middle < w.bottom and w.x0 > label.x1), key=lambda w: w.x0)
    assert [w.text for w in in_row] == [str(v) for v in NEW_ROW + [sum(NEW_ROW)]]
    return label, in_row


@pytest.mark.ocr
@pytest.mark.libreoffice
def test_new_requests_row_read_with_its_numbers_in_its_cells(scanned):
    """一、本年新收政府信息公开申请数量 and its seven numbers (six columns and the total) are read,
    each number a word of its own in its own cell of the label's row, left to right."""
    _, page = scanned
    label, in_row = _new_requests(page)
    middle = (label.top + label.bottom) / 2
    assert all(w.confidence > 0.8 for w in in_row)
    # The row lies between two neighbouring horizontal rules, and each number in its own column.
    lines = [r.top for r in _horizontal(page) if r.x0 < label.x0 and r.x1 > in_row[-1].x1]
    above, below = max(y for y in lines if y < middle), min(y for y in lines if y > middle)
    assert all(above < (w.top + w.bottom) / 2 < below for w in [label, *in_row])
    assert below - above < 20  # one row of the table, not a band of rows
    columns = sorted({round(r.x0) for r in _vertical(page) if r.top < middle < r.bottom})
    cells = [sum(w.x0 > x for x in columns) for w in in_row]
    assert cells == sorted(set(cells)) and len(cells) == 7  # seven different cells, in order


@pytest.mark.ocr
@pytest.mark.libreoffice
def test_ruling_lines_are_the_tables_grid(report_pdf, scanned):
    """Every line LibreOffice drew on the page (tables 三 and 四: 34 horizontal, 27 vertical) is
    found on the scan within a point and a half of its place, at least 90% of its length, and no
    other line is found: the layout reader builds the grid, merged cells and all, from them."""
    import pdfplumber

    pdf, number = report_pdf
    _, page = scanned
    with pdfplumber.open(pdf) as document:
        drawn = document.pages[number - 1].edges
    for orientation, found in (("h", _horizontal(page)), ("v", _vertical(page))):
        lines = [e for e in drawn if e["orientation"] == orientation]
        assert len(found) == len(lines) > 10
        for e in lines:
            if orientation == "h":
                at, start, end = e["top"], e["x0"], e["x1"]
                matches = [
                    r
                    for r in found
                    if abs(r.top - at) < 1.5 and min(r.x1, end) - max(r.x0, start) >= 0.9 * (end - start)
                ]
            else:
                at, start, end = e["x0"], e["top"], e["bottom"]
                matches = [
                    r
                    for r in found
                    if abs(r.x0 - at) < 1.5 and min(r.bottom, end) - max(r.top, start) >= 0.9 * (end - start)
                ]
            assert len(matches) == 1, (orientation, at, start, end)
    rows = 1 + len(schema.T3_RESULT_PARTS) + 3  # at least one line under each of table 三's rows
    assert len(_horizontal(page)) >= rows


@pytest.mark.ocr
@pytest.mark.libreoffice
@pytest.mark.parametrize(
    "scanner",
    [
        {"angle": 0.5},
        {"angle": 3.0},
        {"angle": -2.0},
        {"angle": 1.0, "dpi": 300, "quality": 60},
        {"angle": -2.5, "dpi": 150, "quality": 50},
        {"angle": 2.0, "ink": 120, "blur": 1.0, "quality": 30},  # little toner, out of focus, JPEG at 30
    ],
    ids=["0.5°", "3°", "-2°", "300dpi", "150dpi", "faint"],
)
def test_skew_undone_and_lines_found_on_any_scan(report_pdf, tmp_path, scanner):
    """A sheet turned 0.5° to 3° either way is turned back to within 0.1°, and its ruling lines
    are all found (as many as LibreOffice drew), whatever the scanner's resolution and toner."""
    import pdfplumber
    import pypdfium2 as pdfium

    pdf, number = report_pdf
    with pdfplumber.open(pdf) as document:
        drawn = document.pages[number - 1].edges
    scan = scan_pdf(pdf, tmp_path / "扫描件.pdf", pages=[number], **scanner)
    document = pdfium.PdfDocument(str(scan))
    try:
        grey = ocr.render(document[0])
    finally:
        document.close()
    angle = ocr.skew(grey)
    assert abs(angle + scanner["angle"]) < 0.1
    horizontal, vertical = ocr.ruling_lines(ocr.straighten(grey, angle))
    assert (len(horizontal), len(vertical)) == (
        len([e for e in drawn if e["orientation"] == "h"]),
        len([e for e in drawn if e["orientation"] == "v"]),
    )


@pytest.mark.ocr
@pytest.mark.libreoffice
def test_a_page_scanned_upside_down_is_read_turned_round(report_pdf, scanned, tmp_path):
    """A sheet fed into the scanner upside down (turned 181.5°) is read the right way up: table
    三's row with its numbers where the page prints it, and the same ruling lines as upright."""
    pdf, number = report_pdf
    scan = scan_pdf(pdf, tmp_path / "扫描件.pdf", pages=[number], angle=181.5)
    (page,) = ocr.read_pages(scan, [1])
    label, _ = _new_requests(page)
    with pdfplumber_words(pdf, number) as printed:
        (where,) = [w for w in printed if w["text"].endswith(LABEL)]
    assert (
        abs(label.x0 - where["x0"]) < 4
        and abs((label.top + label.bottom) / 2 - (where["top"] + where["bottom"]) / 2) < 4
    )
    assert len(page.rules) == len(scanned[1].rules) > 50


@pytest.mark.ocr
def test_a_broken_pdf_is_named_in_chinese(tmp_path):
    broken = tmp_path / "扫描件.pdf"
    broken.write_bytes(b"%PDF-1.4\n%garbage, no objects and no trailer\n")
    with pytest.raises(InputError) as caught:
        ocr.read_pages(broken, [1])
    (problem,) = caught.value.problems
    assert (problem.level, problem.rule, problem.file) == ("error", "FILE", "扫描件.pdf")
    assert problem.message.startswith("PDF 文件无法打开（") and problem.message.endswith("），可能已损坏或设置了密码")


def test_pages_are_named_as_a_reviewer_names_them():
    from reportgen.finished.places import page_list

    assert page_list([4, 3, 4]) == "第3～4页"
    assert page_list([5, 1, 3]) == "第1、3、5页"
    assert page_list([2]) == "第2页"


def test_without_the_extra_ocr_is_not_available_and_the_advice_says_how(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "rapidocr_onnxruntime" else real(name, *a)
    )
    assert ocr.available() is False
    from reportgen.finished.door import SCAN_ADVICE

    assert 'pip install "reportgen[ocr]"' in SCAN_ADVICE and "Word 文件（.docx）" in SCAN_ADVICE


@pytest.mark.ocr
@pytest.mark.libreoffice
def test_signed_and_sealed_page_has_its_date_and_no_rules(report_pdf, tmp_path):
    """The last page, turned the other way (−2°) with the seal pressed over the 署名 and the date:
    the 成文日期 is read whole where it is printed, and neither the seal's ring nor the big
    characters make a ruling line."""
    import pdfplumber

    pdf, _ = report_pdf
    with pdfplumber.open(pdf) as document:
        last = len(document.pages)
        (date,) = [line for line in document.pages[-1].extract_text_lines() if line["text"] == "2026年1月26日"]
    scan = scan_pdf(
        pdf, tmp_path / "扫描件.pdf", pages=[last], angle=-2.0, seal=(last, date["x0"] + 50, date["top"] - 10)
    )
    (page,) = ocr.read_pages(scan, [1])
    assert page.rules == []
    (read,) = [w for w in page.words if "2026" in w.text]
    assert read.text == "2026年1月26日"
    assert abs(read.x0 - date["x0"]) < 4 and abs((read.top + read.bottom) / 2 - (date["top"] + date["bottom"]) / 2) < 4


def _box(x0, top, x1, bottom):
    return [[x0, top], [x1, top], [x1, bottom], [x0, bottom]]


def test_a_text_box_across_a_cells_line_is_cut_there(monkeypatch):
    """RapidOCR sometimes boxes two cells' numbers as one line ("12 7"): the box is cut where a
    vertical rule crosses it, by its characters' own boxes, and each piece keeps its characters'
    confidence; a box no rule crosses, or one a rule only touches at its edge, is left whole."""
    chars = ["1", "2", " ", "7"]
    char_boxes = [_box(102, 10, 110, 30), _box(112, 10, 120, 30), _box(125, 10, 130, 30), _box(160, 10, 170, 30)]
    found = [
        [_box(100, 10, 172, 30), "12 7", 0.9, char_boxes, chars, [0.95, 0.93, 0.9, 0.7]],
        [
            _box(200, 10, 240, 30),
            "合计",
            0.99,
            [_box(200, 10, 220, 30), _box(220, 10, 240, 30)],
            ["合", "计"],
            [1, 0.98],
        ],
        [_box(100, 40, 140, 60), "345", 0.8],  # no character boxes: shared out evenly
    ]
    monkeypatch.setattr(ocr, "_engine", lambda: lambda image, **options: (found, [0.1, 0, 0.2]))
    rules = [(140, 0, 140, 100), (201, 0, 201, 100), (127, 35, 127, 100)]
    got = ocr.recognise(None, rules)
    assert [(text, x0, x1, round(conf, 3)) for text, x0, _, x1, _, conf in got] == [
        ("12", 102, 120, 0.94),
        ("7", 160, 170, 0.7),
        ("合计", 200, 240, 0.99),
        ("34", 100, 100 + 80 / 3, 0.8),
        ("5", 100 + 80 / 3, 140, 0.8),
    ]


def test_a_characters_stroke_is_no_cells_line(monkeypatch):
    """In a cramped cell a character's upright stroke (the 丨 of 年) is as tall as the cell and
    looks like a rule to the line finder: through the middle of a character the box reads, and
    no taller than its line, it is neither a cut nor a rule of the page; a rule between two
    characters of one box still cuts it."""
    chars = ["本", "年", "件", "9"]
    char_boxes = [_box(100, 10, 120, 30), _box(120, 10, 140, 30), _box(140, 10, 160, 30), _box(180, 10, 190, 30)]
    found = [[_box(100, 10, 190, 30), "本年件9", 0.95, char_boxes, chars, [0.99, 0.99, 0.98, 0.9]]]
    monkeypatch.setattr(ocr, "_engine", lambda: lambda image, **options: (found, [0.1, 0, 0.2]))
    stroke, rule = (129, 10, 129, 31), (170, 0, 170, 100)
    vertical = [stroke, rule]
    got = ocr.recognise(None, vertical)
    assert [text for text, *_ in got] == ["本年件", "9"]
    assert vertical == [rule]


@pytest.mark.ocr
@pytest.mark.libreoffice
def test_a_page_larger_than_a4_is_read_as_if_shrunk_to_it(scanned, tmp_path):
    """A scan whose page size says 4 times A4 each way (the scanner's resolution set wrongly: 2380 ×
    3368 points) is rendered no larger than A4 at the scan resolution (at 200 dpi a 200-inch page
    would need 1.6 GB for its pixels, and the detector more), and its words come back in the page's
    own points: the row of 本年新收 read with its seven numbers, four times as far from the corner."""
    import pypdfium2 as pdfium
    from PIL import Image

    scan, small = scanned
    document = pdfium.PdfDocument(str(scan))
    try:
        image = document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    large = tmp_path / "大幅面.pdf"
    image.save(large, "PDF", resolution=50.0)
    document = pdfium.PdfDocument(str(large))
    try:
        width, height = document[0].get_size()
        assert abs(width - 4 * 595) < 4 and abs(height - 4 * 842) < 4
        grey = ocr.render(document[0])
    finally:
        document.close()
    assert grey.shape[0] * grey.shape[1] <= 1654 * 2339 * 1.01
    (page,) = ocr.read_pages(large, [1])
    label, in_row = _new_requests(page)
    small_label, _ = _new_requests(small)
    assert abs(label.x0 - 4 * small_label.x0) < 8 and abs(label.top - 4 * small_label.top) < 8


def test_a_label_and_the_figure_right_of_it_boxed_together_are_cut_apart(monkeypatch):
    """Without rules (a table printed without borders) the detector boxes a label and the figure of
    the next cell together ("3.其他7"): cut where their characters stand a cell's gap apart (half the
    box's height and more), not at the narrower gap after 、 nor between a number's digits."""
    chars = ["3", ".", "其", "他", "7"]
    xs = [(487, 504), (504, 519), (519, 546), (547, 575), (606, 624)]
    found = [
        [_box(487, 10, 624, 51), "3.其他7", 0.99, [_box(a, 10, b, 51) for a, b in xs], chars, [0.99] * 5],
        [_box(252, 60, 368, 101), "四、结转", 0.99, [_box(252, 60, 276, 101), _box(276, 60, 302, 101), _box(310, 60, 339, 101), _box(339, 60, 368, 101)], list("四、结转"), [0.99] * 4],
        [_box(600, 60, 640, 101), "105", 0.99, [_box(600, 60, 613, 101), _box(614, 60, 626, 101), _box(627, 60, 640, 101)], list("105"), [0.99] * 3],
    ]
    monkeypatch.setattr(ocr, "_engine", lambda: lambda image, **options: (found, [0.1, 0, 0.2]))
    got = ocr.recognise(None, [])
    assert [(text, x0, x1) for text, x0, _, x1, _, _ in got] == [("3.其他", 487, 575), ("7", 606, 624), ("四、结转", 252, 368), ("105", 600, 640)]


def test_a_scan_shown_turned_by_its_rotate_is_measured_as_shown(scanned, tmp_path):
    """A scanned page with /Rotate 90 is rendered turned, as a viewer shows it, and its words are
    placed on that picture: the page's size is the turned one (pdfium's size has /Rotate applied
    already; turning it again gave a landscape page's words on a portrait page)."""
    import pikepdf

    scan, _ = scanned
    turned = tmp_path / "转了.pdf"
    with pikepdf.open(scan) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(turned)
    (page,) = ocr.read_pages(turned, [1])
    assert page.width > page.height  # A4 shown landscape
    assert page.words and max(w.x1 for w in page.words) <= page.width and max(w.bottom for w in page.words) <= page.height
    assert max(w.x1 for w in page.words) > 600  # words stand across the landscape page, beyond a portrait one's width


def test_a_figure_the_detector_left_out_of_a_row_without_rules_is_read_again():
    """A table printed without rules: the detector boxed "5.属于" together with the 7 of the next
    cell and the recogniser read only the label. Ink on that row of figures that no box's text
    holds is read alone (a figure, surely read, is kept) and the label's box ends before it; ink on
    a row without figures (a seal's stroke) and a sliver at a figure box's own edge are not read."""
    import numpy as np

    from reportgen.finished import ocrink

    h = 25  # a figure's height in pixels
    grey = np.full((400, 1000), 255, np.uint8)
    ink = np.zeros_like(grey)

    def blot(x0, top, x1, bottom):
        ink[top:bottom, x0:x1] = 255
        grey[top:bottom, x0:x1] = 0

    label = ("5.属于", 100, 100, 330, 100 + h, 0.99)  # boxed over the 7 at 300..318
    figures = [(str(n), x, 100, x + 18, 100 + h, 0.99) for n, x in ((8, 420), (9, 540), (57, 660))]
    for x0, top, x1, bottom in [(105, 102, 190, 123), (300, 100, 318, 125)] + [(f[1], f[2], f[3], f[4]) for f in figures]:
        blot(x0, top, x1, bottom)
    blot(682, 100, 686, 125)  # a sliver just right of the box of 57: its own ink
    blot(300, 250, 318, 275)  # ink of a figure's size on a row without figures
    read = []

    def recognise(crop):
        read.append(crop.shape)
        return [("7", 0.99)]

    out = ocrink.reread_unboxed(grey, ink, [label, *figures], recognise)
    assert len(read) == 1  # only the 7 was read again
    assert [r[0] for r in out] == ["5.属于", "8", "9", "57", "7"]
    seven, trimmed = out[-1], out[0]
    assert 295 <= seven[1] <= 300 and seven[3] >= 318
    assert trimmed[3] < seven[1] - 5  # the label ends before the figure, a gap between them
    assert ocrink.reread_unboxed(grey, ink, [label], recognise) == [label]  # no row of figures: no table


def test_a_figure_boxed_from_within_its_label_begins_where_its_ink_does():
    """The detector boxed the 2 of "3.要求…  2" from the label's last character on: the figure's box
    begins after the widest gap of its ink, and the label's box (reaching into it) ends before it."""
    import numpy as np

    from reportgen.finished import ocrink

    h = 25
    grey = np.full((200, 1000), 255, np.uint8)
    ink = np.zeros_like(grey)
    for x0, x1 in ((105, 250), (300, 318), (420, 438), (540, 558), (660, 690)):  # the label's text; 2, 8, 9, 57
        ink[100:125, x0:x1] = 255
        grey[100:125, x0:x1] = 0
    label = ("3.要求提", 100, 100, 270, 125, 0.99)  # boxed 20 px past its text
    two = ("2", 240, 100, 318, 125, 0.99)  # begun at the label's last character
    figures = [(n, x, 100, x + w, 125, 0.99) for n, x, w in (("8", 420, 18), ("9", 540, 18), ("57", 660, 30))]
    out = ocrink.reread_unboxed(grey, ink, [label, two, *figures], lambda crop: [])
    assert out[1] == ("2", 300.0, 100, 318, 125, 0.99)
    assert out[0][3] < 300 and out[0][0] == "3.要求提"
    assert out[2:] == figures
