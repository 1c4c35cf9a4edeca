"""Ink that no text box holds, read again alone: the detector sometimes leaves out a lone figure.

In a ruled table, a cell with ink and no box is read again (`reread_empty_cells`): the 1 of a
cramped row in small type. In a table printed without rules the detector may box a label with the
figure of the next cell and the recogniser then drop the figure ("2.其他" for "2.其他  4"): ink left
over beside the boxes on a row of figures, of a figure's height, is read again (`reread_unboxed`).
Only what reads as a figure, surely, is kept: the rest of a page's stray ink (a seal, a signature,
dust) stays unread.

Readings are in the straightened page's pixels (finished/ocrwords.Reading); RECOGNISE reads one crop
with the recogniser alone and gives its (text, confidence) pairs.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from typing import TYPE_CHECKING

from reportgen.finished.ocrwords import Reading

if TYPE_CHECKING:  # imported when a page is read (start-up stays free of numpy)
    import numpy as np

Segment = tuple[float, float, float, float]  # x0, top, x1, bottom (pixels)
Recognise = Callable[["np.ndarray"], list[tuple[str, float]]]

_FIGURE = re.compile(r"\d{1,7}")
_SURE = 0.9  # the recogniser's confidence for a figure read from left-over ink
_APART = 0.25  # of a figure's height: left-over ink this far from every box at least (not a box's own edge)


def reread_empty_cells(
    grey: np.ndarray, ink: np.ndarray, horizontal: list[Segment], vertical: list[Segment],
    readings: list[Reading], recognise: Recognise, dpi: int, meet: float,
) -> list[Reading]:  # fmt: skip
    """Readings of the table cells that hold ink but no text box, each cell's ink read alone. A cell
    is the space between two horizontal rules and two vertical rules that both run the whole of
    that height (MEET: how far, in inches, a rule may stop short)."""
    cells = []
    ys = sorted({round(h[1]) for h in horizontal})
    for top, bottom in zip(ys, ys[1:]):
        if not 0.08 * dpi <= bottom - top <= 1.5 * dpi:  # a table row is a line or a few of text
            continue
        xs = sorted({round(v[0]) for v in vertical if v[1] <= top + meet * dpi and v[3] >= bottom - meet * dpi})
        cells += [(x0, top, x1, bottom) for x0, x1 in zip(xs, xs[1:]) if x1 - x0 >= 0.08 * dpi]
    pad = max(3, int(0.02 * dpi))  # clear of the cell's own lines
    out: list[Reading] = []
    for x0, top, x1, bottom in cells:
        if any(x0 <= (r[1] + r[3]) / 2 <= x1 and top <= (r[2] + r[4]) / 2 <= bottom for r in readings):
            continue
        inside = ink[top + pad : bottom - pad, x0 + pad : x1 - pad]
        rows, cols = inside.nonzero()
        if len(rows) < 0.0004 * dpi * dpi:  # dust, or an empty cell
            continue
        left, right, upper, lower = cols.min(), cols.max() + 1, rows.min(), rows.max() + 1
        crop = grey[  # the ink with a margin of PAD round it
            max(0, top + upper) : top + 2 * pad + lower,
            max(0, x0 + left) : x0 + 2 * pad + right,
        ]
        for text, confidence in recognise(crop):
            if text.strip() and confidence >= 0.8:
                out.append((text.strip(), x0 + pad + left, top + pad + upper, x0 + pad + right, top + pad + lower, confidence))
    return out


def reread_unboxed(grey: np.ndarray, ink: np.ndarray, readings: list[Reading], recognise: Recognise) -> list[Reading]:
    """READINGS and the figures read from ink that no box's text holds, on a row of figures (level
    with a box holding a figure), of a figure's height and clear of every text: each such piece of
    ink read alone. A label's box that reaches over such a figure, or over a figure boxed from
    within it, ends before it."""
    import cv2
    import numpy as np

    figures = [r for r in readings if _FIGURE.fullmatch(r[0])]
    if len(figures) < 3:  # no row of figures: no table on the page
        return readings
    height = statistics.median(r[4] - r[2] for r in figures)
    apart = _APART * height
    boxes = [_text_box(r) for r in readings]
    left = ink.copy()
    for x0, top, x1, bottom in boxes:
        x0, top, x1, bottom = int(round(x0)), int(round(top)), int(round(x1)), int(round(bottom))
        left[max(0, top - 3) : bottom + 3, max(0, x0 - 3) : x1 + 3] = 0
    joined = cv2.dilate(left, np.ones((1, max(1, int(0.4 * height))), np.uint8))  # a figure's digits as one piece
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    out: list[Reading] = []
    for x, y, w, h, area in stats[1:count]:
        middle = y + h / 2
        if not (0.6 * height <= h <= 1.6 * height and w <= 6 * height and area >= 0.1 * height * height):
            continue
        if not any(r[2] < middle < r[4] for r in figures):
            continue
        if any(top < middle < bottom and x0 - apart < x + w and x < x1 + apart for x0, top, x1, bottom in boxes):
            continue  # a piece of a box's own ink
        crop = grey[max(0, y - 4) : y + h + 4, max(0, x - 4) : x + w + 4]
        for text, confidence in recognise(crop):
            if _FIGURE.fullmatch(text.strip()) and confidence >= _SURE:
                out.append((text.strip(), float(x), float(y), float(x + w), float(y + h), confidence))
    # A figure the detector boxed beginning inside a label's box (the label's last character in it)
    # begins where its own ink does; the labels end before the figures they reach over.
    labels = [r for r in readings if r not in figures]
    moved = {i: _own_ink(r, ink, height) for i, r in enumerate(readings) if r in figures and _against(r, labels)}
    readings = [moved.get(i, r) for i, r in enumerate(readings)]
    reached = out + list(moved.values())
    return [r if _FIGURE.fullmatch(r[0]) else _before(r, reached) for r in readings] + out


def _against(figure: Reading, labels: list[Reading]) -> bool:
    """Whether a label's box on FIGURE's line ends inside FIGURE's box."""
    middle = (figure[2] + figure[4]) / 2
    return any(r[2] < middle < r[4] and figure[1] < r[3] < figure[3] for r in labels)


