"""The reviewer's roster (名单): the units that should report, who sent nothing (未交), whose report
is not on the list (名单外), and 汇总.xlsx's 报送情况 sheet.

The roster is 名单.xlsx or 名单.txt beside the reports (core.folders.ROSTER_NAMES; never taken for a
department's workbook), or the file `--roster` names. One unit a line: its full name, then optionally
its 简称 and its 类别 (部门 / 乡镇 / 本级政府; told from the name when left out). In 名单.txt the
parts are separated by spaces, a Tab or a comma, and a line starting with # is a comment; in
名单.xlsx they are the columns 单位名称, 简称, 类别 (headed so in the first row, or simply A, B, C).

A unit is matched to the rows (reports and departments' inputs) by the one notion of "the same
agency" (core.agencies.same_agency, over the unit's name and 简称 and the row's 机关名称 and 署名); a
row whose agency could not be read is tried by its file or folder name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core.agencies import same_agency
from reportgen.core.folders import ROSTER_NAMES
from reportgen.core.outfile import save_atomic
from reportgen.core.problems import Problem, error, warning
from reportgen.core.text import squash
from reportgen.county.results import ERRORS, PASSED, WARNINGS, DepartmentResult

DEPARTMENT, TOWNSHIP, GOVERNMENT = "部门", "乡镇", "本级政府"
CATEGORIES = (DEPARTMENT, TOWNSHIP, GOVERNMENT)
NOT_SENT = "未交"
HEADINGS = ("单位名称", "简称", "类别")
_NAME_HEADINGS = {"单位名称", "单位", "名称", "全称", "机关名称", "单位全称"}
_SPLIT = re.compile(r"[\t,，;；|]+|\s+")
_TOWNSHIP = re.compile(r"(?:镇|乡|街道)(?:人民政府|政府|办事处)?$")
STATUS_ORDER = (ERRORS, WARNINGS, PASSED)  # the worst first


@dataclass(frozen=True)
class Unit:
    name: str
    short: str = ""
    category: str = DEPARTMENT
    where: str = ""  # the line of the roster: 第3行, 名单!A4


@dataclass
class Roster:
    name: str  # the roster's file name, for the messages
    units: list[Unit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def category_of(name: str) -> str:
    """The 类别 a roster leaves out: 乡镇 for a 镇/乡/街道, 本级政府 for a 人民政府 of a county or above."""
    name = squash(name)
    if _TOWNSHIP.search(name):
        return TOWNSHIP
    return GOVERNMENT if name.endswith("人民政府") else DEPARTMENT


def find(root: Path, given: Path | None = None) -> Path | None:
    """The roster to use: the one `--roster` names, else 名单.xlsx or 名单.txt in the folder itself."""
    if given is not None:
        return given
    return next((root / n for n in ROSTER_NAMES if (root / n).is_file()), None)


def read(path: Path) -> Roster:
    """The units of a roster; never raises for bad input (a roster that cannot be used has no units
    and says why)."""
    roster = Roster(path.name)
    if not path.is_file():
        roster.problems.append(error("ROSTER", path.name, "", f"找不到名单 {path}：请检查文件名和位置（名单是每行一个单位的 .xlsx 或 .txt 文件）"))
        return roster
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        lines = _xlsx_lines(path, roster)
    elif path.suffix.lower() in (".txt", ".csv"):
        lines = _txt_lines(path, roster)
    else:
        roster.problems.append(error("ROSTER", path.name, "", "名单应是 Excel 文件（.xlsx）或文本文件（.txt）：每行一个单位，可在后面写简称和类别"))
        return roster
    seen: dict[str, str] = {}
    for unit in lines:
        if squash(unit.name) in seen:
            roster.problems.append(warning("ROSTER", path.name, unit.where, f"“{unit.name}”在名单上写了两次（另一次在{seen[squash(unit.name)]}）：只算一次"))
            continue
        seen[squash(unit.name)] = unit.where
        roster.units.append(unit)
    if not roster.units and not any(p.is_error for p in roster.problems):
        roster.problems.append(error("ROSTER", path.name, "", "名单中没有单位：请每行写一个应报送年度报告的单位（可用 reportgen init 文件夹 --roster 生成空白名单）"))
    return roster


def _bad(roster: Roster, where: str, name: str, words: list[str]) -> None:
    shown = "、".join(f"“{w}”" for w in words)
    roster.problems.append(error(
        "ROSTER", roster.name, where,
        f"“{name}”这一行的{shown}看不懂：全称后只能写简称和类别，类别只能是“部门”“乡镇”或“本级政府”",
    ))


def _txt_lines(path: Path, roster: Roster) -> list[Unit]:
    """名单.txt: the full name, then the 简称 and the 类别 in either order."""
    from reportgen.core.problems import InputError
    from reportgen.narrative.decode import decode

    try:
        text, problems = decode(path.read_bytes(), path.name)
    except OSError as exc:
        roster.problems.append(error("ROSTER", path.name, "", f"无法读取名单 {path}：{exc.strerror or exc}"))
        return []
    except InputError as exc:  # a line in no encoding
        roster.problems += exc.problems
        return []
    roster.problems += [p for p in problems if p.rule != "CHAR"]
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        parts = [squash(p) for p in _SPLIT.split(line.strip().lstrip("\ufeff"))]
        parts = [p for p in parts if p]
        if not parts or parts[0].startswith("#") or parts[0] in _NAME_HEADINGS:
            continue
        name, rest = parts[0], parts[1:]
        category = next((p for p in rest if p in CATEGORIES), "")
        others = [p for p in rest if p != category]
        if len(others) > 1:
            _bad(roster, f"第{n}行", name, others[1:])
            continue
        out.append(Unit(name, others[0] if others else "", category or category_of(name), f"第{n}行"))
    return out


def _xlsx_lines(path: Path, roster: Roster) -> list[Unit]:
    """名单.xlsx: the columns 单位名称, 简称, 类别 by the headings of the first rows, else A, B, C."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (anything openpyxl raises on a file that is not its own)
        roster.problems.append(error("ROSTER", path.name, "", "名单打不开：不是 Excel 文件（.xlsx），或已损坏、设置了密码。请另存为 .xlsx，或改用每行一个单位的 名单.txt"))
        return []
    try:
        ws = wb["名单"] if "名单" in wb.sheetnames else wb.worksheets[0]
        rows = [[squash(str(c)) if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
        title = ws.title
    finally:
        wb.close()
    columns, first = [0, 1, 2], 0
    for r, row in enumerate(rows[:5]):  # a heading row: its columns say where each part is
        if any(c in _NAME_HEADINGS for c in row):
            columns = [next(i for i, c in enumerate(row) if c in _NAME_HEADINGS)] + [row.index(h) if h in row else -1 for h in HEADINGS[1:]]
            first = r + 1
            break
    out = []
    for n, row in enumerate(rows[first:], start=first + 1):
        name, short, category = (row[c] if 0 <= c < len(row) else "" for c in columns)
        if not name:
            continue
        if category and category not in CATEGORIES:
            _bad(roster, f"{title}!{get_column_letter(columns[2] + 1)}{n}", name, [category])
            continue
        out.append(Unit(name, short, category or category_of(name), f"{title}!{get_column_letter(columns[0] + 1)}{n}"))
    return out


# --- matching the folder's rows ----------------------------------------------------------------


@dataclass
class SentRow:
    """One line of 报送情况: a unit of the roster (or a report not on it) and what it sent."""

    unit: str
    category: str
    files: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    status: str = NOT_SENT
    listed: bool = True


@dataclass
class Sent:
    """The roster against the folder: 报送情况's lines, the 未交 errors, and the roster's own problems."""

    roster: Roster
    rows: list[SentRow] = field(default_factory=list)
    missing: list[tuple[Unit, Problem]] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.roster.problems + [p for _, p in self.missing]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.rows if r.listed)


# The form a row arrived in, by its file's suffix.
FORMS = {".docx": "Word", ".html": "网页", ".htm": "网页", ".mhtml": "网页（单个文件）", ".mht": "网页（单个文件）",
         ".pdf": "PDF", ".doc": "旧版 Word", ".wps": "WPS 文字", ".rtf": "RTF", ".odt": "OpenDocument 文本",
         ".docm": "Word（启用宏）"}


def form_of(row: DepartmentResult) -> str:
    if not row.is_report:
        return "统计表和正文"
    return FORMS.get(Path(row.name).suffix.lower(), Path(row.name).suffix.lstrip("."))


def _names(row: DepartmentResult) -> tuple[str, str]:
    """What a row is known by: its agency and 署名, else (unreadable) its file or folder name."""
    if row.agency or row.signature:
        return row.agency, row.signature
    return Path(row.name).stem, ""


def _takes(unit: Unit, row: DepartmentResult) -> int:
    """2: the row is the unit's by its full name or 简称; 1: by core.agencies; 0: not the unit's."""
    ours = _names(row)
    if {squash(n) for n in ours if n} & {squash(unit.name), squash(unit.short)} - {""}:
        return 2
    return 1 if same_agency((unit.name, unit.short), ours) else 0


def match(roster: Roster, results: list[DepartmentResult]) -> Sent:
    """Each unit with the rows that are its; an UNLISTED 提醒 on each row of no unit; MISSING for
    each unit without a row."""
    sent = Sent(roster)
    owner: dict[int, Unit] = {}
    for i, row in enumerate(results):
        scored = [(s, u) for u in roster.units if (s := _takes(u, row))]
        if scored:
            owner[i] = max(scored, key=lambda su: su[0])[1]  # a full name before a 简称, then the roster's order
    for unit in roster.units:
        rows = [r for i, r in enumerate(results) if owner.get(i) is unit]
        line = SentRow(unit.name, unit.category, [r.name for r in rows], [form_of(r) for r in rows])
        if rows:
            line.status = next(s for s in STATUS_ORDER if any(r.status == s for r in rows))
        else:
            what = "乡镇" if unit.category == TOWNSHIP else "单位"
            sent.missing.append((unit, error(
                "MISSING", roster.name, unit.where,
                f"{unit.name}（{unit.category}）没有报送：文件夹中没有该{what}的年度报告或统计表。请催报；如该{what}已撤并，请从名单中删去这一行",
            )))
        sent.rows.append(line)
    for i, row in enumerate(results):
        if i in owner:
            continue
        who = row.agency or row.name
        row.problems.append(warning(
            "UNLISTED", row.name, "",
            f"“{who}”不在名单（{roster.name}）上：如该单位应当报送，请把它加进名单；如是机关名称写错，请该单位改正",
        ))
        sent.rows.append(SentRow(who, "名单外", [row.name], [form_of(row)], row.status, listed=False))
    return sent


# --- 汇总.xlsx's 报送情况, and the blank roster ---------------------------------------------------

SENT_HEADINGS = ("序号", "单位", "类别", "报送文件", "形式", "状态")
SENT_FILL = {PASSED: "E2EFDA", WARNINGS: "FFF2CC", ERRORS: "F8CBAD", NOT_SENT: "D9D9D9"}


def sent_sheet(wb, sent: Sent) -> None:
    """汇总.xlsx's 报送情况: every unit of the roster (then the reports not on it), what it sent and its status."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet("报送情况", 1)
    ws.append(list(SENT_HEADINGS))
    for i, r in enumerate(sent.rows, start=1):
        ws.append([i, r.unit, r.category, "、".join(r.files), "、".join(dict.fromkeys(r.forms)), r.status])
        ws.cell(ws.max_row, 6).fill = PatternFill("solid", fgColor=SENT_FILL.get(r.status, "FFFFFF"))
    counts = "，".join(f"{s} {sent.count(s)} 个" for s in (*STATUS_ORDER[::-1], NOT_SENT))
    ws.append([])
    ws.append([f"名单（{sent.roster.name}）上共 {len(sent.roster.units)} 个单位：{counts}；名单外 {sum(not r.listed for r in sent.rows)} 份。"])
    for cell in ws[1]:
        cell.font = Font(name="宋体", size=11, bold=True)
    for col, width in zip("ABCDEF", (6, 32, 10, 40, 14, 10)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, max_row=len(sent.rows) + 1):
        for cell in row:
            cell.alignment = Alignment(vertical="center", wrap_text=cell.column in (2, 4))
    ws.freeze_panes = "A2"


def write_blank(path: Path) -> None:
    """A blank 名单.xlsx: the three headed columns, the 类别 picked from a list, and how to fill it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(list(HEADINGS))
    for cell in ws[1]:
        cell.font = Font(name="宋体", size=11, bold=True)
    for col, width in zip("ABC", (36, 16, 12)):
        ws.column_dimensions[col].width = width
    choice = DataValidation(type="list", formula1=f'"{",".join(CATEGORIES)}"', allow_blank=True)
    choice.add("C2:C1000")
    ws.add_data_validation(choice)
    ws.freeze_panes = "A2"
    guide = wb.create_sheet("填写说明")
    for line in (
        "名单：应报送政府信息公开工作年度报告的单位，每行一个。",
        "单位名称：单位的全称，如“某某县教育局”“某某县甲镇人民政府”（必填）。",
        "简称：单位常用的简称或署名，如“县教育局”“甲镇”（可不填）。",
        "类别：部门、乡镇或本级政府（可不填：名称以“镇/乡人民政府”“街道办事处”结尾的算乡镇，以“人民政府”结尾的算本级政府，其余算部门）。",
        "把名单放在各单位报告所在的文件夹中（文件名为 名单.xlsx），运行 reportgen batch 时列出未交和名单外的单位；也可用 --roster 指定名单。",
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 120
    save_atomic(wb.save, path)


def apply(root: Path, given: Path | None, results: list[DepartmentResult]) -> tuple[Sent | None, list[Problem]]:
    """The roster of the folder `root` (or the one given) against its rows: the 报送情况 (None without
    a roster, or when it has no unit) and the folder's problems (the roster's own, then 未交)."""
    path = find(root, given)
    if path is None:
        return None, []
    listed = read(path)
    if not listed.units:
        return None, listed.problems
    sent = match(listed, results)
    return sent, sent.problems
