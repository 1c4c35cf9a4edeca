"""GB/T 9704-2012, measured on the rendered page (LibreOffice PDF), not read back from the XML.

Figures are millimetres from the page's top-left corner. The type area is 28–184 mm across and
37–262 mm down. LibreOffice is required on CI (tests fail there without it, skip elsewhere).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from reportgen import build
from reportgen.core import schema
from reportgen.render.pdf import to_pdf

from .. import measure as M
from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, nonzero_values, sample_meta, write_workbook

# every test here converts with LibreOffice, once with each installation (conftest.office)
pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("office")]

CHAR_MM = 15.75 / 72 * 25.4  # one 3号 character with -0.25 pt spacing: 5.556 mm
PAGE_NUMBER_CHAR_MM = 14 / 72 * 25.4  # one 4号 character: 4.939 mm
LINE_MM = 579 / 20 / 72 * 25.4  # 28.95 pt: 10.213 mm


def _paragraphs(topic: str, n: int) -> list[str]:
    base = (
        f"我办围绕{topic}，健全制度机制，明确责任分工，规范工作流程，加强督促检查，"
        "推动政府信息公开工作制度化、规范化、标准化，切实保障人民群众的知情权、参与权、表达权和监督权。"
    )
    return ["本段：" + base * 2 for _ in range(n)]


def long_narrative() -> str:
    lines = ["为做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》，现将本机关年度报告公布如下。", "一、总体情况"]
    for i, topic in enumerate(("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")):
        lines.append(f"（{'一二三四五'[i]}）{topic}")
        lines += _paragraphs(topic, 3)
    lines += ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    lines += _paragraphs("依申请公开办理", 4)
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"]
    lines += _paragraphs("问题整改", 2)
    lines += ["六、其他需要报告的事项", "本年度未收取信息处理费。"]
    return "\n".join(lines)


LONG_AGENCY = "某某省某某市某某区人民政府办公室政务公开与政务服务管理中心"


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory, office):
    folder = tmp_path_factory.mktemp("layout-sample")
    docx = build(SAMPLE_XLSX, SAMPLE_TXT, out=folder / "sample.docx").output
    return to_pdf(docx, folder)


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory, office):
    """A report of our own: several pages, a long agency name, a 文号, a seal, a long title."""
    folder = tmp_path_factory.mktemp("layout-long")
    meta = sample_meta(
        agency=LONG_AGENCY,
        signature="某某区政府办公室",
        doc_number="某政办〔2026〕3号",
        seal=True,
        title="某某省某某市某某区人民政府办公室关于2025年政府信息公开工作年度报告",
        date=dt.date(2026, 1, 28),
    )
    xlsx = write_workbook(folder / "统计表.xlsx", meta, nonzero_values())
    txt = folder / "正文.txt"
    txt.write_text(long_narrative(), encoding="utf-8")
    result = build(xlsx, txt, out=folder / "long.docx")
    assert result.ok, [str(p) for p in result.problems]
    return to_pdf(result.output, folder)


def body_lines(pdf, page=None):
    return [ln for ln in M.lines(pdf) if round(ln.size) == 16 and ln.top < M.TYPE_BOTTOM and (page is None or ln.page == page)]


def footer(pdf, page):
    found = [ln for ln in M.lines(pdf) if ln.page == page and ln.top > M.TYPE_BOTTOM]
    assert len(found) == 1, found
    return found[0]


# --- page ---------------------------------------------------------------------------------


def test_page_is_a4(sample_pdf):
    for page in range(1, M.page_count(sample_pdf) + 1):
        w, h = M.page_size_mm(sample_pdf, page)
        assert abs(w - 210) < 0.5 and abs(h - 297) < 0.5


def test_body_text_fills_the_type_area_left_edge(long_pdf):
    lines = body_lines(long_pdf)
    assert lines
    assert min(ln.x0 for ln in lines) == pytest.approx(M.TYPE_LEFT, abs=1.0)
    for ln in lines:
        # LibreOffice hangs a closing punctuation mark into the margin whatever w:overflowPunct
        # says (Word honours it); the characters themselves never pass the type area.
        hanging = ln.text[-1] in "，。、；：”）》！？"
        assert ln.x1 <= M.TYPE_RIGHT + (CHAR_MM + 0.3 if hanging else 0.5), ln
    # A paragraph's first line is indented two characters.
    firsts = [ln for ln in lines if ln.text.startswith("本段：")]
    assert firsts and all(ln.x0 == pytest.approx(M.TYPE_LEFT + 2 * CHAR_MM, abs=1.0) for ln in firsts)


def test_top_line_sits_in_the_first_line_of_the_type_area(long_pdf):
    # The 28.95 pt line box starts at 37 mm; LibreOffice puts part of its 12.95 pt leading above
    # the 16 pt glyphs, so the glyphs' top lies between 37 mm and 37 mm + the leading.
    for page in (2, 3):
        first = body_lines(long_pdf, page)[0]
        assert M.TYPE_TOP <= first.top <= M.TYPE_TOP + (28.95 - 16) / 72 * 25.4, first


def test_22_lines_on_a_full_page_at_the_official_pitch(long_pdf):
    counts = {page: len(body_lines(long_pdf, page)) for page in range(2, M.page_count(long_pdf) + 1)}
    assert max(counts.values()) == 22 and list(counts.values()).count(22) >= 2, counts
    for page in (p for p, n in counts.items() if n == 22):
        lines = body_lines(long_pdf, page)
        pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
        assert all(p == pytest.approx(LINE_MM, abs=0.15) for p in pitches)
        assert lines[-1].bottom <= M.TYPE_BOTTOM


def test_28_characters_on_a_full_line(long_pdf):
    full = [ln for ln in body_lines(long_pdf) if ln.x0 < M.TYPE_LEFT + 1 and ln.text.isascii() is False]
    cjk_only = [ln for ln in full if all(ord(ch) > 0x2E80 for ch in ln.text) and ln.x1 > M.TYPE_RIGHT - 3]
    assert len(cjk_only) >= 20
    counts = Counter(len(ln.text) for ln in cjk_only)
    assert counts.most_common(1)[0][0] == 28, counts


# --- fonts and sizes ------------------------------------------------------------------------


def test_font_sizes_and_faces(sample_pdf):
    lines = M.lines(sample_pdf)
    by_text = {ln.text: ln for ln in lines}
    title = by_text["县司法局2025年度政府信息公开工作报告"]
    assert title.size == pytest.approx(22) and any("Serif" in f and "Bold" in f for f in title.fonts)
    header = by_text["互助土族自治县司法局"]
    assert header.size == 36 and header.red
    h1 = by_text["一、总体情况"]
    assert round(h1.size) == 16 and any("Sans" in f for f in h1.fonts)  # 黑体
    h2 = by_text["（一）主动公开推进情况"]
    assert round(h2.size) == 16 and any("Kai" in f for f in h2.fonts)  # 楷体
    body = [ln for ln in lines if ln.text.startswith("我局严格遵循")][0]
    assert round(body.size) == 16 and any("Fang" in f for f in body.fonts)  # 仿宋


# --- red header, rule, title ----------------------------------------------------------------


def test_red_header_is_35_mm_below_the_type_area_and_centred(sample_pdf):
    header = [ln for ln in M.lines(sample_pdf) if ln.red][0]
    assert header.page == 1
    assert header.top == pytest.approx(M.TYPE_TOP + 35, abs=1.0)
    assert (header.x0 + header.x1) / 2 == pytest.approx(106, abs=1.0)
    ink = M.red_ink_top(sample_pdf)
    assert M.TYPE_TOP + 35 <= ink <= M.TYPE_TOP + 35 + 3  # the strokes start just under the em box


def test_long_agency_name_keeps_the_header_size_on_two_lines(long_pdf):
    red = [ln for ln in M.lines(long_pdf) if ln.red]
    # 29 characters: two balanced lines at full 小初 size, condensed to fit, never overlapping.
    assert [r.text for r in red] == ["某某省某某市某某区人民政府办公室", "政务公开与政务服务管理中心"]
    assert all(r.size == 36 for r in red)
    assert red[1].top >= red[0].bottom
    for r in red:
        assert r.x0 >= M.TYPE_LEFT - 0.5 and r.x1 <= M.TYPE_RIGHT + 0.5
        assert (r.x0 + r.x1) / 2 == pytest.approx(106, abs=1.0)


def red_rule(pdf):
    found = [r for r in M.rules(pdf, 1) if r["colour"] == (1.0, 0.0, 0.0) or r["fill"] == (1.0, 0.0, 0.0)]
    assert found
    return found[0]


def test_red_rule_spans_the_type_area(sample_pdf, long_pdf):
    for pdf in (sample_pdf, long_pdf):
        rule = red_rule(pdf)
        assert rule["x0"] == pytest.approx(M.TYPE_LEFT, abs=0.5)
        assert rule["x1"] == pytest.approx(M.TYPE_RIGHT, abs=0.5)


def test_doc_number_sits_4_mm_above_the_rule(long_pdf):
    number = [ln for ln in M.lines(long_pdf) if ln.text == "某政办〔2026〕3号"][0]
    assert (number.x0 + number.x1) / 2 == pytest.approx(106, abs=1.0)
    assert red_rule(long_pdf)["top"] - number.bottom == pytest.approx(4, abs=1.5)


def test_title_two_lines_below_the_rule(sample_pdf):
    title = [ln for ln in M.lines(sample_pdf) if round(ln.size) == 22][0]
    gap = title.top - red_rule(sample_pdf)["top"]
    assert 2 * LINE_MM - 1 <= gap <= 2 * LINE_MM + 3


def test_long_title_breaks_into_balanced_lines(long_pdf):
    rows = [ln for ln in M.lines(long_pdf) if round(ln.size) == 22]
    assert "".join(r.text for r in rows) == "某某省某某市某某区人民政府办公室关于2025年政府信息公开工作年度报告"
    assert len(rows) == 2 and abs(len(rows[0].text) - len(rows[1].text)) <= 3
    assert "2025" in rows[1].text  # never broken inside the year
    for r in rows:
        assert (r.x0 + r.x1) / 2 == pytest.approx(106, abs=1.0)


# --- tables ---------------------------------------------------------------------------------


def test_tables_fit_the_type_area(long_pdf):
    for page in range(1, M.page_count(long_pdf) + 1):
        black = [r for r in M.rules(long_pdf, page) if r["colour"] in ((0.0,), (0.0, 0.0, 0.0)) or r["fill"] in ((0.0,), (0.0, 0.0, 0.0))]
        for r in black:
            assert r["x0"] >= M.TYPE_LEFT - 0.5 and r["x1"] <= M.TYPE_RIGHT + 0.5


def test_table_three_repeats_its_header_and_never_splits_a_row(long_pdf):
    lines = M.lines(long_pdf)
    header_pages = {ln.page for ln in lines if ln.text == "申请人情况"}
    assert len(header_pages) == 2  # the long narrative pushes table 三 across a page break
    # The item column of table 三 (x 50.6–86.7 mm): each label's characters all on one page.
    left = M.TYPE_LEFT + sum(schema.TABLE_BY_KEY["t3"].col_widths_mm[:2])
    right = left + schema.TABLE_BY_KEY["t3"].col_widths_mm[2]
    column_text = {}
    with __import__("pdfplumber").open(long_pdf) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            chars = [c for c in M.chars(page) if round(c["size"]) == 9 and left <= c["x0"] * M.MM_PER_PT < right]
            chars.sort(key=lambda c: (round(c["bottom"]), c["x0"]))
            column_text[number] = "".join(c["text"] for c in chars)
    for _, items in schema.T3_RESULT_GROUPS:
        for _, label in items:
            if label:
                assert sum(label in text for text in column_text.values()) == 1, label


def test_table_numbers_are_centred_in_their_cells(sample_pdf):
    # Row 一 of table 三: seven zeros centred in 13.9 mm columns that end at the type area's edge.
    zeros = [ln for ln in M.lines(sample_pdf) if ln.size == 9 and ln.text.startswith("一、本年新收")]
    assert zeros
    with __import__("pdfplumber").open(sample_pdf) as pdf:
        page = pdf.pages[zeros[0].page - 1]
        digits = [c for c in M.chars(page) if c["text"] == "0" and abs(c["top"] * M.MM_PER_PT - zeros[0].top) < 1]
    centres = sorted((c["x0"] + c["x1"]) / 2 * M.MM_PER_PT for c in digits)
    expected = [M.TYPE_RIGHT - 13.9 * (6.5 - i) for i in range(7)]
    assert centres == pytest.approx(expected, abs=0.8)


# --- signature block and page numbers -------------------------------------------------------


SIGNATURE_TOLERANCE_MM = 0.25 * CHAR_MM  # the issue's ±0.25 character


def _signature_block(pdf, signature: str, date: str):
    lines = M.lines(pdf)
    sig = [ln for ln in lines if ln.text == signature][-1]  # the signature block ends the report
    found = [ln for ln in lines if ln.text == date][-1]
    # No gap inside either line: LibreOffice's own spacing between digits and Chinese (which it
    # keeps whatever autoSpaceDE/DN say) is turned off in the conversion, as Word sets the lines.
    assert found.gaps == 0 and sig.gaps == 0, (found, sig)
    assert found.top - sig.top == pytest.approx(LINE_MM, abs=0.3)
    return lines, sig, found


def test_signature_without_seal(sample_pdf):
    lines, sig, date = _signature_block(sample_pdf, "互助县司法局", "2026年1月19日")
    # 7.3.5.2: the date is longer than the name, so the date is right-indented 2 characters and
    # its first character sits 2 characters right of the name's first character.
    assert date.x1 == pytest.approx(M.TYPE_RIGHT - 2 * CHAR_MM, abs=SIGNATURE_TOLERANCE_MM)
    assert date.x0 - sig.x0 == pytest.approx(2 * CHAR_MM, abs=SIGNATURE_TOLERANCE_MM)
    # One blank line between the text and the name; the last text line is on the same page.
    last_text = [ln for ln in lines if ln.text == "无。"][0]
    assert last_text.page == sig.page
    assert sig.top - last_text.top == pytest.approx(2 * LINE_MM, abs=0.3)


@pytest.mark.parametrize("seal", [False, True], ids=["no-seal", "seal"])
def test_signature_longer_than_its_date(tmp_path, seal):
    """A long name over a short date: without a seal the name is right-indented 2 characters and the
    date starts 2 characters right of it (7.3.5.2); with a seal the date is right-indented 4 and the
    name centred over it (7.3.5.1)."""
    signature = "某某省某某市某某区人民政府办公室"
    meta = sample_meta(agency=LONG_AGENCY, signature=signature, seal=seal, date=dt.date(2026, 1, 8))
    xlsx = write_workbook(tmp_path / "统计表.xlsx", meta, nonzero_values())
    result = build(xlsx, SAMPLE_TXT, out=tmp_path / "r.docx")
    assert result.ok, [str(p) for p in result.problems]
    _, sig, date = _signature_block(to_pdf(result.output, tmp_path), signature, "2026年1月8日")
    if seal:  # too long to centre over a date right-indented 4: the name right 2, the date centred under it
        assert sig.x1 == pytest.approx(M.TYPE_RIGHT - 2 * CHAR_MM, abs=SIGNATURE_TOLERANCE_MM)
        assert (sig.x0 + sig.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=SIGNATURE_TOLERANCE_MM)
    else:
        assert sig.x1 == pytest.approx(M.TYPE_RIGHT - 2 * CHAR_MM, abs=SIGNATURE_TOLERANCE_MM)
        assert date.x0 - sig.x0 == pytest.approx(2 * CHAR_MM, abs=SIGNATURE_TOLERANCE_MM)


def test_signature_with_seal(long_pdf):
    lines, sig, date = _signature_block(long_pdf, "某某区政府办公室", "2026年1月28日")
    assert date.x1 == pytest.approx(M.TYPE_RIGHT - 4 * CHAR_MM, abs=SIGNATURE_TOLERANCE_MM)  # 7.3.5.1: right 4
    assert (sig.x0 + sig.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=SIGNATURE_TOLERANCE_MM)
    last_text = [ln for ln in lines if ln.text == "本年度未收取信息处理费。"][0]
    assert last_text.page == sig.page


def test_page_numbers_odd_right_even_left_7_mm_below(sample_pdf):
    pages = M.page_count(sample_pdf)
    assert pages >= 4
    for page in range(1, pages + 1):
        f = footer(sample_pdf, page)
        assert f.text.replace(" ", "") == f"—{page}—"
        assert f.size == 14
        assert (f.top + f.bottom) / 2 == pytest.approx(M.TYPE_BOTTOM + 7, abs=1.0)
        if page % 2:
            assert f.x1 == pytest.approx(M.TYPE_RIGHT - PAGE_NUMBER_CHAR_MM, abs=1.0)
        else:
            assert f.x0 == pytest.approx(M.TYPE_LEFT + PAGE_NUMBER_CHAR_MM, abs=1.0)


def test_preprinted_paper_keeps_the_space_and_prints_no_red(tmp_path, sample_pdf):
    from openpyxl import load_workbook

    from ..conftest import sample_copy  # noqa: F401  (fixture module import for clarity)

    xlsx = tmp_path / "统计表.xlsx"
    import shutil

    shutil.copy(SAMPLE_XLSX, xlsx)
    wb = load_workbook(xlsx)
    wb["基本信息"]["B10"] = "是"
    wb.save(xlsx)
    docx = build(xlsx, SAMPLE_TXT, out=tmp_path / "pre.docx").output
    pdf = to_pdf(docx, tmp_path)
    assert M.red_ink_top(pdf) is None
    title = [ln for ln in M.lines(pdf) if round(ln.size) == 22][0]
    printed_title = [ln for ln in M.lines(sample_pdf) if round(ln.size) == 22][0]
    assert title.top == pytest.approx(printed_title.top, abs=0.3)  # the header's space is kept


def test_a_heading_is_never_the_last_line_of_a_page(long_pdf, sample_pdf):
    import re

    heading = re.compile(r"^([一二三四五六]、|（[一二三四五六七八九十]+）[^。]*$)")
    for pdf in (long_pdf, sample_pdf):
        for page in range(1, M.page_count(pdf)):
            # Everything in the type area: a heading followed by a table's rows is not alone.
            lines = [ln for ln in M.lines(pdf) if ln.page == page and ln.top < M.TYPE_BOTTOM]
            # A table's row label ("二、上年结转…" at 9 pt, its group kept with the next page's rows) is no heading.
            if lines and lines[-1].size >= 15:
                assert not heading.match(lines[-1].text), (page, lines[-1].text)


def test_a_name_a_little_too_long_is_condensed_on_one_full_size_line(tmp_path):
    """15 characters at 小初 would be 190 mm: the characters are narrowed (字符缩放 80 %), not shrunk."""
    agency = "某某县人民政府办公室政务公开科"
    xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(agency=agency), nonzero_values())
    pdf = to_pdf(build(xlsx, SAMPLE_TXT, out=tmp_path / "r.docx").output, tmp_path)
    red = [ln for ln in M.lines(pdf) if ln.red]
    assert [r.text for r in red] == [agency] and red[0].size == 36
    assert red[0].x0 >= M.TYPE_LEFT - 0.5 and red[0].x1 <= M.TYPE_RIGHT + 0.5
    assert red[0].x1 - red[0].x0 == pytest.approx(15 * 36 * 0.8 / 72 * 25.4, abs=2.0)
    assert red[0].top == pytest.approx(M.TYPE_TOP + 35, abs=1.0)
