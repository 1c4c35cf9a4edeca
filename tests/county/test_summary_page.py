"""汇总.html (batch --html, county/page.py): the county at a glance as one offline page, with every
problem linked to its department, and no WCAG 2.1 A/AA violation under axe-core in Chromium."""

from __future__ import annotations

import re

import pytest

from ..htmlgrid import parse_tables
from ..render.test_accessibility import axe_violations
from .reviewer_folders import report, unbalanced


@pytest.fixture
def page(tmp_path, cli):
    now = tmp_path / "收到"
    report(now / "县教育局.docx", "某县教育局")
    report(now / "县民政局.html", "某县民政局", values=unbalanced())
    report(now / "县司法局.docx", "某县司法局")
    (now / "名单.txt").write_text("某县教育局\n某县民政局\n某县司法局\n某县财政局\n", encoding="utf-8")
    run = cli("batch", now, "-o", tmp_path / "审核", "--html")
    assert run.code == 1
    path = tmp_path / "审核" / "汇总.html"
    assert f"已写入：{path}（汇总网页：在浏览器中打开，可排序，不需要联网）" in run.out
    return path


def test_the_page_lists_every_department_and_links_its_problems(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", text)  # nothing fetched from the network
    assert "县民政局.html" in text and "某县财政局" in text and "未交" in text
    for anchor in re.findall(r'href="#(d\d+)"', text):
        assert f'id="{anchor}"' in text
    grids, _ = parse_tables(text)
    names = [c.text.strip() for g in grids for c in g if c.col == 1]
    assert {"县教育局.docx", "县民政局.html", "县司法局.docx"} <= set(names)
    assert "T3-BAL" in text and "“自然人”列不平衡" in text


@pytest.mark.chromium
@pytest.mark.axe
def test_the_summary_page_has_no_wcag_2_1_a_or_aa_violation(page, tmp_path):
    verdict = axe_violations(page, tmp_path)
    assert "error" not in verdict, verdict
    assert verdict["version"].startswith("4.")
    assert {"color-contrast", "document-title", "html-lang-valid"} <= set(verdict["passes"])
    assert verdict["violations"] == []
