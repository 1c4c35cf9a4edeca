"""The grid of a table printed without (enough) ruling lines (finished/pdfgrid.py finds them),
inferred from where its words stand (finished/pdfwords.py), as a reviewer reads such a table.

- **Columns**: each number column is where its digits line up: their common centre, right edge or
  left edge (Word's default in a cell); left of the first one stand the label columns, which begin
  where label texts begin in two rows or more, unless every text starting there runs into the next
  column (a label centred over merged columns).
- **Rows**: every number row is a row, and so is every line of a header (the lines above the first
  number row, or a run of label lines over the number columns inside the table, as table 二's
  第二十条 rows, centred or begun at the left edge). A label wrapped over lines, or merged over
  several rows, is a text block of its column: it covers the rows its text is centred on, as many
  as its column leaves free; in a table that sets its labels at their cells' tops (Word's
  default), the rows from the one its top is level with down to the next label of its column.
- **Headers**: a header text covers the columns it is centred over (or, set at its cell's left
  edge, those right of it), as far as its neighbours leave them free: "申请人情况" over every column
  under it, "法人或其他组织" over its five, the lowest texts (自然人, 商业企业) from where they are
  centred (or from their tops) down to the header's last line.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from reportgen.core import schema
from reportgen.core.text import squash
from reportgen.finished.grid import Grid, GridCell
from reportgen.finished.pdfwords import CUT_ORDINAL, ORDINAL, Chunk, NumberColumn, anchor, headed_left, number_columns, single_row, unwrapped


_HEADER_LABELS = frozenset(squash(c.text) for t in schema.TABLES for row in t.rows() for c in row if not c.is_value)
_LABEL_HEADS = frozenset(label[:n] for label in _HEADER_LABELS for n in range(1, len(label) + 1))


def wraps(above: Chunk, c: Chunk, label: str = "") -> bool:
    """Whether C is the next line of the text ending with ABOVE (a label wrapped in its cell):
    right under it, no wider, and starting or centred where it does; or going on with a label of
    the format (continues_label; LABEL: the text so far, if more than ABOVE's)."""
    close = -2 <= c.top - above.bottom <= 0.8 * c.height
    aligned = abs(c.x0 - above.x0) <= 1.5 or abs(c.xm - above.xm) <= 3
    return close and aligned and c.x1 - c.x0 <= above.x1 - above.x0 + c.height or continues_label(above, c, label)


def continues_label(above: Chunk, c: Chunk, label: str = "") -> bool:
    """Whether C goes on with the label ABOVE ends (LABEL: its text so far, if more than ABOVE's;
    a label broken by hand: "行政规" / "范性文件"): right under it, begun where it does or a typed
    space off, the whole a label of the format or the start of one. Such a line may be wider than
    the one above, which `wraps` does not allow."""
    close = -2 <= c.top - above.bottom <= 0.8 * c.height
    aligned = abs(above.x0 - c.x0) <= 0.35 * c.height
    return close and aligned and squash((label or above.text) + c.text) in _LABEL_HEADS


def goes_on(label: str, above: Chunk, c: Chunk) -> bool:
    """Whether C is the next line of LABEL (ending with ABOVE), not a sub-header's first line: LABEL
    a whole label of the format and C the beginning of another (第二十条 under 行政规范性文件)."""
    whole, text = squash(label), squash(c.text)
    heading = whole in _HEADER_LABELS and text in _LABEL_HEADS and whole + text not in _LABEL_HEADS
    return wraps(above, c, label) and not heading


def _stacked(above: Chunk, c: Chunk, height: float) -> bool:
    """Whether C is the next character of a label set a character a line under ABOVE: centred under
    it, a line's pitch lower (bottom to bottom: a small mark such as "、" sits low in its line)."""
    single = len(squash(above.text)) == 1 and len(squash(c.text)) == 1
    return single and abs(c.xm - above.xm) <= 0.5 * height and 0 < c.bottom - above.bottom <= 1.8 * height


def _beside(above: Chunk, c: Chunk, line: list[Chunk]) -> bool:
    """Whether another text of C's line also stands under ABOVE: then ABOVE heads them both."""
    return any(o is not c and min(o.x1, above.x1) - max(o.x0, above.x0) > 0 for o in line)




# --- a table's grid ----------------------------------------------------------------------------


@dataclass
class _Block:
    """Text of one cell: its chunks, the columns it covers and the rows it covers."""

    chunks: list[Chunk]
    cols: list[int] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(c.top for c in self.chunks)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chunks)

    @property
    def ym(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chunks)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chunks)

    @property
    def text(self) -> str:
        lines: list[list[Chunk]] = []
        for c in sorted(self.chunks, key=lambda c: c.ym):
            if lines and abs(c.ym - statistics.fmean(x.ym for x in lines[-1])) < 0.45 * c.height:
                lines[-1].append(c)
            else:
                lines.append([c])
        return "\n".join("".join(c.text for c in sorted(line, key=lambda c: c.x0)) for line in lines)


