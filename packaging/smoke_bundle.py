"""Run the built bundle's commands once and check what they write (the Windows workflow's check).

    python packaging/smoke_bundle.py [dist/reportgen] [--pdf]

The thorough test is tests/install/test_bundle.py (run by `make test` on Linux); it compares the printed
Chinese messages, which a Windows runner's English code page cannot print. This script judges by
exit codes and the files written only, so it means the same on any system: --version, doctor,
init, check, build --html, dropped files and a dropped folder, and batch -j 2 (spawned workers on Windows).
Standard library only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "inputs" / "统计表.xlsx", ROOT / "inputs" / "正文.txt")


def run(exe: Path, *args: str | Path, cwd: Path, expect: int = 0) -> str:
    cmd = [str(exe), *map(str, args)]
    proc = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    out = (proc.stdout + proc.stderr).decode(errors="replace")
    print(f"$ reportgen {' '.join(map(str, args))}  -> {proc.returncode}")
    if proc.returncode != expect or "Traceback" in out:
        sys.exit(f"FAILED (exit {proc.returncode}, expected {expect}):\n{out}")
    return out


def whole_zip(path: Path) -> None:
    if not path.is_file():
        sys.exit(f"FAILED: {path} was not written")
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None:
            sys.exit(f"FAILED: {path} is damaged")


def pdf_checks(exe: Path, tmp: Path) -> None:
    """build --pdf writes a PDF; a PDF held open (as a PDF reader holds it on Windows) is named, exit 1,
    and the Word report is written all the same."""
    (docx,) = tmp.glob("*.docx")
    run(exe, "build", "统计表.xlsx", "正文.txt", "-o", docx.name, "--pdf", cwd=tmp)
    pdf = docx.with_suffix(".pdf")
    if not pdf.read_bytes().startswith(b"%PDF"):
        sys.exit("FAILED: build --pdf wrote no PDF")
    # Dated the sample's 成文日期, not today (render/pdfdate, through the bundled pikepdf); the XMP
    # packet is never compressed, so its text can be searched for.
    if b"<xmp:CreateDate>2026-01-19T00:00:00" not in pdf.read_bytes():
        sys.exit("FAILED: the PDF is not dated the report's 成文日期 (2026-01-19)")
    # A reviewer's check of the PDF a department sent (the bundled pypdfium2), and of an old .doc
    # (converted by LibreOffice): both read and passed.
    run(exe, "check", pdf.name, cwd=tmp)
    old = tmp / "旧版"
    old.mkdir()
    subprocess.run(
        [os.environ.get("REPORTGEN_SOFFICE") or shutil.which("soffice") or "soffice", "--headless", "--convert-to", "doc",
         "--outdir", str(old), str(docx)],
        cwd=tmp, capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    run(exe, "check", old / docx.with_suffix(".doc").name, cwd=tmp)
    if os.name != "nt":  # an open file blocks a rename on Windows only
        return
    before = pdf.read_bytes()
    with open(pdf, "rb"):
        docx.unlink()
        run(exe, "build", "统计表.xlsx", "正文.txt", "-o", docx.name, "--pdf", cwd=tmp, expect=1)
    if not docx.is_file() or pdf.read_bytes() != before:
        sys.exit("FAILED: a PDF held open lost the Word report or was changed")


def renamed(src: Path, dst: Path, name: str) -> None:
    """The sample workbook as department NAME's: its agency and 署名 renamed (the cells hold them as
    XML character references)."""
    import zipfile

    def ref(text: str) -> str:
        return "".join(f"&#{ord(c)};" for c in text)

    swaps = [(ref("互助土族自治县司法局"), ref(f"互助土族自治县{name}")), (ref("互助县司法局"), ref(f"互助县{name}"))]
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                for a, b in swaps:
                    text = text.replace(a, b)
                data = text.encode("utf-8")
            new.writestr(item, data)


def main() -> int:
    sys.stdout.reconfigure(errors="replace")  # a runner's English code page cannot print 年报
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "reportgen").resolve()
    exe = folder / ("reportgen.exe" if os.name == "nt" else "reportgen")
    want_pdf = "--pdf" in sys.argv[2:]
    # A folder name with Chinese and spaces, as clerks' folders have (新建文件夹 (2)).
    with tempfile.TemporaryDirectory(prefix="reportgen smoke 年报 (2) ") as tmp_name:
        tmp = Path(tmp_name)
        from_pyproject = next(
            line.split('"')[1] for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()
            if line.startswith("version = ")
        )
        if run(exe, "--version", cwd=tmp).strip() != f"reportgen {from_pyproject}":
            sys.exit("FAILED: --version does not print the project's version")
        run(exe, "doctor", cwd=tmp)  # exit 0 only when the built-in template is found
        run(exe, "init", "年报", cwd=tmp)
        whole_zip(tmp / "年报" / "统计表.xlsx")
        if not (tmp / "年报" / "正文.txt").is_file():
            sys.exit("FAILED: init wrote no 正文.txt")

        for src in SAMPLE:
            shutil.copy(src, tmp / src.name)
        run(exe, "check", "统计表.xlsx", "正文.txt", cwd=tmp)
        run(exe, "build", "统计表.xlsx", "正文.txt", "-o", "报告.docx", "--html", cwd=tmp)
        whole_zip(tmp / "报告.docx")
        if "<table" not in (tmp / "报告.html").read_text(encoding="utf-8"):
            sys.exit("FAILED: the web page has no tables")
        (tmp / "报告.docx").unlink()
        run(exe, tmp / "正文.txt", tmp / "统计表.xlsx", cwd=tmp)  # files dropped on the program, 正文 first: build
        if len(list(tmp.glob("*.docx"))) != 1:
            sys.exit("FAILED: dropped files built no report")
        if want_pdf:
            pdf_checks(exe, tmp)
        run(exe, tmp / "年报", cwd=tmp, expect=1)  # a dropped folder: init's blank files are refused...
        if list((tmp / "年报").glob("*.docx")):
            sys.exit("FAILED: a report was built from blank files")
        for src in SAMPLE:
            shutil.copy(src, tmp / "年报" / src.name)
        run(exe, tmp / "年报", cwd=tmp)  # ...and the filled ones built
        whole_zip(next((tmp / "年报").glob("*.docx")))

        county = tmp / "全县"
        names = ["甲司法局", "乙教育局", "丙水利局"]
        for name in names:  # three agencies: one agency's reports twice would be a DUPLICATE
            (county / name).mkdir(parents=True)
            shutil.copy(SAMPLE[1], county / name / SAMPLE[1].name)
            renamed(SAMPLE[0], county / name / SAMPLE[0].name, name)
        run(exe, "batch", county, "-j", "2", cwd=tmp)
        for name in names:
            (report,) = (county / name).glob("*.docx")
            whole_zip(report)
        whole_zip(county / "汇总.xlsx")
        whole_zip(county / "汇总统计表.xlsx")
    print(f"bundle OK: {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
