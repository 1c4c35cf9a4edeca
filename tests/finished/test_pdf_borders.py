"""`reportgen check 报告.pdf` when the PDF's tables have partial borders or none: a three-line table
(top, bottom and the rule under the header), a table in an outer box only, a table with no
borders at all, and one of those run over a page break. The grid is inferred from where the words
stand (finished/pdfgrid.py, finished/pdfcells.py) and every number is read from its labelled cell;
a numbered list in the narrative stays paragraphs. Tables as Word sets them by default (figures at
their cells' left edges, merged labels at their cells' tops) read as well: every layout of the test
corpus (tests/finished_corpus.py) with its borders removed, or only some of them kept."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen import api, build
from reportgen.finished import check as finished
from reportgen.finished.grid import Grid
from reportgen.finished.pdf import read_pages
from reportgen.finished.pdfgrid import find_tables
from reportgen.finished.pdflayout import lines_of, read_items
from reportgen.finished.pdfwords import Chunk, chunks_of, number_columns
from reportgen.finished.positioned import Word

from .. import finished_corpus as C
from ..conftest import CLEAN_NARRATIVE, NARRATIVE_NAME, WORKBOOK_NAME, clean_values, sample_meta, write_workbook
from .test_finished import VARIANTS as LAYOUTS
from .test_finished import _assert_read_right

_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_OUTER = ("top", "left", "bottom", "right")
_LIST = ["1.解读不够通俗，全年发布解读3篇。", "2.栏目更新不及时，有5个栏目未按期更新。", "3.下一步，我们将加强政策解读。"]
LONG = CLEAN_NARRATIVE.replace("本年度工作平稳。", "本年度工作平稳，各项制度落实到位，群众满意度进一步提高。" * 40)
LISTED = CLEAN_NARRATIVE.replace("一是解读不够通俗。下一步，我们将加强政策解读。", "\n".join(_LIST))


def _borders(pr, tag: str, single: tuple[str, ...], sides: tuple[str, ...]) -> None:
    """PR's TAG (w:tblBorders or w:tcBorders) replaced: SINGLE sides ruled, the other SIDES none."""
    old = pr.find(qn(tag))
    if old is not None:
        pr.remove(old)
    borders = OxmlElement(tag)
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single" if side in single else "nil")
        if side in single:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    pr.append(borders)


def _unruled(src: Path, dst: Path, kind: str) -> Path:
    """SRC's tables with no borders ("none"; "none-once": nor a header repeated on the next page),
    only the outer box ("box"), only the top and bottom rules and one under the first row ("lines",
    a 三线表), horizontal rules between all rows ("rows"), or those and the outer box ("boxrows": the
    ruled region's only verticals are its edges)."""
    document = docx.Document(str(src))
    for table in document.tables:
        outer = {"none": (), "none-once": (), "box": _OUTER, "lines": ("top", "bottom"), "rows": ("top", "bottom", "insideH"),
                 "boxrows": (*_OUTER, "insideH")}[kind]  # fmt: skip
        if kind == "none-once":
            for tr_pr in table._tbl.iter(qn("w:trPr")):
                for repeat in tr_pr.findall(qn("w:tblHeader")):
                    tr_pr.remove(repeat)
        _borders(table._tbl.tblPr, "w:tblBorders", outer, _SIDES)
        if kind == "lines":  # a cell's own borders win over the table's: only the first row has any
            for tc in table.rows[0]._tr.iter(qn("w:tc")):
                _borders(tc.get_or_add_tcPr(), "w:tcBorders", ("bottom",), _OUTER)
    document.save(str(dst))
    return dst


VARIANTS = {"none": ("none", None), "box": ("box", None), "lines": ("lines", None), "boxrows": ("boxrows", None), "none-long": ("none", LONG), "box-long": ("box", LONG), "rows-long": ("rows", LONG),
            "once-long": ("none-once", LONG), "none-list": ("none", LISTED)}  # fmt: skip


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    from reportgen.render.pdf import to_pdfs

    docs = []
    for name, (kind, text) in VARIANTS.items():
        folder = tmp_path_factory.mktemp(name)
        xlsx = write_workbook(folder / WORKBOOK_NAME, sample_meta(), clean_values())
        (folder / NARRATIVE_NAME).write_text(text or CLEAN_NARRATIVE, encoding="utf-8")
        docs.append(_unruled(build(xlsx, folder / NARRATIVE_NAME).output, folder / f"{name}.docx", kind))
    return dict(zip(VARIANTS, to_pdfs(docs)))


