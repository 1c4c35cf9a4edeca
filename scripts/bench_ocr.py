"""Measure OCR of scanned reports: seconds per page and the share of table numbers read right.

A report with distinct non-zero numbers is built, converted to PDF with LibreOffice and "scanned"
(tests/finished/scans.py: grey, turned, JPEG) at several angles; every number of the text PDF's
pages is then looked for in the scan's OCR words: right when a word with the same text stands
within a few points of where the number is printed (so the position counts too).

    PYTHONPATH=. python scripts/bench_ocr.py [--tesseract]

--tesseract also reads the same straightened pages with Tesseract (apt tesseract-ocr-chi-sim,
pip pytesseract) for comparison. Needs LibreOffice, pdfplumber and the `ocr` extra.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber

from reportgen import api
from reportgen.finished import ocr
from reportgen.finished.positioned import Word
from reportgen.render.pdf import to_pdf
from tests.conftest import CLEAN_NARRATIVE, clean_values, sample_meta, write_workbook
from tests.finished.scans import scan_pdf


def truth(pdf: Path) -> dict[int, list[dict]]:
    """The numbers printed on each page of the text PDF (page number lines left out)."""
    with pdfplumber.open(pdf) as document:
        return {
            i + 1: [w for w in page.extract_words() if w["text"].isdigit() and w["top"] < page.height - 90]
            for i, page in enumerate(document.pages)
        }


def score(expected: list[dict], words: list[Word]) -> int:
    right = 0
    for w in expected:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if any(
            g.text == w["text"] and abs((g.x0 + g.x1) / 2 - cx) < 8 and abs((g.top + g.bottom) / 2 - cy) < 5
            for g in words
        ):
            right += 1
    return right


def cpu_now() -> float:
    """CPU seconds of this process and its children (Tesseract runs as one): a shared machine's
    other load does not count."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


PSM = 11  # Tesseract's page segmentation: 11 (sparse text) reads a table's cells best; 6 is one block


def tesseract_words(pdf: Path, number: int) -> list[Word]:
    """Tesseract (chi_sim) on the page as ocr straightens it."""
    import pypdfium2 as pdfium
    import pytesseract

    document = pdfium.PdfDocument(str(pdf))
    try:
        grey = ocr.render(document[number - 1])
    finally:
        document.close()
    grey = ocr.straighten(grey, ocr.skew(grey))
    data = pytesseract.image_to_data(grey, lang="chi_sim", config=f"--psm {PSM}", output_type=pytesseract.Output.DICT)
    scale = 72 / ocr.DPI
    return [
        Word(t.strip(), x * scale, y * scale, (x + w) * scale, (y + h) * scale, max(0.0, float(c)) / 100)
        for t, x, y, w, h, c in zip(
            data["text"], data["left"], data["top"], data["width"], data["height"], data["conf"]
        )
        if t.strip()
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tesseract", action="store_true")
    parser.add_argument("--angles", default="0.5,1.5,3")
    parser.add_argument("--psm", type=int, default=PSM, help="Tesseract's --psm")
    args = parser.parse_args()
    globals()["PSM"] = args.psm
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = write_workbook(folder / "统计表.xlsx", sample_meta(), clean_values())
        (folder / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
        api.build(xlsx, folder / "正文.txt", folder / "报告.docx")
        pdf = to_pdf(folder / "报告.docx", folder)
        expected = truth(pdf)
        pages = [n for n, found in expected.items() if found]
        ocr.read_pages(pdf, pages[:1])  # load the models once, outside the timing
        for angle in (float(a) for a in args.angles.split(",")):
            scan = scan_pdf(pdf, folder / f"scan{angle}.pdf", angle=angle)
            engines = [("rapidocr", lambda n, scan=scan: ocr.read_pages(scan, [n])[0].words)]
            if args.tesseract:
                engines.append(("tesseract", lambda n, scan=scan: tesseract_words(scan, n)))
            for name, read in engines:
                right = total = 0
                start, cpu = time.perf_counter(), cpu_now()
                for n in pages:
                    right += score(expected[n], read(n))
                    total += len(expected[n])
                seconds = (time.perf_counter() - start) / len(pages)
                cpu_seconds = (cpu_now() - cpu) / len(pages)
                print(
                    f"{name:9} {angle:>4}°  {seconds:5.1f} s/page ({cpu_seconds:5.1f} s CPU)  "
                    f"numbers read right {right}/{total} ({right / total:.1%})",
                    flush=True,
                )


if __name__ == "__main__":
    main()
