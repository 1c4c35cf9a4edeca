"""GB/T 9704-2012 numbers in one place (twips, half-points, font names, colours), with clauses.

1 mm = 56.6929 twips; 1 pt = 20 twips; w:sz is in half-points. See spec/official-format.md §2.
"""

from __future__ import annotations

from reportgen.core.text import display_width

TWIPS_PER_MM = 1440 / 25.4

# 5.1 / 5.2.1: A4, 天头 37 mm, 订口 28 mm, 版心 156 x 225 mm (right 26, bottom 35 derived).
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_LEFT = 2098, 1587
MARGIN_RIGHT, MARGIN_BOTTOM = 1474, 1984
TYPE_W_MM, TYPE_H_MM = 156.0, 225.0
HEADER_DIST = 851
# 7.5: the dash of the page number sits 7 mm below the type area (measured: footer=1400 -> 7.4 mm).
FOOTER_DIST = 1400

# 5.2.3: 22 lines x 28 characters. Recipe A: exact 579-twip lines (22 x 579 <= 12756), grid of
# lines only, snap-to-grid off, -0.25 pt character spacing on 16 pt text (28 x 15.75 <= 442 pt).
LINE_PITCH = 579
CHAR_SPACING = -5  # twips (w:spacing/@w:val in rPr)
CHAR_PITCH = 315  # twips: 16 pt - 0.25 pt
FIRST_LINE_INDENT = 2 * CHAR_PITCH  # 7.3.3 每个自然段左空二字

# 5.2.2 / 7.x: sizes in half-points.
SZ_BODY = 32  # 3号
SZ_TITLE = 44  # 2号
SZ_ORG_MARK_MAX = 72  # 小初: the header is sized to fit one line, at most this
SZ_PAGE_NUMBER = 28  # 4号

# Fonts (w:rFonts/@w:eastAsia) and their Windows fall-backs (fontTable altName).
FONT_FANGSONG = "仿宋_GB2312"
FONT_KAITI = "楷体_GB2312"
FONT_HEITI = "黑体"
FONT_XBS = "方正小标宋简体"
FONT_SONG = "宋体"
FONT_LATIN = "Times New Roman"
FONT_ALT = {
    FONT_FANGSONG: "仿宋",
    FONT_KAITI: "楷体",
    FONT_XBS: "方正小标宋_GBK",
    FONT_HEITI: "SimHei",
    FONT_SONG: "SimSun",
}

RED = "FF0000"  # 7.2.4 发文机关标志 / 7.2.7 分隔线
ORG_MARK_TOP_MM = 35.0  # 7.2.4: top of the header 35 mm below the top of the type area
ORG_MARK_LINE_FACTOR = 1.2  # header line height / font size: characters' top = line top
RULE_SZ = 8  # eighths of a point: 1 pt (the standard gives no width; common practice)
# 7.2.7: the rule 4 mm below the 发文字号's characters. The border's space counts from the bottom
# of the 28.95 pt line, which lies ~2.1 mm below the characters (measured): 5 pt more makes 4 mm.
RULE_SPACE_PT = 5
TITLE_MAX_CHARS = 20  # 442 pt / 22 pt

# 7.3.5: signature block offsets in characters.
SIG_RIGHT_CHARS_NO_SEAL = 2
SIG_DATE_SHIFT_CHARS = 2
SIG_DATE_RIGHT_CHARS_SEAL = 4

TABLE_CELL_MARGIN = 34  # twips (0.6 mm) left/right: four 9 pt characters fit a 13.9 mm column
TABLE_LINE_FACTOR = 1.3  # exact table line height / font size: text clear of the rules


def mm(value: float) -> int:
    return round(value * TWIPS_PER_MM)


# 7.2.4 发文机关标志: "以醒目、美观、庄重为原则"; real red headers keep their height and condense the
# characters' width (字符缩放) for a long name, then use two lines, never below 2号.
ORG_MARK_MIN_SCALE = 75  # percent: narrower than this the characters stop reading as a header
SZ_ORG_MARK_MIN = 44  # 2号 22 pt
ORG_MARK_WIDTH_PT = TYPE_W_MM / 25.4 * 72 * 0.98  # the type area, less 2% for kerning between faces


def _scale_to_fit(lines: list[str], half_points: int) -> int:
    widest = max(text_width_em(x) for x in lines)
    return min(100, int(ORG_MARK_WIDTH_PT * 100 / (widest * half_points / 2)))


def org_mark_layout(agency: str) -> tuple[list[str], int, int]:
    """(lines, size in half-points, character width in percent) of the header.

    At full size (小初 36 pt) on one line while it fits the type area; a longer name first condenses
    the characters down to ORG_MARK_MIN_SCALE, then breaks into two balanced lines (condensed as
    needed); only a name too long even for that gets smaller, and never below 2号.
    """
    agency = agency or " "
    one = [agency]
    scale = _scale_to_fit(one, SZ_ORG_MARK_MAX)
    if scale >= ORG_MARK_MIN_SCALE or len(agency) < 4:
        return one, SZ_ORG_MARK_MAX, max(scale, 1)
    two = _two_lines(agency)
    scale = _scale_to_fit(two, SZ_ORG_MARK_MAX)
    if scale >= ORG_MARK_MIN_SCALE:
        return two, SZ_ORG_MARK_MAX, scale
    widest = max(text_width_em(x) for x in two)
    half_points = max(SZ_ORG_MARK_MIN, int(ORG_MARK_WIDTH_PT * 2 * 100 / (widest * ORG_MARK_MIN_SCALE)))
    return two, half_points, _scale_to_fit(two, half_points)


