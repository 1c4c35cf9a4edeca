"""Table 三 across a page break, measured in the LibreOffice PDF: the rows a vertically merged label
spans ("三、本年度办理结果" and the （三）–（六） groups in it) stay on one page with their label,
the header rows repeat on the continued page, no row is cut, and every number is printed.

The .docx asks for it the way Word does it: each row a merged label covers, except its last, keeps
with the next (keepNext on its paragraphs; test_word_native). LibreOffice 7.4 and 25.2 honour that in
table rows too. Measured over the 24 lengths here: with keepNext both break table 三 before its row
"三、本年度办理结果" (14 lengths) or "二、上年结转" (1), or not at all; with keepNext taken out of
the template both cut that group between two of its 22 rows at 14 lengths.
From the repeated header's top to the group's last row is 164–169 mm of the 225 mm type area, so
no group is longer than a page at the official sizes (it would take some 13 of its rows growing a
line, i.e. counts in the tens of millions), and none has to continue on a page with its label repeated.
"""

from __future__ import annotations

import pdfplumber
import pytest

from reportgen import build
from reportgen.core import schema
from reportgen.render.pdf import to_pdfs

from .. import measure as M
from ..conftest import nonzero_values, sample_meta, tables, write_workbook

# every test here converts with LibreOffice, once with each installation (conftest.office)
pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("office")]

T3 = schema.TABLE_BY_KEY["t3"]
EDGES = [M.TYPE_LEFT + sum(T3.col_widths_mm[:k]) for k in range(T3.n_cols + 1)]
FIRST_VALUE_COL = min(c.col for c in T3.cells if c.is_value)
LINE = "我办围绕主动公开，健全制度机制，明确责任分工。"  # one line of 总体情况 (23 of its 28 characters)
# 总体情况 one line longer each time, over a page and a half: table 三 starts on every line of a page
# once, so the page break falls everywhere it can (before the table, inside it, after it).
LENGTHS = range(1, 25)
TYPE_HEIGHT = M.TYPE_BOTTOM - M.TYPE_TOP


def narrative(lines: int) -> str:
    return "\n".join(
        ["为做好政府信息公开工作，现将本机关年度报告公布如下。", "一、总体情况", *[LINE] * lines,
         "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
         "五、存在的主要问题及改进情况", "一是解读不够通俗。下一步，我们将加强政策解读。", "六、其他需要报告的事项",
         "本年度未收取信息处理费。"]
    )  # fmt: skip


@pytest.fixture(scope="module")
def reports(tmp_path_factory, office):
    """{lines of 总体情况: (docx, pdf)}, all converted in one go."""
    folder = tmp_path_factory.mktemp("table-pages")
    xlsx = write_workbook(folder / "统计表.xlsx", sample_meta(), nonzero_values())
    docxs = []
    for n in LENGTHS:
        txt = folder / f"正文{n}.txt"
        txt.write_text(narrative(n), encoding="utf-8")
        result = build(xlsx, txt, out=folder / f"r{n}.docx")
        assert result.ok, [str(p) for p in result.problems]
        docxs.append(result.output)
    return dict(zip(LENGTHS, zip(docxs, to_pdfs(docxs, folder))))


def table_chars(pdf_path) -> dict[int, list[dict]]:
    """{page: its 9 pt characters (the tables' size)}."""
    with pdfplumber.open(pdf_path) as pdf:
        return {no: [c for c in M.chars(page) if round(c["size"]) == 9] for no, page in enumerate(pdf.pages, start=1)}


def in_columns(chars: list[dict], first: int, stop: int) -> str:
    """The text of the characters standing in table 三's columns first..stop-1, line by line."""
    inside = [c for c in chars if EDGES[first] <= c["x0"] * M.MM_PER_PT < EDGES[stop]]
    return "".join(c["text"] for c in sorted(inside, key=lambda c: (round(c["bottom"]), c["x0"])))


def label_pages(pages: dict[int, list[dict]]) -> dict[schema.Cell, list[int]]:
    """Each row label of table 三 -> the pages on which its words appear whole, in its own columns
    (a label cut by a page break appears whole on none)."""
    labels = [c for c in T3.cells if not c.is_value and not c.header]
    return {c: [no for no, chars in pages.items() if c.text in in_columns(chars, c.col, c.col + c.colspan)] for c in labels}


def groups() -> list[range]:
    """The rows each vertically merged row label spans (header labels repeat anyway)."""
    return [range(c.row, c.row + c.rowspan) for c in T3.cells if c.rowspan > 1 and not c.header]


