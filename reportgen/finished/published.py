"""When a saved page went online: the 发布日期 a 政务公开 CMS prints, and the two 提醒 about it.

Sites say it in two ways, and both are read: machine-readable `<meta>` tags (the 政府网站 metadata
`<meta name="PubDate">`, `firstpublishedtime`, `publishdate`, Open Graph's
`<meta property="article:published_time">`, schema.org's `itemprop="datePublished"`), and the
information block above the article (“发布日期：2026-01-20”, “发布时间：2026年01月20日 10:30”,
“日期：2026-01-20  来源：县司法局”, in a span, a table cell or a line). A `<meta>` tag wins: the block
may also list the 成文日期 (“成文日期：”, never taken) and other dates. A page without either says
nothing, and so does every .docx.

LATE: published after the deadline (`--deadline`, else the 条例's for the report's kind,
Meta.legal_deadline). PUB-DATE: published before the report's own 成文日期.
"""

from __future__ import annotations

import datetime as dt
import re

from reportgen.core.cellvalues import BadValue, parse_date
from reportgen.core.model import Meta
from reportgen.core.problems import Problem, warning

# <meta> names and properties (lower case) that carry the first publication, in order of trust.
META_NAMES = (
    "pubdate", "firstpublishedtime", "publishdate", "publish_date", "publishtime", "article:published_time",
    "og:article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued", "dc.date",
)
# Labels of the information block. A bare 日期/时间 counts only when no word precedes it (成文日期,
# 生效日期, 更新时间 are other dates).
_LABEL = re.compile(
    r"(发布日期|发布时间|发表时间|公开日期|上网时间|发布于|(?<![\u4e00-\u9fff])日期|(?<![\u4e00-\u9fff])时间)"
    r"\s*[:：]?\s*(\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?)"
)
_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")


def _date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if m is None:
        return None
    try:
        return parse_date("-".join(m.groups()))
    except BadValue:
        return None


def page_date(root) -> tuple[dt.date, str] | None:
    """The publication date of a parsed page (lxml root) and where the page says it (a phrase for
    the message: 页面上写着“发布日期：2026-01-20”), or None."""
    found: dict[str, tuple[dt.date, str]] = {}
    for meta in root.iter("meta"):
        for attr in ("name", "property", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key in META_NAMES and key not in found:
                day = _date(meta.get("content") or "")
                if day is not None:
                    found[key] = (day, f'网页的 <meta {attr}="{meta.get(attr).strip()}" content="{(meta.get("content") or "").strip()}">')
    for key in META_NAMES:
        if key in found:
            return found[key]
    texts = root.xpath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]")
    for m in _LABEL.finditer("".join(texts)):
        day = _date(m.group(2))
        if day is not None:
            return day, f"页面上写着“{' '.join(m.group(0).split())}”"
    return None


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def date_problems(meta: Meta, name: str, deadline: dt.date | None = None) -> list[Problem]:
    """LATE and PUB-DATE for a report whose page gave its publication date (none otherwise)."""
    if meta.published is None:
        return []
    out: list[Problem] = []
    said = f"网页上的发布日期是 {_zh(meta.published)}（{meta.published_where}）"
    end = deadline or meta.legal_deadline
    if end is not None and meta.published > end:
        if deadline is not None:
            why = f"审核要求的公开期限 {_zh(end)}（--deadline）"
        else:
            who = "本级人民政府的年度报告在3月31日前" if meta.report_kind == "本级政府" else "部门的年度报告在1月31日前"
            why = f"公开期限 {_zh(end)}（《政府信息公开条例》第四十九条：{who}公布）"
        out.append(warning("LATE", name, "发布日期", f"{said}，晚于{why}：逾期公开，请核实并在年度报告考核中说明"))
    if meta.date is not None and meta.published < meta.date:
        out.append(warning(
            "PUB-DATE", name, "发布日期",
            f"{said}，早于报告的成文日期 {meta.date_text}：先发布后成文不合常理，请核对报告的成文日期和网页的发布日期",
        ))
    return out
