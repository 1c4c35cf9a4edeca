"""What one argument stands for: a department's folder, a folder of finished reports, or one report.

`reportgen check 文件夹` and `reportgen build 文件夹` take a department's folder holding its
统计表.xlsx and 正文.txt (a folder with exactly one workbook and one text file is taken too). What
a folder holds is one rule, `survey`, used by check, batch, a dropped folder and `init --from`:
departments' inputs, finished reports (.docx/.html) at any depth a reviewer uses, a saved page's
own folder (NAME_files/) as the page's, and every other file with why it is not checked. A .docx/.html file is one finished report.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core import archives
from reportgen.core.problems import Problem, error

# The clerk's two files, as `init` names them; preferred when a folder holds several of a kind.
WORKBOOK_NAME, NARRATIVE_NAME = "统计表.xlsx", "正文.txt"
WORD_NARRATIVE_NAME = "正文.docx"  # what `init --narrative docx` writes instead of 正文.txt
NARRATIVE_FORMS = "正文（.txt，或 Word/WPS 写的 .docx/.doc/.wps）"  # the forms a 正文 is read in, as messages name them
# Beside 正文.txt, written by `init --from`: last year's text as the hashes of its sentences (for
# REPEAT). A dot file: skipped by `visible` (never taken for the narrative), hidden on Linux/macOS.
LAST_TEXT_NAME = ".上年正文指纹.txt"
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".et", ".ods")  # every kind the workbook reader reads
NARRATIVE_SUFFIXES = (".txt",)
# The narrative written in Word or WPS: taken beside a workbook when no .txt is there and it is
# named 正文 (.docx first) or is a .docx that holds no table (a finished report holds three). The
# older forms are read from LibreOffice's .docx of them (narrative.word, office.convert).
WORD_NARRATIVE_SUFFIXES = (".docx", ".doc", ".wps", ".odt", ".rtf")
# Older office formats of a finished report, read from LibreOffice's .docx conversion (office.convert;
# a .doc is often a web page a site serves for download, read as such). A .docm is read as it is.
OFFICE_REPORT_SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".docm")
# Finished reports that are read (Word documents, web pages saved from a 政务公开 site, PDFs, older office files).
REPORT_SUFFIXES = (".docx", ".html", ".htm", ".mhtml", ".mht", ".pdf") + OFFICE_REPORT_SUFFIXES
# Also taken as reports, so that each gets its own message (none left: every report form is read).
REPORT_LIKE_SUFFIXES = REPORT_SUFFIXES
DEPARTMENT, REPORTS, REPORT, WORKBOOK = "department", "reports", "report", "workbook"


@dataclass
class Inputs:
    kind: str | None  # DEPARTMENT, REPORTS, REPORT, WORKBOOK (a lone workbook: the text is missing), None
    xlsx: Path | None = None
    txt: Path | None = None
    reports: list[Path] = field(default_factory=list)
    message: str = ""  # why the argument is none of these (Chinese), when kind is None
    contents: Contents | None = None  # a folder: everything in it (survey)


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


def narrative_of(files: list[Path], workbook: Path | None) -> Path | None:
    """The department's narrative among FILES: the .txt (choose), else, beside a workbook, a Word
    file named 正文 (正文.docx before 正文.doc, .wps, .odt, .rtf) or the one .docx without tables."""
    txt = choose(files, NARRATIVE_SUFFIXES, NARRATIVE_NAME)
    if txt is not None or workbook is None or of_kind(files, NARRATIVE_SUFFIXES):
        return txt
    words = of_kind(files, WORD_NARRATIVE_SUFFIXES)
    named = [p for p in words if p.stem.casefold() == Path(NARRATIVE_NAME).stem]
    if named:
        return min(named, key=lambda p: WORD_NARRATIVE_SUFFIXES.index(p.suffix.lower()))
    plain = [p for p in words if is_word_narrative(p)]
    return plain[0] if len(plain) == 1 else None


def is_word_narrative(path: Path) -> bool:
    """A Word file that is a narrative, not a finished report: named 正文 (.docx, .doc, .wps, .odt,
    .rtf), or a .docx without tables."""
    from reportgen.core import filekind

    path = Path(path)
    return path.suffix.lower() in WORD_NARRATIVE_SUFFIXES and (
        path.stem.casefold() == Path(NARRATIVE_NAME).stem or filekind.word_without_tables(path)
    )


def named_narrative(path: Path) -> bool:
    """A Word file given alone that is taken for a 正文: by its name (正文 in it) as well as by
    is_word_narrative; a lone 通知.docx without tables is a document to check (a report without its
    tables, perhaps), not a 正文."""
    return "正文" in Path(path).stem and is_word_narrative(path)


def which_one(found: list[Path], what: str, preferred: str) -> str:
    """The one wording for a folder holding several workbooks (or texts) and none named PREFERRED:
    "2 个统计表（a.xlsx、b.xlsx），不知道用哪一个：请把要用的改名为“统计表.xlsx”，或只留下一个"."""
    return f"{len(found)} 个{what}（{'、'.join(p.name for p in found)}），不知道用哪一个：请把要用的改名为“{preferred}”，或只留下一个"


def classify(path: Path) -> Inputs:
    """The meaning of a single argument of check/build."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES and not path.is_dir():
        return Inputs(WORKBOOK, xlsx=path)  # its text is missing, whether it exists or not
    if not path.exists():
        return Inputs(None, message=f"找不到 {path}：请检查文件或文件夹的名称和位置")
    if path.is_file() and path.suffix.lower() in archives.ARCHIVE_SUFFIXES:
        return _zip(path)
    if path.is_file():
        if why := archives.named_only(path):
            return Inputs(None, message=f"{path.name}：{why}")
        if path.suffix.lower() in NARRATIVE_SUFFIXES or named_narrative(path):
            return _narrative_alone(path)
        if path.suffix.lower() in REPORT_LIKE_SUFFIXES:
            return Inputs(REPORT, reports=[path])
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            return Inputs(WORKBOOK, xlsx=path)
        return Inputs(
            None,
            message=f"{path.name} 不是统计表（.xlsx）、年度报告（.docx/.html/.pdf）或文件夹："
            "请给出统计表和正文两个文件、放着它们的文件夹，或已完成的年度报告",
        )
    files = visible(path)
    xlsx = choose(files, WORKBOOK_SUFFIXES, WORKBOOK_NAME)
    txt = narrative_of(files, xlsx)
    contents = survey(path)
    if xlsx is not None and txt is not None:
        return Inputs(DEPARTMENT, xlsx=xlsx, txt=txt, contents=contents)
    if contents.reports or [d for d in contents.departments if d.path != path]:
        # a reviewer's folder: reports and departments' inputs, at any depth
        return Inputs(REPORTS, reports=[f.path for f in contents.reports], contents=contents)
    several = [
        which_one(found, what, preferred)
        for what, suffixes, preferred, chosen in (
            ("统计表", WORKBOOK_SUFFIXES, WORKBOOK_NAME, xlsx),
            ("正文", NARRATIVE_SUFFIXES, NARRATIVE_NAME, txt),
        )
        if chosen is None and len(found := of_kind(files, suffixes)) > 1
    ]
    if several:
        return Inputs(None, message=f"文件夹 {path} 中有 " + "；还有 ".join(several))
    if xlsx is not None:
        return Inputs(None, message=f"文件夹 {path} 中有统计表 {xlsx.name}，但没有{NARRATIVE_FORMS}：请把正文放进这个文件夹（如 正文.txt 或 正文.docx）")
    if txt is not None:
        return Inputs(None, message=f"文件夹 {path} 中有正文 {txt.name}，但没有统计表（.xlsx）：请把统计表.xlsx 放进这个文件夹")
    return Inputs(
        None,
        message=f"文件夹 {path} 中既没有统计表（.xlsx）和{NARRATIVE_FORMS}，也没有已完成的年度报告（.docx/.html/.pdf）："
        "请给出一个部门的文件夹（放着统计表和正文），或放着各部门年度报告的文件夹",
    )


