"""Pages of positioned words and rules (finished/positioned.py) read as a reviewer reads them:
paragraphs in reading order and table grids, the items every reader produces (finished/grid.py).

- **Furniture** goes first: page numbers ("— 3 —", "第3页 共5页", "3/5"), the browser's header and
  footer of a printed page (the date and time, the title, the URL), and any line repeated in the
  same margin on most pages (a running head).
- **Tables** are the regions of connected ruling lines. Row and column boundaries come from the
  rules; two neighbouring slots are one (merged) cell where no rule separates them, so a label
  merged over several rows or columns is seen from each of them, as in a .docx. A region with
  horizontal rules only (a 三线表) takes its columns from the gaps between words and its rows from
  the text lines. A table continued on the next page is a grid of its own there; tables.py joins it
  to the part above when its header is not repeated. A table printed without (enough) rules (no
  borders, an outer box only, a 三线表 whose rules do not touch) is found among the lines of text and
  its grid inferred from the words' places (finished/pdfgrid.py, finished/pdfcells.py).
- **Paragraphs**: lines of words outside tables, joined while a line runs to the right margin and
  the next starts at the left one; a first-line indent, a short last line, a wider gap or another
  size starts a new paragraph. A paragraph cut by a page break is joined again.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field, replace

from reportgen.core import schema
from reportgen.core.text import squash
from reportgen.finished.grid import Grid, GridCell, Item, Para
from reportgen.finished.pdfwords import LATIN, ORDINAL, NumberColumn, anchor, chunks_of, join_words
from reportgen.finished.pdfgrid import Borderless, find_tables, header_cut, heading, page_at
from reportgen.finished.positioned import Page, Rule, Word

_SNAP = 2.5  # points: rule positions closer than this are one boundary
_COVER = 0.6  # a boundary is ruled where rules cover this share of it
_MARGIN_BAND = 0.12  # the top and bottom share of a page where furniture stands
_PAGE_NUMBER = re.compile(r"^(?:[—\-–－─]+\s*\d{1,3}\s*[—\-–－─]+|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})$")
_BROWSER_DATE = re.compile(r"^\d{4}[/\-.年]\d{1,2}[/\-.月]\d{1,2}日?\s*(?:[上下]午)?\s*\d{1,2}:\d{2}|^\d{1,2}/\d{1,2}/\d{2,4},?\s*\d{1,2}:\d{2}")
_URL = re.compile(r"^(?:https?|file)://|^www\.|\s\d{1,3}\s*/\s*\d{1,3}$")


@dataclass
class Line:
    words: list[Word]
    page: int
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    text: str = ""

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        self.x0 = self.words[0].x0
        self.x1 = max(w.x1 for w in self.words)
        self.text = join_words(self.words)

    @property
    def size(self) -> float:  # most of its characters' height: "2025" before "年度" is one short word, not half the line
        return statistics.median(w.bottom - w.top for w in self.words for _ in w.text)


def lines_of(words: list[Word], page: int) -> list[Line]:
    """Words grouped into lines (by their vertical middles), top to bottom."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if lines:
            last = lines[-1]
            last_mid = statistics.fmean((x.top + x.bottom) / 2 for x in last)
            height = statistics.fmean(x.bottom - x.top for x in last)
            if abs(mid - last_mid) < 0.45 * max(height, w.bottom - w.top):
                last.append(w)
                continue
        lines.append([w])
    return [Line(ws, page) for ws in lines]


# --- furniture --------------------------------------------------------------------------------


