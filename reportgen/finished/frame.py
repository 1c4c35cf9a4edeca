"""The frame of a finished report: agency, year, title, 发文字号, date, and the body's paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.core.cellvalues import BadValue, parse_date
from reportgen.core.model import Meta
from reportgen.core.text import collapse_spaces, squash
from reportgen.finished.grid import DocTitle, Item, Para

# --- facts and narrative ----------------------------------------------------------------------

_YEAR = re.compile(r"(\d{4})\s*年")
_FIRST_HEADING = re.compile(r"^一\s*[、，,.．]\s*总体情况")
_AGENCY = re.compile(r"[\u4e00-\u9fff（）]{2,40}")  # a name, not a breadcrumb or a site banner
_DOC_NUMBER = re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）].*号")


def _is_title(text: str) -> bool:
    t = squash(text)
    return "政府信息公开" in t and "报告" in t and len(t) <= 80 and "。" not in t


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


def read_frame(items: list[Item]) -> Frame:
    paras = [collapse_spaces(i.text) for i in items if isinstance(i, Para)]
    paras = [p for p in paras if p]
    ti = next((i for i, p in enumerate(paras) if _is_title(p)), None)
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
    if _AGENCY.fullmatch(header):  # the red header: the agency's full name
        meta.agency = header
    elif m:
        meta.agency = squash(title)[: m.start()]
    end = len(paras)
    for i in range(len(paras) - 1, ti, -1):  # the date closes the report; page footers follow it
        if _date_of(paras[i]) is not None and len(squash(paras[i])) <= 16:
            meta.date = _date_of(paras[i])
            end = i
            if i - 1 > ti and len(paras[i - 1]) <= 40 and "。" not in paras[i - 1]:
                meta.signature = paras[i - 1].strip()
                end = i - 1
            break
    if meta.agency.endswith("人民政府"):
        meta.report_kind = "本级政府"
    meta.title = title
    body = [p.replace("\n", "") for p in paras[ti + 1 : end]]
    return Frame(meta, title, body, True)