def _t3(pdf: Path) -> list[Grid]:
    grids = [i for i in read_items(read_pages(pdf)) if isinstance(i, Grid)]
    return [g for g in grids if any("自然人" in c.text.replace("\n", "") for c in g.cells)]


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", ["none", "box", "lines", "boxrows", "none-long", "box-long", "rows-long", "once-long"])
def test_tables_without_their_rules_are_read_from_their_labelled_cells(exported, variant, cli):
    pdf = exported[variant]
    rules = [r for p in read_pages(pdf) for r in p.rules]
    verticals = [r for r in rules if r.bottom - r.top > r.x1 - r.x0]
    kind = VARIANTS[variant][0]
    assert bool(verticals) == kind.startswith("box")  # no inner vertical at all: the columns come from the words
    assert (len(rules) > 2) == (kind != "none" and kind != "none-once")  # the red rule under the header is two
    report, problems = api.check_report(pdf)
    assert [p for p in problems if p.rule == "READ"] == [] and problems == []
    values = clean_values()
    assert all(report.stats.values[k] == v for k, v in values.items())
    assert report.stats.values["t3_new_natural"] == values["t3_new_natural"]
    assert len(_t3(pdf)) >= 1
    code, out, _ = cli("check", pdf)
    assert code == 0, out


@pytest.mark.libreoffice
def test_table_three_without_borders_is_one_grid_of_split_headers_and_merged_labels(exported):
    (t3,) = _t3(exported["none"])
    assert t3.n_cols == 10
    header = [c.text.replace("\n", "") for c in t3.cells if c.row <= 4 and c.col >= 3]
    assert "申请人情况" in header and "社会公益组织" in header and "法律服务机构" in header
    whole = next(c for c in t3.cells if c.text.replace("\n", "") == "申请人情况")
    assert (whole.col, whole.colspan) == (3, 7)  # over every column under it, no column of its own
    group = next(c for c in t3.cells if c.text.replace("\n", "") == "（三）不予公开")
    assert group.rowspan == 8  # merged over its eight items


@pytest.mark.libreoffice
def test_a_borderless_table_three_across_a_page_break_reads_from_both_pages(exported):
    grids = _t3(exported["none-long"])  # the header repeated on the next page: two grids
    assert len({c.page for g in grids for c in g.cells}) == 2


@pytest.mark.libreoffice
def test_a_borderless_table_continued_without_its_header_is_joined_to_the_part_above(exported):
    (t3,) = _t3(exported["once-long"])
    assert len({c.page for c in t3.cells}) == 2 and t3.n_rows == 30 and t3.n_cols == 10


@pytest.mark.libreoffice
def test_a_numbered_list_around_borderless_tables_stays_paragraphs(exported):
    pdf = exported["none-list"]
    report, problems = api.check_report(pdf)
    assert [p for p in problems if p.rule == "READ"] == []
    body = finished.load(pdf).body
    assert all(any(item in p for p in body) for item in _LIST)
    assert len([i for i in read_items(read_pages(pdf)) if isinstance(i, Grid)]) == 3


def _line(y: float, *words: tuple[str, float, float]) -> list[Word]:
    return [Word(text, x0, y, x1, y + 12) for text, x0, x1 in words]


def test_a_numbered_list_with_figures_at_the_right_is_no_table():
    """Right-aligned figures in every line, but no label of the format: a list, not a table."""
    words = []
    for k, (text, figure) in enumerate([("1.办理来信", "12"), ("2.接待来访", "34"), ("3.答复咨询", "56"), ("4.其他工作", "78")]):
        words += _line(100 + 20 * k, (text, 80, 200), (figure, 480, 500))
    assert find_tables(lines_of(words, 1)) == []


def test_a_numbered_list_with_figures_on_a_left_edge_is_no_table():
    """Figures of unlike widths set at one left edge (as Word sets a cell's text) in every line of a
    numbered list: a number column, but no label of the format, so the list stays paragraphs."""
    words = []
    for k, (text, figure) in enumerate([("1.办理来信", "12"), ("2.接待来访", "345"), ("3.答复咨询", "6"), ("4.其他工作", "7890")]):
        words += _line(100 + 20 * k, (text, 80, 200), (figure, 420, 420 + 6 * len(figure)))
    lines = lines_of(words, 1)
    columns = number_columns([c for line in lines for c in chunks_of(line.words)])
    assert [col.left for col in columns] == [True]  # read as a column of figures on their left edge
    assert find_tables(lines) == []


