"""Plain-text clean-up: text that is safe to put into Word XML, and the normalised forms texts are
compared in (each function says what it removes)."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

# XML 1.0 forbids C0 controls except tab/newline/CR, lone surrogates, U+FFFE and U+FFFF.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # openpyxl leaves _x000D_ etc. verbatim
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width spaces and joiners, word joiner, BOM
_INVISIBLE = re.compile(f"[{_ZERO_WIDTH}]")
EDGE_SPACE = " \t\u3000\xa0"  # spaces a line may be padded with: plain, tab, ideographic, no-break


def display_width(text: str) -> int:
    """Width in half-width units: Chinese, other wide and full-width characters (Unicode East Asian
    Width W or F) count two, everything else one. One rule for a terminal's columns, an Excel
    column's units and, halved, a line of the report in ems."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def illegal_chars(text: str) -> list[str]:
    return _ILLEGAL_XML.findall(text)


def clean_line(text: str) -> str:
    """One line or cell: decode _xHHHH_, drop XML-illegal and invisible characters, trim."""
    text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = text.replace("\r", "").replace("\n", "").replace("\t", " ")
    text = _ILLEGAL_XML.sub("", text)
    text = _INVISIBLE.sub("", text)
    return text.strip(EDGE_SPACE)


# --- forms for comparison ---------------------------------------------------------------------

_SPACE_OR_INVISIBLE = re.compile(rf"[\s{_ZERO_WIDTH}]+")
_SPACES_AND_TABS = re.compile(r"[ \t]+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
HEADING_END = "。.；;：:，, "  # punctuation a heading's title may end with


def squash(text: str) -> str:
    """A label as a reader compares it: NFKC (full-width letters, digits and punctuation made
    half-width), every whitespace and zero-width character removed (line breaks too), and round
    brackets made Chinese （）, the form the format's labels are written in."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE_OR_INVISIBLE.sub("", text)
    return text.replace("(", "（").replace(")", "）")


# A text's own agency as it calls itself: 我局, 本委, 我办, 本机关, 我镇, 本单位 …
_SELF_NAME = re.compile(r"[我本](?:局|委|办|院|厅|中心|单位|机关|部门|镇|乡|街道|区|县|市|所|站|队|处|科|室)")
_CN_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=年)")  # 二〇二三年, 二零二三年 (○: a common typo for 〇)
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
NAME_MARK, FIGURE_MARK = "@", "#"
_NOT_WORD = re.compile(r"[^\w@#]|_")  # punctuation, symbols, spaces and controls: not compared


def comparable(text: str, names: Iterable[str] = ()) -> str:
    """A sentence as two texts are compared for copying: squash (full-width made half-width, spaces
    removed); the agency's own NAMES (longest first, as core.agencies.name_forms gives them) and
    its words for itself (我局, 本委) made one mark @; every year (2023, ２０２３, 二〇二三), figure and
    date made one mark #; punctuation and symbols removed. "2023年，我局发布信息245篇。" and
    "２０２４年,本局发布信息251篇" are then the same."""
    text = squash(text)
    for name in names:
        if name:
            text = text.replace(name, NAME_MARK)
    text = _SELF_NAME.sub(NAME_MARK, text)
    text = _FIGURE.sub(FIGURE_MARK, _CN_YEAR.sub(FIGURE_MARK, text))
    return _NOT_WORD.sub("", text)


def collapse_spaces(text: str) -> str:
    """A paragraph's text: no-break and ideographic spaces made plain, zero-width characters
    removed, each run of spaces and tabs made one space, the ends trimmed (line breaks kept)."""
    text = text.replace("\xa0", " ").replace("\u3000", " ")
    text = _INVISIBLE.sub("", text)
    return _SPACES_AND_TABS.sub(" ", text).strip()


def without_spaces(text: str) -> str:
    """Every whitespace character removed (ideographic and no-break spaces, line breaks); nothing
    else changed."""
    return "".join(text.split())


def heading_title(text: str) -> str:
    """A heading's title as compared with the format's: whitespace removed (without_spaces) and the
    punctuation it may end with (。.；;：:，, ) dropped."""
    return without_spaces(text).rstrip(HEADING_END)


def ascii_digits(text: str) -> str:
    """A number or date as typed, ready to parse: whitespace removed, full-width digits, point and
    minus (a Chinese input method's) made ASCII; nothing else changed (no NFKC)."""
    return without_spaces(text).translate(_FULLWIDTH_DIGITS)


# --- official labels ----------------------------------------------------------------------------

_ORDINAL = re.compile(r"^(?:\d+\.|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、)")
_CLOSING_ASIDE = re.compile(r"（[^）]*）$")


def without_ordinal(label: str) -> str:
    """A label without its leading number: `（三）不予公开` -> `不予公开`, `1.属于国家秘密` ->
    `属于国家秘密`, `一、本年新收…` -> `本年新收…` (one number, the first)."""
    return _ORDINAL.sub("", label)


def short_label(label: str) -> str:
    """A label without the aside in brackets that closes it, for messages and summaries:
    `（二）部分公开（区分处理的，只计这一情形，不计其他情形）` -> `（二）部分公开`."""
    return _CLOSING_ASIDE.sub("", label)
