"""Two years of one county as a reviewer keeps them: last year's folder and this year's, with reports
that agree, one whose carry-over disagrees, an agency that signs with its 简称 this year, a department
new this year and one gone, finished reports and departments' workbooks mixed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.core import schema

from ..conftest import CLEAN_NARRATIVE, clean_values, sample_meta, write_workbook
from .reviewer_folders import VALUES, report


def last_year_of(values: dict, shift: dict[str, int] | None = None) -> dict:
    """Last year's figures that `values` follow from: its 结转下年度 is this year's 上年结转 (plus
    `shift` per column, a disagreement), its tables balance, and its 现行有效 leads to this year's."""
    values = schema.compute_totals(dict(values))
    last = dict(values)
    for col, _ in schema.T3_COLS[:-1]:
        out = values[f"t3_carried_in_{col}"] + (shift or {}).get(col, 0)
        last[f"t3_carried_out_{col}"] = out
        last[f"t3_new_{col}"] = values[f"t3_total_{col}"] + out - values[f"t3_carried_in_{col}"]
    for row in ("rules", "normative"):
        last[f"t2_{row}_in_force"] = values[f"t2_{row}_in_force"] - values[f"t2_{row}_made"] + values.get(f"t2_{row}_repealed", 0)
    return schema.compute_totals({k: last[k] for k in schema.INPUT_KEYS})


# Last year's text: other words in every section but 六's fixed sentence (this year's is C.NARRATIVE).
LAST_NARRATIVE = [
    ("一、总体情况", ["（一）主动公开。全年主动公开政府信息980条，较前年有所增加。", "（二）依申请公开。申请均在法定期限内答复。"]),
    ("二、主动公开政府信息情况", []),
    ("三、收到和处理政府信息公开申请情况", []),
    ("四、政府信息公开行政复议、行政诉讼情况", []),
    ("五、存在的主要问题及改进情况", ["一是公开内容不够全面。下一步，我们将梳理公开目录。"]),
    ("六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
]
LAST_CLEAN_NARRATIVE = CLEAN_NARRATIVE.replace("本年度工作平稳。", "全年各项工作有序推进。").replace(
    "一是解读不够通俗。下一步，我们将加强政策解读。", "一是公开内容不够全面。下一步，我们将梳理公开目录。"
)


def county(root: Path) -> tuple[Path, Path]:
    """2024/ and 2025/ under root. 2025: 甲局 (agrees, its text last year's word for word), 乙局 (自然人 carried one more last year: X-YEAR),
    县政府办 (last year 某县人民政府办公室, signed 县政府办 both years), 丙局 new, 教育局 a department's
    workbook (agrees). 2024 also holds 丁局, gone this year."""
    last, now = root / "2024", root / "2025"
    report(last / "甲局.docx", "某县甲局", 2024, values=last_year_of(VALUES))  # this year's text is last year's
    report(last / "乙局.html", "某县乙局", 2024, values=last_year_of(VALUES, {"natural": 1}), narrative=LAST_NARRATIVE)
    report(last / "政府办.docx", "某县人民政府办公室", 2024, values=last_year_of(VALUES), narrative=LAST_NARRATIVE)
    report(last / "丁局.docx", "某县丁局", 2024, values=last_year_of(VALUES), narrative=LAST_NARRATIVE)
    write_workbook(_folder(last / "教育局") / "统计表.xlsx", sample_meta(agency="某县教育局", signature="", year=2024, date=dt.date(2025, 1, 20)), last_year_of(clean_values()))
    (last / "教育局" / "正文.txt").write_text(LAST_CLEAN_NARRATIVE, encoding="utf-8")

    report(now / "甲局.docx", "某县甲局", 2025)
    report(now / "乙局.html", "某县乙局", 2025)
    report(now / "政府办.docx", "县政府办", 2025)
    report(now / "丙局.docx", "某县丙局", 2025)
    write_workbook(_folder(now / "教育局") / "统计表.xlsx", sample_meta(agency="某县教育局"), clean_values())
    (now / "教育局" / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
    return last, now


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
