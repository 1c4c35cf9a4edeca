"""A saved page's publication date (finished/published.py) in the layouts of real 政务公开 CMSs,
checked against the deadline (LATE) and the report's 成文日期 (PUB-DATE)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from reportgen.core.problems import WARNING
from reportgen.finished import check as finished

from .. import finished_corpus as C
from ..conftest import clean_values

TABLES = C.standard_tables(C.printed_values(clean_values()))
AGENCY = "某某县司法局"
TITLE = f"{AGENCY}2025年政府信息公开工作年度报告"


def _article(signed: str = "2026年1月20日") -> str:
    body = [f"<p style='text-align:center'><strong>{TITLE}</strong></p>", f"<p>&nbsp;&nbsp;{C.OPENING}</p>"]
    for heading, paras in C.NARRATIVE:
        body.append(f"<p><strong>{html.escape(heading)}</strong></p>")
        body += [f"<p>&nbsp;&nbsp;{html.escape(p)}</p>" for p in paras]
        key = {"二": "t2", "三": "t3", "四": "t4"}.get(heading[0])
        body += [C.html_table(spec) for spec in TABLES.get(key, [])] if key else []
    body += [f"<p style='text-align:right'>{AGENCY}</p>", f"<p style='text-align:right'>{signed}</p>"]
    return "\n".join(body)


def info_block(day: str) -> tuple[str, str]:
    """A 政务公开 column page: an info table above the article (索引号, 发布机构, 成文日期, 发布日期)."""
    block = (
        "<table class='xxgk-info'><tr><td>索引号：11350100MB0000000X/2026-00012</td><td>发布机构：某某县司法局</td></tr>"
        f"<tr><td>成文日期：2026-01-20</td><td>发布日期：{day}</td></tr></table>"
    )
    return "", block


def meta_pubdate(day: str) -> tuple[str, str]:
    """The 政府网站 metadata of 国办 specification: <meta name="PubDate"> (and a ContentSource)."""
    return f"<meta name='SiteName' content='某某县人民政府'><meta name='PubDate' content='{day} 09:30'>", ""


def open_graph(day: str) -> tuple[str, str]:
    """A newer CMS: Open Graph's article:published_time, and 发布时间 in a span of the info line."""
    iso = day.replace("年", "-").replace("月", "-").replace("日", "")
    head = f"<meta property='article:published_time' content='{iso}T10:00:00+08:00'>"
    line = f"<div class='info'><span>来源：某某县司法局</span><span>发布时间：{day} 10:00</span><span>浏览次数：12</span></div>"
    return head, line


def _page(path: Path, layout, day: str, signed: str = "2026年1月20日") -> Path:
    head, block = layout(day)
    path.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}<title>{TITLE}</title></head>"
        f"<body><div class='nav'>首页 &gt; 政府信息公开年报</div>{block}{_article(signed)}</body></html>",
        encoding="utf-8",
    )
    return path


LAYOUTS = [info_block, meta_pubdate, open_graph]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_publication_date_is_read_in_three_cms_layouts(tmp_path, layout):
    found = finished.load(_page(tmp_path / "页面.html", layout, "2026-01-22"))
    assert found.report.meta.published == dt.date(2026, 1, 22)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_published_before_the_deadline_says_nothing(tmp_path, layout):
    _, problems = finished.check(_page(tmp_path / "页面.html", layout, "2026-01-27"), deadline=dt.date(2026, 1, 28))
    assert [p for p in problems if p.rule in ("LATE", "PUB-DATE")] == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_published_after_the_given_deadline_is_a_warning_naming_the_date(tmp_path, layout):
    _, problems = finished.check(_page(tmp_path / "页面.html", layout, "2026-01-29"), deadline=dt.date(2026, 1, 28))
    late = [p for p in problems if p.rule == "LATE"]
    assert len(late) == 1 and late[0].level == WARNING
    assert late[0].file == "页面.html"
    assert "网页上的发布日期是 2026年1月29日" in late[0].message
    assert "晚于审核要求的公开期限 2026年1月28日（--deadline）" in late[0].message


def test_without_a_deadline_the_regulation_date_is_used_on_the_command_line(tmp_path, cli):
    page = _page(tmp_path / "页面.html", info_block, "2026年2月3日")
    code, out, err = cli("check", page)
    assert "提醒 [LATE] 页面.html" in out + err
    assert "网页上的发布日期是 2026年2月3日（页面上写着“发布日期：2026年2月3日”），晚于公开期限 2026年1月31日" in out + err
    assert "《政府信息公开条例》第四十九条" in out + err
    on_time = _page(tmp_path / "按时.html", info_block, "2026年1月30日")
    code, out, err = cli("check", on_time)
    assert "[LATE]" not in out + err


def test_the_written_date_in_the_info_block_is_not_taken_for_the_publication(tmp_path):
    """成文日期 comes first in the block; only 发布日期 is the page's going online."""
    found = finished.load(_page(tmp_path / "页面.html", info_block, "2026-01-25"))
    assert found.report.meta.published == dt.date(2026, 1, 25)
    assert found.report.meta.published_where == "页面上写着“发布日期：2026-01-25”"


def test_published_before_the_written_date_is_a_warning(tmp_path):
    page = _page(tmp_path / "页面.html", meta_pubdate, "2026-01-10", signed="2026年1月20日")
    _, problems = finished.check(page)
    early = [p for p in problems if p.rule == "PUB-DATE"]
    assert len(early) == 1
    assert early[0].message == (
        "网页上的发布日期是 2026年1月10日（网页的 <meta name=\"PubDate\" content=\"2026-01-10 09:30\">），"
        "早于报告的成文日期 2026年1月20日：先发布后成文不合常理，请核对报告的成文日期和网页的发布日期"
    )


def test_a_page_without_a_publication_date_says_nothing(tmp_path):
    page = tmp_path / "页面.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>{_article()}</body></html>", encoding="utf-8")
    report, problems = finished.check(page, deadline=dt.date(2026, 1, 1))
    assert report.meta.published is None
    assert [p for p in problems if p.rule in ("LATE", "PUB-DATE")] == []


def test_deadline_on_the_command_line(tmp_path, cli):
    page = _page(tmp_path / "页面.html", info_block, "2026年1月29日")
    code, out, err = cli("check", page, "--deadline", "2026-01-28")
    assert code == 0
    assert ("提醒 [LATE] 页面.html 发布日期：网页上的发布日期是 2026年1月29日（页面上写着“发布日期：2026年1月29日”），"
            "晚于审核要求的公开期限 2026年1月28日（--deadline）：逾期公开，请核实并在年度报告考核中说明") in out
    code, out, err = cli("check", page, "--deadline", "明天")
    assert code == 2 and "“明天”不是日期：请写成 2026-01-28 或 2026年1月28日" in err
