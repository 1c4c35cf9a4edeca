"""A finished report as plain items: paragraphs and tables in document order.

Both readers (`docxread`, `htmlread`) produce the same shapes, so that locating the statistics
tables (`finished.py`) knows nothing of Word or HTML. A table is a grid of cells with their spans;
every grid slot points at the cell covering it, so a merged label is seen from every row or
column it spans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(eq=False)  # identity: two cells with the same text are still two cells
class GridCell:
    text: str  # as printed, line breaks kept as "\n"
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None  # the page it is printed on, where the form has pages (a PDF)


@dataclass
class Grid:
    cells: list[GridCell] = field(default_factory=list)
    slots: list[list[GridCell | None]] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.slots)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.slots), default=0)

    def at(self, row: int, col: int) -> GridCell | None:
        if 0 <= row < len(self.slots) and 0 <= col < len(self.slots[row]):
            return self.slots[row][col]
        return None


def stack(top: Grid, bottom: Grid) -> Grid:
    """One grid of two: `bottom` continues `top` (a table cut at a page break, its header not repeated)."""
    offset = top.n_rows
    moved: dict[int, GridCell] = {}
    for c in bottom.cells:
        moved[id(c)] = GridCell(c.text, c.row + offset, c.col, c.rowspan, c.colspan, c.page)
    slots = [list(r) for r in top.slots] + [[moved[id(c)] if c is not None else None for c in r] for r in bottom.slots]
    return Grid(top.cells + list(moved.values()), slots)


@dataclass
class Para:
    text: str


@dataclass
class DocTitle:
    """The title a file declares apart from its text (a web page's <title>): used when the text has none."""

    text: str


@dataclass
class Published:
    """The date a saved page says it went online (finished.published), and where it says it."""

    date: dt.date
    where: str


Item = Para | Grid | DocTitle | Published


class GridBuilder:
    """Place cells row by row as HTML does: a cell goes to the first free slot of its row."""

    def __init__(self) -> None:
        self.grid = Grid()
        self._row = -1

    def new_row(self, skip: int = 0) -> None:
        self._row += 1
        self._ensure(self._row, 0)
        self._col = self._free(self._row, skip)

    def _ensure(self, row: int, col: int) -> None:
        slots = self.grid.slots
        while len(slots) <= row:
            slots.append([])
        while len(slots[row]) <= col:
            slots[row].append(None)

    def _free(self, row: int, col: int) -> int:
        while self.grid.at(row, col) is not None:
            col += 1
        return col

    def add(self, text: str, rowspan: int = 1, colspan: int = 1) -> GridCell:
        rowspan = max(1, min(rowspan, 200))  # a hostile rowspan="100000" must not allocate forever
        colspan = max(1, min(colspan, 200))
        col = self._free(self._row, self._col)
        cell = GridCell(text, self._row, col, rowspan, colspan)
        for r in range(self._row, self._row + rowspan):
            for c in range(col, col + colspan):
                self._ensure(r, c)
                if self.grid.slots[r][c] is None:
                    self.grid.slots[r][c] = cell
        self.grid.cells.append(cell)
        self._col = col + colspan
        return cell

    def extend_down(self, col: int, colspan: int) -> bool:
        """Word's vertical merge: the cell above at `col` grows by one row. False if there is none."""
        above = self.grid.at(self._row - 1, col) if self._row > 0 else None
        if above is None or above.col != col or above.colspan != colspan:
            return False
        above.rowspan += 1
        for c in range(col, col + colspan):
            self._ensure(self._row, c)
            self.grid.slots[self._row][c] = above
        self._col = col + colspan
        return True

    @property
    def col(self) -> int:
        return self._col