def _two_lines(text: str) -> list[str]:
    """Two lines of near-equal width, preferring a break after a unit's name (…政府 / …委员会),
    never inside a run of Latin letters or digits."""
    best: tuple[float, int] | None = None
    for cut in range(2, len(text) - 1):
        a, b = text[:cut], text[cut:]
        if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
            continue
        if any(text.find(word, max(0, cut - len(word) + 1), cut + len(word) - 1) != -1 for word in _UNIT_WORDS):
            continue  # never inside 人民政府办公室, 委员会, …
        score = max(text_width_em(a), text_width_em(b)) + (0.0 if a.endswith(_AGENCY_ENDINGS) else 1.5)
        if best is None or score < best[0]:
            best = (score, cut)
    cut = best[1] if best else len(text) // 2
    return [text[:cut], text[cut:]]


_GOOD_BREAK_AFTER = ("的", "和", "及", "与", "、", "关于")
_GOOD_BREAK_BEFORE = ("关于", "政府信息公开", "年度报告", "工作年度报告")
_AGENCY_ENDINGS = ("办公室", "办公厅", "委员会", "人民政府", "政府", "局", "厅", "委", "院", "中心", "部", "所", "站", "队", "处", "办")


# Words a header line never breaks inside.
_UNIT_WORDS = ("人民政府办公室", "人民政府办公厅", "人民代表大会", "常务委员会", "委员会", "办公室", "办公厅", "人民政府")

def text_width_em(text: str) -> float:
    """Width in ems: CJK and full-width characters one em, ASCII half an em. No automatic space
    between Chinese and digits: the styles turn it off (autoSpaceDE/DN)."""
    return display_width(text) / 2


# Words a title line never breaks inside (besides numbers and the agency's name).
_TITLE_WORDS = _UNIT_WORDS + ("政府信息公开", "信息公开", "年度报告", "工作", "年度", "关于", "补充说明")


def _allowed_cuts(title: str, agency: str = "") -> list[int]:
    protected: set[int] = set()
    words = [*_TITLE_WORDS]
    if agency and text_width_em(agency) <= TITLE_MAX_CHARS:
        words.append(agency)  # a name that fits a line stays whole
    for word in words:
        start = title.find(word)
        while start != -1:
            protected.update(range(start + 1, start + len(word)))
            start = title.find(word, start + 1)
    return [
        c
        for c in range(2, len(title) - 1)
        if c not in protected and not (title[c - 1].isascii() and title[c - 1].isalnum() and title[c].isascii() and title[c].isalnum())
    ]


def _is_hourglass(widths: list[float]) -> bool:
    """A line narrower than one above and one below it (GB/T 9704 7.3.1 asks for 梯形 or 菱形)."""
    return any(max(widths[:i]) > widths[i] < max(widths[i + 1 :]) for i in range(1, len(widths) - 1))


def balanced_title_lines(title: str, max_em: float = TITLE_MAX_CHARS, agency: str = "") -> list[str]:
    """Split a long title into lines of near-equal width forming a 正梯形, 倒梯形 or 菱形 (7.3.1),
    never an hourglass.

    Never a lone character on a line, never a break inside a number, a word such as 政府信息公开 or
    the agency's name; breaks prefer the end of the agency name, 的/和/及/与/、 and the start of
    关于/政府信息公开.
    """
    from itertools import combinations

    if text_width_em(title) <= max_em:
        return [title]
    n_lines = int(-(-text_width_em(title) // max_em))
    allowed = _allowed_cuts(title, agency)
    best: tuple[float, list[str]] | None = None
    for extra in range(3):  # allow one more line when no good split exists
        for cuts in combinations(allowed, n_lines + extra - 1):
            lines = [title[a:b] for a, b in zip((0, *cuts), (*cuts, len(title)))]
            widths = [text_width_em(x) for x in lines]
            if min(len(x) for x in lines) < 2 or max(widths) > max_em or _is_hourglass(widths):
                continue
            score = max(widths) - min(widths) + 4.0 * extra
            for c in cuts:
                head, tail = title[:c], title[c:]
                good = (
                    head.endswith(_GOOD_BREAK_AFTER)
                    or tail.startswith(_GOOD_BREAK_BEFORE)
                    or head.endswith(_AGENCY_ENDINGS)
                    or tail[0].isdigit()
                    or (agency and head.endswith(agency))
                )
                score += 0.0 if good else 2.0
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    return [title[i : i + int(max_em)] for i in range(0, len(title), int(max_em))]
