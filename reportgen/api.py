"""The library API: load the clerk's files, check them, build the report. The CLI is a thin layer.

    from reportgen import load, check, build
    report, problems = load("统计表.xlsx", "正文.txt")
    problems += check(report)
    result = build("统计表.xlsx", "正文.txt", out="报告.docx")
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import checks, narrative, workbook
from .model import Meta, Narrative, Report, Stats
from .problems import InputError, Problem, error, has_errors

PathLike = str | os.PathLike


def load(xlsx: PathLike, txt: PathLike) -> tuple[Report, list[Problem]]:
    """Read both files. Problems of both are returned together; a file that cannot be read at all
    contributes its InputError problems and an empty part."""
    problems: list[Problem] = []
    try:
        meta, stats, wb_problems = workbook.read(xlsx)
        problems += wb_problems
    except InputError as exc:
        meta, stats = Meta(), Stats()
        problems += exc.problems
    try:
        narr, txt_problems = narrative.read(txt)
        problems += txt_problems
    except InputError as exc:
        narr = Narrative()
        problems += exc.problems
    report = Report(meta, stats, narr, workbook_name=Path(xlsx).name, narrative_name=Path(txt).name)
    return report, problems


def check(report: Report) -> list[Problem]:
    """The consistency rules over a loaded report."""
    return checks.run(report)


def default_output(xlsx: PathLike, report: Report) -> Path:
    name = f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告.docx"
    return Path(xlsx).resolve().parent / _safe_filename(name)


def _safe_filename(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None  # None when nothing was written

    @property
    def ok(self) -> bool:
        return self.output is not None


def build(
    xlsx: PathLike, txt: PathLike, out: PathLike | None = None, template: PathLike | None = None
) -> BuildResult:
    """Load, check, and write the .docx unless there is an error. Nothing is written on error."""
    report, problems = load(xlsx, txt)
    return build_loaded(report, problems, xlsx, out, template)


def build_loaded(
    report: Report, problems: list[Problem], xlsx: PathLike, out: PathLike | None = None, template: PathLike | None = None
) -> BuildResult:
    """`build` for a report already loaded (`problems`: those of loading), e.g. by the batch."""
    from .render import render_bytes, write_atomic

    problems = list(problems)
    if not has_errors(problems):
        problems += check(report)
    if has_errors(problems):
        return BuildResult(problems)
    target = Path(out) if out else default_output(xlsx, report)
    try:
        data = render_bytes(report, template)
    except InputError as exc:
        return BuildResult(problems + exc.problems)
    if not target.parent.is_dir():
        return BuildResult(problems + [error("OUTPUT", target.name, "", f"输出文件夹不存在：{target.parent}。请先建立该文件夹或换一个位置")])
    try:
        write_atomic(data, target)
    except PermissionError:
        return BuildResult(
            problems
            + [error("OUTPUT", target.name, "", f"无法写入 {target}：文件可能正在 Word/WPS 中打开，或没有写入权限。请关闭该文件后重试")]
        )
    except OSError as exc:
        return BuildResult(problems + [error("OUTPUT", target.name, "", f"无法写入 {target}：{exc.strerror}。请换一个保存位置")])
    return BuildResult(problems, target)
