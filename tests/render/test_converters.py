"""The report as other programs read it: a CMS's "导入 Word" (pandoc, mammoth) sees its headings.

The six 一、 section headings are level 1, the （一） headings level 2, wherever the report
comes from (the sample, and a long-name agency with a 文号, a seal and a narrative of our own).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import mammoth
import pytest

from reportgen import build
from reportgen.core import schema

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, nonzero_values, sample_meta, write_workbook
from .test_layout import LONG_AGENCY, long_narrative

SECTIONS = [s.heading for s in schema.SECTIONS]
SAMPLE_H2 = ["（一）主动公开推进情况", "（二）依申请公开办理情况", "（三）政府信息管理成效",
             "（四）政府信息公开平台建设情况", "（五）监督保障落实情况"]  # fmt: skip
LONG_H2 = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """(docx, expected level-2 headings) for the sample and a long-name agency."""
    folder = tmp_path_factory.mktemp("converters")
    sample = build(SAMPLE_XLSX, SAMPLE_TXT, out=folder / "sample.docx").output
    meta = sample_meta(agency=LONG_AGENCY, doc_number="某政办〔2026〕3号", seal=True, date=dt.date(2026, 1, 28))
    xlsx = write_workbook(folder / "统计表.xlsx", meta, nonzero_values())
    txt = folder / "正文.txt"
    # 1. and （1） headings under （一）: levels 3 and 4.
    narrative = long_narrative().replace("（一）主动公开\n", "（一）主动公开\n1.目录编制\n（1）编制范围\n", 1)
    txt.write_text(narrative, encoding="utf-8")
    result = build(xlsx, txt, out=folder / "long.docx")
    assert result.ok, [str(p) for p in result.problems]
    return [(sample, SAMPLE_H2), (result.output, LONG_H2)]


def _inline_text(inlines) -> str:
    out = []
    for item in inlines:
        if item["t"] == "Str":
            out.append(item["c"])
        elif item["t"] in ("Space", "SoftBreak"):
            out.append(" ")
        elif item["t"] in ("Emph", "Strong", "Span", "Underline"):
            out.append(_inline_text(item["c"] if item["t"] != "Span" else item["c"][1]))
    return "".join(out)


@pytest.mark.pandoc
def test_pandoc_sees_the_section_headings_at_level_1_and_the_subsections_at_level_2(reports):
    for docx, h2 in reports:
        doc = json.loads(subprocess.run(["pandoc", "-f", "docx", "-t", "json", str(docx)],
                                        capture_output=True, check=True).stdout)  # fmt: skip
        headers = [(b["c"][0], _inline_text(b["c"][2])) for b in doc["blocks"] if b["t"] == "Header"]
        assert [text for level, text in headers if level == 1] == SECTIONS, docx.name
        assert [text for level, text in headers if level == 2] == h2, docx.name
        assert [text for level, text in headers if level > 2] == ([] if h2 == SAMPLE_H2 else ["1.目录编制", "（1）编制范围"])
        assert [level for level, text in headers if level > 2] == ([] if h2 == SAMPLE_H2 else [3, 4])


def test_mammoth_makes_h1_and_h2(reports):
    for docx, h2 in reports:
        with open(docx, "rb") as fh:
            html = mammoth.convert_to_html(fh).value
        assert re.findall(r"<h1>(.*?)</h1>", html) == SECTIONS, docx.name
        assert re.findall(r"<h2>(.*?)</h2>", html) == h2, docx.name
        deeper = re.findall(r"<h([34])>(.*?)</h[34]>", html)
        assert deeper == ([] if h2 == SAMPLE_H2 else [("3", "1.目录编制"), ("4", "（1）编制范围")])
