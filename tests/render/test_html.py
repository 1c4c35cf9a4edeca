"""`build --html`: a self-contained web page with the report's headings, paragraphs and tables."""

import re
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest

from reportgen import build
from reportgen.cli.commands import main
from reportgen.core import schema

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, find_chromium, nonzero_values, norm, paragraphs, write_workbook
from ..htmlgrid import parse_tables
from ..narrative.test_quotes import QUOTING

VOID = {"meta", "br", "hr", "col", "img", "input", "link"}


@pytest.fixture
def page(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx", values=nonzero_values())
    txt = tmp_path / "正文.txt"
    txt.write_text(QUOTING.replace("本年度主动公开政府信息1200条。", "本年度主动公开<b>1200</b>条 & “A<B”。"), encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx", html=True)
    assert result.ok and result.html == tmp_path / "r.html", [str(p) for p in result.problems]
    return result


class _Text(HTMLParser):
    """Text of each block element in order, and the open/close balance of the tags."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5"}

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
        if tag in self.BLOCKS:
            self._current = []

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)
        if tag in self.BLOCKS and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)


def test_every_table_cell_of_the_schema_is_in_the_page_with_its_spans(page):
    html_text = page.html.read_text(encoding="utf-8")
    tables, _ = parse_tables(html_text)
    assert len(tables) == 3
    v = schema.compute_totals(nonzero_values())
    for table, cells in zip(schema.TABLES, tables):
        got = {(c.row, c.col): c for c in cells}
        assert len(cells) == len(table.cells), table.key
        for cell in table.cells:
            h = got[(cell.row, cell.col)]
            assert (h.rowspan, h.colspan) == (cell.rowspan, cell.colspan), (table.key, cell)
            want = cell.text if not cell.is_value else ("4166.241619" if cell.key == "t2_fees" else str(v[cell.key]))
            assert h.text == want, (table.key, cell)
            assert ("rowspan" in h.attrs) == (cell.rowspan > 1)  # no rowspan="1" noise


def test_same_headings_and_paragraphs_as_the_docx(page):
    parser = _Text()
    parser.feed(page.html.read_text(encoding="utf-8"))
    assert parser.errors == [] and parser.stack == []  # every tag closed, in order
    docx_text = [norm(p) for p in paragraphs(page.output)]
    assert [norm(b) for b in parser.blocks] == docx_text
    assert "（一）主动公开。本年度主动公开<b>1200</b>条 & “A<B”。" in parser.blocks  # markup in the text stays text


def test_text_is_escaped_and_nothing_external_is_loaded(page):
    text = page.html.read_text(encoding="utf-8")
    _, tags = parse_tables(text)
    names = {t for t, _ in tags}
    assert "b" not in names and "script" not in names and "link" not in names and "img" not in names
    assert "&lt;b&gt;1200&lt;/b&gt;" in text and "&amp;" in text
    for tag, attrs in tags:
        assert not {"src", "href", "srcset", "action"} & set(attrs), (tag, attrs)
    assert not re.search(r"url\(|@import|https?://", text)
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text


def test_cli_build_html_writes_beside_the_docx(tmp_path, capsys):
    out = tmp_path / "报告.docx"
    assert main(["build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out), "--html"]) == 0
    stdout = capsys.readouterr().out
    assert f"已生成：{tmp_path / '报告.html'}" in stdout
    assert "互助土族自治县司法局" in (tmp_path / "报告.html").read_text(encoding="utf-8")


def test_no_page_without_the_option_or_on_error(tmp_path):
    result = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "r.docx")
    assert result.ok and result.html is None and not (tmp_path / "r.html").exists()
    bad = tmp_path / "正文.txt"
    bad.write_text("{{不存在}}", encoding="utf-8")
    result = build(SAMPLE_XLSX, bad, out=tmp_path / "x.docx", html=True)
    assert not result.ok and not (tmp_path / "x.html").exists()


@pytest.mark.chromium
def test_chromium_parses_the_page_into_three_tables(page):
    chromium = find_chromium()
    with tempfile.TemporaryDirectory(prefix="reportgen-chromium-") as profile:
        proc = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--dump-dom", page.html.as_uri()],
            capture_output=True, timeout=120, text=True, encoding="utf-8",
        )  # fmt: skip
    dom = proc.stdout
    tables, _ = parse_tables(dom)
    assert [len(t) for t in tables] == [len(t.cells) for t in schema.TABLES]
    assert dom.count("<h2>") == len(schema.SECTIONS)


@pytest.mark.parametrize(
    "agency, expected",
    [
        ("互助土族自治县司法局", '<p class="org-mark"><span><span class="line">互助土族自治县司法局</span></span></p>'),
        (
            "某某县人民政府办公室政务公开科",  # 15 characters: one line at full size, condensed to 80 %
            '<p class="org-mark"><span><span class="line" style="width:12.00em"><span class="condensed" '
            'style="transform:scaleX(0.80)">某某县人民政府办公室政务公开科</span></span></span></p>',
        ),
        (
            "某某省某某市某某区人民政府办公室政务公开与政务服务管理中心",  # two lines at full size, as in the .docx
            '<p class="org-mark"><span><span class="line" style="width:12.00em"><span class="condensed" '
            'style="transform:scaleX(0.75)">某某省某某市某某区人民政府办公室</span></span><br>'
            '<span class="line" style="width:9.75em"><span class="condensed" style="transform:scaleX(0.75)">'
            "政务公开与政务服务管理中心</span></span></span></p>",
        ),
    ],
)
def test_the_header_follows_the_rule_of_the_report(tmp_path, agency, expected):
    from reportgen.render.layout import org_mark_layout

    from ..conftest import sample_meta

    xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(agency=agency), nonzero_values())
    result = build(xlsx, SAMPLE_TXT, out=tmp_path / "r.docx", html=True)
    assert expected in result.html.read_text(encoding="utf-8")
    assert len(org_mark_layout(agency)[0]) == expected.count('class="line"')


# Measures, in a copy of the page only (the page itself carries no script), where Chromium puts the
# centre of each header line, the 发文字号 and the title, against the centre of the text column.
_MEASURE = """<pre id="measured"></pre><script>
const main = document.querySelector("main"), cs = getComputedStyle(main), box = main.getBoundingClientRect();
const mid = box.left + parseFloat(cs.paddingLeft) + (box.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)) / 2;
const centre = el => { const r = el.getBoundingClientRect(); return r.left + r.width / 2 - mid; };
const text = el => { const range = document.createRange(); range.selectNodeContents(el);
  const r = range.getBoundingClientRect(); return r.left + r.width / 2 - mid; };
document.getElementById("measured").textContent = JSON.stringify({
  lines: [...document.querySelectorAll(".org-mark .line")].map(centre),
  number: [...document.querySelectorAll(".doc-number")].map(text),
  title: [...document.querySelectorAll("h1")].map(text)});
</script>"""


@pytest.mark.chromium
@pytest.mark.parametrize("agency", ["互助土族自治县司法局", "某某省某某市某某区人民政府办公室政务公开与政务服务管理中心"])
def test_header_number_and_title_are_centred_in_chromium(tmp_path, agency):
    import json

    from ..conftest import sample_meta

    chromium = find_chromium()
    xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(agency=agency, doc_number="某政办〔2026〕3号"), nonzero_values())
    result = build(xlsx, SAMPLE_TXT, out=tmp_path / "r.docx", html=True)
    probe = tmp_path / "probe.html"
    probe.write_text(result.html.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="reportgen-chromium-") as profile:
        proc = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
             "--window-size=1000,1400", "--dump-dom", probe.as_uri()],
            capture_output=True, timeout=120, text=True, encoding="utf-8",
        )  # fmt: skip
    found = re.search(r'<pre id="measured">(.*?)</pre>', proc.stdout)
    assert found, proc.stderr[-500:]
    offsets = json.loads(found.group(1).replace("&quot;", '"'))
    assert len(offsets["lines"]) >= 1 and len(offsets["number"]) == 1 and len(offsets["title"]) == 1
    for what, values in offsets.items():
        for value in values:
            assert abs(value) < 2, (what, offsets)  # px off the centre of the text column
