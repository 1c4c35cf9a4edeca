"""Which part of a saved page is the report: agency, year and title come from the report itself
(its title line, red header, 署名, 成文日期), never from the site's banner, menus, breadcrumbs or
footer; inline images are skipped; a list page or a search page is named as such in one message."""

from __future__ import annotations

import base64
import html
import os
import re
from pathlib import Path

from reportgen.finished import check as finished
from reportgen.workbook import reader

from .. import finished_corpus as C
from ..conftest import clean_values

VALUES = C.printed_values(clean_values())
TABLES = C.standard_tables(VALUES)  # the official merges: rowspan/colspan as the format prints them


def _article(title_html: str, agency: str, date: str = "2026年1月20日", image: str = "") -> str:
    body = [title_html, f"<p>&nbsp;&nbsp;{C.OPENING}</p>"]
    for heading, paras in C.NARRATIVE:
        if heading.startswith("五") and image:
            body.append(image)
        body.append(f"<p><strong>{html.escape(heading)}</strong></p>")
        body += [f"<p>&nbsp;&nbsp;{html.escape(p)}</p>" for p in paras]
        key = {"二": "t2", "三": "t3", "四": "t4"}.get(heading[0])
        body += [C.html_table(spec) for spec in TABLES.get(key, [])] if key else []
    body += [f"<p style='text-align:right'>{html.escape(agency)}</p>", f"<p style='text-align:right'>{date}</p>"]
    return "\n".join(body)


def _page(path: Path, content: str, title: str = "政府信息公开") -> Path:
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>{content}</body></html>", encoding="utf-8")
    return path


def _meta(path: Path):
    found = finished.load(path)
    m = found.report.meta
    return m.agency, m.year, m.title, [str(p) for p in found.problems]


def test_site_chrome_menus_banner_breadcrumb_and_footer_are_not_the_report(tmp_path):
    """A Pingtan-style page: banner and menu items right above the article, a breadcrumb, links to
    last years' reports in a sidebar, the article's title, and a footer after the date."""
    agency = "平潭综合实验区交通与建设局"
    title = f"{agency}2025年政府信息公开工作年度报告"
    chrome = (
        "<div><p>走进平潭</p><p>政务公开</p><p>互动交流</p></div>"  # a banner and menu without classes
        "<div class='position'>当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>"
        "<ul class='side-list'><li>政府信息公开工作年度报告</li><li>政府信息公开指南</li></ul>"
        f"<p>{agency}2024年政府信息公开工作年度报告</p><p>{agency}2023年政府信息公开工作年度报告</p>"  # related links
        "<p>走进平潭</p>"
    )
    footer = "<div class='footer'>主办：平潭综合实验区管委会 版权所有 闽ICP备12345678号</div><p>网站地图 | 联系我们</p>"
    page = _page(tmp_path / "页面.html", chrome + _article(f"<p style='text-align:center'>{title}</p>", agency) + footer, f"{title}_平潭综合实验区管委会")
    got_agency, year, got_title, problems = _meta(page)
    assert (got_agency, year, got_title) == (agency, 2025, title)
    assert problems == []
    report, all_problems = finished.check(page)
    assert [p for p in all_problems if p.is_error] == [] and str(report.meta.date) == "2026-01-20"
    assert report.meta.signature == agency


def test_a_site_banner_that_names_a_government_is_not_the_agency(tmp_path):
    title = "某某县自然资源局2025年政府信息公开工作年度报告"
    page = _page(tmp_path / "页面.html", "<p>某某县人民政府</p>" + _article(f"<p><b>{title}</b></p>", "某某县自然资源局"))
    assert _meta(page)[:3] == ("某某县自然资源局", 2025, title)


def test_a_red_header_and_a_title_split_by_br_in_a_cms_paragraph(tmp_path):
    """The red header names the agency in full, the title (its short name) wraps at the year."""
    content = (
        "<nav><a>首页</a><a>信息公开</a></nav>"
        "<p style='color:red;text-align:center'>互助土族自治县司法局文件</p>"
        + _article("<p style='text-align:center'><strong>县司法局2025年<br>政府信息公开工作年度报告</strong></p>", "互助县司法局")
    )
    page = _page(tmp_path / "页面.html", content)
    assert _meta(page)[:3] == ("互助土族自治县司法局", 2025, "县司法局2025年政府信息公开工作年度报告")


def test_a_report_without_agency_or_year_in_its_title(tmp_path):
    """"政府信息公开工作年度报告" alone: the agency is the 署名, the year that of the opening ("2025年度")."""
    page = _page(tmp_path / "页面.html", "<div class='banner'>走进平潭</div>" + _article("<h1>政府信息公开工作年度报告</h1>", "某某县教育局"))
    assert _meta(page)[:3] == ("某某县教育局", 2025, "政府信息公开工作年度报告")


def test_an_8_mb_inline_photo_does_not_lose_the_last_sections(tmp_path):
    photo = base64.b64encode(os.urandom(8 * 1024 * 1024)).decode("ascii")
    image = f"<p><img src='data:image/jpeg;base64,{photo}' alt='工作照片'></p>"
    title = "某某县某某局2025年政府信息公开工作年度报告"
    page = _page(tmp_path / "页面.html", _article(f"<p>{title}</p>", "某某县某某局", image=image))
    assert page.stat().st_size > 11_000_000
    report, problems = finished.check(page)
    assert (report.meta.agency, report.meta.year) == ("某某县某某局", 2025)
    assert [str(p) for p in problems if p.is_error] == []
    assert [b.text for b in report.narrative.sections["other"]] == ["本年度未收取信息处理费。"]
    assert report.narrative.sections["problems"]


