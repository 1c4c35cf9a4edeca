"""A PDF's pages as positioned words and ruling lines (finished/positioned.py), read with pdfium.

What Word's, WPS's and LibreOffice's "另存为 PDF" and a browser's "打印为 PDF" write: a text layer of
placed characters, and table borders drawn as lines or thin rectangles. pypdfium2 reads both (PDFium
is Chrome's PDF engine: it opens what browsers open, and a 5-page report in ~0.05 s). Characters are
joined into words here: a word ends at a gap wider than a third of its height or at a vertical rule,
so that two numbers in neighbouring cells never run together. A page with no text layer but an image
covering it is a scan (Page.scanned, no words): OCR (finished/ocr.py) reads those, if installed; so
is a page whose text was turned into outlines (文字转曲: glyphs drawn as filled curves, Page.outlined).
A page is read as its characters read, left to right, whatever its /Rotate and its box's origin (_View).

Coordinates are PDF points with the origin at the page's top left, as positioned.py says.
"""

from __future__ import annotations

import ctypes
import math
import statistics
from dataclasses import dataclass
from pathlib import Path

from reportgen.finished.positioned import Page, Rule, Word

MAX_PAGES = 300  # a report is 5-15 pages; a file of thousands is not one (and would take minutes)
_RULE_THICKNESS = 3.0  # points: thicker is a filled box (a shaded cell, a seal), not a line
_MIN_RULE = 4.0  # points: shorter is a dash or a bullet, not a border
_MIN_TEXT_CHARS = 8  # fewer characters on an image-covered page: a scan with a stamped page number
_SCAN_COVER = 0.5  # an image covering this share of the page, without text, makes it a scan
_SHORT_BOX, _ASCENT, _DESCENT = 0.75, 0.98, 0.3  # ems: a Latin character boxed lower is boxed as pdfium boxes Liberation Serif's
_TALL_BOX = 1.5  # a font's Chinese characters boxed this many times higher than wide: its boxes are cut
_MIN_CJK_SHARE = 0.3  # a report's text is mostly Chinese; a scanner's text layer that is not was read in another language
_MIN_SKEW, _MAX_SKEW = math.radians(0.05), math.radians(5.0)  # a text layer's slope straightened
_MIN_OUTLINED_GLYPHS = 30  # filled curved shapes on a page without text: its text was turned into outlines
_MAX_TEXT_IN_OUTLINES = 100  # characters of text a page of outlines may carry (a page number, a running head)


class NotAPdf(ValueError):
    """The file cannot be read as a PDF: args[0] is the Chinese reason (encrypted, damaged, too long)."""


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        said = str(exc).lower()
        if "password" in said:
            raise NotAPdf("这个 PDF 设有打开密码，无法读取：请部门去掉密码后重新导出，或提供 Word 文件（.docx）") from None
        raise NotAPdf("这个 PDF 文件已损坏或不完整，无法打开：请部门重新导出 PDF，或提供 Word 文件（.docx）") from None


def read_pages(path: Path) -> list[Page]:
    """Every page of the PDF at PATH, its words and rules; scanned pages flagged and left wordless."""
    pdf = _open(path)
    try:
        if len(pdf) > MAX_PAGES:
            raise NotAPdf(f"这个 PDF 有 {len(pdf)} 页，不像一份年度报告（通常 5～15 页）：请检查是否选错了文件")
        return [_page(pdf[i], i + 1) for i in range(len(pdf))]
    finally:
        pdf.close()


