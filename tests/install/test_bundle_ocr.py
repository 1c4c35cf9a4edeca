"""The bundle's variant that reads scanned PDFs (packaging/build_bundle.py --ocr: dist/reportgen-ocr,
the `ocr` extra inside, headless OpenCV): built, then run far from the checkout on a scanned
report, as a reviewer who receives signed scans runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import CLEAN_NARRATIVE, ROOT, clean_values, sample_meta, write_workbook
from .test_bundle import _run

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice, pytest.mark.ocr]


@pytest.fixture(scope="module")
def exe(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle-ocr")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--ocr",
         "--dist", out / "dist", "--work", out / "work", "--venv", out / "venv"],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    folder = out / "dist" / "reportgen-ocr"
    inside = {p.name for p in (folder / "_internal").iterdir()}
    assert {"cv2", "onnxruntime", "rapidocr_onnxruntime"} <= inside
    assert "opencv_python.libs" not in inside  # the headless OpenCV: no Qt, no video libraries
    return folder / ("reportgen.exe" if os.name == "nt" else "reportgen")


def test_the_ocr_bundle_reads_a_scan_and_says_so(exe, tmp_path):
    from reportgen import api
    from reportgen.render.pdf import to_pdf

    from ..finished.scans import scan_pdf

    xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(), clean_values())
    (tmp_path / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
    api.build(xlsx, tmp_path / "正文.txt", tmp_path / "报告.docx")
    scan = scan_pdf(to_pdf(tmp_path / "报告.docx", tmp_path), tmp_path / "扫描件.pdf", angle=0.8)
    proc = _run([exe, "check", scan.name], cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("提醒 [SCAN] 扫描件.pdf：扫描件：数字由文字识别读出，请对照原件核对（第1～"), lines
    assert lines[-1] == "共 0 个错误，1 个提醒。"
    doctor = _run([exe, "doctor"], cwd=tmp_path)
    assert "文字识别（扫描件 PDF）已安装" in doctor.stdout.splitlines()