def _narrative_alone(path: Path) -> Inputs:
    """A 正文 given alone: its department, when it lies beside its workbook; else why it cannot be checked."""
    beside = classify(path.parent.resolve())
    if beside.kind == DEPARTMENT and beside.txt is not None and beside.txt.samefile(path):
        return beside
    return Inputs(None, message=f"这是正文，单独给出无法检查：请给出放着统计表和正文的文件夹，或先写统计表、再写正文（如 统计表.xlsx {path.name}）")


def _zip(path: Path) -> Inputs:
    """A zip given alone: the folder of reports (or departments' inputs) it holds, or why it is none."""
    contents = survey(path)
    if contents.reports or contents.departments:
        return Inputs(REPORTS, reports=[f.path for f in contents.reports], contents=contents)
    refused = [f.why for f in contents.unused if f.path == path]
    if refused:
        return Inputs(None, message=f"{path.name}：{refused[0]}")
    return Inputs(None, message=f"压缩包 {path.name} 中没有年度报告（.docx/.html/.pdf），也没有统计表和正文：请检查是否选错了文件")


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
    reports = [p for p in paths if p.suffix.lower() in REPORT_SUFFIXES and not p.is_dir() and not is_word_narrative(p)]

    def take(p: Path, kind: str) -> None:
        if getattr(out, kind) is not None:
            out.problems.append(error("FROM", p.name, "", f"--from 给了两个{'统计表' if kind == 'xlsx' else '正文'}：只能各给一个"))
        else:
            setattr(out, kind, p)

    for p in paths:
        if p in reports:
            continue
        if p.is_dir():  # the folder rule (survey), this folder only
            contents = survey(p, max_depth=0)
            department = contents.departments[0] if contents.departments else None
            found = [q for q in (department.xlsx, department.txt) if q is not None] if department else []
            several = [f.path.name for f in contents.reports]
            if not found and len(several) > 1:
                out.problems.append(error("FROM", p.name, "", f"文件夹 {p} 中有 {len(several)} 份年度报告（{'、'.join(several)}），"
                                          "不知道从哪一份开始：请直接给出上年的那一份报告"))
            elif not found:
                out.problems.append(error("FROM", p.name, "", f"文件夹 {p} 中没有 {WORKBOOK_NAME} 或 {NARRATIVE_NAME}：请直接给出上年的文件"))
            for q in found:
                take(q, "xlsx" if q.suffix.lower() in WORKBOOK_SUFFIXES else "txt")
        elif p.suffix.lower() in WORKBOOK_SUFFIXES:
            take(p, "xlsx")
        elif p.suffix.lower() in NARRATIVE_SUFFIXES or is_word_narrative(p):
            take(p, "txt")
        else:
            out.problems.append(
                error("FROM", p.name, "", "--from 只接受上年的统计表（.xlsx，也可以是 .xls/.et/.ods）、正文（.txt）、放着它们的文件夹，或上年的年度报告（.docx/.html/.pdf）")
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
    contents = survey(p, max_depth=0)
    reports = [f.path for f in contents.reports]
    return reports[0] if len(reports) == 1 and not contents.departments else p


# --- what a reviewer's folder holds: one rule for check, batch, a dropped folder and init --from ---

# The county's summaries (written by county.summary): never taken for a department's workbook.
SUMMARY_NAME, COUNTY_NAME = "汇总.xlsx", "汇总统计表.xlsx"
SUMMARY_PAGE = "汇总.html"  # the summary as a page (batch --html): never taken for a report
# The reviewer's roster of the units that should report (county.roster), beside the reports.
ROSTER_NAMES = ("名单.xlsx", "名单.txt")
# A previous round's 汇总.xlsx, kept under the time it was written: 汇总（2026-01-20 10时05分）.xlsx.
_KEPT_SUMMARY = re.compile(r"^汇总（\d{4}-\d{2}-\d{2} \d{2}时\d{2}分(?:（\d+）)?）\.xlsx$")


def kept_summary_name(when: dt.datetime, n: int = 1) -> str:
    """The name a previous round's 汇总.xlsx is kept under (the `n`-th of one minute: （2）, （3）…)."""
    again = f"（{n}）" if n > 1 else ""
    return f"汇总（{when:%Y-%m-%d %H}时{when:%M}分{again}）.xlsx"


def is_ours(name: str) -> str:
    """Why a file of that name is the program's own or the reviewer's list, never a report or a
    department's input ("" when it is neither)."""
    if name in (SUMMARY_NAME, COUNTY_NAME, SUMMARY_PAGE) or _KEPT_SUMMARY.match(name):
        return "本程序写出的汇总表"
    if name in ROSTER_NAMES:
        return "应报送单位的名单"
    return ""


MAX_DEPTH = 3  # 全县/乡镇/甲镇/统计表.xlsx: sub-folders this deep are looked into; deeper ones are named
# What a file or folder of a survey is.
INPUTS, FINISHED, UNUSED = "inputs", "report", "unused"
# A page saved "网页，全部" keeps its pictures, styles and frames in a folder beside it, named by the
# browser's language: 县文旅局.html + 县文旅局_files/ (IE, Chrome, Edge), .files/ (old Office), _文件/.
RESOURCES = "resources"
PAGE_FILE_SUFFIXES = (".html", ".htm")
RESOURCE_FOLDER_ENDINGS = ("_files", ".files", "_文件")


@dataclass(frozen=True)
class Found:
    """One file or folder of a surveyed folder, and what it is."""

    path: Path  # INPUTS: the department's folder; FINISHED and UNUSED: the file (or a folder not looked into)
    role: str  # INPUTS, FINISHED, UNUSED or RESOURCES (a saved page's own folder)
    why: str = ""  # UNUSED: why it is not checked; RESOURCES: whose they are (Chinese)
    beside: Path | None = None  # FINISHED: the department folder it lies in (it may be that department's own report)
    xlsx: Path | None = None  # INPUTS: the workbook and the text chosen (None: missing or several, the batch says which)
    txt: Path | None = None


@dataclass
class Contents:
    """What a folder holds, every file accounted for: departments' inputs, finished reports, and the rest with why."""

    root: Path
    found: list[Found] = field(default_factory=list)
    unpacked: dict[Path, str] = field(default_factory=dict)  # a zip's private folder -> the zip as named
    _scratch: Path | None = field(default=None, repr=False)  # removed when the Contents is

    def unpack(self, archive: Path) -> Path:
        """ARCHIVE's members in a private temporary folder, named as inside the zip; archives.Refused."""
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="reportgen-zip-"))
            weakref.finalize(self, shutil.rmtree, self._scratch, True)
        shown = self.name(archive)
        into = self._scratch / str(len(self.unpacked))
        archives.unpack(archive, into)
        self.unpacked[into] = shown
        return into

    def of(self, role: str) -> list[Found]:
        return [f for f in self.found if f.role == role]

    @property
    def departments(self) -> list[Found]:
        return self.of(INPUTS)

    @property
    def reports(self) -> list[Found]:
        return self.of(FINISHED)

    @property
    def unused(self) -> list[Found]:
        return self.of(UNUSED)

    @property
    def resources(self) -> list[Found]:
        return self.of(RESOURCES)

    def name(self, path: Path) -> str:
        """The path as the reviewer sees it in the folder: 乡镇/甲镇.docx, 报告包.zip/公安局.docx; the
        folder itself by its name."""
        for folder, shown in self.unpacked.items():
            if path.is_relative_to(folder):
                rel = path.relative_to(folder)
                return f"{shown}/{rel.as_posix()}" if rel.parts else shown
        try:
            rel = path.relative_to(self.root)
        except ValueError:
            return path.name
        return rel.as_posix() if rel.parts else path.resolve().name  # `check .` names the folder too

    @property
    def one_department(self) -> bool:
        """Only the inputs of the department the folder itself is (and maybe files that are not reports)."""
        return [f.path for f in self.departments] == [self.root] and not self.reports