def _page(page, number: int) -> Page:
    hidden = _hidden_text(page)
    textpage = page.get_textpage()
    try:
        view = _View.of(page, textpage)
        chars, controls, unseen = _chars(textpage, view, hidden)
    finally:
        textpage.close()
    rules, image_area, glyphs = _drawings(page, view)
    out = Page(number, view.width, view.height, rules=rules)
    covered = image_area > _SCAN_COVER * view.width * view.height
    # A scan with the text its scanner's OCR found laid under the picture, invisible (可搜索 PDF):
    # the words are read from that layer, and are the scanner's reading, not typed text; unless the
    # scanner read it as another language, when its picture is read.
    hidden_layer = covered and unseen > 0.5 * len(chars)
    if covered and len(chars) < _MIN_TEXT_CHARS or hidden_layer and sum(map(_han, (c[0] for c in chars))) < _MIN_CJK_SHARE * len(chars):
        out.scanned = True
        return out
    # 文字转曲, read as a scan: the page's text drawn as curves, but for a few words (a page number or
    # a running head left as text); a page of text with a seal or a chart has far more characters.
    if glyphs >= _MIN_OUTLINED_GLYPHS and (len(chars) < _MIN_TEXT_CHARS or len(chars) < min(_MAX_TEXT_IN_OUTLINES, glyphs / 4)):
        out.scanned = out.outlined = True
        return out
    if _garbled(chars, controls):  # never read as numbers: the page is an image to the reader, like a scan
        out.scanned = out.garbled = True
        return out
    out.searchable = hidden_layer
    verticals = [r for r in rules if r.x1 - r.x0 < _RULE_THICKNESS]
    out.words = _words(chars, verticals)
    return out


@dataclass(frozen=True)
class _View:
    """The page as its text reads, left to right, with the origin at its top left: PDF space (y up,
    its origin wherever the producer put the crop box) turned by TURNS quarter turns clockwise.

    A landscape page printed by a driver is often a portrait page whose content is drawn turned, with
    /Rotate 90 to show it upright; a page turned by mistake in a viewer has /Rotate and upright
    content. Either way the characters' own direction says how the text reads."""

    left: float
    bottom: float
    w: float  # the crop box's size in PDF space
    h: float
    turns: int
    skew: float = 0.0  # radians the text runs clockwise beyond TURNS: undone about the box's centre

    @classmethod
    def of(cls, page, textpage) -> _View:
        import pypdfium2.raw as raw

        left, bottom, right, top = page.get_bbox()
        votes: list[list[float]] = [[], [], [], []]  # a character's angle (clockwise, radians) says how far the page must turn
        for i in range(min(textpage.count_chars(), 2000)):
            angle = raw.FPDFText_GetCharAngle(textpage.raw, i)
            if angle >= 0:
                turn = round(4 - angle / (math.pi / 2)) % 4
                votes[turn].append((angle - (4 - turn) * math.pi / 2 + math.pi) % (2 * math.pi) - math.pi)
        if not any(votes):
            return cls(left, bottom, right - left, top - bottom, (page.get_rotation() // 90) % 4)
        turns = max(range(4), key=lambda t: len(votes[t]))
        # A slope of a degree or two: the text layer of a sheet scanned askew (a 可搜索 scan's OCR laid
        # each line along the picture's own slope), whose rows would otherwise fall apart across a table.
        skew = statistics.median(votes[turns])
        return cls(left, bottom, right - left, top - bottom, turns, skew if _MIN_SKEW <= abs(skew) <= _MAX_SKEW else 0.0)

    @property
    def width(self) -> float:
        return self.h if self.turns % 2 else self.w

    @property
    def height(self) -> float:
        return self.w if self.turns % 2 else self.h

    def point(self, x: float, y: float) -> tuple[float, float]:
        u, v = x - self.left, y - self.bottom
        if self.skew:
            cos, sin, du, dv = math.cos(self.skew), math.sin(self.skew), u - self.w / 2, v - self.h / 2
            u, v = self.w / 2 + du * cos - dv * sin, self.h / 2 + du * sin + dv * cos
        return ((u, self.h - v), (v, u), (self.w - u, v), (self.h - v, self.w - u))[self.turns]

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A box in PDF space as (x0, top, x1, bottom) on the page as it reads (a skewed box about
        its centre: its size stays)."""
        if self.skew:
            cx, cy = self.point((left + right) / 2, (bottom + top) / 2)
            half_w, half_h = ((right - left) / 2, (top - bottom) / 2)[:: -1 if self.turns % 2 else 1]
            return cx - half_w, cy - half_h, cx + half_w, cy + half_h
        (xa, ya), (xb, yb) = self.point(left, bottom), self.point(right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def _hidden_text(page) -> set[int]:
    """The text objects of PAGE no reader sees: drawn invisible (render mode 3, how scanning software
    lays its OCR under the picture), or drawn before an image that covers most of the page."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    hidden: set[int] = set()
    before: list[int] = []
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_IMAGE)):
        handle = ctypes.cast(obj.raw, ctypes.c_void_p).value
        if obj.type == raw.FPDF_PAGEOBJ_TEXT:
            before.append(handle)
            if raw.FPDFTextObj_GetTextRenderMode(obj.raw) == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                hidden.add(handle)
            continue
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) > _SCAN_COVER * width * height:
            hidden.update(before)
    return hidden


