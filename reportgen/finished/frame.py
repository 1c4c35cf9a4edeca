"""The frame of a finished report: agency, year, title, 发文字号, date, and the body's paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportgen.core.cellvalues import BadValue, parse_date
from reportgen.core.model import Meta
from reportgen.core.text import collapse_spaces, squash
from reportgen.finished.grid import DocTitle, Grid, Item, Para, Published

# --- facts and narrative ----------------------------------------------------------------------

_YEAR = re.compile(r"(\d{4})\s*年")
_OPENING_YEAR = re.compile(r"(\d{4})\s*年度")
_SPLIT_TITLE_TOP = re.compile(r"\d{4}\s*年度?$")  # "某某局2025年" over "政府信息公开工作年度报告"
_FIRST_HEADING = re.compile(r"^一\s*[、，,.．]\s*总体情况")
_AGENCY = re.compile(r"[\u4e00-\u9fff（）]{2,40}")  # a name, not a breadcrumb or a site banner
# An agency's name ends as agencies' names do; "走进平潭", "政务公开", "首页" do not.
_AGENCY_END = re.compile(
    r"(?:局|委|办|厅|院|府|会|室|中心|所|处|站|馆|部|署|司|队|团|镇|乡|街道|办事处|公司|集团|社|行|校)$"
)
_NOT_AGENCY = re.compile(r"走进|首页|网站|频道|专题|栏目|导航|概况|欢迎|登录|无障碍|专栏")
# Breadcrumbs and menus: "首页 > 政务公开 > 年度报告", "当前位置：…".
_NAV = re.compile(r"首页|当前位置|您的位置|现在的位置|[>＞»›]|\s/\s")
_SEARCH = re.compile(r"搜索|检索|共找到|条结果|关键词|关键字")
_DOC_NUMBER = re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）].*号")
LIST_PAGE_TITLES = 3  # distinct report titles on one page, without a report's body: a list of reports

REPORT, LIST, SEARCH = "report", "list", "search"


def _is_title(text: str) -> bool:
    t = squash(text)
    return "政府信息公开" in t and "报告" in t and len(t) <= 80 and "。" not in t and not _NAV.search(text)


def looks_like_agency(name: str) -> bool:
    """A name an agency signs with, not a banner, a menu item or a breadcrumb."""
    name = squash(name)
    return bool(_AGENCY.fullmatch(name) and _AGENCY_END.search(name) and not _NOT_AGENCY.search(name))


def _date_of(text: str):
    try:
        return parse_date(squash(text))
    except BadValue:
        return None


@dataclass
class Frame:
    """The parts of a finished report around its tables."""

    meta: Meta
    title: str
    body: list[str]  # paragraphs between the title and the signature
    found_title: bool
    kind: str = REPORT  # or LIST / SEARCH: a site's list of reports or its search results, saved by mistake
    titles: list[str] = field(default_factory=list)  # the reports a list page names


def _join_split_titles(paras: list[str]) -> list[str]:
    """A title printed on two lines (Word paragraphs, or <br> in a <p>) is one title."""
    out: list[str] = []
    for p in paras:
        if out and _is_title(p) and not _YEAR.search(p) and _SPLIT_TITLE_TOP.search(squash(out[-1])) and len(out[-1]) <= 40:
            out[-1] = out[-1] + p
        else:
            out.append(p)
    return out


def _page_kind(items: list[Item], paras: list[str]) -> tuple[str, list[str]]:
    texts = paras + [c.text for i in items if isinstance(i, Grid) for c in i.cells]
    titles = list(dict.fromkeys(squash(t)[: squash(t).rfind("报告") + 2] for t in texts if _is_title(t) and _YEAR.search(t)))
    if len(titles) < LIST_PAGE_TITLES or any(_FIRST_HEADING.match(p) for p in paras):
        return REPORT, titles
    return (SEARCH if any(_SEARCH.search(t) for t in texts) else LIST), titles


def _choose_title(paras: list[str]) -> int | None:
    """The report's own title line: the last title before 一、总体情况 (menus and related links name
    other reports around it), else the first with a year, else the first."""
    candidates = [i for i, p in enumerate(paras) if _is_title(p)]
    if not candidates:
        return None
    first = next((i for i, p in enumerate(paras) if _FIRST_HEADING.match(p)), None)
    if first is not None and any(i < first for i in candidates):
        candidates = [i for i in candidates if i < first]
        with_year = [i for i in candidates if _YEAR.search(paras[i])]
        return (with_year or candidates)[-1]
    return next((i for i in candidates if _YEAR.search(paras[i])), candidates[0])


def _agency_from_title(title: str, year_at: int) -> str:
    prefix = re.sub(r"^关于|关于$|的$", "", title[:year_at])
    return prefix if _AGENCY.fullmatch(prefix) and not _NOT_AGENCY.search(prefix) else ""


def read_frame(items: list[Item]) -> Frame:
    paras = [collapse_spaces(i.text) for i in items if isinstance(i, Para)]
    paras = _join_split_titles([p for p in paras if p])
    kind, titles = _page_kind(items, paras)
    if kind != REPORT:
        return Frame(Meta(), "", paras, False, kind, titles)
    ti = _choose_title(paras)
    meta = Meta()
    if ti is not None:
        title = paras[ti].replace("\n", "")
    else:  # no title in the text: a page's <title> ("…年度报告_某某县人民政府"), the text from 一、
        declared = [part for i in items if isinstance(i, DocTitle) for part in re.split(r"\s*[_|｜]\s*| - ", i.text)]
        title = next((t for t in declared if _is_title(t)), "")
        first = next((i for i, p in enumerate(paras) if _FIRST_HEADING.match(p)), None)
        if not title or first is None:
            return Frame(meta, "", paras, False)
        ti = first - 1
    m = _YEAR.search(squash(title))
    if m:
        meta.year = int(m.group(1))
    in_text = _is_title(paras[ti]) if ti >= 0 else False  # else a page's <title>: no red header above it
    header = next(
        (p for p in reversed(paras[max(0, ti - 4) : ti]) if not _DOC_NUMBER.search(p) and _date_of(p) is None and len(p) <= 40),
        "",
    ) if in_text else ""
    header = re.sub(r"文件$", "", squash(header))
    end = len(paras)
    for i in range(len(paras) - 1, ti, -1):  # the date closes the report; page footers follow it
        if _date_of(paras[i]) is not None and len(squash(paras[i])) <= 16:
            meta.date = _date_of(paras[i])
            end = i
            if i - 1 > ti and len(paras[i - 1]) <= 40 and "。" not in paras[i - 1]:
                meta.signature = paras[i - 1].strip()
                end = i - 1
            break
    body = [p.replace("\n", "") for p in paras[ti + 1 : end]]
    # The agency: the red header above the title, else the title's own words before the year, else the 署名.
    named = _agency_from_title(squash(title), m.start()) if m else ""
    # A red header's full name goes with the title's short one ("互助土族自治县司法局", "县司法局…");
    # a site's banner ("某某县人民政府" over "某某县某某局2025年…") does not.
    if looks_like_agency(header) and (not named or header.endswith(named[-2:])):
        meta.agency = header
    elif named:
        meta.agency = named
    elif looks_like_agency(meta.signature):
        meta.agency = squash(meta.signature)
    if meta.year is None:  # "政府信息公开工作年度报告" alone: the opening's "2025年度", else the year before the date
        opening = next((_OPENING_YEAR.search(p) for p in body[:2] if _OPENING_YEAR.search(p)), None)
        if opening:
            meta.year = int(opening.group(1))
        elif meta.date is not None:
            meta.year = meta.date.year - 1
    if meta.agency.endswith("人民政府"):
        meta.report_kind = "本级政府"
    meta.title = title
    published = next((i for i in items if isinstance(i, Published)), None)
    if published is not None:
        meta.published, meta.published_where = published.date, published.where
    return Frame(meta, title, body, True)
