"""Words and ruling lines placed on a page: what a PDF's text layer, or OCR of a scanned page, gives.

The one input of the layout reader that turns pages into paragraphs and table grids
(finished/grid.py's items), whichever way the words were found. Coordinates are PDF points with the
origin at the page's top left, on an upright page: OCR straightens a rotated scan before it hands
its words on, so the layout reader never sees a slope.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    """One run of text as it stands on the page (a word, or a run of Chinese characters)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = 1.0  # OCR's confidence in 0..1; 1.0 for a text layer


@dataclass(frozen=True)
class Rule:
    """A ruling line (a table border, an underline), or one edge of a drawn rectangle: horizontal
    when its height is about 0, vertical when its width is."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    """One page, counted from 1 as the reviewer counts; `scanned` when its words come from OCR."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    scanned: bool = False
    garbled: bool = False  # a text layer that extracts as garbage (a font without its ToUnicode map): read as a scan
    outlined: bool = False  # no text layer, its text drawn as filled outlines (文字转曲): read as a scan
    searchable: bool = False  # a scan whose scanner laid its OCR's text under the picture: words from that text
