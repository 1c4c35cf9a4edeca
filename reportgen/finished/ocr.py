"""Scanned pages read offline: a PDF page that is only a picture (the signed, sealed paper scanned
back) rendered, straightened, its ruling lines found and its text read by OCR (RapidOCR), as the
words and rules of finished/positioned.py.

Optional: RapidOCR (with onnxruntime and OpenCV) and pypdfium2 are the `ocr` extra
(`pip install reportgen[ocr]`); `available()` says whether they are installed (door.SCAN_ADVICE tells
the reviewer in Chinese how to get them). numpy, OpenCV, pypdfium2 and RapidOCR are imported only
when a page is read, never at start-up.

The steps for one page:

1. render it with pypdfium2 at `DPI` in grey;
2. find its skew from the crispness of the rows' ink profile (text lines and table rules are
   sharpest when level), and turn the picture back by that angle;
3. find the ruling lines: an adaptive threshold, then openings with long horizontal and vertical
   kernels keep only lines; each connected piece is a line segment, collinear pieces are joined;
   a long horizontal stands alone, a short one only between two vertical ones, and a vertical one
   only from a horizontal to another (a table's lines hold each other; characters' strokes do not);
4. read the text with RapidOCR and cut each text box where a vertical rule crosses it (by the
   positions of its characters, `return_word_box=True`), so that a box never spans two cells; a
   short "rule" through the middle of a character the box reads is that character's stroke (the 丨
   of 年 in a cramped cell), neither a cut nor a rule; ink no box holds (a lone digit the detector
   missed) is read again alone by the recogniser (finished/ocrink.py);
5. when little was read, or that with little confidence, read the page turned round as well (a
   sheet fed upside down) and keep the reading with more confidence.

Everything is returned in PDF points, origin top left, on the straightened page.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.core.problems import InputError, error
from reportgen.finished import ocrink, ocrwords
from reportgen.finished.ocrwords import Reading
from reportgen.finished.positioned import Page, Rule, Word

if TYPE_CHECKING:  # imported when a page is read (start-up stays free of numpy)
    import numpy as np

DPI = 200  # a scanner's usual resolution: table digits are ~25 px high, RapidOCR reads them well
# A page larger than A4 (in square points: an A3 scan, a poster, a page size set wrongly in the
# scanner) is read as if shrunk to A4's area: the detector's memory grows with the pixels (about 1 GB
# for A4 at DPI, 1.8 GB for 3300 px square), and a 200-inch page would need 1.6 GB for its pixels alone.
MAX_AREA_PT2 = 595 * 842
MAX_SKEW = 5.0  # degrees searched either way; a scan turned more than this is not straightened
# Ruling lines, in inches at DPI: the shortest horizontal rule (longer than any character's
# stroke), the shortest vertical one (a row's height may be little more), how far apart two pieces
# of one line may be, how far a rule's end may stop short of the line it meets, and the length of a
# horizontal rule that needs no vertical ones to hold it (longer than any character, the red
# header's included).
MIN_HORIZONTAL, MIN_VERTICAL, GAP, MEET, LONG = 0.3, 0.15, 0.05, 0.03, 1.5

def available() -> bool:
    """Whether OCR can run here: RapidOCR (it brings onnxruntime, OpenCV and numpy) and pypdfium2."""
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr_onnxruntime", "pypdfium2", "cv2"))


def read_pages(pdf_path: str | os.PathLike, numbers: list[int]) -> list[Page]:
    """The pages NUMBERS (1-based, in the order given) of the PDF at PDF_PATH read by OCR.

    Call `available()` first (without the `ocr` extra this raises ModuleNotFoundError). A PDF that
    cannot be opened is an InputError (FILE) naming the file; a page number outside the document
    is a programming error (IndexError)."""
    import pypdfium2 as pdfium

    path = Path(pdf_path)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(error("FILE", path.name, "", f"PDF 文件无法打开（{exc}），可能已损坏或设置了密码")) from None
    try:
        count = len(document)
        pages = []
        for number in numbers:
            if not 1 <= number <= count:
                raise IndexError(f"page {number} of a {count}-page PDF")
            pages.append(_read_page(document[number - 1], number))
        return pages
    finally:
        document.close()


def _read_page(pdf_page: Any, number: int) -> Page:
    import numpy as np

    grey = render(pdf_page)
    scale = 1 / pixels_per_point(pdf_page)
    grey = straighten(grey, skew(grey))
    (horizontal, vertical), readings = _read(grey)
    if _doubtful(readings):  # perhaps fed into the scanner upside down: read it turned round too
        turned_lines, turned_readings = _read(np.ascontiguousarray(grey[::-1, ::-1]))
        if sum(r[5] for r in turned_readings) > sum(r[5] for r in readings):
            (horizontal, vertical), readings = turned_lines, turned_readings
    width, height = pdf_page.get_size()  # as a viewer shows it, /Rotate applied: as it is rendered
    rules = [Rule(x0 * scale, top * scale, x1 * scale, bottom * scale) for x0, top, x1, bottom in horizontal + vertical]
    words = [
        Word(text, x0 * scale, top * scale, x1 * scale, bottom * scale, confidence)
        for text, x0, top, x1, bottom, confidence in readings
    ]
    return Page(number, width, height, words=words, rules=rules, scanned=True)


def _read(grey: np.ndarray) -> tuple[tuple[list[Segment], list[Segment]], list[Reading]]:
    """The straightened page's ruling lines (horizontal, vertical) and its readings, the empty
    cells' included."""
    ink = _ink(grey)
    horizontal, vertical = ruling_lines(grey, ink)
    readings = recognise(grey, vertical)
    readings += ocrink.reread_empty_cells(grey, ink, horizontal, vertical, readings, _recognise_alone, DPI, MEET)
    if not vertical:  # a table without rules: figures the detector left out stand on rows of figures
        readings = ocrink.reread_unboxed(grey, ink, readings, _recognise_alone)
    return (horizontal, vertical), ocrwords.put_right(readings)


