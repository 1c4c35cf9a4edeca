"""Read the tables of an HTML page into grids with html.parser, honouring rowspan and colspan."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[HtmlCell]] = []
        self._taken: set[tuple[int, int]] = set()
        self._row = -1
        self._cell: HtmlCell | None = None
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "table":
            self.tables.append([])
            self._taken, self._row = set(), -1
        elif tag == "tr":
            self._row += 1
        elif tag in ("td", "th"):
            col = 0
            while (self._row, col) in self._taken:
                col += 1
            rs, cs = int(a.get("rowspan", 1)), int(a.get("colspan", 1))
            for r in range(self._row, self._row + rs):
                for c in range(col, col + cs):
                    self._taken.add((r, c))
            self._cell = HtmlCell(self._row, col, rs, cs, attrs=a)
            self.tables[-1].append(self._cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._cell.text = self._cell.text.strip()
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.text += data


def parse_tables(text: str) -> tuple[list[list[HtmlCell]], list[tuple[str, dict[str, str]]]]:
    p = _Parser()
    p.feed(text)
    p.close()
    return p.tables, p.tags
