"""Reviewer's folders as county reviewers keep them: finished reports and a department's inputs mixed,
sub-folders (部门/, 乡镇/, 补报/), two versions of one agency's report, reports of two years, stray files."""

from __future__ import annotations

from pathlib import Path

from .. import finished_corpus as C
from ..conftest import CLEAN_NARRATIVE, clean_values, sample_meta, write_workbook

VALUES = C.printed_values(clean_values())


def unbalanced() -> dict:
    """VALUES with 表三“自然人”列 and its total carried one more out: two T3-BAL errors."""
    return dict(VALUES) | {
        "t3_carried_out_natural": VALUES["t3_carried_out_natural"] + 1,
        "t3_carried_out_total": VALUES["t3_carried_out_total"] + 1,
    }


def report(path: Path, agency: str, year: int = 2025, values: dict | None = None, narrative=C.NARRATIVE) -> Path:
    """A finished report of `agency`: .docx as Word holds it, .html as a CMS page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = C.standard_tables(values or VALUES)
    date = f"{year + 1}年1月20日"
    if path.suffix == ".docx":
        return C.write_docx(path, tables, agency=agency, year=year, date=date, narrative=narrative)
    return C.write_html(path, tables, agency=agency, year=year, date=date, narrative=narrative)


def inputs(folder: Path, agency: str) -> Path:
    """One department's 统计表.xlsx and 正文.txt in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    write_workbook(folder / "统计表.xlsx", sample_meta(agency=agency), clean_values())
    (folder / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
    return folder


def mixed(root: Path) -> Path:
    """Reports and one department's inputs at the top, a photo beside them."""
    report(root / "甲局.docx", "某县甲局")
    report(root / "乙局.html", "某县乙局", values=unbalanced())
    inputs(root, "某县丙局")
    (root / "照片.jpg").write_bytes(b"\xff\xd8\xff")
    return root


def nested(root: Path) -> Path:
    """Reports at the top and in 部门/, 乡镇/ and 补报/2026年1月/ (three levels)."""
    report(root / "县政府办.docx", "某县人民政府办公室")
    report(root / "部门" / "教育局.docx", "某县教育局")
    report(root / "乡镇" / "甲镇.html", "某县甲镇人民政府")
    report(root / "补报" / "2026年1月" / "民政局.docx", "某县民政局")
    return root
