"""A PDF's pages as positioned words and ruling lines (finished/positioned.py), read with pdfium.

What Word's, WPS's and LibreOffice's "另存为 PDF" and a browser's "打印为 PDF" write: a text layer of
placed characters, and table borders drawn as lines or thin rectangles. pypdfium2 reads both (PDFium
is Chrome's PDF engine: it opens what browsers open, and a 5-page report in ~0.05 s). Characters are
joined into words here: a word ends at a gap wider than a third of its height or at a vertical rule,
so that two numbers in neighbouring cells never run together. A page with no text layer but an image
covering it is a scan (Page.scanned, no words): OCR (finished/ocr.py) reads those, if installed.

Coordinates are PDF points with the origin at the page's top left, as positioned.py says.
"""

from __future__ import annotations

import ctypes
import statistics
from pathlib import Path

from reportgen.finished.positioned import Page, Rule, Word

MAX_PAGES = 300  # a report is 5-15 pages; a file of thousands is not one (and would take minutes)
_RULE_THICKNESS = 3.0  # points: thicker is a filled box (a shaded cell, a seal), not a line
_MIN_RULE = 4.0  # points: shorter is a dash or a bullet, not a border
_MIN_TEXT_CHARS = 8  # fewer characters on an image-covered page: a scan with a stamped page number
_SCAN_COVER = 0.5  # an image covering this share of the page, without text, makes it a scan


class NotAPdf(ValueError):
    """The file cannot be read as a PDF: args[0] is the Chinese reason (encrypted, damaged, too long)."""


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        said = str(exc).lower()
        if "password" in said:
            raise NotAPdf("这个 PDF 设有打开密码，无法读取：请部门去掉密码后重新导出，或提供 Word 文件（.docx）") from None
        raise NotAPdf("这个 PDF 文件已损坏或不完整，无法打开：请部门重新导出 PDF，或提供 Word 文件（.docx）") from None


def read_pages(path: Path) -> list[Page]:
    """Every page of the PDF at PATH, its words and rules; scanned pages flagged and left wordless."""
    pdf = _open(path)
    try:
        if len(pdf) > MAX_PAGES:
            raise NotAPdf(f"这个 PDF 有 {len(pdf)} 页，不像一份年度报告（通常 5～15 页）：请检查是否选错了文件")
        return [_page(pdf[i], i + 1) for i in range(len(pdf))]
    finally:
        pdf.close()


def _page(page, number: int) -> Page:
    width, height = page.get_size()
    rules, image_area = _drawings(page, height)
    out = Page(number, width, height, rules=rules)
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, height)
    finally:
        textpage.close()
    if len(chars) < _MIN_TEXT_CHARS and image_area > _SCAN_COVER * width * height:
        out.scanned = True
        return out
    verticals = [r for r in rules if r.x1 - r.x0 < _RULE_THICKNESS]
    out.words = _words(chars, verticals)
    return out


def _chars(textpage, height: float) -> list[tuple[str, float, float, float, float]]:
    """The page's visible characters with their boxes (top-left origin), in content order."""
    import pypdfium2.raw as raw

    out = []
    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        ch = chr(code)
        if ch in "\r\n" or not ch.isprintable():
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if right <= left or top <= bottom:
            continue
        out.append((ch, left, height - top, right, height - bottom))
    return out


def _words(chars, verticals: list[Rule]) -> list[Word]:
    """Characters joined into words along each line: a new word at a wide gap, a space, a line
    change or a vertical rule between two characters."""
    words: list[Word] = []
    run: list = []

    def flush() -> None:
        text = "".join(c[0] for c in run).strip()
        if text:  # the height of most of its characters: a digit's font has taller ascents than the CJK font's
            top, bottom = statistics.median(c[2] for c in run), statistics.median(c[4] for c in run)
            words.append(Word(text, min(c[1] for c in run), top, max(c[3] for c in run), bottom))
        run.clear()

    for c in chars:
        if c[0].isspace():
            flush()
            continue
        if run:
            last = run[-1]
            size = last[4] - last[2]
            same_line = abs((c[2] + c[4]) / 2 - (last[2] + last[4]) / 2) < size / 2
            gap = c[1] - last[3]
            if not same_line or gap > size / 3 or gap < -size or _rule_between(last[3], c[1], (c[2] + c[4]) / 2, verticals):
                flush()
        run.append(c)
    flush()
    return words


def _rule_between(x0: float, x1: float, y: float, verticals: list[Rule]) -> bool:
    mid_lo, mid_hi = min(x0, x1) - 1, max(x0, x1) + 1
    return any(mid_lo <= (r.x0 + r.x1) / 2 <= mid_hi and r.top - 1 <= y <= r.bottom + 1 for r in verticals)


def _drawings(page, height: float) -> tuple[list[Rule], float]:
    """The ruling lines drawn on the page (lines, thin rectangles, the edges of rectangles) and the
    area its images cover."""
    import pypdfium2.raw as raw

    rules: list[Rule] = []
    image_area = 0.0
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE)):
        left, bottom, right, top = obj.get_bounds()
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            image_area += max(0.0, right - left) * max(0.0, top - bottom)
            continue
        if min(right - left, top - bottom) < _RULE_THICKNESS:  # a line or a thin filled box: its bounds are the rule
            if max(right - left, top - bottom) >= _MIN_RULE:
                rules.append(_flat(left, height - top, right, height - bottom))
            continue
        if _stroked(obj):  # a larger box only filled is a background or a shading, not drawn lines
            rules.extend(_edges(obj, height))
    return rules, image_area


def _stroked(obj) -> bool:
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)) and bool(stroke.value)


def _flat(x0: float, top: float, x1: float, bottom: float) -> Rule:
    """A rule flattened to zero thickness along its middle."""
    if x1 - x0 >= bottom - top:
        mid = (top + bottom) / 2
        return Rule(x0, mid, x1, mid)
    mid = (x0 + x1) / 2
    return Rule(mid, top, mid, bottom)


def _edges(obj, height: float) -> list[Rule]:
    """The straight horizontal and vertical segments of a larger path (a stroked cell box)."""
    import pypdfium2.raw as raw

    a, b, c, d, e, f = obj.get_matrix().get()
    points: list[tuple[float, float, bool]] = []  # (x, y, starts a new subpath)
    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(raw.FPDFPath_CountSegments(obj.raw)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
        if not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            return []  # curves: a seal or a drawing, not a table
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        points.append((px, py, kind == raw.FPDF_SEGMENT_MOVETO))
        if raw.FPDFPathSegment_GetClose(seg) and points:
            start = next((p for p in reversed(points) if p[2]), points[0])
            points.append((start[0], start[1], False))
    rules = []
    for (x0, y0, _), (x1, y1, new) in zip(points, points[1:]):
        if new:
            continue
        if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= _MIN_RULE:
            rules.append(Rule(min(x0, x1), height - y0, max(x0, x1), height - y0))
        elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= _MIN_RULE:
            rules.append(Rule(x0, height - max(y0, y1), x0, height - min(y0, y1)))
    return rules
