"""Regenerate inputs/统计表.xlsx: the statistics of the sample report (all zero), from the schema.

The narrative inputs/正文.txt is kept by hand; this script only writes the workbook.
"""

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportgen.core import schema
from reportgen.core.model import Meta
from reportgen.workbook import writer

meta = Meta(
    agency="互助土族自治县司法局",
    signature="互助县司法局",
    date=dt.date(2026, 1, 19),
    year=2025,
    title="县司法局2025年度政府信息公开工作报告",
)
out = Path(__file__).resolve().parent.parent / "inputs" / "统计表.xlsx"
writer.write(out, meta, {k: 0 for k in schema.INPUT_KEYS})
print(f"wrote {out}")
