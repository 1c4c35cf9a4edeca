"""A county run's results as plain data: one row per department or report, and the batch as a whole.

Made by the batch (department folders) and the review (finished reports); printed by the command
line's views and written to 汇总.xlsx by county.summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportgen.checks.repetition import Text
from reportgen.core.model import Number
from reportgen.core.problems import Problem, has_errors
from reportgen.narrative.quotes import QUOTE_BY_NAME

PASSED, WARNINGS, ERRORS = "通过", "有警告", "有错误"

# The key figures of the summary: (column heading, the value keys added up), by the names the
# narrative quotes them with (a name the quotes lose fails at import).
KEY_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (name, QUOTE_BY_NAME[name].keys) for name in ("本年新收", "办理结果总计", "结转下年度", "行政复议总计", "行政诉讼总计")
)


@dataclass
class DepartmentResult:
    """What a worker sends back: plain, picklable data."""

    name: str  # the department's folder, or the report's file, as named inside the folder given (乡镇/甲镇.docx)
    agency: str = ""
    problems: list[Problem] = field(default_factory=list)
    values: dict[str, Number] | None = None  # every value key, when the workbook's numbers could be read
    year: int | None = None
    output: Path | None = None  # the .docx written, None on error
    pdf: Path | None = None  # with --pdf: its PDF, made after all reports (make_pdfs)
    partial: bool = False  # figures shown, but not every cell of the format known: left out of the county sum
    is_report: bool = False  # a finished report checked (not a department's inputs)
    form: str = ""  # a finished report: the form it was read in (finished.door.Form.label: Word, 网页, PDF, 扫描件 …)
    own_stem: str = ""  # a department: the name (no suffix) its built report has, to know it beside the inputs
    signature: str = ""  # the 署名, for pairing with last year's report (core.agencies)
    previous: str = ""  # with --previous 上年文件夹: last year's report paired, as named in its folder
    pairing: str = ""  # with --previous 上年文件夹: 已配对, or why no comparison was made
    previous_values: dict[str, Number] | None = None  # last year's figures when paired (the indicators' change)
    repeated: float | None = None  # when paired: the share of the narrative repeating last year's
    text: Text = field(default_factory=Text)  # its narrative as compared (checks.repetition), for SIMILAR
    similar: list = field(default_factory=list)  # county.similar.Pair: other reports its text is copied in
    fingerprint: str = ""  # its files' contents (county.rounds.fingerprint): an unchanged report is known next round

    @property
    def summable(self) -> bool:
        return self.status != ERRORS and self.values is not None and not self.partial

    @property
    def status(self) -> str:
        if has_errors(self.problems):
            return ERRORS
        return WARNINGS if self.problems else PASSED

    @property
    def first_problem(self) -> str:
        return str(self.problems[0]) if self.problems else ""

    def figures(self) -> list[Number | None]:
        if self.values is None:
            return [None] * len(KEY_FIGURES)
        return [sum(self.values[k] for k in keys) for _, keys in KEY_FIGURES]


@dataclass
class BatchResult:
    results: list[DepartmentResult]
    summary: Path
    county: Path | None  # None when no department is free of errors
    county_count: int  # departments summed into the county workbook
    years: list[int]  # the distinct years of those departments
    notes: list[Problem] = field(default_factory=list)  # the folder as a whole (reports of several years)
    unchecked: list[tuple[str, str]] = field(default_factory=list)  # files not checked, and why
    resources: list[tuple[str, str]] = field(default_factory=list)  # saved pages' own folders, and whose
    pairing: list = field(default_factory=list)  # with --previous 上年文件夹: county.pairing.PairRow per line
    reviewed: int = 0  # 提醒 the reviewer marked 已核 on the last summary, met again (county.reviewed)
    unmarked_errors: int = 0  # errors marked 已核 there: the mark dropped, an error is never silenced
    sent: object = None  # with a roster: county.roster.Sent (报送情况)
    round: object = None  # county.rounds.Round: this run against the last summary in the folder
    page: Path | None = None  # with --html: 汇总.html

    @property
    def ok(self) -> bool:
        """No row has an error, and neither has the folder (a unit of the roster that sent nothing)."""
        return not any(r.status == ERRORS for r in self.results) and not has_errors(self.notes)


ProgressCallback = Callable[[DepartmentResult, int, int], None]


def summed_years(results: list[DepartmentResult]) -> list[int]:
    """The distinct years of the rows that would be summed: more than one, and nothing is summed."""
    return sorted({r.year for r in results if r.summable and r.year is not None})


def totals_row(results: list[DepartmentResult]) -> list[Number | None]:
    """The key figures of the error-free departments, added up (they equal the county workbook's);
    blank when their years differ (figures of two years are never added)."""
    if len(summed_years(results)) > 1:
        return [None] * len(KEY_FIGURES)
    included = [r for r in results if r.summable]
    return [sum(r.figures()[i] for r in included) for i in range(len(KEY_FIGURES))]  # type: ignore[misc]


def totals_label(results: list[DepartmentResult], unit: str = "个部门") -> str:
    n_ok = sum(r.status != ERRORS for r in results)
    years = summed_years(results)
    if len(years) > 1:
        return f"合计：年度不一致（{'、'.join(map(str, years))}），不合计"
    return f"合计（没有错误的 {n_ok} {unit}）"