def test_a_list_page_of_reports_is_named_as_such_in_one_message(tmp_path, cli):
    rows = "".join(
        f"<li><a href='/{y}.html'>某某县{d}{y}年政府信息公开工作年度报告</a><span>{y + 1}-01-2{i}</span></li>"
        for y in (2025, 2024, 2023) for i, d in enumerate(("教育局", "民政局", "财政局"))
    )
    page = _page(tmp_path / "年报列表.html", f"<div class='nav'>首页 &gt; 政府信息公开年报</div><ul class='list'>{rows}</ul>")
    code, out, err = cli("check", page)
    assert code == 1
    assert out.strip().splitlines()[0] == (
        "错误 [NOT-REPORT] 年报列表.html：这是网站上年度报告的列表页（列出了 9 份报告，如“某某县教育局2025年政府信息公开工作年度报告”、"
        "“某某县民政局2025年政府信息公开工作年度报告”），不是报告本身：请在网站上打开要检查的那一份报告，保存该页后再检查"
    )
    assert "请加一行" not in out and out.count("错误 [") == 1


def test_a_list_page_laid_out_as_a_table_and_a_search_page(tmp_path, cli):
    rows = "".join(f"<tr><td>某某县{d}2025年度政府信息公开工作年度报告</td><td>2026-01-20</td></tr>" for d in ("教育局", "民政局", "财政局", "卫健委"))
    table_page = _page(tmp_path / "列表.html", f"<table><tr><th>标题</th><th>发布日期</th></tr>{rows}</table>")
    found = finished.load(table_page)
    assert len(found.problems) == 1
    assert found.problems[0].message.startswith("这是网站上年度报告的列表页（列出了 4 份报告，如“某某县教育局2025年度政府信息公开工作年度报告”")
    search = _page(tmp_path / "搜索.html", f"<p>搜索结果：共找到 4 条结果，关键词：年度报告</p><table>{rows}</table>")
    code, out, _ = cli("check", search)
    assert code == 1 and out.count("错误 [") == 1
    assert "错误 [NOT-REPORT] 搜索.html：这是网站的搜索结果页（列出了 4 份报告，如“某某县教育局2025年度政府信息公开工作年度报告”" in out


def test_our_own_html_output_starts_next_year(tmp_path, clerk_files, cli):
    """--html prints the title in an <h1> with <br>: init --from carries the agency, the year and the full title."""
    from ..conftest import sample_meta

    meta = sample_meta(agency="某某自治县某某街道办事处", signature="某某街道办事处", title="")
    xlsx, txt = clerk_files(meta=meta)
    code, _, err = cli("build", xlsx, txt, "--html", "-o", tmp_path / "报告.docx")
    assert code == 0, err
    page = tmp_path / "报告.html"
    assert re.search(r"<h1>[^<]*<br>", page.read_text(encoding="utf-8"))
    assert _meta(page)[:3] == ("某某自治县某某街道办事处", 2025, "某某自治县某某街道办事处2025年政府信息公开工作年度报告")
    code, out, err = cli("init", tmp_path / "2026", "--from", page)
    assert code == 0, err
    assert f"已从 {page} 带入：机关名称、署名、年度、上年结转（取上年的结转下年度）、现行有效件数；其余数字为0。正文由" in out
    new, _, _ = reader.read(tmp_path / "2026" / "统计表.xlsx")
    assert (new.agency, new.signature, new.year) == ("某某自治县某某街道办事处", "某某街道办事处", 2026)


def test_init_from_a_page_says_exactly_what_it_could_not_read(tmp_path, cli):
    page = _page(tmp_path / "页面.html", "<div>走进平潭</div><p>政府信息公开工作年度报告</p><p>一、总体情况</p><p>本年度工作平稳。</p>")
    code, out, err = cli("init", tmp_path / "2026", "--from", page)
    assert code == 0, err
    line = next(ln for ln in out.splitlines() if ln.startswith("已从"))
    assert line == (
        f"已从 {page} 带入：（没有可带入的内容）；其余数字为0。没有读到：机关名称、署名、年度、上年结转（取上年的结转下年度）、现行有效件数，"
        "请在新统计表中自己填写。正文由上年报告的正文复制而来，请逐段改写。"
    )
    assert "走进平潭" not in out + err
    new, _, _ = reader.read(tmp_path / "2026" / "统计表.xlsx")
    assert new.agency == "" and new.year is None


def test_a_whole_2019_format_report_is_named_by_its_format(tmp_path):
    tables = TABLES | {"t2": [C.t2_2019()], "t3": [C.t3_23_rows(VALUES)]}
    page = C.write_html(tmp_path / "2019年报告.html", tables, year=2019, date="2020年1月20日")
    found = finished.load(page)
    assert (found.report.meta.agency, found.report.meta.year) == ("某某县某某局", 2019)
    assert [(p.level, p.rule) for p in found.problems] == [("warning", "FORMAT"), ("warning", "FORMAT")]
    assert found.problems[0].message.startswith("表二是2019年试行格式（有“本年新制作数量”、“本年新公开数量”、“对外公开总数量”等栏目），2019年度报告可以使用")