def _recognise_alone(crop: np.ndarray) -> list[tuple[str, float]]:
    """The recogniser's reading (text, confidence) of a crop, without the detector."""
    result, _ = _engine()(crop, use_det=False, use_cls=False)
    return [(text, float(confidence)) for text, confidence, *_ in result or []]


def _doubtful(readings: list[Reading]) -> bool:
    """Whether a page's reading looks like an upside-down page's: few boxes read, or read with
    little confidence (an upright page's are read at 0.97 on average and more, an upside-down one's
    at about 0.85: its digits still look like digits)."""
    if len(readings) < 3:
        return True
    return sum(r[5] for r in readings) / len(readings) < 0.93


def pixels_per_point(pdf_page: Any) -> float:
    """DPI / 72, less for a page larger than A4 (MAX_AREA_PT2)."""
    width, height = pdf_page.get_size()
    return DPI / 72 * min(1.0, (MAX_AREA_PT2 / (width * height)) ** 0.5)


def render(pdf_page: Any) -> np.ndarray:
    """A pypdfium2 page as grey pixels (H×W, uint8) at DPI (a page larger than A4 as if shrunk to its area)."""
    return _grey(pdf_page.render(scale=pixels_per_point(pdf_page), grayscale=True).to_numpy())


def _grey(pixels: np.ndarray) -> np.ndarray:
    """One channel of a rendered page (pypdfium2 gives grey pages as H×W or H×W×1, others as BGR)."""
    import cv2

    if pixels.ndim == 2:
        return pixels
    if pixels.shape[2] == 1:
        return pixels[:, :, 0]
    return cv2.cvtColor(pixels[:, :, :3], cv2.COLOR_BGR2GRAY)


# --- skew --------------------------------------------------------------------------------------


