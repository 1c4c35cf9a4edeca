"""A borderless table's lines as a reviewer reads their words: chunks (the run of words one cell
holds), figures told from labels and their own numbers (1. （三） 二、), number rows, and number
columns (digits set on a common centre, right edge or left edge); finished/pdfcells.py builds the
table's grid from them.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from reportgen.core.text import squash
from reportgen.finished.labels import UNIT

_DIGITS = re.compile(rf"^(?:[\d０-９][\d０-９,，.．]*{UNIT}|[—\-–－―─/／]{{1,2}})$")
ORDINAL = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]")  # a label's own number: 1. （三） 二、
CUT_ORDINAL = re.compile(r"^[（(][一二三四五六七八九十\d]{1,3}$")  # a label's number cut by its cell's edge: （三
LATIN = re.compile(r"[0-9A-Za-z%.,]")  # characters of Latin words and figures: a space kept between two such words


def join_words(words) -> str:
    """Words of one line (left to right) as text: Chinese runs together, a space kept between Latin
    words and digits that stand apart."""
    out = ""
    for prev, word in zip([None, *words], words):
        if prev is not None and LATIN.match(prev.text[-1]) and LATIN.match(word.text[0]):
            gap = word.x0 - prev.x1
            if gap > 0.15 * (word.bottom - word.top):
                out += " "
        out += word.text
    return out


@dataclass
class Chunk:
    """A run of words of one line with no wide gap inside: what one cell of the line holds."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def xm(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ym(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def number(self) -> bool:
        return bool(_DIGITS.match(squash(self.text)))


def chunks_of(words) -> list[Chunk]:
    """The words of one line (left to right) joined where they stand closer than half their height."""
    groups: list[list] = []
    for w in sorted(words, key=lambda w: w.x0):
        if groups and w.x0 - max(g.x1 for g in groups[-1]) < 0.2 * max(w.bottom - w.top, 1.0):
            groups[-1].append(w)
        else:
            groups.append([w])
    return [
        Chunk(join_words(g), g[0].x0, min(w.top for w in g), max(w.x1 for w in g), max(w.bottom for w in g))
        for g in groups
    ]



def anchor(chunks: list[Chunk]) -> bool:
    """A number row: a number apart from the label before it, or two numbers."""
    numbers = [c.number for c in chunks]
    return sum(numbers) >= 2 or any(numbers[1:])


def single_row(rows: list[list[Chunk]]) -> bool:
    """A table of one number row (table 四): four numbers on it at least."""
    anchors = [r for r in rows if anchor(r)]
    return len(anchors) == 1 and sum(c.number for c in anchors[0]) >= 4


@dataclass(frozen=True)
class NumberColumn:
    """A column of figures: their median centre, the left edge of the leftmost, and whether they
    stand on a common left edge (a Word cell's default alignment) rather than centred or right."""

    centre: float
    x0: float
    left: bool

    @property
    def at(self) -> float:
        """Where the column's figures line up: their common left edge, or their centre."""
        return self.x0 if self.left else self.centre


def _spread(values: list[float]) -> float:
    return max(values) - min(values)


def _chained(chunks: list[Chunk], key, gap: float) -> list[list[Chunk]]:
    """CHUNKS grouped where KEY runs on in steps of GAP at most."""
    groups: list[list[Chunk]] = []
    for c in sorted(chunks, key=key):
        if groups and key(c) - key(groups[-1][-1]) <= gap:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def number_columns(chunks: list[Chunk], least: int = 2) -> list[NumberColumn]:
    """The number columns, left to right: digits aligned on their centres, right edges or left
    edges, in LEAST rows at least (two unless told)."""
    out: list[tuple[list[Chunk], bool]] = []
    loose: list[Chunk] = []
    for g in _chained([c for c in chunks if c.number], lambda c: c.xm, 10):
        centres, rights, lefts = _spread([c.xm for c in g]), _spread([c.x1 for c in g]), _spread([c.x0 for c in g])
        if len(g) >= least and (centres <= 6 or rights <= 3):
            out.append((g, lefts <= 1.5 and lefts < min(centres, rights)))
        else:
            loose += g
    for g in _chained(loose, lambda c: c.x0, 1.5):  # figures of unlike widths on one left edge
        same = next((o for o in out if abs(min(c.x0 for c in o[0]) - g[0].x0) <= 1.5), None)
        if same is not None:
            out[out.index(same)] = (same[0] + g, True)
        elif len(g) >= least:
            out.append((g, True))
    columns = [NumberColumn(statistics.median(c.xm for c in g), min(c.x0 for c in g), left) for g, left in out]
    return sorted(columns, key=lambda col: col.x0)


def headed_left(columns: list[NumberColumn], header: list[list[Chunk]]) -> bool:
    """Whether the header's texts begin where the figures under them begin rather than stand
    centred over them, in more columns than the other way round: a table of one row of figures
    set at its cells' left edges (a column where both agree tells nothing)."""
    chunks = [c for r in header for c in r]
    left = sum(any(abs(c.x0 - col.x0) <= 1 and abs(c.xm - col.centre) > 2 for c in chunks) for col in columns)
    centred = sum(any(abs(c.xm - col.centre) <= 1 and abs(c.x0 - col.x0) > 2 for c in chunks) for col in columns)
    return len(columns) >= 2 and left > centred


def unwrapped(lines: list[list[Chunk]]) -> list[list[Chunk]]:
    """LINES (chunks of a table's lines, top to bottom) with the figures wrapped in their narrow
    cells put back together (１１ over ０ is 110): a line right under a number row whose figures each
    begin where one of the row's begins, that one as wide as the widest of its column, and fewer
    than the row's (a row of its own fills every column). Its other texts stay a line of their own."""
    figures = [c for line in lines for c in line if c.number]
    widest = {round(c.x0): max(o.x1 for o in figures if abs(o.x0 - c.x0) <= 1) for c in figures}
    out: list[list[Chunk]] = []
    for line in lines:
        row = next((r for r in reversed(out) if r), None)
        mine = [c for c in line if c.number]
        ups = [c for c in row if c.number] if row is not None and anchor(row) else []
        tops = [next((u for u in ups if abs(u.x0 - c.x0) <= 1 and u.x1 >= widest[round(u.x0)] - 1 and -2 <= c.top - u.bottom <= 0.8 * c.height), None) for c in mine]
        if not mine or None in tops or len(mine) >= len(ups):
            out.append(line)
            continue
        for c, u in zip(mine, tops):
            row[row.index(u)] = Chunk(u.text + c.text, u.x0, u.top, max(u.x1, c.x1), u.bottom)
        out.append([c for c in line if not c.number])
    return [line for line in out if line]
