"""Measure a rendered PDF the way a reviewer with a ruler would: positions in mm from the page's
top-left corner, text grouped into lines, red ink found in the rendered image.

A character is placed by its baseline (the text matrix), its em box is the font size above it.
pdfminer's own box (pdfplumber's char top/bottom) hangs below the baseline by the Descent of the
PDF's font descriptor, which is a writer's choice: LibreOffice 7.4 writes 0, 25.2 the font's real
descent (-0.29 em for Noto CJK): the same glyph at the same place measured 3.6 mm apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pdfplumber

MM_PER_PT = 25.4 / 72
TYPE_LEFT, TYPE_RIGHT, TYPE_TOP, TYPE_BOTTOM = 28.0, 184.0, 37.0, 262.0


@dataclass
class Line:
    page: int  # 1-based
    top: float  # mm, top of the characters' em box
    bottom: float
    x0: float
    x1: float
    size: float  # pt
    fonts: set[str]
    text: str
    red: bool
    # Extra space between characters over 0.5 mm: LibreOffice's own spacing between Chinese and
    # digits/Latin letters shows here if the conversion did not turn it off (render.officemacro).
    gaps: float = 0.0


def lines(pdf_path) -> list[Line]:
    out: list[Line] = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rows: dict[float, list[dict]] = {}
            for ch in chars(page):
                key = round(ch["bottom"] * 2) / 2  # same baseline within 0.5 pt
                rows.setdefault(key, []).append(ch)
            for key in sorted(rows):
                row = sorted(rows[key], key=lambda c: c["x0"])
                sizes = [c["size"] for c in row]
                colour = row[0].get("non_stroking_color")
                out.append(
                    Line(
                        page=number,
                        top=min(c["top"] for c in row) * MM_PER_PT,
                        bottom=max(c["bottom"] for c in row) * MM_PER_PT,
                        x0=row[0]["x0"] * MM_PER_PT,
                        x1=row[-1]["x1"] * MM_PER_PT,
                        size=max(set(sizes), key=sizes.count),
                        fonts={c["fontname"].split("+")[-1] for c in row},
                        text="".join(c["text"] for c in row),
                        red=isinstance(colour, (tuple, list)) and tuple(round(x, 2) for x in colour) == (1.0, 0.0, 0.0),
                        gaps=sum(
                            max(0.0, (b["x0"] - a["x1"]) * MM_PER_PT)
                            for a, b in zip(row, row[1:])
                            if (b["x0"] - a["x1"]) * MM_PER_PT > 0.5
                        ),
                    )
                )
    return out


def chars(page) -> list[dict]:
    """The page's visible characters, each with top/bottom (pt) of its em box on its baseline."""
    out = []
    for ch in page.chars:
        if ch["text"].strip():
            baseline = page.height - ch["matrix"][5]  # upright text: the matrix's f is the baseline
            out.append({**ch, "top": baseline - ch["size"], "bottom": baseline})
    return out


def page_count(pdf_path) -> int:
    with pdfplumber.open(pdf_path) as pdf:
        return len(pdf.pages)


def page_size_mm(pdf_path, page: int = 1) -> tuple[float, float]:
    with pdfplumber.open(pdf_path) as pdf:
        p = pdf.pages[page - 1]
        return p.width * MM_PER_PT, p.height * MM_PER_PT


def rules(pdf_path, page: int = 1) -> list[dict]:
    """Horizontal strokes on a page (paragraph borders, table rules), in mm, with their colour."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        p = pdf.pages[page - 1]
        for ln in p.lines + p.rects:
            out.append(
                {
                    "x0": ln["x0"] * MM_PER_PT,
                    "x1": ln["x1"] * MM_PER_PT,
                    "top": ln["top"] * MM_PER_PT,
                    "bottom": ln["bottom"] * MM_PER_PT,
                    "colour": tuple(round(x, 2) for x in (ln.get("stroking_color") or ())),
                    "fill": tuple(round(x, 2) for x in (ln.get("non_stroking_color") or ())),
                }
            )
    return out


def red_ink_top(pdf_path, page: int = 1, resolution: int = 200) -> float | None:
    """Top of the first red pixel row of a rendered page, in mm (None: no red on the page)."""
    with pdfplumber.open(pdf_path) as pdf:
        image = pdf.pages[page - 1].to_image(resolution=resolution).original.convert("RGB")
    width, height = image.size
    px = image.load()
    for y in range(height):
        for x in range(0, width, 2):
            r, g, b = px[x, y]
            if r > 200 and g < 90 and b < 90:
                return y / resolution * 25.4
    return None