def _ink(grey: np.ndarray) -> np.ndarray:
    """255 where there is ink, 0 on paper (grey paper, uneven light and JPEG noise allowed)."""
    import cv2

    block = max(15, int(DPI * 0.12) | 1)  # odd, a few characters' strokes wide
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def skew(grey: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise positive as OpenCV turns) to turn the page by so
    that its lines are level: the angle whose rows' ink profile is sharpest, searched coarse to
    fine on a reduced copy."""
    import cv2
    import numpy as np

    ink = _ink(grey)
    factor = min(1.0, 900 / max(ink.shape))
    small = cv2.resize(ink, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(small, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h), flags=cv2.INTER_LINEAR)
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    best, step = 0.0, 0.5
    candidates = np.arange(-MAX_SKEW, MAX_SKEW + step / 2, step)
    while step >= 0.025:
        best = max(candidates, key=sharpness)
        step /= 4
        candidates = np.arange(best - 3 * step, best + 3.5 * step, step)
    return float(best)


def straighten(grey: np.ndarray, angle: float) -> np.ndarray:
    """GREY turned by ANGLE degrees about its centre, the corners filled with paper."""
    import cv2
    import numpy as np

    if abs(angle) < 0.02:
        return grey
    h, w = grey.shape
    paper = int(np.percentile(grey, 90))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        grey, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=paper
    )


# --- ruling lines -------------------------------------------------------------------------------

Segment = tuple[float, float, float, float]  # x0, top, x1, bottom in pixels; a line has top == bottom or x0 == x1


def ruling_lines(grey: np.ndarray, ink: np.ndarray | None = None) -> tuple[list[Segment], list[Segment]]:
    """The page's horizontal and vertical ruling lines (pixels), each as a zero-width segment
    through the middle of the drawn line (INK: the page's _ink, if already found)."""
    import cv2

    ink = _ink(grey) if ink is None else ink
    h_len, v_len, gap = int(MIN_HORIZONTAL * DPI), int(MIN_VERTICAL * DPI), max(2, int(GAP * DPI))
    lines_h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    lines_v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    # Join a line's pieces broken by noise or a faint stretch of toner.
    lines_h = cv2.morphologyEx(lines_h, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    lines_v = cv2.morphologyEx(lines_v, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    height, width = ink.shape
    horizontal = _join(_segments(lines_h, True, width, height), True, gap)
    vertical = _join(_segments(lines_v, False, width, height), False, gap)
    # A long rule stands alone; a short one (a cell's edge, or a stroke of a big character such as
    # the red header's) only between two vertical rules, and a vertical rule only from one
    # horizontal to another, one of them long: a table's lines hold each other, strokes do not.
    meet, long = MEET * DPI, LONG * DPI
    anchors = [h for h in horizontal if h[2] - h[0] >= long]
    for _ in range(2):
        vertical = [v for v in vertical if _meets(v, horizontal, anchors, meet)]
        horizontal = [h for h in horizontal if h[2] - h[0] >= long or _between(h, vertical, meet)]
    return horizontal, vertical


def _segments(mask: np.ndarray, horizontal: bool, width: int, height: int) -> list[Segment]:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    thick = max(4, int(0.04 * DPI))  # a drawn rule is a pixel or a few thick, a slope adds a little
    out: list[Segment] = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i][:4])
        if x == 0 or y == 0 or x + w >= width or y + h >= height:
            continue  # the scanner's edge or a shadow, not a line on the paper
        if horizontal and h <= thick * 3 and w >= 6 * h:
            out.append((x, y + h / 2, x + w, y + h / 2))
        elif not horizontal and w <= thick * 3 and h >= 6 * w:
            out.append((x + w / 2, y, x + w / 2, y + h))
    return out


def _join(segments: list[Segment], horizontal: bool, gap: float) -> list[Segment]:
    """Collinear pieces (within a couple of pixels) less than GAP apart made one segment."""
    along = (0, 2) if horizontal else (1, 3)
    across = 1 if horizontal else 0
    lines: list[list[float]] = []
    for seg in sorted(segments, key=lambda s: (s[across], s[along[0]])):
        for line in lines:
            if (
                abs(line[across] - seg[across]) <= 3
                and seg[along[0]] <= line[along[1]] + gap
                and line[along[0]] <= seg[along[1]] + gap
            ):
                line[along[0]] = min(line[along[0]], seg[along[0]])
                line[along[1]] = max(line[along[1]], seg[along[1]])
                break
        else:
            lines.append(list(seg))
    return sorted((line[0], line[1], line[2], line[3]) for line in lines)


def _ends_on(x: float, y: float, horizontal: list[Segment], tolerance: float) -> bool:
    return any(h[0] - tolerance <= x <= h[2] + tolerance and abs(h[1] - y) <= tolerance for h in horizontal)


def _meets(v: Segment, horizontal: list[Segment], anchors: list[Segment], tolerance: float) -> bool:
    """Whether vertical segment V runs from one horizontal rule to another, one of them an
    ANCHOR (long), as a table's lines do; a character's stroke near a rule touches one at most."""
    x, top, bottom = v[0], v[1], v[3]
    return (
        _ends_on(x, top, horizontal, tolerance)
        and _ends_on(x, bottom, horizontal, tolerance)
        and (_ends_on(x, top, anchors, tolerance) or _ends_on(x, bottom, anchors, tolerance))
    )


def _between(h: Segment, vertical: list[Segment], tolerance: float) -> bool:
    """Whether horizontal segment H's two ends lie on vertical rules (a cell's edge does)."""
    y = h[1]

    def on(x: float) -> bool:
        return any(abs(v[0] - x) <= tolerance and v[1] - tolerance <= y <= v[3] + tolerance for v in vertical)

    return on(h[0]) and on(h[2])


# --- text ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(
        intra_op_num_threads=os.cpu_count() or 1,
        # Crops are padded to at least this width: table cells hold short numbers, and 160 instead
        # of the default 320 halves the recogniser's work with the same reading (measured).
        rec_img_shape=[3, 48, 160],
        max_side_len=4000,
    )