def _furniture(pages: list[Page], lines: dict[int, list[Line]]) -> None:
    """Page numbers, browser headers and footers and running heads removed from LINES in place."""
    repeated: dict[str, int] = {}
    for page in pages:
        for line in _in_band(page, lines[page.number]):
            key = re.sub(r"\d+", "#", line.text)
            repeated[key] = repeated.get(key, 0) + 1
    running = {k for k, n in repeated.items() if len(pages) >= 3 and n >= max(3, 2 * len(pages) // 3)}
    for page in pages:
        band = set(map(id, _in_band(page, lines[page.number])))
        lines[page.number] = [
            line for line in lines[page.number]
            if id(line) not in band or not (
                _PAGE_NUMBER.match(line.text) or _BROWSER_DATE.match(line.text) or _URL.search(line.text)
                or re.sub(r"\d+", "#", line.text) in running
            )
        ]  # fmt: skip


def _in_band(page: Page, lines: list[Line]) -> list[Line]:
    band = _MARGIN_BAND * page.height
    return [line for line in lines if line.bottom < band or line.top > page.height - band]


# --- tables -----------------------------------------------------------------------------------


@dataclass
class _Region:
    rules: list[Rule] = field(default_factory=list)
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0

    def add(self, r: Rule) -> None:
        if not self.rules:
            self.x0, self.top, self.x1, self.bottom = r.x0, r.top, r.x1, r.bottom
        self.rules.append(r)
        self.x0, self.top = min(self.x0, r.x0), min(self.top, r.top)
        self.x1, self.bottom = max(self.x1, r.x1), max(self.bottom, r.bottom)

    def holds(self, w: Word) -> bool:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return self.x0 - 1 <= cx <= self.x1 + 1 and self.top - 1 <= cy <= self.bottom + 1

    @property
    def horizontals(self) -> list[Rule]:
        return [r for r in self.rules if r.x1 - r.x0 >= r.bottom - r.top]

    @property
    def verticals(self) -> list[Rule]:
        return [r for r in self.rules if r.x1 - r.x0 < r.bottom - r.top]


def _touch(a: Rule, b: Rule) -> bool:
    return a.x0 - _SNAP <= b.x1 and b.x0 - _SNAP <= a.x1 and a.top - _SNAP <= b.bottom and b.top - _SNAP <= a.bottom


def _regions(rules: list[Rule], page: Page) -> list[_Region]:
    """Connected groups of rules that make a table: two horizontal rules at least, wider than a
    quarter of the page (an underline or the red rule under a header is no table)."""
    groups: list[list[Rule]] = []
    for r in rules:
        hits = [g for g in groups if any(_touch(r, s) for s in g)]
        merged = [r]
        for g in hits:
            merged += g
            groups.remove(g)
        groups.append(merged)
    # Horizontal rules stacked above each other without verticals (a 三线表) are one table too
    # when they are close: join groups whose spans overlap and which are near vertically.
    out = []
    for g in groups:
        region = _Region()
        for r in g:
            region.add(r)
        if len(region.horizontals) >= 2 and region.x1 - region.x0 > page.width / 4 and region.bottom - region.top > 8 and not _a_box(region):
            out.append(region)
    return sorted(out, key=lambda r: r.top)


def _a_box(region: _Region) -> bool:
    """A frame around text (a page border, a boxed note): its rules are only its four edges."""
    inner = [r for r in region.horizontals if min(abs(r.top - region.top), abs(r.bottom - region.bottom)) > _SNAP]
    inner += [r for r in region.verticals if min(abs(r.x0 - region.x0), abs(r.x1 - region.x1)) > _SNAP]
    return not inner


def _edges_only(region: _Region) -> bool:
    """Whether a region's only vertical rules are its left and right edges (a box ruled in rows)."""
    return all(min(abs(r.x0 - region.x0), abs(r.x1 - region.x1)) <= _SNAP for r in region.verticals)


def _unruled(lines: list[Line]) -> bool:
    """Whether the lines in a box without inner column rules are read from their words: a table
    printed without them, or lines without a figure (a header that a page break cut from its rows,
    joined to them on the next page as a borderless table's is)."""
    return bool(find_tables(lines)) or not any(anchor(chunks_of(line.words)) for line in lines)


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] < _SNAP:
            continue
        out.append(v)
    return out


def _covered(segments: list[tuple[float, float]], lo: float, hi: float) -> bool:
    """Whether SEGMENTS (intervals) cover at least _COVER of [lo, hi]."""
    total = 0.0
    for a, b in segments:
        total += max(0.0, min(b, hi) - max(a, lo))
    return hi - lo <= 0 or total >= _COVER * (hi - lo)


def _gaps(words: list[Word], x0: float, x1: float) -> list[float]:
    """Column boundaries of a table without vertical rules: the middles of the gaps no word crosses."""
    spans = sorted((w.x0, w.x1) for w in words)
    cuts, reach = [], x0
    for a, b in spans:
        if a - reach > 6 and reach > x0:
            cuts.append((a + reach) / 2)
        reach = max(reach, b)
    return [x0, *cuts, x1]


def _table(region: _Region, words: list[Word], page_of) -> Grid:
    """The grid of a table region; PAGE_OF(y) is the page a row at height y is printed on."""
    verticals = region.verticals
    if len(verticals) >= 2:
        xs = _snap([(r.x0 + r.x1) / 2 for r in verticals] + [region.x0, region.x1])
        ys = _snap([(r.top + r.bottom) / 2 for r in region.horizontals] + [region.top, region.bottom])
        ruled_v = lambda x, lo, hi: _covered([(r.top, r.bottom) for r in verticals if abs((r.x0 + r.x1) / 2 - x) < _SNAP], lo, hi)  # noqa: E731
        ruled_h = lambda y, lo, hi: _covered([(r.x0, r.x1) for r in region.horizontals if abs((r.top + r.bottom) / 2 - y) < _SNAP], lo, hi)  # noqa: E731
    else:  # rows from the text lines, columns from the gaps: every boundary counts
        xs = _gaps(words, region.x0, region.x1)
        lines = lines_of(words, 0)
        ys = [region.top] + [(a.bottom + b.top) / 2 for a, b in zip(lines, lines[1:])] + [region.bottom]
        ruled_v = ruled_h = lambda *_: True  # noqa: E731
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # Union the slots no rule separates: a merged cell is one connected component.
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not ruled_v(xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not ruled_h(ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    members: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            members.setdefault(find(r * n_cols + c), []).append((r, c))
    grid = Grid(slots=[[None] * n_cols for _ in range(n_rows)])
    texts: dict[int, list[Word]] = {}
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        r = next((i for i in range(n_rows) if ys[i] <= cy <= ys[i + 1]), None)
        c = next((j for j in range(n_cols) if xs[j] <= cx <= xs[j + 1]), None)
        if r is not None and c is not None:
            texts.setdefault(find(r * n_cols + c), []).append(w)
    for root, slots in sorted(members.items(), key=lambda kv: min(kv[1])):
        r0, c0 = min(r for r, _ in slots), min(c for _, c in slots)
        r1, c1 = max(r for r, _ in slots), max(c for _, c in slots)
        text = "\n".join(line.text for line in lines_of(texts.get(root, []), 0))
        cell = GridCell(text, r0, c0, r1 - r0 + 1, c1 - c0 + 1, page=page_of((ys[r0] + ys[r0 + 1]) / 2))
        grid.cells.append(cell)
        for r, c in slots:
            grid.slots[r][c] = cell
    return grid


# --- paragraphs -------------------------------------------------------------------------------


@dataclass
class _Margins:
    left: float
    right: float
    gap: float  # the usual space between two lines of a paragraph


def _margins(lines: list[Line]) -> _Margins:
    """The body's left and right edges (where most lines start, where the longest end) and the
    usual gap between lines."""
    if not lines:
        return _Margins(0.0, 0.0, 0.0)
    left = statistics.mode(round(line.x0) for line in lines)
    ends = sorted(line.x1 for line in lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.bottom]
    gaps.sort()
    return _Margins(left, ends[-1], gaps[len(gaps) // 5] if gaps else 0.0)


def _starts_paragraph(prev: Line, line: Line, m: _Margins, page_break: bool) -> bool:
    size = max(line.size, 1.0)
    if line.x0 > m.left + 0.8 * size:  # indented, centred or right-aligned
        return True
    if heading(line) or heading(prev):  # a section's heading is a paragraph of its own, whatever the margins say
        return True
    if prev.x1 < m.right - 1.5 * size:  # the line above ended short
        return True
    if prev.x0 > m.left + 2.5 * size:  # the line above was centred or right-aligned: a line of its own
        return True
    if abs(line.size - prev.size) > 0.15 * size:
        return True
    return not page_break and line.top - prev.bottom > m.gap + 0.6 * size


@dataclass
class _Table:
    """A table region and its words, joined across page breaks: STARTS holds (y, page) where each
    page's part begins, in the joined part's coordinates."""

    region: _Region
    words: list[Word]
    starts: list[tuple[float, int]]

    def page_of(self, y: float) -> int:
        return page_at(self.starts, y)

    def continues(self, other: _Table) -> bool:
        """Whether OTHER (the top of the next page) may be this table's rest: the same width."""
        return abs(self.region.x0 - other.region.x0) < 2 * _SNAP and abs(self.region.x1 - other.region.x1) < 2 * _SNAP

    def grid(self) -> Grid:
        return _table(self.region, self.words, self.page_of)

    def extend(self, other: _Table) -> None:
        """OTHER (the top of the next page) continues this table: moved up under it, with a rule
        between the two parts (a continued part often has no top rule), or, where a row was cut by
        the page break, without the rules of the cut, so that its two halves are one row again."""
        dy = self.region.bottom - other.region.top
        bottom = self.region.bottom
        cut = _row_cut(self, other)
        if cut:
            self.region.rules = [r for r in self.region.rules if not _flat_at(r, bottom)]
        else:
            self.region.add(Rule(self.region.x0, bottom, self.region.x1, bottom))
        for r in other.region.rules:
            if not (cut and _flat_at(r, other.region.top)):
                self.region.add(Rule(r.x0, r.top + dy, r.x1, r.bottom + dy))
        self.words += [replace(w, top=w.top + dy, bottom=w.bottom + dy) for w in other.words]
        self.starts += [(top + dy, page) for top, page in other.starts]


def _label_starts() -> tuple[str, ...]:
    """How the labels of the three tables begin (their first two characters): a row that begins
    so at the top of a page is a row of its own, not the rest of a row cut by the page break."""
    labels = [label for _, label in (*schema.T2_ROWS, *schema.T2_DOC_COLS, *schema.T3_ROW_LABELS.items(), *schema.T3_COLS, *schema.T4_BLOCKS, *schema.T4_COLS)]
    for group, items in schema.T3_RESULT_GROUPS:
        labels += [group, *(item for _, item in items if item)]
    labels += ["信息内容", "申请人情况", "法人或其他组织", "行政诉讼", "总计", "合计", "序号"]
    return tuple(sorted({squash(label)[:2] for label in labels}))


_LABEL_STARTS = _label_starts()
_NUMBER = re.compile(r"^[\d,，.．]+$")


def _flat_at(r: Rule, y: float) -> bool:
    return r.x1 - r.x0 >= r.bottom - r.top and abs((r.top + r.bottom) / 2 - y) < _SNAP


def _edge_row(table: _Table, last: bool) -> list[Word]:
    """The words of a table part's last row (LAST) or first row, between its horizontal rules."""
    ys = _snap([(r.top + r.bottom) / 2 for r in table.region.horizontals] + [table.region.top, table.region.bottom])
    lo, hi = (ys[-2], ys[-1]) if last else (ys[0], ys[1])
    return [w for w in table.words if lo <= (w.top + w.bottom) / 2 <= hi]


def _row_cut(above: _Table, below: _Table) -> bool:
    """Whether the page break cut a row in two: the row at the top of the page begins with no
    label's beginning, and one of the two halves holds no number."""
    tail, head = _edge_row(above, last=True), _edge_row(below, last=False)
    if not tail or not head:
        return False
    first = squash(min(head, key=lambda w: (w.x0, w.top)).text)
    if ORDINAL.match(first) or first.startswith(_LABEL_STARTS):
        return False
    numbers = [any(_NUMBER.match(w.text) for w in part) for part in (tail, head)]
    return not all(numbers)


def read_items(pages: list[Page]) -> list[Item]:
    """The pages' paragraphs and tables in reading order (scanned pages must carry OCR'd words)."""
    lines: dict[int, list[Line]] = {}
    tables: dict[int, list[_Table]] = {}
    for page in pages:
        regions = _regions(page.rules, page)
        free = []
        inside: dict[int, list[Word]] = {}
        for w in page.words:
            k = next((i for i, region in enumerate(regions) if region.holds(w)), None)
            if k is None:
                free.append(w)
            else:
                inside.setdefault(k, []).append(w)
        for k, region in enumerate(regions):  # a box with rows but no inner column rule: read from the words
            # so is the page's first thing: the rest of a table from the page before, perhaps (find_tables decides)
            first = k == 0 and not any(w.bottom < region.top for w in free)
            if k in inside and _edges_only(region) and (first or _unruled(lines_of(inside[k], page.number))):
                free += inside.pop(k)
        lines[page.number] = lines_of(free, page.number)
        tables[page.number] = [_Table(region, inside[k], [(region.top, page.number)]) for k, region in enumerate(regions) if k in inside]
    _furniture(pages, lines)
    flows: list[list[Line | _Table | Borderless]] = []
    last: Line | _Table | Borderless | None = None
    for page in pages:
        above = _carried(flows, [p.number for p in pages], lines, page.number)
        last = next((flow[-1] for flow in reversed(flows) if flow), last)
        free, borderless = _borderless(lines[page.number], page.number, above)
        lines[page.number] = free
        flow: list[tuple[float, Line | _Table | Borderless]] = [(line.top, line) for line in free]
        flow += [(t.region.top, t) for t in tables[page.number]] + [(t.top, t) for t in borderless]
        things = [thing for _, thing in sorted(flow, key=lambda t: t[0])]
        if things and isinstance(last, (_Table, Borderless)) and type(things[0]) is type(last) and last.continues(things[0]):
            last.extend(things.pop(0))  # a table continued on this page (perhaps from pages before)
        flows.append(things)
        last = things[-1] if things else last
    return _paragraphs(flows, _margins([line for p in pages for line in lines[p.number]]))


def _carried(flows: list[list[Line | _Table | Borderless]], numbers: list[int], lines: dict[int, list[Line]], page: int) -> list[NumberColumn] | None:
    """A table's header the page breaks cut from its rows (over a whole page, perhaps) moved from
    the ends of the pages before (FLOWS, pages NUMBERS) above PAGE's LINES. The number columns of
    the borderless table above the lines taken last (find_tables's ABOVE), if any."""
    above = None
    for k in range(len(flows) - 1, -1, -1):
        flow = flows[k]
        if not flow:
            continue  # a page wholly taken by a table continued from the pages before
        tail = list(itertools.takewhile(lambda t: isinstance(t, Line), reversed(flow)))
        prior = (flow[: len(flow) - len(tail)] or [None])[-1]  # the thing above the lines
        above = prior.columns() if isinstance(prior, Borderless) else None
        moved = header_cut(tail[::-1], lines[page], above)
        if not moved:
            break
        cut, flow[-len(moved) :] = flow[-len(moved) :], []
        lines[numbers[k]] = [line for line in lines[numbers[k]] if all(line is not c for c in cut)]
        lines[page] = [Line(line.words, page) for line in moved] + lines[page]
        if flow:
            break
    return above


def _borderless(lines: list[Line], page: int, above: list[NumberColumn] | None) -> tuple[list[Line], list[Borderless]]:
    """A page's lines outside ruled tables split into the lines of text and the tables printed
    without (enough) rules (finished/pdfgrid.py); ABOVE: the number columns of a borderless table
    the page before ends with."""
    runs = find_tables(lines, above)
    tables = [Borderless.of(lines[i:j], page) for i, j in runs]
    inside = {k for i, j in runs for k in range(i, j)}
    return [line for k, line in enumerate(lines) if k not in inside], tables


def _paragraphs(flows: list[list[Line | _Table | Borderless]], margins: _Margins) -> list[Item]:
    """Lines joined into paragraphs, tables made into grids, page after page."""
    items: list[Item] = []
    current: list[str] = []
    prev: Line | None = None
    page_break = False

    def flush() -> None:
        if current:
            items.append(Para("".join(current)))
            current.clear()

    for flow in flows:
        for thing in flow:
            if isinstance(thing, (_Table, Borderless)):
                flush()
                items.append(thing.grid())
                prev = None
                continue
            if prev is not None and _starts_paragraph(prev, thing, margins, page_break):
                flush()
            elif prev is not None and current and LATIN.match(current[-1][-1:] or " ") and LATIN.match(thing.text[0]):
                current.append(" ")
            current.append(thing.text)
            prev, page_break = thing, False
        page_break = True
    flush()
    return items