def _chars(textpage, view: _View, hidden: set[int]) -> tuple[list[tuple[str, float, float, float, float]], int, int]:
    """The page's characters with their boxes (top-left origin), in content order; the count of
    control characters among them (what a font without its ToUnicode map gives); and the count of
    those drawn by the text objects HIDDEN (_hidden_text)."""
    import pypdfium2.raw as raw

    out = []
    controls = unseen = 0
    fonts: dict[int | None, list[int]] = {}  # a font's characters (their indices in OUT)
    baselines = []
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    for i in range(textpage.count_chars()):
        ch = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
        if ch in "\r\n":  # the line ends PDFium adds
            continue
        if not ch.isprintable() and not ch.isspace():
            controls += 1
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if right <= left or top <= bottom:
            continue
        obj = raw.FPDFText_GetTextObject(textpage.raw, i)
        unseen += ctypes.cast(obj, ctypes.c_void_p).value in hidden
        font = ctypes.cast(raw.FPDFTextObj_GetFont(obj), ctypes.c_void_p).value
        fonts.setdefault(font, []).append(len(out))
        raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        base = view.point(x.value, y.value)[1]
        baselines.append(base)
        x0, top_, x1, bottom_ = view.box(left, bottom, right, top)
        if ch.isascii() and ch.isalnum() and raw.FPDFText_GetMatrix(textpage.raw, i, matrix):
            # A digit's box as tall as a Latin font's line (Ghostscript's and cairo's rewritten fonts box
            # it as tight as its ink): a figure stands as high in its row as LibreOffice's own export sets it.
            em = raw.FPDFText_GetFontSize(textpage.raw, i) * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            if bottom_ - top_ < _SHORT_BOX * em:
                top_, bottom_ = base - _ASCENT * em, base + _DESCENT * em
        out.append((ch, x0, top_, x1, bottom_))
    for members in fonts.values():
        _em_high(out, members, baselines)
    return out, controls, unseen


def _em_high(chars: list, members: list[int], baselines: list[float]) -> None:
    """A font's character boxes cut to about an em's height around their baselines when they are far
    taller: its Chinese characters, about as high as wide in every font, are boxed ~3 em high where
    a producer's font declares a huge bounding box (cairo's, a Linux desktop's "print to PDF"), and
    a heading's box then reached into the table below it."""
    ratios = [(c[4] - c[2]) / (c[3] - c[1]) for c in (chars[k] for k in members) if _han(c[0])]
    ratio = statistics.median(ratios) if ratios else 1.0
    if ratio <= _TALL_BOX:
        return
    for k in members:
        ch, x0, top, x1, bottom = chars[k]
        base = baselines[k]
        chars[k] = (ch, x0, base - (base - top) / ratio, x1, base + (bottom - base) / ratio)


# Characters any report uses often (the 500 commonest of written Chinese and the format's own):
# real text is ~75 % these; a font's glyph ids taken as characters (no ToUnicode map) ~2 %.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学"
    "法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天"
    "政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者"
    "最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期"
    "根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受"
    "联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话"
    "米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半"
    "办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始"
    "却专状育厂京识适属圆包火住调满县局央州申请息予复议诉讼审纠维况执"
)


def _han(ch: str) -> bool:
    """A Chinese character (the CJK Unified Ideographs block)."""
    return "\u4e00" <= ch <= "\u9fff"