def recognise(grey: np.ndarray, vertical: list[Segment]) -> list[Reading]:
    """RapidOCR's text boxes on the straightened page, each cut where a vertical rule crosses it.
    The characters' strokes taken for rules are removed from VERTICAL (in place)."""
    result, _ = _engine()(grey, use_cls=False, return_word_box=True)
    result = _rejoin(grey, list(result or []), vertical)
    strokes = {v for box, text, confidence, *chars in result for v in _strokes(box, text, confidence, chars, vertical)}
    vertical[:] = [v for v in vertical if v not in strokes]
    readings: list[Reading] = []
    for box, text, confidence, *chars in result:
        readings += _cut(box, text, float(confidence), chars, vertical)
    return [r for r in readings if not any(_echo(r, other) for other in readings if other is not r)]


def _rejoin(grey: np.ndarray, result: list, vertical: list[Segment]) -> list:
    """RAPIDOCR's boxes with each short, doubtful one read again together with the box that
    follows it on its line, no rule between them: the detector boxes a heading's number apart
    ("（二）" of "（二）依申请公开…") and the recogniser, given it alone, loses its bracket
    ("二）" at 0.55). The joined reading replaces both when it is sure (0.9) and surer."""
    out = list(result)
    for entry in result:
        if not any(e is entry for e in out) or len(entry[1].strip()) > 4 or float(entry[2]) >= 0.9:
            continue  # already joined to the box before it, or not doubtful
        x0, top, x1, bottom = _bounds(entry[0])
        height = bottom - top
        after = [
            (b, e) for e in out if e is not entry
            for b in [_bounds(e[0])]
            if x1 - 0.5 * height <= b[0] <= x1 + height and min(bottom, b[3]) - max(top, b[1]) >= 0.6 * height
        ]
        if not after:
            continue
        (ox0, otop, ox1, obottom), other = min(after, key=lambda pair: pair[0][0])
        if any(x1 - 2 <= v[0] <= ox0 + 2 and v[1] <= (top + bottom) / 2 <= v[3] for v in vertical):
            continue  # two cells' texts
        left, upper, right, lower = (int(max(0, x0 - 0.4 * height)), int(max(0, min(top, otop) - 2)),
                                     int(ox1 + 2), int(max(bottom, obottom) + 2))  # fmt: skip
        joined, _ = _engine()(grey[upper:lower, left:right], use_det=False, use_cls=False)
        if not joined:
            continue
        text, confidence = joined[0][0], float(joined[0][1])
        if text.strip() and confidence >= max(0.9, float(other[2])) - 0.02 and len(text) >= len(other[1]):
            box = [[left, upper], [right, upper], [right, lower], [left, lower]]
            out = [e for e in out if e is not entry and e is not other] + [[box, text, confidence]]
    return _widen(grey, out, vertical)


def _widen(grey: np.ndarray, result: list, vertical: list[Segment]) -> list:
    """The boxes that start well to the right of where the lines above and below start, read again
    from there: the detector sometimes drops a line's short start altogether ("（三）" before
    "政府信息管理…"). Taken only when the wider reading is sure, ends with the same text and adds
    to it; never across a vertical rule (a table's cells start where their columns do)."""
    boxes = [_bounds(e[0]) for e in result]
    out, placed = list(result), list(boxes)  # the boxes as widened so far
    for i, (entry, (x0, top, x1, bottom)) in enumerate(zip(result, boxes)):
        height = bottom - top
        near = [b for j, b in enumerate(boxes) if j != i and 0 < abs(b[1] - top) <= 2.5 * height]
        starts = [b[0] for b in near if b[0] < x0 - height and b[2] > x0]  # lines running below this one's start
        if len(starts) < 2:
            continue
        left = int(max(0, max(starts) - 2))
        if any(left <= v[0] <= x0 and v[1] <= (top + bottom) / 2 <= v[3] for v in vertical):
            continue
        if any(j != i and b[2] > left and b[0] < x0 and min(bottom, b[3]) - max(top, b[1]) > 0.3 * height
               for j, b in enumerate(placed)):
            continue  # the space before it holds another box
        crop = grey[int(max(0, top - 2)) : int(bottom + 2), left : int(x1 + 2)]
        wider, _ = _engine()(crop, use_det=False, use_cls=False)
        if not wider:
            continue
        text, confidence = wider[0][0], float(wider[0][1])
        if confidence >= 0.9 and text.endswith(entry[1][-3:]) and len(text) > len(entry[1]):
            box = [[left, top], [x1, top], [x1, bottom], [left, bottom]]
            out[i], placed[i] = [box, text, confidence], (left, top, x1, bottom)
    return out


