"""What one argument stands for: a department's folder, a folder of finished reports, or one report.

`reportgen check 文件夹` and `reportgen build 文件夹` take a department's folder holding its
统计表.xlsx and 正文.txt (the rule of `init --from 文件夹`; a folder with exactly one workbook and
one text file is taken too). A folder with no workbook but finished reports (.docx/.html) is the
county reviewer's: each report is checked. A .docx/.html file is one finished report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core.problems import Problem, error

# The clerk's two files, as `init` names them; preferred when a folder holds several of a kind.
WORKBOOK_NAME, NARRATIVE_NAME = "统计表.xlsx", "正文.txt"
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".et", ".ods")  # every kind the workbook reader reads
NARRATIVE_SUFFIXES = (".txt",)
# Finished reports that are read (Word documents, web pages saved from a 政务公开 site).
REPORT_SUFFIXES = (".docx", ".html", ".htm", ".mhtml", ".mht")
# Also taken as reports, so that each gets its own message: a .doc is often a web page a site
# serves for download (read as such), or old Word (save as .docx); a .wps or .pdf cannot be read.
REPORT_LIKE_SUFFIXES = REPORT_SUFFIXES + (".doc", ".wps", ".pdf")
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


def lock_file(path: Path) -> Path | None:
    """The lock file an office program keeps beside a file it has open (Excel/WPS: `~$统计表.xlsx`,
    or with the name's first two characters replaced; LibreOffice: `.~lock.统计表.xlsx#`), if any."""
    path = Path(path)
    for name in (f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"):
        candidate = path.with_name(name)
        if candidate.is_file():
            return candidate
    return None


def of_kind(files: list[Path], suffixes: tuple[str, ...]) -> list[Path]:
    return [p for p in files if p.suffix.lower() in suffixes]


def choose(files: list[Path], suffixes: tuple[str, ...], preferred: str) -> Path | None:
    """The file to use: the one with the preferred name, else the only one of its kind; None for
    none or several (the caller says which)."""
    matching = of_kind(files, suffixes)
    named = [p for p in matching if p.name.casefold() == preferred.casefold()]  # 统计表.XLSX too
    if named:
        return named[0]
    return matching[0] if len(matching) == 1 else None


def named_in(folder: Path, name: str) -> list[Path]:
    """The file of that name in FOLDER, whatever the case of its letters (统计表.XLSX), as Windows matches."""
    return [p for p in visible(folder) if p.name.casefold() == name.casefold()][:1]


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
    txt = choose(files, NARRATIVE_SUFFIXES, NARRATIVE_NAME)
    if xlsx is not None and txt is not None:
        return Inputs(DEPARTMENT, xlsx=xlsx, txt=txt)
    reports = report_files(path)
    if reports:  # no workbook and text beside them: the reports are what is to be checked
        return Inputs(REPORTS, reports=reports)
    several = [
        f"{len(found)} 个{what}（{'、'.join(p.name for p in found)}），不知道用哪一个：请把要用的改名为“{preferred}”，或只留下一个"
        for what, suffixes, preferred, chosen in (
            ("统计表", WORKBOOK_SUFFIXES, WORKBOOK_NAME, xlsx),
            ("正文", NARRATIVE_SUFFIXES, NARRATIVE_NAME, txt),
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


@dataclass
class InitSources:
    """What `init --from` was given: last year's workbook and narrative, or last year's report."""

    xlsx: Path | None = None
    txt: Path | None = None
    report: Path | None = None
    problems: list[Problem] = field(default_factory=list)  # errors: the arguments cannot be used


def init_sources(paths: list[Path]) -> InitSources:
    """Sort the --from arguments. A folder stands for the 统计表.xlsx and 正文.txt inside it
    (whichever exist), or for last year's finished report when it holds only that."""
    out = InitSources()
    paths = [_lone_report(p) for p in paths]
    reports = [p for p in paths if p.suffix.lower() in REPORT_SUFFIXES and not p.is_dir()]

    def take(p: Path, kind: str) -> None:
        if getattr(out, kind) is not None:
            out.problems.append(error("FROM", p.name, "", f"--from 给了两个{'统计表' if kind == 'xlsx' else '正文'}：只能各给一个"))
        else:
            setattr(out, kind, p)

    for p in paths:
        if p in reports:
            continue
        if p.is_dir():
            found = [q for name in (WORKBOOK_NAME, NARRATIVE_NAME) for q in named_in(p, name)]
            if not found:
                out.problems.append(error("FROM", p.name, "", f"文件夹 {p} 中没有 {WORKBOOK_NAME} 或 {NARRATIVE_NAME}：请直接给出上年的文件"))
            for q in found:
                take(q, "xlsx" if q.name.casefold() == WORKBOOK_NAME.casefold() else "txt")
        elif p.suffix.lower() in WORKBOOK_SUFFIXES:
            take(p, "xlsx")
        elif p.suffix.lower() in NARRATIVE_SUFFIXES:
            take(p, "txt")
        else:
            out.problems.append(
                error("FROM", p.name, "", "--from 只接受上年的统计表（.xlsx，也可以是 .xls/.et/.ods）、正文（.txt）、放着它们的文件夹，或上年的年度报告（.docx/.html）")
            )
    if reports and (len(reports) > 1 or out.xlsx or out.txt):
        out.problems.append(error("FROM", reports[-1].name, "", "--from 给了上年的年度报告，就不能再给其他文件：报告中已有上年的数字和正文"))
    elif reports:
        out.report = reports[0]
    return out


def _lone_report(p: Path) -> Path:
    """A folder holding last year's finished report only stands for the report."""
    if not p.is_dir():
        return p
    reports = report_files(p)
    has_files = any(named_in(p, n) for n in (WORKBOOK_NAME, NARRATIVE_NAME))
    return reports[0] if len(reports) == 1 and not has_files else p