def _plausible(ch: str) -> bool:
    return ch.isascii() or _han(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f"


def _garbled(chars, controls: int) -> bool:
    """Whether a page's text layer is garbage: control characters, characters no report uses, or
    Chinese characters that are almost never the common ones (glyph numbers read as code points)."""
    text = [c[0] for c in chars if not c[0].isspace()]
    if len(text) + controls < 20:
        return False
    if sum(map(_plausible, text)) < 0.7 * (len(text) + controls):
        return True
    cjk = [ch for ch in text if _han(ch)]
    return len(cjk) >= 20 and sum(ch in _COMMON for ch in cjk) < 0.25 * len(cjk)


def _words(chars, verticals: list[Rule]) -> list[Word]:
    """Characters joined into words along each line: a new word at a wide gap, a space, a line
    change or a vertical rule between two characters."""
    words: list[Word] = []
    run: list = []

    def flush() -> None:
        text = "".join(c[0] for c in run).strip()
        if text:  # the height of most of its characters: a digit's font has taller ascents than the CJK font's
            top, bottom = statistics.median(c[2] for c in run), statistics.median(c[4] for c in run)
            words.append(Word(text, min(c[1] for c in run), top, max(c[3] for c in run), bottom))
        run.clear()

    for c in chars:
        if c[0].isspace():
            flush()
            continue
        if run:
            last = run[-1]
            size = last[4] - last[2]
            same_line = abs((c[2] + c[4]) / 2 - (last[2] + last[4]) / 2) < size / 2
            gap = c[1] - last[3]
            if not same_line or gap > size / 3 or gap < -size or _rule_between(last[3], c[1], (c[2] + c[4]) / 2, verticals):
                flush()
        run.append(c)
    flush()
    return words


def _rule_between(x0: float, x1: float, y: float, verticals: list[Rule]) -> bool:
    mid_lo, mid_hi = min(x0, x1) - 1, max(x0, x1) + 1
    return any(mid_lo <= (r.x0 + r.x1) / 2 <= mid_hi and r.top - 1 <= y <= r.bottom + 1 for r in verticals)


def _drawings(page, view: _View) -> tuple[list[Rule], float, int]:
    """The ruling lines drawn on the page (lines, thin rectangles, the edges of rectangles), the
    area its images cover, and the count of filled curved shapes (glyphs, when text was outlined)."""
    import pypdfium2.raw as raw

    rules: list[Rule] = []
    image_area = 0.0
    glyphs = 0
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE)):
        left, bottom, right, top = obj.get_bounds()
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            image_area += max(0.0, right - left) * max(0.0, top - bottom)
            continue
        if min(right - left, top - bottom) < _RULE_THICKNESS:  # a line or a thin filled box: its bounds are the rule
            if max(right - left, top - bottom) >= _MIN_RULE:
                rules.append(_flat(*view.box(left, bottom, right, top)))
            continue
        if _stroked(obj):  # a larger box only filled is a background or a shading, not drawn lines
            rules.extend(_edges(obj, view))
        elif _curved(obj):
            glyphs += 1
    return rules, image_area, glyphs


def _curved(obj) -> bool:
    import pypdfium2.raw as raw

    return any(
        raw.FPDFPathSegment_GetType(raw.FPDFPath_GetPathSegment(obj.raw, k)) == raw.FPDF_SEGMENT_BEZIERTO
        for k in range(raw.FPDFPath_CountSegments(obj.raw))
    )


def _stroked(obj) -> bool:
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)) and bool(stroke.value)


def _flat(x0: float, top: float, x1: float, bottom: float) -> Rule:
    """A rule flattened to zero thickness along its middle."""
    if x1 - x0 >= bottom - top:
        mid = (top + bottom) / 2
        return Rule(x0, mid, x1, mid)
    mid = (x0 + x1) / 2
    return Rule(mid, top, mid, bottom)


def _edges(obj, view: _View) -> list[Rule]:
    """The straight horizontal and vertical segments of a larger path (a stroked cell box)."""
    import pypdfium2.raw as raw

    a, b, c, d, e, f = obj.get_matrix().get()
    points: list[tuple[float, float, bool]] = []  # (x, y, starts a new subpath)
    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(raw.FPDFPath_CountSegments(obj.raw)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
        if not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            return []  # curves: a seal or a drawing, not a table
        px, py = view.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        points.append((px, py, kind == raw.FPDF_SEGMENT_MOVETO))
        if raw.FPDFPathSegment_GetClose(seg) and points:
            start = next((p for p in reversed(points) if p[2]), points[0])
            points.append((start[0], start[1], False))
    rules = []
    for (x0, y0, _), (x1, y1, new) in zip(points, points[1:]):
        if new:
            continue
        if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= _MIN_RULE:
            rules.append(Rule(min(x0, x1), y0, max(x0, x1), y0))
        elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= _MIN_RULE:
            rules.append(Rule(x0, min(y0, y1), x0, max(y0, y1)))
    return rules