NOT_A_REPORT = "不是年度报告（.docx/.html/.pdf），也不是统计表（.xlsx）或正文（.txt）"


def page_of(folder: Path, files: list[Path]) -> Path | None:
    """The saved page among FILES whose own files FOLDER holds (县文旅局_files/ beside 县文旅局.html), if any."""
    name = folder.name.casefold()
    for ending in RESOURCE_FOLDER_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            stem = name[: -len(ending)]
            for p in files:
                if p.suffix.lower() in PAGE_FILE_SUFFIXES and p.stem.casefold() == stem:
                    return p
    return None


def resources_note(page: Path) -> str:
    """The one line a saved page's own folder gets: whose files they are, and that they are not reports."""
    return f"网页 {page.name} 的附属文件（图片、样式等），随网页一起，不是报告，没有单独检查"


def survey(root: Path, skip: Path | None = None, max_depth: int = MAX_DEPTH) -> Contents:
    """Every file under `root` (sub-folders to `max_depth`), each as a department's input, a finished
    report, or unused with why. A folder whose one workbook and one text are found (by the clerk's
    names when there are several) is a department; finished reports are reports wherever they lie,
    beside a department's inputs too (the caller tells the department's own report by its name);
    inputs that cannot be paired beside reports are unused, with why; an empty sub-folder is a
    department missing its files only when the folder holds other departments."""
    out = Contents(root)
    skip_resolved = skip.resolve() if skip is not None else None
    empty: list[Path] = []

    def open_zip(archive: Path, depth: int, level: int) -> None:
        if level > archives.NESTING:
            out.found.append(Found(archive, UNUSED, "压缩包中的压缩包里又有压缩包，套得太深，没有打开：请解压后再检查"))
            return
        try:
            folder = out.unpack(archive)
        except archives.Refused as exc:
            out.found.append(Found(archive, UNUSED, exc.args[0]))
            return
        walk(folder, depth + 1, level + 1)

    def walk(folder: Path, depth: int, level: int = 0) -> None:
        files = visible(folder)
        subfolders = sorted(
            p for p in folder.iterdir()
            if p.is_dir() and not p.name.startswith((".", "~$")) and p.resolve() != skip_resolved
        )
        ours = [p for p in files if is_ours(p.name)]
        out.found.extend(Found(p, UNUSED, is_ours(p.name)) for p in ours)
        files = [p for p in files if p not in ours]
        zips = of_kind(files, archives.ARCHIVE_SUFFIXES)
        out.found.extend(Found(p, UNUSED, why) for p in files if (why := archives.named_only(p)))
        files = [p for p in files if p not in zips and not archives.named_only(p)]
        xlsx = choose(files, WORKBOOK_SUFFIXES, WORKBOOK_NAME)
        txt = narrative_of(files, xlsx)
        reports = [p for p in of_kind(files, REPORT_LIKE_SUFFIXES) if p != txt]  # 正文.docx is no report
        inputs = of_kind(files, WORKBOOK_SUFFIXES + NARRATIVE_SUFFIXES) + ([txt] if txt and txt not in of_kind(files, NARRATIVE_SUFFIXES) else [])
        workbooks = of_kind(inputs, WORKBOOK_SUFFIXES)
        # A lone workbook is a department missing its text; a lone text file beside sub-folders is a note.
        department = (xlsx is not None and txt is not None) or (
            not reports and (bool(workbooks) or (bool(inputs) and not subfolders))
        )
        if department:
            out.found.append(Found(folder, INPUTS, xlsx=xlsx, txt=txt))
            for p in inputs:
                if p not in (xlsx, txt) and xlsx is not None and txt is not None:
                    used = xlsx.name if p.suffix.lower() in WORKBOOK_SUFFIXES else txt.name
                    out.found.append(Found(p, UNUSED, f"没有使用：同一文件夹中已用 {used}"))
        else:
            why = _unpaired(xlsx, txt, inputs)
            out.found.extend(Found(p, UNUSED, why) for p in inputs)
        out.found.extend(Found(p, FINISHED, beside=folder if department else None) for p in reports)
        out.found.extend(Found(p, UNUSED, NOT_A_REPORT) for p in files if p not in reports and p not in inputs)
        if not files and not subfolders and not zips and folder != root:
            empty.append(folder)
        for archive in zips:  # a zip is one more folder, its members named 报告包.zip/公安局.docx
            open_zip(archive, depth, level)
        for sub in subfolders:
            page = page_of(sub, files)
            if page is not None:  # the page's own files: never looked into
                out.found.append(Found(sub, RESOURCES, resources_note(page)))
            elif depth >= max_depth:
                out.found.append(Found(sub, UNUSED, f"文件夹层级太深（超过 {max_depth} 层），没有查看：请把其中的报告或部门文件夹移到上一层"))
            else:
                walk(sub, depth + 1)

    if root.suffix.lower() in archives.ARCHIVE_SUFFIXES and root.is_file():
        open_zip(root, -1, 0)
    else:
        walk(root, 0)
    for folder in empty:
        if out.departments:
            out.found.append(Found(folder, INPUTS))  # the batch names the missing workbook and text
        else:
            out.found.append(Found(folder, UNUSED, "空文件夹"))
    return out


