"""Render the sample report's first page to docs/sample-page1.png for the README.

Needs LibreOffice and poppler's pdftoppm (see .ci/run for the packages).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen import build
from reportgen.render.pdf import to_pdf

with tempfile.TemporaryDirectory() as tmp:
    docx = build(ROOT / "inputs" / "统计表.xlsx", ROOT / "inputs" / "正文.txt", out=Path(tmp) / "sample.docx").output
    pdf = to_pdf(docx, tmp)
    out = ROOT / "docs" / "sample-page1"
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)], check=True)
    print(f"wrote {out}.png")