def _own_ink(figure: Reading, ink: np.ndarray, height: float) -> Reading:
    """A figure's box that begins inside a label's box begun where its own ink does: after the
    widest gap of its columns' ink (what lies before it is the label's last character)."""
    text, x0, top, x1, bottom, confidence = figure
    columns = ink[int(top) : int(bottom) + 1, int(x0) : int(x1) + 1].any(axis=0).nonzero()[0]
    if len(columns) < 2:
        return figure
    gaps = columns[1:] - columns[:-1]
    widest = int(gaps.argmax())
    if gaps[widest] < 0.2 * height:
        return figure
    return (text, x0 + float(columns[widest + 1]), top, x1, bottom, confidence)


def _before(reading: Reading, figures: list[Reading]) -> Reading:
    """READING's box ended where its text does, before the first of FIGURES it reaches over on its
    line (a gap between them, as between a label and the figure of the next cell)."""
    text, x0, top, x1, bottom, confidence = reading
    over = [f[1] for f in figures if top < (f[2] + f[4]) / 2 < bottom and x0 < f[1] < x1]
    if not over:
        return reading
    end = min(_text_box(reading)[2], min(over) - _APART * (bottom - top))
    return (text, x0, top, max(x0 + 1, end), bottom, confidence)


def _text_box(reading: Reading) -> Segment:
    """Where a box's text stands: a label's box (Chinese, not ending in a figure) as wide as its
    characters are (a Chinese one about 0.85 of the box's height, another about half), for the
    detector boxes a label with the figure after it and the recogniser may read only the label."""
    text, x0, top, x1, bottom, _ = reading
    if text[-1:].isdigit() or not any(ord(c) > 0x2E80 for c in text):
        return x0, top, x1, bottom
    width = sum(0.85 if ord(c) > 0x2E80 else 0.5 for c in text) * (bottom - top)
    return x0, top, min(x1, x0 + width), bottom
