"""A folder given instead of the two files: `reportgen build 2025年报`, or the year's folder
dropped onto reportgen.exe. The workbook and the narrative are the ones inside it."""

from __future__ import annotations

from pathlib import Path

from .api import NARRATIVE_NAME, WORKBOOK_NAME
from .problems import Problem, error

# .xls/.et are offered too, so that the workbook reader can say "save it as .xlsx".
WORKBOOK_SUFFIXES, NARRATIVE_SUFFIXES = (".xlsx", ".xls", ".et"), (".txt",)


def inputs_in(folder: Path) -> tuple[Path | None, Path | None, list[Problem]]:
    """(workbook, narrative, problems); a file is None when it is missing or ambiguous."""
    xlsx, p1 = _one(folder, WORKBOOK_SUFFIXES, WORKBOOK_NAME, "统计表")
    txt, p2 = _one(folder, NARRATIVE_SUFFIXES, NARRATIVE_NAME, "正文")
    return xlsx, txt, [p for p in (p1, p2) if p is not None]


def _one(folder: Path, suffixes: tuple[str, ...], preferred: str, what: str) -> tuple[Path | None, Problem | None]:
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~$"))  # ~$: Office lock files
    )
    names = [p.name for p in files]
    if preferred in names:
        return folder / preferred, None
    if len(files) == 1:
        return files[0], None
    if not files:
        return None, error(
            "FILE", folder.name, "",
            f"文件夹“{folder.name}”中没有{what}（{preferred}）。请把{what}放进这个文件夹；还没有时可运行 reportgen init 生成",
        )
    return None, error(
        "FILE", folder.name, "",
        f"文件夹“{folder.name}”中有 {len(files)} 个{what}（{'、'.join(names)}），不知道用哪一个。"
        f"请把要用的改名为“{preferred}”，或只留下一个",
    )