def test_numbered_paragraphs_with_figures_on_the_left_margin_stay_text():
    """A narrative list whose lines begin with their numbers at the left margin and hold figures
    inside the text: no line is a number row, so nothing is a table."""
    words = []
    for k, text in enumerate(["1.本年度主动公开政府信息1200条，", "较上年增加35条。", "2.全年受理申请88件，", "办结86件。"]):
        words += _line(100 + 20 * k, (text, 80, 80 + 12 * len(text)))
    assert find_tables(lines_of(words, 1)) == []


# --- Word's defaults: figures at the left edge, merged labels at the top ------------------------

_CUT = {"table-3-with-23-rows"}  # （六）其他处理 as one row: a FORMAT 提醒, as from its .docx
_BREAK_NARRATIVE = [(h, ps + (["本年度工作平稳，各项制度落实到位，群众满意度进一步提高。" * 30] if h.startswith("一") else [])) for h, ps in C.NARRATIVE]


@pytest.fixture(scope="module")
def word_defaults(tmp_path_factory) -> dict[str, Path]:
    """Every corpus layout as python-docx writes it (Word's defaults: no w:jc, no w:vAlign in the
    cells), its borders removed, exported to PDF by LibreOffice; "page-break": the official layout
    pushed down a page, table 四's header cut by the page break."""
    from reportgen.render.pdf import to_pdfs

    folder = tmp_path_factory.mktemp("word-defaults")
    docs = []
    for name, make in LAYOUTS.items():
        docs.append(_unruled(C.write_docx(folder / f"{name}.src.docx", make()), folder / f"{name}.docx", "none"))
    src = C.write_docx(folder / "page-break.src.docx", LAYOUTS["official-merges"](), narrative=_BREAK_NARRATIVE)
    docs.append(_unruled(src, folder / "page-break.docx", "none"))
    for path in docs:
        cells = [tc for table in docx.Document(str(path)).tables for tc in table._tbl.iter(qn("w:tc"))]
        assert cells and not [e for tc in cells for tag in ("w:jc", "w:vAlign") for e in tc.iter(qn(tag))]
    return dict(zip([*LAYOUTS, "page-break"], to_pdfs(docs)))


@pytest.mark.libreoffice
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_corpus_layout_without_borders_in_word_defaults_reads_clean(word_defaults, layout):
    pdf = word_defaults[layout]
    assert not [r for p in read_pages(pdf) for r in p.rules]  # no ruling line at all: the grid comes from the words
    problems = _assert_read_right(pdf, single_other=layout in _CUT)
    assert [p for p in problems if p.rule in ("READ", "NUM")] == []
    assert [p.rule for p in problems] == (["FORMAT"] if layout in _CUT else [])


_PARTIAL = ("lines", "rows", "boxrows")  # a 三线表; rules between the rows; those and the outer box