def value_rows(pages: dict[int, list[dict]]) -> list[tuple[int, tuple[str, ...]]]:
    """(page, the numbers of one printed row of table 三, column by column) in reading order: the
    lines of digits in table 三's number columns, one number in each."""
    centres = [(EDGES[k] + EDGES[k + 1]) / 2 for k in range(FIRST_VALUE_COL, T3.n_cols)]
    out = []
    for no, chars in pages.items():
        by_line: dict[int, list[dict]] = {}
        for c in chars:
            if c["x0"] * M.MM_PER_PT >= EDGES[FIRST_VALUE_COL]:
                by_line.setdefault(round(c["bottom"]), []).append(c)
        for key in sorted(by_line):
            row = sorted(by_line[key], key=lambda c: c["x0"])
            if not all(c["text"].isdigit() for c in row):
                continue
            cells: list[list[dict]] = [[] for _ in centres]
            for c in row:
                x = (c["x0"] + c["x1"]) / 2 * M.MM_PER_PT
                cells[min(range(len(centres)), key=lambda i: abs(centres[i] - x))].append(c)
            # table 三's numbers are centred in its columns (tables 二 and 四 have other columns)
            if all(cell and abs((cell[0]["x0"] + cell[-1]["x1"]) / 2 * M.MM_PER_PT - centre) < 1 for cell, centre in zip(cells, centres)):
                out.append((no, tuple("".join(c["text"] for c in cell) for cell in cells)))
    return out


def test_a_merged_labels_rows_stay_on_one_page_with_it(reports):
    cut_tables = 0
    for n, (_, pdf) in reports.items():
        pages = label_pages(table_chars(pdf))
        assert all(len(found) == 1 for found in pages.values()), (n, {c.text: p for c, p in pages.items() if len(p) != 1})
        row_page = {c.row: found[0] for c, found in pages.items()}
        for rows in groups():
            assert {row_page[r] for r in rows} == {row_page[rows[0]]}, (n, [row_page[r] for r in rows])
        cut_tables += len(set(row_page.values())) > 1
    assert cut_tables >= len(LENGTHS) // 2  # most lengths do break table 三 across pages


def test_the_header_repeats_and_every_number_is_printed(reports):
    header = next(c.text for c in T3.cells if c.header and c.col == FIRST_VALUE_COL)  # 申请人情况
    for n, (docx, pdf) in reports.items():
        chars = table_chars(pdf)
        row_page = {c.row: found[0] for c, found in label_pages(chars).items() if len(found) == 1}
        for page in set(row_page.values()):
            assert header in in_columns(chars[page], FIRST_VALUE_COL, T3.n_cols), (n, page)
        grid = tables(docx)[1]
        expected = [
            (row_page[r], tuple(grid[(r, k)] for k in range(FIRST_VALUE_COL, T3.n_cols))) for r in range(T3.header_rows, T3.n_rows)
        ]
        assert value_rows(chars) == expected, n


def test_a_group_with_the_repeated_header_fits_well_within_a_page(reports):
    """Measured where table 三 continues: from the repeated header's top to the end of the longest
    group ("三、本年度办理结果", 22 rows) is under 90 % of the type area's height."""
    longest = max(groups(), key=len)
    last_label = next(c for c in T3.cells if c.row == longest[-1] and not c.is_value)
    measured = []
    for n, (_, pdf) in reports.items():
        chars = table_chars(pdf)
        pages = label_pages(chars)
        first = {c.row: found[0] for c, found in pages.items()}
        if first[T3.header_rows] == first[longest[0]]:
            continue  # the group does not start on a continued page
        page = chars[first[longest[0]]]
        top = min(c["top"] for c in page if EDGES[FIRST_VALUE_COL] <= c["x0"] * M.MM_PER_PT) * M.MM_PER_PT
        lines: dict[int, list[dict]] = {}
        for c in page:
            if EDGES[last_label.col] <= c["x0"] * M.MM_PER_PT < EDGES[last_label.col + last_label.colspan]:
                lines.setdefault(round(c["bottom"]), []).append(c)
        (bottom,) = [key for key, line in lines.items() if "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) == last_label.text]
        measured.append(bottom * M.MM_PER_PT - top)
    assert measured, "no length puts the group on a continued page"
    assert max(measured) < 0.9 * TYPE_HEIGHT, measured
