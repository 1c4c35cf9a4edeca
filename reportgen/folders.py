"""What one argument stands for: a department's folder, a folder of finished reports, or one report.

`reportgen check 文件夹` and `reportgen build 文件夹` take a department's folder holding its
统计表.xlsx and 正文.txt (the rule of `init --from 文件夹`; a folder with exactly one workbook and
one text file is taken too). A folder with no workbook but finished reports (.docx/.html) is the
county reviewer's: each report is checked. A .docx/.html file is one finished report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .finished import REPORT_LIKE_SUFFIXES, REPORT_SUFFIXES  # noqa: F401 - REPORT_SUFFIXES is used through folders

from .api import NARRATIVE_NAME, WORKBOOK_NAME  # noqa: E402  preferred when a folder holds several

WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".et", ".ods")  # every kind the workbook reader reads
DEPARTMENT, REPORTS, REPORT, WORKBOOK = "department", "reports", "report", "workbook"


@dataclass
class Inputs:
    kind: str | None  # DEPARTMENT, REPORTS, REPORT, WORKBOOK (a lone workbook: the text is missing), None
    xlsx: Path | None = None
    txt: Path | None = None
    reports: list[Path] = field(default_factory=list)
    message: str = ""  # why the argument is none of these (Chinese), when kind is None


def visible(folder: Path) -> list[Path]:
    # ~$ are Office lock files, .~ our temporary files
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def of_kind(files: list[Path], suffixes: tuple[str, ...]) -> list[Path]:
    return [p for p in files if p.suffix.lower() in suffixes]


def choose(files: list[Path], suffixes: tuple[str, ...], preferred: str) -> Path | None:
    """The file to use: the one with the preferred name, else the only one of its kind; None for
    none or several (the caller says which)."""
    matching = of_kind(files, suffixes)
    named = [p for p in matching if p.name == preferred]
    if named:
        return named[0]
    return matching[0] if len(matching) == 1 else None


def report_files(folder: Path) -> list[Path]:
    return of_kind(visible(folder), REPORT_LIKE_SUFFIXES)


def classify(path: Path) -> Inputs:
    """The meaning of a single argument of check/build."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES and not path.is_dir():
        return Inputs(WORKBOOK, xlsx=path)  # its text is missing, whether it exists or not
    if not path.exists():
        return Inputs(None, message=f"找不到 {path}：请检查文件或文件夹的名称和位置")
    if path.is_file():
        if path.suffix.lower() in REPORT_LIKE_SUFFIXES:
            return Inputs(REPORT, reports=[path])
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            return Inputs(WORKBOOK, xlsx=path)
        return Inputs(
            None,
            message=f"{path.name} 不是统计表（.xlsx）、年度报告（.docx/.html）或文件夹："
            "请给出统计表和正文两个文件、放着它们的文件夹，或已完成的年度报告",
        )
    files = visible(path)
    xlsx = choose(files, WORKBOOK_SUFFIXES, WORKBOOK_NAME)
    txt = choose(files, (".txt",), NARRATIVE_NAME)
    if xlsx is not None and txt is not None:
        return Inputs(DEPARTMENT, xlsx=xlsx, txt=txt)
    reports = report_files(path)
    if reports:  # no workbook and text beside them: the reports are what is to be checked
        return Inputs(REPORTS, reports=reports)
    several = [
        f"{len(found)} 个{what}（{'、'.join(p.name for p in found)}），不知道用哪一个：请把要用的改名为“{preferred}”，或只留下一个"
        for what, suffixes, preferred, chosen in (
            ("统计表", WORKBOOK_SUFFIXES, WORKBOOK_NAME, xlsx),
            ("正文", (".txt",), NARRATIVE_NAME, txt),
        )
        if chosen is None and len(found := of_kind(files, suffixes)) > 1
    ]
    if several:
        return Inputs(None, message=f"文件夹 {path} 中有 " + "；还有 ".join(several))
    if xlsx is not None:
        return Inputs(None, message=f"文件夹 {path} 中有统计表 {xlsx.name}，但没有正文（.txt）：请把正文.txt 放进这个文件夹")
    if txt is not None:
        return Inputs(None, message=f"文件夹 {path} 中有正文 {txt.name}，但没有统计表（.xlsx）：请把统计表.xlsx 放进这个文件夹")
    return Inputs(
        None,
        message=f"文件夹 {path} 中既没有统计表.xlsx 和正文.txt，也没有已完成的年度报告（.docx/.html）："
        "请给出一个部门的文件夹（放着统计表和正文），或放着各部门年度报告的文件夹",
    )


def from_sources(paths: list[Path]) -> list[Path]:
    """`init --from 文件夹` where the folder holds last year's finished report only: the report."""
    out = []
    for p in paths:
        reports = report_files(p) if p.is_dir() else []
        has_files = p.is_dir() and any((p / n).is_file() for n in (WORKBOOK_NAME, NARRATIVE_NAME))
        out.append(reports[0] if len(reports) == 1 and not has_files else p)
    return out