def _unpaired(xlsx: Path | None, txt: Path | None, inputs: list[Path]) -> str:
    """Why workbooks or texts lying beside finished reports are not checked."""
    workbooks = of_kind(inputs, WORKBOOK_SUFFIXES)
    texts = of_kind(inputs, NARRATIVE_SUFFIXES)
    if len(workbooks) > 1 and xlsx is None:
        return "没有检查：有 " + which_one(workbooks, "统计表", WORKBOOK_NAME)
    if len(texts) > 1 and txt is None:
        return "没有检查：有 " + which_one(texts, "正文", NARRATIVE_NAME)
    if xlsx is not None:
        return f"没有检查：只有统计表，没有{NARRATIVE_FORMS}"
    return "没有检查：不是年度报告；只有文本文件，没有统计表（.xlsx）"


def last_years_file(folder: Path) -> tuple[Path | None, str]:
    """A clerk's own last-year folder given as `--previous` for one department (check/build): its
    workbook (the figures as typed), else its one finished report; None and why (Chinese) otherwise."""
    contents = survey(folder, max_depth=0)
    own = next((f for f in contents.departments if f.path == folder and f.xlsx is not None), None)
    if own is not None:
        return own.xlsx, ""
    reports = [f.path for f in contents.reports]
    if len(reports) == 1:
        return reports[0], ""
    if reports:
        return None, (f"--previous 给的文件夹 {folder} 中有 {len(reports)} 份报告（{'、'.join(p.name for p in reports)}），"
                      "不知道用哪一份：请直接给出本机关上一年度的统计表或报告")
    return None, f"--previous 给的文件夹 {folder} 中没有上一年度的统计表（{WORKBOOK_NAME}）或报告：请直接给出上一年度的统计表或报告"