def _strokes(box: list, text: str, confidence: float, chars: list, vertical: list[Segment]) -> list[Segment]:
    """The "rules" of VERTICAL that are a character's own stroke (the 丨 of 年, the 刂 of 制 in a
    cramped cell, as tall as the cell): short, and through the middle half of a character the box
    reads, where a cell's line never runs (it runs between two characters)."""
    x0, top, x1, bottom = _bounds(box)
    middle, height = (top + bottom) / 2, bottom - top
    spans = [s for s in _char_spans(text, confidence, chars, x0, x1) if not s[0].isspace()]
    return [
        v
        for v in vertical
        if v[1] <= middle <= v[3] and v[3] - v[1] <= 2 * height
        and any(s[1] + (s[2] - s[1]) / 4 < v[0] < s[2] - (s[2] - s[1]) / 4 for s in spans)
    ]


def _echo(small: Reading, big: Reading) -> bool:
    """Whether SMALL is a piece of BIG read twice: its text within BIG's and its box mostly inside
    (the detector sometimes boxes a character again beside the line it belongs to)."""
    if small[0] not in big[0] or len(small[0]) >= len(big[0]):
        return False
    width = max(0.0, min(small[3], big[3]) - max(small[1], big[1]))
    height = max(0.0, min(small[4], big[4]) - max(small[2], big[2]))
    area = (small[3] - small[1]) * (small[4] - small[2])
    return area > 0 and width * height >= 0.6 * area


def _bounds(box: list) -> tuple[float, float, float, float]:
    """x0, top, x1, bottom of a RapidOCR box (its four corners)."""
    xs, ys = [p[0] for p in box], [p[1] for p in box]
    return min(xs), min(ys), max(xs), max(ys)


_CELL_GAP = 0.5  # of a box's height: a gap between two characters this wide parts two cells' texts


def _cut(box: list, text: str, confidence: float, chars: list, vertical: list[Segment]) -> list[Reading]:
    """A box cut where a vertical rule crosses it, and where its characters stand apart by a cell's
    gap (a table without rules: the detector boxes a label and the figure right of it together,
    "3.其他7"), as a text layer's words part at a gap."""
    x0, top, x1, bottom = _bounds(box)
    middle, margin = (top + bottom) / 2, 0.01 * DPI
    cuts = sorted(v[0] for v in vertical if x0 + margin < v[0] < x1 - margin and v[1] <= middle <= v[3])
    spans = [span for span in _char_spans(text, confidence, chars, x0, x1) if not span[0].isspace()]
    cuts = sorted(cuts + [(a[2] + b[1]) / 2 for a, b in zip(spans, spans[1:]) if b[1] - a[2] > _CELL_GAP * (bottom - top)])
    if not cuts:
        return [(text.strip(), x0, top, x1, bottom, confidence)] if text.strip() else []
    groups: dict[int, list[tuple[str, float, float, float]]] = {}
    for span in spans:
        centre = (span[1] + span[2]) / 2
        groups.setdefault(sum(centre > c for c in cuts), []).append(span)
    out: list[Reading] = []
    for _, group in sorted(groups.items()):
        piece = "".join(s[0] for s in group)
        out.append((piece, group[0][1], top, group[-1][2], bottom, sum(s[3] for s in group) / len(group)))
    return out


def _char_spans(
    text: str, confidence: float, chars: list, x0: float, x1: float
) -> list[tuple[str, float, float, float]]:
    """(character, x0, x1, confidence) of each character of a box: from RapidOCR's character boxes
    when it gave one per character, else the box shared out evenly."""
    if len(chars) >= 3:
        char_boxes, contents, confs = chars[0], chars[1], chars[2]
        if len(char_boxes) == len(contents) == len(text) and len(confs) == len(text):
            return [
                (c, min(p[0] for p in b), max(p[0] for p in b), float(k))
                for c, b, k in zip(contents, char_boxes, confs)
            ]
    step = (x1 - x0) / max(1, len(text))
    return [(c, x0 + i * step, x0 + (i + 1) * step, confidence) for i, c in enumerate(text)]
