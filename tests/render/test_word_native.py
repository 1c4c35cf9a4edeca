"""A report Word opens in normal mode, with a clean package, outline levels and the look in styles;
an office's own template is found by style names and rendered within a budget."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from docx import Document
from docx.shared import Pt
from lxml import etree

from reportgen import build
from reportgen.core.resources import DEFAULT_TEMPLATE

from ..conftest import ROOT, SAMPLE_TXT, SAMPLE_XLSX, W, text_of, write_workbook
from ..test_second_dataset import NARRATIVE
from .test_security import narrative_with


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path_factory.mktemp("native") / "sample.docx").output


def test_word_opens_it_in_normal_mode(sample):
    with zipfile.ZipFile(sample) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
    modes = [c.get(W + "val") for c in settings.iter(W + "compatSetting") if c.get(W + "name") == "compatibilityMode"]
    assert modes == ["15"]


def test_the_package_holds_only_what_the_report_uses(sample):
    with zipfile.ZipFile(sample) as z:
        names = set(z.namelist())
        app = z.read("docProps/app.xml").decode()
        core = z.read("docProps/core.xml").decode()
    assert names == {
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
        "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
        "word/footer1.xml", "word/footer2.xml", "word/theme/theme1.xml",
    }  # fmt: skip
    # No stock leftovers: no customXml bibliography, no numbering for absent styles, no fake Word.
    assert "<Application>reportgen</Application>" in app
    for stale in ("Microsoft", "<Pages>", "<Words>", "<Characters>", "<Lines>", "Normal.dotm"):
        assert stale not in app
    assert "<dc:title>县司法局2025年度政府信息公开工作报告</dc:title>" in core
    assert "<dc:creator>互助土族自治县司法局</dc:creator>" in core
    assert "2026-01-19T00:00:00Z" in core


def _style_map(docx):
    """styleId -> (name, pPr element or None, basedOn id)."""
    with zipfile.ZipFile(docx) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    out = {}
    for s in styles.iter(W + "style"):
        based = s.find(W + "basedOn")
        out[s.get(W + "styleId")] = (s.find(W + "name").get(W + "val"), s.find(W + "pPr"), based.get(W + "val") if based is not None else None)
    return out


def _outline_level(styles, style_id):
    """The outline level a paragraph style gives (following basedOn), 1-based; None for body text."""
    while style_id:
        name, ppr, based = styles[style_id]
        el = ppr.find(W + "outlineLvl") if ppr is not None else None
        if el is not None:
            return int(el.get(W + "val")) + 1
        style_id = based
    return None


def test_headings_carry_outline_levels(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    txt.write_text(NARRATIVE, encoding="utf-8")
    docx = build(xlsx, txt, out=tmp_path / "r.docx").output
    styles = _style_map(docx)
    levels = {}
    body = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml")).find(W + "body")
    for p in body.iter(W + "p"):
        ps = p.find(f"{W}pPr/{W}pStyle")
        if ps is not None and text_of(p):
            levels[text_of(p)] = _outline_level(styles, ps.get(W + "val"))
    assert levels["一、总体情况"] == 1 and levels["六、其他需要报告的事项"] == 1
    assert levels["（三）政府信息管理"] == 2
    assert levels["1.规范发布流程"] == 3 and levels["（1）落实三审三校"] == 4
    # Run-in headings are body paragraphs, like the body text and the title.
    assert levels["（一）主动公开。本年度主动公开政府信息1200条。"] is None
    assert levels["本年度未收取信息处理费。"] is None
    assert [t for t, lv in levels.items() if lv] == [
        "一、总体情况", "（三）政府信息管理", "1.规范发布流程", "（1）落实三审三校", "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]  # fmt: skip


def test_no_automatic_space_between_chinese_and_digits(sample):
    """autoSpaceDE/DN off in Normal (ECMA-376 17.3.1.2/3), and no style or paragraph turns it on."""
    with zipfile.ZipFile(sample) as z:
        styles, document = z.read("word/styles.xml").decode(), z.read("word/document.xml").decode()
    normal = re.search(r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles).group(0)
    assert '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>' in normal
    assert '<w:overflowPunct w:val="1"/>' in normal
    assert styles.count("autoSpaceD") == 2 and "autoSpaceD" not in document


def _office_template(tmp_path, change) -> "os.PathLike":
    path = tmp_path / "本单位模板.docx"
    shutil.copy(DEFAULT_TEMPLATE, path)
    doc = Document(path)
    change(doc)
    doc.save(path)
    return path


def test_a_style_changed_in_the_template_changes_the_report(tmp_path):
    def change(doc):
        doc.styles["公文正文"].font.size = Pt(15)
        doc.styles["公文正文"].font.color.rgb = None
        doc.styles["Heading 1"].font.bold = True  # 标题 1 in Chinese Word
        doc.styles["表格文字"].font.size = Pt(8)

    template = _office_template(tmp_path, change)
    out = tmp_path / "r.docx"
    result = build(SAMPLE_XLSX, SAMPLE_TXT, out=out, template=template)
    assert result.ok, [str(p) for p in result.problems]
    styles = _style_map(out)
    by_name = {name: sid for sid, (name, _, _) in styles.items()}
    with zipfile.ZipFile(out) as z:
        xml = etree.fromstring(z.read("word/styles.xml"))
        document = etree.fromstring(z.read("word/document.xml"))

    def style_el(name):
        return [s for s in xml.iter(W + "style") if s.get(W + "styleId") == by_name[name]][0]

    assert style_el("公文正文").find(f"{W}rPr/{W}sz").get(W + "val") == "30"
    assert style_el("heading 1").find(f"{W}rPr/{W}b") is not None
    assert style_el("表格文字").find(f"{W}rPr/{W}sz").get(W + "val") == "16"
    # The body, headings and table runs have nothing of their own that would override the styles.
    for r in document.iter(W + "r"):
        rpr = r.find(W + "rPr")
        assert rpr is None or {etree.QName(c).localname for c in rpr} <= {"rStyle", "sz", "szCs", "w"}


@pytest.mark.libreoffice
def test_the_changed_styles_show_on_the_page(tmp_path, office):
    """The same change measured in the PDF: body text and headings at 15 pt, 表格文字 at 8 pt."""
    from reportgen.render.pdf import to_pdf

    from .. import measure as M

    def change(doc):
        doc.styles["公文正文"].font.size = Pt(15)
        doc.styles["表格文字"].font.size = Pt(8)

    out = tmp_path / "r.docx"
    assert build(SAMPLE_XLSX, SAMPLE_TXT, out=out, template=_office_template(tmp_path, change)).ok
    lines = M.lines(to_pdf(out, tmp_path))
    body = [ln for ln in lines if ln.text.startswith("我局严格遵循")][0]
    assert body.size == 15
    heading = [ln for ln in lines if ln.text == "一、总体情况"][0]
    assert heading.size == 15  # the heading styles are based on 公文正文: same size as the text, as 7.3.3 wants
    row = [ln for ln in lines if ln.text.startswith("一、本年新收")][0]  # a label of table 三
    assert row.size == 8


def _refused(tmp_path, template, cli_env=None):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    txt.write_text(narrative_with("开头。"), encoding="utf-8")
    out = tmp_path / "r.docx"
    env = dict(os.environ, **(cli_env or {}))
    proc = subprocess.run(
        [sys.executable, "-m", "reportgen", "build", str(xlsx), str(txt), "-o", str(out), "--template", str(template)],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
    )  # fmt: skip
    return proc, out


def test_a_template_without_the_anchor_styles_is_refused_by_name(tmp_path):
    def rename(doc):
        doc.styles["发文机关署名"].name = "落款"
        doc.styles["发文机关标志（红头）"].name = "红头"

    proc, out = _refused(tmp_path, _office_template(tmp_path, rename))
    assert proc.returncode == 1 and not out.exists()
    assert (
        "错误 [TEMPLATE] 本单位模板.docx：模板中找不到以下样式的段落：发文机关标志（红头）、发文机关署名。"
        "程序靠样式名称找到红头、分隔线和落款，请在 Word 中恢复这些样式名称（可从内置模板 templates/report.docx 复制段落）"
    ) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_endless_template_work_is_stopped_and_refused(tmp_path):
    """Nested loops of range(99999) each pass the sandbox's per-range cap; the budget stops them."""

    def endless(doc):
        doc.paragraphs[1].runs[0].text = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}{{ agency }}"

    proc, out = _refused(tmp_path, _office_template(tmp_path, endless), {"REPORTGEN_TEMPLATE_SECONDS": "5"})  # the floor (sandbox.MIN_SECONDS)
    assert proc.returncode == 1 and not out.exists()
    assert (
        "错误 [TEMPLATE] 本单位模板.docx：模板渲染超过 5 秒仍未完成，已停止，没有生成报告。"
        "模板中可能有过大或层层嵌套的 {% for %} 循环，请删除或简化后重试"
    ) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_merged_labels_rows_are_kept_on_one_page_as_word_keeps_them(sample):
    """Word keeps a table row on the page of the next when its paragraphs are "keep with next": every
    row a vertically merged label covers, except its last, is so (all its cells' paragraphs), so a
    page break falls only between label groups ("三、本年度办理结果" and "（三）不予公开" whole); rows
    stay unsplit and the header rows repeat, as before. LibreOffice 7.4 and 25.2 honour it in table
    rows too: test_table_pages measures their PDF (without keepNext they cut "三、本年度办理结果")."""
    from reportgen.core import schema

    body = etree.fromstring(zipfile.ZipFile(sample).read("word/document.xml")).find(W + "body")
    for table, tbl in zip(schema.TABLES, body.iter(W + "tbl")):
        held = {r for c in table.cells if c.rowspan > 1 for r in range(c.row, c.row + c.rowspan - 1)}
        for r, tr in enumerate(tbl.findall(W + "tr")):
            paragraphs = tr.findall(f"{W}tc/{W}p")
            kept = [p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs]
            assert kept == [r in held] * len(paragraphs), (table.key, r)
            assert tr.find(f"{W}trPr/{W}cantSplit") is not None
            assert (tr.find(f"{W}trPr/{W}tblHeader") is not None) == (r < table.header_rows)
    t3 = schema.TABLES[1]
    group = next(c for c in t3.cells if c.text == "三、本年度办理结果")
    assert set(range(group.row, group.row + group.rowspan - 1)) <= {
        r for c in t3.cells if c.rowspan > 1 for r in range(c.row, c.row + c.rowspan - 1)
    }