@pytest.fixture(scope="module")
def word_defaults_partial(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every corpus layout in Word's defaults with partial borders (_PARTIAL), exported by LibreOffice:
    rows taller by their rules, so that page breaks fall elsewhere (a label's last line, a header's
    second line or a table's last row alone at the top of a page, in a box of its own)."""
    from reportgen.render.pdf import to_pdfs

    folder = tmp_path_factory.mktemp("word-defaults-partial")
    docs, keys = [], []
    for name, make in LAYOUTS.items():
        src = C.write_docx(folder / f"{name}.src.docx", make())
        for kind in _PARTIAL:
            docs.append(_unruled(src, folder / f"{name}.{kind}.docx", kind))
            keys.append((name, kind))
    return dict(zip(keys, to_pdfs(docs)))


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", _PARTIAL)
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_corpus_layout_with_partial_borders_in_word_defaults_reads_clean(word_defaults_partial, layout, kind):
    pdf = word_defaults_partial[(layout, kind)]
    verticals = [r for p in read_pages(pdf) for r in p.rules if r.bottom - r.top > r.x1 - r.x0]
    assert bool(verticals) == (kind == "boxrows")  # no inner vertical in any: the columns come from the words
    problems = _assert_read_right(pdf, single_other=layout in _CUT)
    assert [p for p in problems if p.rule in ("READ", "NUM")] == []
    assert [p.rule for p in problems] == (["FORMAT"] if layout in _CUT else [])


@pytest.mark.libreoffice
def test_figures_on_their_left_edges_and_labels_at_their_tops_are_read_so(word_defaults):
    (t3,) = _t3(word_defaults["official-merges"])
    group = next(c for c in t3.cells if c.text.replace("\n", "") == "（三）不予公开")
    assert group.rowspan == 8  # merged over its eight items from its top, not its centre
    whole = next(c for c in t3.cells if c.text.replace("\n", "") == "申请人情况")
    assert (whole.col, whole.colspan) == (3, 7)  # written from its cell's left edge over the columns right of it
    pages = read_pages(word_defaults["official-merges"])
    lines = [chunks_of(line.words) for p in pages[1:2] for line in lines_of(p.words, p.number)]
    assert any(col.left for col in number_columns([c for r in lines for c in r]))  # the figures share left edges


@pytest.mark.libreoffice
def test_a_header_cut_by_a_page_break_is_read_with_its_rows(word_defaults):
    pdf = word_defaults["page-break"]
    pages = read_pages(pdf)
    heading = next(p.number for p in pages if any("行政诉讼情况" in w.text for w in p.words))
    figures = next(p.number for p in pages if any(w.text == "复议后起诉" for w in p.words))
    row = max(p.number for p in pages if any(w.text == "42" for w in p.words))
    assert heading == figures < row  # table 四's header on one page, its row of figures on the next
    assert _assert_read_right(pdf) == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("figures", ["sample", "nonzero"])
def test_the_sample_report_without_borders_reads_its_label_set_a_character_a_line(tmp_path, figures):
    """The sample's narrative (table 三 at a page's top) with its borders removed, its own counts (all
    0) or two- and three-digit ones: the group label "三、本年度办理结果" is set a character a line down
    its narrow cell, and its "、" is a small mark sitting low in its line (exported by LibreOffice's
    own "export as PDF"). Read as one label, not as a lone "三" (a Chinese numeral, so a figure) in a
    cell of its own, which left 35 cells of （三）不予公开 unread."""
    from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, nonzero_values
    from .test_pdf import _to_pdfs  # LibreOffice's own "export as PDF", as a department makes it

    xlsx = SAMPLE_XLSX if figures == "sample" else write_workbook(tmp_path / WORKBOOK_NAME, sample_meta(), nonzero_values())
    built = build(xlsx, SAMPLE_TXT, out=tmp_path / "报告.docx").output
    (pdf,) = _to_pdfs([_unruled(built, tmp_path / "无边框.docx", "none")])
    assert not [r for p in read_pages(pdf) for r in p.rules if r.bottom - r.top > r.x1 - r.x0]
    expected, _ = api.load_workbook(xlsx)
    report, problems = finished.check(pdf)
    assert [p for p in problems if p.rule in ("READ", "NUM")] == []
    assert all(report.stats.values[k] == expected.stats.values[k] for k in expected.stats.values)


def test_a_label_broken_by_hand_goes_on_under_its_first_line_begun_with_a_space():
    """A label typed " 行政规\\n范性文件 ": its first line begins a space (2.8 pt) right of the next,
    which is the wider; still one label, and so is 其/他 over 结果 in table 四 ("其他" is a label of
    table 三, "其他结果" of table 四). A sub-header's first line (第二十条) under a row's label is not
    that label's next line, though it stands where a wrapped line would."""
    from reportgen.finished.pdfcells import continues_label, goes_on, wraps

    first, second = C_(" 行政规", 92.9, 454.1, 125.9), C_("范性文件", 90.1, 469.9, 135.6)
    assert not wraps(first, second, "规章") and continues_label(first, second) and goes_on("行政规", first, second)
    heading = C_("第二十条", 92.9, 485.7, 136.9)
    assert wraps(second, heading) and not goes_on("行政规范性文件", second, heading)
    assert continues_label(C_("其", 150.5, 107.1, 162.0), C_("他", 147.7, 122.9, 158.7))
    assert not continues_label(first, C_("范性文件", 90.1, 469.9 + 30, 134.1))  # a row further down
    assert not continues_label(first, C_("范性文件", 80.1, 469.9, 124.1))  # left of it by more than a space


def C_(text: str, x0: float, top: float, x1: float) -> Chunk:
    return Chunk(text, x0, top, x1, top + 11.0)
