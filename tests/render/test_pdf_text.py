"""Every character of the narrative reaches the PDF, in order, and nothing but a closing
punctuation mark stands right of the type area (LibreOffice; the Word setting is overflowPunct on,
ECMA-376 17.3.1.21: a mark may hang past the line end instead of being pushed to the next line)."""

from __future__ import annotations

import unicodedata

import pdfplumber
import pytest

from reportgen import build
from reportgen.narrative.parse import read as read_narrative
from reportgen.render.pdf import to_pdfs

from .. import measure as M
from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, nonzero_values, sample_meta, write_workbook

# every test here converts with LibreOffice, once with each installation (conftest.office)
pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("office")]

CLOSING = "，。、；：！？”’）》」』】〕…"

# Lines built so that a comma, a full stop or a closing quote falls on the 28th character of a
# line, long runs of digits and Latin letters, quotes and brackets of every kind.
HARD = [
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七，八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七。",
    "第一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五“引号”。",
    "编号12345678901234567890123456789012345678901234567890，共计20251231件，网址www.example.gov.cn，电话0971-8888888。",
    "依据《中华人民共和国政府信息公开条例》（国务院令第711号）第五十条，‘单引号’与“双引号”、【方括号】和〔2026〕3号都要印出。",
    "本年度共受理行政复议案件，意见建议，全部在规定期限内办结，群众满意率达到百分之九十九点九，没有发生因公开引发的行政复议案件，",
    "有效落地。" * 12,
]


def narrative_text() -> str:
    lines = ["开头段落。", "一、总体情况", *HARD, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "一是解读不够通俗。下一步，我们将加强政策解读。",
             "六、其他需要报告的事项", "本年度未收取信息处理费。"]  # fmt: skip
    return "\n".join(lines)


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _pdf_chars(pdf_path):
    """All characters of the PDF in reading order, with their right edge in mm."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            chars = M.chars(page)
            chars.sort(key=lambda c: (round(c["bottom"] * 2), c["x0"]))
            out += [(c["text"], c["x1"] * M.MM_PER_PT, c["size"]) for c in chars]
    return out


def _missing_in_order(paragraphs: list[str], got: str) -> list[str]:
    """Characters of the PARAGRAPHS not found, in order, in GOT. Between paragraphs GOT may hold
    anything (headings, tables); inside one, only a page break's page number and header lines."""
    missing, i = [], 0
    for text in paragraphs:
        i = got.find(text[:4], i) if got.find(text[:4], i) != -1 else i
        for k, ch in enumerate(text):
            j = got.find(ch, i)
            if j == -1 or j - i > 12:  # not within the next few characters: lost here
                missing.append(f"{ch}（{text[max(0, k - 8) : k]}▲{text[k + 1 : k + 4]}）")
            else:
                i = j + 1
    return missing


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, office):
    folder = tmp_path_factory.mktemp("pdftext")
    xlsx = write_workbook(folder / "统计表.xlsx", sample_meta(), nonzero_values())
    txt = folder / "正文.txt"
    txt.write_text(narrative_text(), encoding="utf-8")
    hard = build(xlsx, txt, out=folder / "hard.docx")
    assert hard.ok, [str(p) for p in hard.problems]
    sample = build(SAMPLE_XLSX, SAMPLE_TXT, out=folder / "sample.docx")
    return dict(zip(("sample", "hard"), to_pdfs([sample.output, hard.output], folder))), {"sample": SAMPLE_TXT, "hard": txt}


@pytest.mark.parametrize("which", ["sample", "hard"])
def test_every_character_of_the_narrative_is_in_the_pdf_in_order(pdfs, which):
    pdf_paths, texts = pdfs
    narrative, problems = read_narrative(texts[which])
    blocks = narrative.opening + [b for blocks in narrative.sections.values() for b in blocks]
    got = _norm("".join(ch for ch, _, _ in _pdf_chars(pdf_paths[which])))
    assert _missing_in_order([_norm(b.head + b.text) for b in blocks], got) == []


@pytest.mark.parametrize("which", ["sample", "hard"])
def test_only_closing_punctuation_stands_right_of_the_type_area(pdfs, which):
    pdf_paths, _ = pdfs
    outside = [(ch, round(x1, 1)) for ch, x1, size in _pdf_chars(pdf_paths[which]) if x1 > M.TYPE_RIGHT + 0.3]
    assert all(ch in CLOSING for ch, _ in outside), outside


def test_a_converter_sees_the_heading_structure(pdfs):
    """LibreOffice turns the outline levels into PDF bookmarks: the navigation a reader gets."""
    pdf_paths, _ = pdfs
    with pdfplumber.open(pdf_paths["sample"]) as pdf:
        outline = [(level, title) for level, title, *_ in pdf.doc.get_outlines()]
    assert outline == [
        (1, "一、总体情况"), (2, "（一）主动公开推进情况"), (2, "（二）依申请公开办理情况"), (2, "（三）政府信息管理成效"),
        (2, "（四）政府信息公开平台建设情况"), (2, "（五）监督保障落实情况"), (1, "二、主动公开政府信息情况"),
        (1, "三、收到和处理政府信息公开申请情况"), (1, "四、政府信息公开行政复议、行政诉讼情况"),
        (1, "五、存在的主要问题及改进情况"), (1, "六、其他需要报告的事项"),
    ]  # fmt: skip
