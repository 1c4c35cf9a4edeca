"""Tables printed without (enough) ruling lines: a three-line table, a table in an outer box only,
or one with no borders at all; finished/pdfcells.py infers their grid from the words' places.

A table is a run of lines holding number rows: lines with digits (or a dash for zero) standing
apart from the label before them, and the header lines right above the first of them (up to the
section heading; a blank row apart at most). It takes two number rows at least (table 四's one row
of four numbers or more will do), in number columns (digits set on a common centre, right edge or
left edge in two rows or more), and the labels of the format (labels.table_of, read along the
lines and down the cells): a numbered narrative list is one run of text a line and stays
paragraphs. A table continued on the next page without a header of its own, in the same number
columns, is joined to the part above, and so is a header the page break cut from its rows.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

from reportgen.core import schema
from reportgen.core.text import squash
from reportgen.finished.grid import Grid
from reportgen.finished.labels import table_of
from reportgen.finished.pdfcells import Layout, goes_on
from reportgen.finished.pdfwords import Chunk, NumberColumn, anchor, chunks_of, number_columns, single_row


def find_tables(lines, above: list[NumberColumn] | None = None) -> list[tuple[int, int]]:
    """The runs LINES[i:j] (lines of one page, top to bottom) that are tables printed without rules;
    ABOVE: the number columns of a table the page before ends with, which a run at the top of the
    page in the same columns goes on with (its rows may hold no label of the format)."""
    if not lines:
        return []
    width = max(line.x1 for line in lines) - min(line.x0 for line in lines)
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(lines) + 1):
        if i < len(lines) and _together(lines[i - 1], lines[i], width):
            continue
        runs.append((start, i))
        start = i
    out = []
    for i, j in runs:
        k = _table_part(lines[i:j], above if i == 0 else None)
        if k is not None:
            out.append((i + k[0], i + k[1]))
    return out


def header_cut(prev, lines, above: list[NumberColumn] | None = None) -> list:
    """PREV's last lines (the lines of the page before, outside its tables) that are the header of
    a table the page break cut, which LINES (this page's) go on with, moved right above LINES's
    first line: a run of lines of cells (two texts on a line at least) that make a table with
    this page's first lines (ABOVE: as find_tables). Empty when there is none."""
    if not prev or not lines:
        return []
    width = max(line.x1 for line in [*prev, *lines]) - min(line.x0 for line in [*prev, *lines])
    k = len(prev) - 1
    while k > 0 and _together(prev[k - 1], prev[k], width):
        k -= 1
    tail = [line for line in prev[k:] if not (_prose(line, width) or heading(line))]
    if not tail or tail != prev[len(prev) - len(tail) :] or not any(_cells(line) for line in tail):
        return []
    pitch = tail[-1].top - tail[-2].top if len(tail) > 1 else 1.5 * tail[-1].size
    dy = lines[0].top - pitch - tail[-1].top
    moved = [replace(line, words=[replace(w, top=w.top + dy, bottom=w.bottom + dy) for w in line.words]) for line in tail]
    runs = find_tables([*moved, *lines], above)
    return moved if runs and runs[0][0] == 0 and runs[0][1] > len(tail) else []


_BLANK_ROW = 2.8  # in text sizes: the gap of a blank row between two lines of cells, still one table


def _cells(line) -> bool:
    """Whether LINE holds cells: two texts apart on it at least."""
    return len(chunks_of(line.words)) >= 2


def _together(prev, line, width: float) -> bool:
    """Whether two lines in a row belong to one run: close (a blank row apart, when both hold
    cells), of like size, neither text nor a heading."""
    size = min(prev.size, line.size)
    cells = _cells(prev) and _cells(line)
    if line.top - prev.bottom > (_BLANK_ROW if cells else 1.6) * size or max(prev.size, line.size) > 1.6 * size:
        return False
    return not any(_prose(x, width) or heading(x) for x in (prev, line))


_HEADINGS = tuple(squash(s.heading)[2:] for s in schema.SECTIONS)


def heading(line) -> bool:
    """A section heading of the report (三、收到和处理政府信息公开申请情况) on a line of its own: never a
    table's line, always a paragraph of its own. Its title stands after at most its numeral and
    ends the line but for a stop or a note; a line of prose that names a title is neither."""
    chunks = chunks_of(line.words)
    if len(chunks) != 1:
        return False
    text = squash(chunks[0].text)
    return any(0 <= (at := text.find(h)) <= 3 and len(text) <= at + len(h) + 4 for h in _HEADINGS)


def _prose(line, width: float) -> bool:
    """A line of running text: one run of words over most of the text's width."""
    return len(chunks_of(line.words)) == 1 and line.x1 - line.x0 > 0.6 * width


def _table_part(run, above: list[NumberColumn] | None = None) -> tuple[int, int] | None:
    """Where a table stands within a run of lines that belong together: from its header (the lines
    above its first number row) to its last number row or label, if it is a table at all."""
    rows = [chunks_of(line.words) for line in run]
    anchors = [k for k, r in enumerate(rows) if anchor(r)]
    least = 1 if single_row(rows) or (above and len(anchors) == 1) else 2
    columns = number_columns([c for k in anchors for c in rows[k]], least)
    if len(anchors) < least or not columns:
        return None
    first, last = anchors[0], anchors[-1]
    size = statistics.median(c.height for k in anchors for c in rows[k])
    while first > 0 and _header_line(run[first - 1], rows[first - 1], run[first], size):
        first -= 1
    num_x0 = min(c.x0 for k in anchors for c in rows[k] if c.number)
    ends = [c for c in rows[last] if c.x1 < num_x0]  # the last row's labels: their lines so far
    label = "".join(c.text for c in ends)
    while last + 1 < len(run) and run[last + 1].top - run[last].bottom < 0.8 * size:
        line = rows[last + 1]
        if not all(c.x1 < num_x0 and any(goes_on(label, a, c) for a in ends) for c in line):
            break
        ends, label, last = line, label + "".join(c.text for c in line), last + 1  # the last label's wrapped lines
    chunks = [c for r in rows[first : last + 1] for c in r]
    down = sorted(chunks, key=lambda c: (round(c.x0), c.top))  # labels wrapped a character a line, read down their cells
    text = "".join(squash(c.text) for c in chunks) + "".join(squash(c.text) for c in down)
    full_rows = sum(1 for k in anchors if sum(c.number for c in rows[k]) >= 2)
    if table_of(text) is None and (full_rows < 3 or least == 1) and not (above and same_columns(above, columns)):
        return None
    return first, last + 1


_SECTION = re.compile(r"^[一二三四五六七八九十]+、")


def _header_line(line, chunks: list[Chunk], below, size: float) -> bool:
    """Whether LINE, above a table's header line BELOW, is the header's too: close to it, of the
    table's size, and no section heading (一、总体情况) standing over the table."""
    cells = _cells(line) and _cells(below)
    if line.top - below.top > 0 or below.top - line.bottom > (_BLANK_ROW if cells else 0.8) * size:
        return False  # a blank row apart at most, when both hold cells
    if len(chunks) == 1 and _SECTION.match(squash(chunks[0].text)):
        return False
    return line.size <= 1.25 * size


def same_columns(mine: list[NumberColumn], theirs: list[NumberColumn]) -> bool:
    """Whether the next part of a table (THEIRS) stands in the number columns of the part above
    (MINE): its figures centred or beginning where the part above's are, in every column or (set
    at the left, a row or two of table 二's last item) in some of them."""
    same = [any(abs(a.centre - b.centre) < 4 or abs(a.x0 - b.x0) < 2 for a in mine) for b in theirs]
    return bool(theirs) and all(same) and (len(mine) == len(theirs) or len(theirs) < len(mine) and any(b.left for b in theirs + mine))


def page_at(starts: list[tuple[float, int]], y: float) -> int:
    """The page of a point at Y in a table joined across pages, STARTS holding (y, page) where each
    page's part begins in the joined table's coordinates."""
    return [page for top, page in starts if top <= y + 0.5][-1]


@dataclass
class Borderless:
    """A table printed without rules: its lines' chunks, joined across page breaks; STARTS holds
    (y, page) where each page's part begins, in the joined part's coordinates."""

    rows: list[list[Chunk]]
    starts: list[tuple[float, int]]

    @classmethod
    def of(cls, lines, page: int) -> Borderless:
        rows = [chunks_of(line.words) for line in lines]
        return cls(rows, [(rows[0][0].top, page)])

    @property
    def top(self) -> float:
        return min(c.top for c in self.rows[0])

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.rows[-1])

    def page_of(self, y: float) -> int:
        return page_at(self.starts, y)

    def columns(self) -> list[NumberColumn]:
        anchors = [r for r in self.rows if anchor(r)]
        return number_columns([c for r in anchors for c in r], 1 if single_row(self.rows) or len(anchors) == 1 else 2)

    def continues(self, other: Borderless) -> bool:
        """Whether OTHER (the top of the next page) is this table's rest: no header of its own
        (its first line a number row or a label), and the same number columns (their figures
        centred or beginning where this part's do)."""
        head = other.rows[0]
        theirs = other.columns()
        if not (anchor(head) or all(c.xm < min((col.at for col in theirs), default=0) - 6 for c in head)):
            return False
        return same_columns(self.columns(), theirs)

    def extend(self, other: Borderless) -> None:
        gap = 0.3 * statistics.median(c.height for r in self.rows for c in r)
        dy = self.bottom + gap - other.top
        self.starts += [(top + dy, page) for top, page in other.starts]
        self.rows += [[Chunk(c.text, c.x0, c.top + dy, c.x1, c.bottom + dy) for c in r] for r in other.rows]

    def grid(self) -> Grid:
        return Layout(self.rows).grid(self.page_of)
