"""This year's folder against last year's (`--previous 上年文件夹`): each report or department paired
with last year's of the same agency (core.agencies), consecutive years only, and every cross-year rule
run per pair through the single-file path."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.checks.repetition import Text, learn_template, repeated_text, report_text
from reportgen.core.agencies import same_agency
from reportgen.core.folders import survey
from reportgen.core.model import Meta, Number, Report, Stats
from reportgen.core.problems import Problem, warning
from reportgen.core.text import squash

# Rules whose problems compare two files: their messages name last year's file too.
CROSS_YEAR_RULES = frozenset({"X-YEAR", "T2-STOCK", "JUMP"})

PAIRED = "已配对"
NO_PARTNER = "上年文件夹中没有该机关的报告"
GONE = "本年文件夹中没有该机关的报告"


@dataclass
class LastYear:
    """One report or department of last year's folder, read once."""

    name: str  # last year's folder and the name inside it (2024/乡镇/甲镇.docx, 2024/教育局)
    agency: str
    signature: str
    year: int | None
    stats: Stats | None  # None: its numbers were not all read (no comparison)
    text: Text = field(default_factory=Text)  # its narrative's sentences (checks.repetition)
    modified: float = 0.0  # when its file was last saved: of a draft and a final, the later counts once


@dataclass
class Partner:
    """What the pairing found for one of this year's rows."""

    last: LastYear | None
    note: str  # PAIRED, NO_PARTNER, or why no comparison was made
    template: frozenset[str] = frozenset()  # last year's county template (checks.repetition.learn_template)

    @property
    def stats(self) -> Stats | None:
        return self.last.stats if self.last is not None and self.note == PAIRED else None


@dataclass
class LastFolder:
    """Last year's folder, read: one entry per report or department, in the folder's order."""

    folder: str
    entries: list[LastYear] = field(default_factory=list)
    template: frozenset[str] = frozenset()  # the sentences most of its departments wrote (not counted by REPEAT)
    notes: list[Problem] = field(default_factory=list)  # files left out (other years, unreadable), named once

    def partner(self, meta: Meta) -> Partner:
        """Last year's report of `meta`'s agency: the full name first, then 署名 and 简称; the year
        before this one only."""
        ours = (meta.agency, meta.signature)
        if not meta.agency:
            return Partner(None, "没有读到本年报告的机关名称，无法配对")
        exact = [e for e in self.entries if squash(e.agency) == squash(meta.agency)]
        found = exact or [e for e in self.entries if same_agency(ours, (e.agency, e.signature))]
        if not found:
            return Partner(None, NO_PARTNER)
        if meta.year is not None:
            consecutive = [e for e in found if e.year == meta.year - 1]
            if not consecutive:
                years = "、".join(f"{e.year}年度" if e.year else "年度不明" for e in found)
                return Partner(found[0], f"上年文件夹中该机关的报告（{found[0].name}）是{years}，不是{meta.year - 1}年度，没有比较")
            found = consecutive
        if len(found) > 1:
            return Partner(found[0], f"上年文件夹中该机关的报告有 {len(found)} 份（{'、'.join(e.name for e in found)}），不知道比哪一份，没有比较")
        last = found[0]
        if last.stats is None:
            return Partner(last, f"上年报告 {last.name} 的数字没有全部读到，没有比较")
        return Partner(last, PAIRED, self.template)


def read_last_year(root: Path) -> LastFolder:
    """Every report and department of last year's folder, by the folder rule of this year's
    (core.folders.survey): a department's own report beside its inputs is that department, not a
    second report; a file that cannot be read and the reports of another year than the folder's
    are left out, each named once in a 提醒 (`notes`)."""
    from reportgen.office import convert

    contents = survey(root)
    with convert.session(f.path for f in contents.reports):  # last year's office files: one LibreOffice
        return _read_last_year(root, contents)