class Layout:
    """The columns (XS: boundaries, left to right) and rows of one borderless table, and its cells."""

    def __init__(self, rows: list[list[Chunk]]) -> None:
        self.lines = unwrapped([r for r in rows if r])
        chunks = [c for r in self.lines for c in r]
        self.height = statistics.median(c.height for c in chunks)
        first = next(k for k, r in enumerate(self.lines) if anchor(r))
        self.header = self.lines[:first]
        body = self.lines[first:]
        least = 1 if single_row(body) else 2
        columns = number_columns([c for r in body if anchor(r) for c in r], least)
        last = max(chunks, key=lambda c: c.xm)
        self.left = any(col.left for col in columns) or headed_left(columns, self.header)  # texts at their cells' left edges
        self.xs, self.n_labels = self._columns(body, columns or [NumberColumn(last.xm, last.x0, False)], chunks)
        self.num_left = self.xs[self.n_labels]
        # Rows: the header's lines, number rows, and lines of labels over the number columns.
        self.row_lines: list[list[Chunk]] = list(self.header)
        self.kinds: list[str] = ["header"] * len(self.header)
        kinds = ["number" if anchor(r) else "band" if any(c.xm > self.num_left for c in r) else "" for r in body]
        for k in range(len(body)):  # a sub-header begun at the left edge (第二十条第（五）项) over its band
            above = max((i for i in range(k) if kinds[i] == "number"), default=None)
            if self.left and kinds[k] == "band" and above is not None and all(not kinds[i] for i in range(above + 1, k)):
                run = list(range(above + 1, k))
                label = "".join(c.text for c in body[above] if c.xm < self.num_left)
                while run and goes_on(label, body[run[0] - 1][0], body[run[0]][0]):
                    label += body[run.pop(0)][0].text  # the number row's label wrapped
                for i in run:
                    kinds[i] = "band"
        for r, kind in zip(body, kinds):
            if kind:
                self.row_lines.append(r)
                self.kinds.append(kind)
        self.mids = [statistics.fmean(c.ym for c in r) for r in self.row_lines]
        self.tops = [min(c.top for c in r) for r in self.row_lines]  # grown by the labels of the row
        self.bottoms = [max(c.bottom for c in r) for r in self.row_lines]
        n_rows, n_cols = len(self.row_lines), len(self.xs) - 1
        self.owner: list[list[_Block | None]] = [[None] * n_cols for _ in range(n_rows)]
        self.blocks: list[_Block] = []
        self.top_aligned = False  # merged labels set at their cells' tops (build tells)

    # -- columns --

    def _columns(self, body, columns: list[NumberColumn], chunks: list[Chunk]) -> tuple[list[float], int]:
        centres = [col.centre for col in columns]
        if self.left:  # a cell's text begins just right of its left edge
            bounds = [col.x0 - 2 for col in columns[1:]]
        else:
            bounds = [(a + b) / 2 for a, b in zip(centres, centres[1:])]
        half = (centres[1] - centres[0]) / 2 if len(centres) > 1 else 12.0
        first_numbers = [c for r in body for c in r if c.number and abs(c.xm - centres[0]) < half]
        num_x0 = min((c.x0 for c in first_numbers), default=centres[0] - half)
        if self.left:
            num_x0 = columns[0].x0
        labels = [c for r in body for c in r if not c.number and c.x1 < num_x0 - 1]
        right = centres[-1] + (centres[-1] - bounds[-1] if bounds else half)
        right = max(right, max(c.x1 for c in chunks) + 1)
        self.edges = [col.x0 for col in columns]  # where each column's texts begin, set at the left
        if not labels:
            left = min(centres[0] - half, min(c.x0 for c in chunks) - 1)
            return [left, *bounds, right], 0
        num_left = (max(c.x1 for c in labels) + num_x0) / 2
        starts = self._label_starts(labels, num_left, max(1.5, 0.35 * self.height))
        self.edges = [*starts, *self.edges]
        left = min(c.x0 for c in chunks if c.xm < num_left) - 2
        return [left, *(s - 1.5 for s in starts[1:]), num_left, *bounds, right], len(starts)

    @staticmethod
    def _label_starts(labels: list[Chunk], num_left: float, space: float) -> list[float]:
        """Where label columns begin: where label texts begin in two rows or more (within a typed
        SPACE: a label begun with a space stands that much right of its next lines), unless every
        text beginning there runs into the next column (a label centred over merged columns)."""
        xs = sorted(c.x0 for c in labels)
        starts: list[list[float]] = []
        for x in xs:
            if starts and x - starts[-1][-1] <= space:
                starts[-1].append(x)
            else:
                starts.append([x])
        cands = [min(g) for g in starts if len(g) >= 2]
        changed = True
        while changed and len(cands) > 1:
            changed = False
            for k in range(1, len(cands)):
                nxt = cands[k + 1] if k + 1 < len(cands) else num_left
                mine = [c for c in labels if cands[k] - 0.01 <= c.x0 <= cands[k] + space]
                before = [c for c in labels if cands[k - 1] - 0.01 <= c.x0 <= cands[k - 1] + space]
                if not any(c.x1 <= nxt + 2 for c in mine) or not any(c.x1 <= cands[k] + 2 for c in before):
                    cands.pop(k)
                    changed = True
                    break
        return cands or [min(xs)]

    def _overlapped(self, x0: float, x1: float, lo: int = 0, hi: int | None = None) -> list[int]:
        hi = len(self.xs) - 1 if hi is None else hi
        out = [c for c in range(lo, hi) if min(x1, self.xs[c + 1]) - max(x0, self.xs[c]) > min(4.0, 0.3 * (self.xs[c + 1] - self.xs[c]))]
        if not out:
            xm = (x0 + x1) / 2
            out = [min(range(lo, hi), key=lambda c: abs((self.xs[c] + self.xs[c + 1]) / 2 - xm))]
        return out

    def col_of(self, x: float) -> int:
        return max(0, min(len(self.xs) - 2, next((c for c in range(len(self.xs) - 1) if x < self.xs[c + 1]), len(self.xs) - 2)))

    # -- cells --

    def build(self) -> None:
        body_labels: list[tuple[Chunk, bool]] = []
        bands: list[list[int]] = []
        for k, (r, kind) in enumerate(zip(self.row_lines, self.kinds)):
            if kind in ("header", "band"):
                if not bands or bands[-1][-1] != k - 1:
                    bands.append([])
                bands[-1].append(k)
                continue
            labels = [c for c in r if not (c.xm > self.num_left or (c.number and self.n_labels == 0))]
            for c in r:
                if c not in labels:
                    self._place(_Block([c]), [k], [self.col_of(c.xm)])
            body_labels += [(c, c is max(labels, key=lambda x: x.x1)) for c in labels]
        first = self.kinds.index("number")
        for r in self.lines[self.lines.index(self.row_lines[first]):]:
            if not anchor(r) and not any(c.xm > self.num_left for c in r) and not any(r is x for x in self.row_lines):
                body_labels += [(c, False) for c in r]
        blocks = self._label_blocks(sorted(body_labels, key=lambda t: t[0].top))
        self.top_aligned = self._tops_aligned([b for _, b in blocks])
        for band in bands:
            self._band(band)
        self._labels(blocks)

    def _place(self, block: _Block, rows: list[int], cols: list[int]) -> None:
        block.rows, block.cols = rows, cols
        for r in rows:
            for c in cols:
                if self.owner[r][c] is None:
                    self.owner[r][c] = block
                elif self.owner[r][c] is not block and self.owner[r][c].rows == [r] and len(block.chunks) == 1:
                    self.owner[r][c].chunks += block.chunks  # two values in one slot: one cell's text
                    return
        self.blocks.append(block)

    def _free(self, rows: list[int], cols: list[int], marks: dict) -> bool:
        return all(marks.get((r, c)) is None for r in rows for c in cols)

    def _band(self, band: list[int]) -> None:
        """Header lines: text blocks, each over the rows and columns it is centred on."""
        lines = [self.row_lines[k] for k in band]
        chunks = sorted((c for r in lines for c in r), key=lambda c: c.top)
        blocks: list[_Block] = []
        for line in sorted(lines, key=lambda r: min(c.top for c in r)):
            homes = [next((b for b in reversed(blocks) if wraps(b.chunks[-1], c) and not _beside(b.chunks[-1], c, line)), None) for c in line]
            whole = [home is not None and squash(home.text) in _HEADER_LABELS and squash(home.text + c.text) not in _LABEL_HEADS for home, c in zip(homes, line)]
            starts = None in homes or all(whole)  # texts begin here, or all above end: in a table set at the top, a row begins
            for c, home, ended in zip(line, homes, whole):
                if ended and self.top_aligned and starts:
                    home = None  # a whole label above (行政复议), this one (结果维持) under it in a row of its own
                if home is None:
                    blocks.append(_Block([c]))
                else:
                    home.chunks.append(c)
        bounds = [(self.mids[a] + self.mids[b]) / 2 for a, b in zip(band, band[1:])]
        bottom = max(c.bottom for c in chunks)

        def row_at(y: float) -> int:
            return band[next((i for i, b in enumerate(bounds) if y < b), len(bounds))]

        marks: dict[tuple[int, int], _Block] = {}
        for b in blocks:
            under = [o.top for o in blocks if o is not b and o.top > b.ym and min(o.x1, b.x1) - max(o.x0, b.x0) > 0]
            leaf = not under
            top_row, last_row = row_at(b.top + 0.3 * self.height), row_at(b.bottom - 0.3 * self.height)
            if under and self.top_aligned:  # down to the row of the first text under it
                last_row = max(top_row, band[band.index(row_at(min(under) + 0.3 * self.height)) - 1])
            if leaf:
                top = b.top if self.top_aligned else min(2 * b.ym - bottom, b.top)
                top_row, last_row = row_at(top + 0.3 * self.height), band[-1]
            b.rows = list(range(top_row, last_row + 1))
            b.cols = self._overlapped(b.x0, b.x1)
            for r in b.rows:
                for c in b.cols:
                    marks.setdefault((r, c), b)
        for b in sorted(blocks, key=lambda b: (b.rows[0], b.x0)):
            others = {k: v for k, v in marks.items() if v is not b}
            lo, hi = b.cols[0], b.cols[-1]
            while lo > 0 and self._free(b.rows, [lo - 1], others):
                lo -= 1
            while hi < len(self.xs) - 2 and self._free(b.rows, [hi + 1], others):
                hi += 1
            xm, best = (b.x0 + b.x1) / 2, (b.cols[0], b.cols[-1])
            if self.left and abs(b.x0 - self.edges[b.cols[0]]) <= 1.5:  # at its cell's left edge: over the free columns right of it
                best = (b.cols[0], hi)
            for i in range(lo, b.cols[0] + 1):
                for j in range(b.cols[-1], hi + 1):
                    if abs((self.xs[i] + self.xs[j + 1]) / 2 - xm) <= max(8.0, self.height) and j - i > best[1] - best[0]:
                        best = (i, j)
            for r in b.rows:
                for c in range(best[0], best[1] + 1):
                    marks[(r, c)] = b
            b.cols = list(range(best[0], best[1] + 1))
        for b in blocks:
            self._place(b, b.rows, b.cols)

    def _label_blocks(self, chunks: list[tuple[Chunk, bool]]) -> list[tuple[int, _Block]]:
        """Labels in the label columns as blocks of wrapped text, each with its column."""
        open_: dict[int, _Block] = {}
        anchored: dict[int, bool] = {}
        blocks: list[tuple[int, _Block]] = []
        for c, on_row in chunks:
            col = self.col_of(c.x0 + 1)
            cur = open_.get(col)
            starts = ORDINAL.match(squash(c.text)) or CUT_ORDINAL.match(squash(c.text))
            # (a small mark such as "、" is measured by the line it stands on, not by its own height)
            height = max(c.height, cur.chunks[-1].height) if cur is not None else c.height
            # a label set a character a line in a narrow cell ("三、本年度办理结果" down its rows) is one text
            stacked = cur is not None and _stacked(cur.chunks[-1], c, height)
            if cur is None or starts or (not stacked and (c.top - cur.bottom > 1.2 * height or (on_row and anchored[col]))):
                cur = open_[col] = _Block([c])
                anchored[col] = on_row
                blocks.append((col, cur))
            else:
                cur.chunks.append(c)
                anchored[col] = anchored[col] or on_row
        for _, b in blocks:
            b.cols = self._overlapped(b.x0, b.x1, 0, self.n_labels) if self.n_labels else [0]
        return blocks

    def _row_at_top(self, b: _Block) -> int | None:
        """The number row whose top B's top is level with, if any."""
        tol = 0.3 * self.height
        return next((k for k, kind in enumerate(self.kinds) if kind == "number" and abs(self.tops[k] - b.top) <= tol), None)

    def _centred(self, b: _Block, rows: list[int]) -> bool:
        """Whether B stands centred over a run of ROWS, more than one line of it."""
        tol = 0.3 * self.height
        return any(abs((self.tops[i] + self.bottoms[j]) / 2 - b.ym) <= tol for i in rows for j in rows if j >= i)

    def _tops_aligned(self, blocks: list[_Block]) -> bool:
        """Whether the table sets its merged labels at their cells' tops (Word's default), told by
        its labels of more than one line: level with a row's top but centred on no rows. With no
        such label to tell, as the figures tell: on their cells' left edges, Word's defaults."""
        body = [k for k, kind in enumerate(self.kinds) if kind == "number"]
        votes = 0
        for b in blocks:
            if b.bottom - b.top < 1.5 * self.height:
                continue
            top, centred = self._row_at_top(b) is not None, self._centred(b, body)
            votes += (top and not centred) - (centred and not top)
        return votes > 0 if votes else self.left

    def _labels(self, blocks: list[tuple[int, _Block]]) -> None:
        """Label blocks over the rows they are centred on, or (a table setting them at the top) the
        rows from the one their top is level with down to the next label of their column."""
        body = [k for k, kind in enumerate(self.kinds) if kind == "number"]
        tol = 0.3 * self.height
        order = sorted(blocks, key=lambda t: (-t[1].cols[-1], t[1].ym))
        for col, b in order:
            same = sorted(o.ym for c2, o in blocks if c2 == col and o is not b)
            lo_y = max((y for y in same if y < b.ym), default=float("-inf"))
            hi_y = min((y for y in same if y > b.ym), default=float("inf"))
            rows = [k for k in body if lo_y + tol < self.mids[k] < hi_y - tol]
            best: list[int] | None = None
            first = self._row_at_top(b) if self.top_aligned else None
            if first is not None:
                # down to the next label of its columns, or of a column left of them (a new group)
                below = min((o.top for _, o in blocks if (set(o.cols) & set(b.cols) or max(o.cols) < b.cols[0]) and o.top > b.top + tol), default=float("inf"))
                best = []
                for k in range(first, len(self.kinds)):
                    if self.kinds[k] != "number" or self.tops[k] > below - tol or any(self.owner[k][c] for c in b.cols):
                        break
                    best.append(k)
                best = best or None
            for i in range(len(rows) if best is None else 0):
                for j in range(i, len(rows)):
                    span = rows[i : j + 1]
                    if not all(self.owner[r][c] is None for r in span for c in b.cols):
                        break
                    if abs((self.tops[rows[i]] + self.bottoms[rows[j]]) / 2 - b.ym) <= tol and (best is None or len(span) > len(best)):
                        best = span
            if best is None:
                near = min(body, key=lambda k: abs(self.mids[k] - b.ym))
                if all(self.owner[near][c] is None for c in b.cols):
                    best = [near]
                else:
                    other = self.owner[near][b.cols[0]]
                    if other is not None:
                        other.chunks += b.chunks
                    continue
            self._place(b, best, b.cols)
            if len(best) == 1:
                self.tops[best[0]] = min(self.tops[best[0]], b.top)
                self.bottoms[best[0]] = max(self.bottoms[best[0]], b.bottom)
        for k in body:  # a label's free neighbours in its row are its own (a row label merged over columns)
            for c in range(self.n_labels):
                if self.owner[k][c] is not None:
                    continue
                right = next((self.owner[k][x] for x in range(c + 1, self.n_labels) if self.owner[k][x] is not None), None)
                left = next((self.owner[k][x] for x in range(c - 1, -1, -1) if self.owner[k][x] is not None), None)
                for b in (right, left):
                    if b is not None and len(b.rows) == 1:
                        self.owner[k][c] = b
                        b.cols = sorted({*b.cols, c})
                        break

    def grid(self, page_of) -> Grid:
        self.build()
        n_rows, n_cols = len(self.row_lines), len(self.xs) - 1
        grid = Grid(slots=[[None] * n_cols for _ in range(n_rows)])
        made: dict[int, GridCell] = {}
        for r in range(n_rows):
            for c in range(n_cols):
                b = self.owner[r][c]
                if b is None:
                    cell = GridCell("", r, c, page=page_of(self.mids[r]))
                    grid.cells.append(cell)
                elif id(b) in made:
                    cell = made[id(b)]
                else:
                    rows = [x for x in range(n_rows) for y in range(n_cols) if self.owner[x][y] is b]
                    cols = [y for x in range(n_rows) for y in range(n_cols) if self.owner[x][y] is b]
                    cell = made[id(b)] = GridCell(b.text, min(rows), min(cols), max(rows) - min(rows) + 1, max(cols) - min(cols) + 1,
                                                  page=page_of(self.mids[min(rows)]))  # fmt: skip
                    grid.cells.append(cell)
                grid.slots[r][c] = cell
        return grid
