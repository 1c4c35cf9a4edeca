"""Plain data of one filled report: facts, statistics and narrative blocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.core import schema

Number = int | Decimal


@dataclass
class Meta:
    agency: str = ""
    signature: str = ""
    date: dt.date | None = None
    year: int | None = None
    title: str = ""
    doc_number: str = ""
    seal: bool = False
    report_kind: str = "部门"
    preprinted: bool = False
    level: str = ""  # 机关层级 as typed ("" when not given: told from the name where possible)
    published: dt.date | None = None  # a saved page's 发布日期 (finished.published), None for other files
    published_where: str = ""  # where the page says it: 页面上写着“发布日期：2026-01-20”, or its <meta>

    @property
    def legal_deadline(self) -> dt.date | None:
        """条例第四十九条: a department's report by 1月31日 of the next year, a government's by 3月31日."""
        if self.year is None:
            return None
        return dt.date(self.year + 1, 3, 31) if self.report_kind == "本级政府" else dt.date(self.year + 1, 1, 31)

    @property
    def date_text(self) -> str:
        """GB/T 9704 7.3.5.4: Arabic numerals, full year, no zero padding."""
        d = self.date
        return f"{d.year}年{d.month}月{d.day}日" if d else ""

    @property
    def default_title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"


@dataclass
class Stats:
    """Values keyed by schema value keys. Totals are computed from their parts."""

    values: dict[str, Number] = field(default_factory=lambda: {k: 0 for k in schema.VALUE_KEYS})
    # How each value was entered, for printing amounts "as entered" (e.g. "4166.241619").
    text: dict[str, str] = field(default_factory=dict)
    # Totals the clerk typed (or the spreadsheet cached), with their cell, for the checks.
    entered_totals: dict[str, tuple[Number, str]] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)  # key -> "sheet!cell"

    def __getitem__(self, key: str) -> Number:
        return self.values[key]

    def display(self, key: str) -> str:
        if key in self.text:
            return self.text[key]
        return str(self.values[key])


@dataclass
class Block:
    """One paragraph of narrative. kind: body | h2 | h3 | h4 (own line) | runin (h2 run-in)."""

    kind: str
    text: str
    line: int
    head: str = ""  # the run-in heading ("（一）主动公开推进情况。") when kind == runin


@dataclass
class Narrative:
    title: str = ""
    title_line: int = 0
    opening: list[Block] = field(default_factory=list)
    sections: dict[str, list[Block]] = field(default_factory=lambda: {s.key: [] for s in schema.SECTIONS})
    heading_lines: dict[str, int] = field(default_factory=dict)  # section key -> line number


@dataclass
class Report:
    meta: Meta
    stats: Stats
    narrative: Narrative
    workbook_name: str = "统计表.xlsx"
    narrative_name: str = "正文.txt"

    @property
    def title(self) -> str:
        return self.narrative.title or self.meta.title or self.meta.default_title