def _read_last_year(root: Path, contents) -> LastFolder:
    from reportgen import api
    from reportgen.core.catalogue import UNREADABLE
    from reportgen.core.problems import last_years
    from reportgen.county.folder import pick_inputs
    from reportgen.finished import check as finished

    last = LastFolder(root.name)
    own: set[Path] = set()
    for f in contents.found:
        name = f"{root.name}/{contents.name(f.path)}"  # the reviewer sees both years' files side by side
        if f.role == "inputs":
            xlsx, txt, _ = pick_inputs(f.path)
            if xlsx is None:
                continue
            report, problems = api.load_workbook(xlsx) if txt is None else api.load(xlsx, txt)
            stats = None if any(p.is_error and p.file == report.workbook_name for p in problems) else report.stats
            own |= {r.path for r in contents.reports if r.beside == f.path and r.path.stem == api.default_output(xlsx, report).stem}
            path = xlsx
        elif f.role == "report" and f.path not in own:
            found = finished.load(f.path)
            report = found.report
            unreadable = [p for p in found.problems if p.rule in UNREADABLE and p.is_error]
            if unreadable:
                last.notes.append(last_years(replace(unreadable[0], file=name, message=f"{unreadable[0].message}：没有用于与本年对照")))
                continue
            stats, _ = finished.previous_from(found)
            path = f.path
        else:
            continue
        meta = report.meta
        last.entries.append(LastYear(name, meta.agency, meta.signature, meta.year, stats, report_text(report), _modified(path)))
    _one_year(last)
    last.template = learn_template(e.text for e in last.entries)
    return last


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _one_year(last: LastFolder) -> None:
    """Keep the reports of the folder's own year (its most common; of two as common, the later); the
    others are named once."""
    years = [e.year for e in last.entries if e.year is not None]
    if len(set(years)) < 2:
        return
    year = max(set(years), key=lambda y: (years.count(y), y))
    others = [e for e in last.entries if e.year is not None and e.year != year]
    last.entries = [e for e in last.entries if e not in others]
    by_year: dict[int, list[str]] = {}
    for e in others:
        by_year.setdefault(e.year, []).append(e.name)  # type: ignore[arg-type]
    shown = "；".join(f"{y}年度 {len(names)} 份（{'、'.join(names)}）" for y, names in sorted(by_year.items()))
    last.notes.append(warning(
        "YEARS", last.folder, "",
        f"上年文件夹中除{year}年度的报告外，还有{shown}：这些报告没有用于与本年对照",
    ))


def name_both_files(problems: list[Problem], agency: str, this_name: str, partner: Partner) -> list[Problem]:
    """A cross-year problem names the agency and both files: a reviewer opens them side by side."""
    if partner.last is None:
        return problems
    out = []
    for p in problems:
        if p.rule in CROSS_YEAR_RULES:
            p = replace(p, message=f"{agency}：{p.message}（本年：{this_name}；上年：{partner.last.name}）")
        out.append(p)
    return out


@dataclass
class PairRow:
    """One line of the pairing table (汇总.xlsx's 上年对照 sheet, and the terminal)."""

    this_year: str  # this year's row as named in the folder ("" for an agency gone this year)
    agency: str
    last_year: str  # last year's as named in its folder ("" when none)
    note: str


def pairing_rows(results: list, last: LastFolder) -> list[PairRow]:
    """Each of this year's rows with its partner and note, then last year's that no row took."""
    rows = [PairRow(r.name, r.agency, r.previous, r.pairing) for r in results if r.pairing]
    taken = {r.previous for r in results if r.previous}
    rows += [PairRow("", e.agency, e.name, GONE) for e in last.entries if e.name not in taken]
    return rows


def previous_values(partner: Partner) -> dict[str, Number] | None:
    """Last year's figures of a paired row (for the indicators' change), else None."""
    stats = partner.stats
    return dict(stats.values) if stats is not None else None


def last_county_values(last: LastFolder | None) -> dict[str, Number] | None:
    """Last year's folder added up (the readable reports of its most common year): the county's
    indicators' change."""
    if last is None:
        return None
    read = [e for e in last.entries if e.stats is not None and e.year is not None]
    if not read:
        return None
    years = [e.year for e in read]
    year = max(set(years), key=years.count)
    once: dict[str, LastYear] = {}  # a draft and a final of one agency: the later saved counts, once
    for e in sorted((e for e in read if e.year == year), key=lambda e: e.modified):
        once[squash(e.agency) or e.name] = e
    from reportgen.core import schema

    summed = {k: sum(e.stats.values[k] for e in once.values()) for k in schema.INPUT_KEYS}  # type: ignore[union-attr]
    return schema.compute_totals(summed)


def compare_text(report: Report, partner: Partner | None) -> tuple[float | None, list[Problem]]:
    """The share of this year's narrative repeating the partner's (None: no partner or no text), and
    the REPEAT 提醒 when over half."""
    if partner is None or partner.last is None or partner.note != PAIRED or not partner.last.text:
        return None, []
    return repeated_text(report, partner.last.text, f"上年报告（{partner.last.name}）", partner.template)
