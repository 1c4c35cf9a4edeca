"""Words read by OCR put right where the recogniser's usual slips are certain from their place.

A table cell's number stands alone in its box. Read from a low-resolution or heavily compressed
scan (150 dpi, JPEG quality 35), the recogniser sometimes adds a speck after it ("9." for 9, "12，")
or reads a digit as the letter it resembles ("o" for 0, "S" for 5, "l" for 1). Such a box is then
a label to the table reader: it names a column "9." and leaves the numbers under it unplaced. A
box holding nothing but such a number is read as the number. A list item's number ("1.属于国家秘密")
is read with its words, so a box of its own that is followed closely on its line by words is left
as it is. A box beginning with a full-width opening mark (（, “) begins at the mark's ink, half a
character right of its text: it is moved back, so that labels line up as they are printed.
"""

from __future__ import annotations

import re

Reading = tuple[str, float, float, float, float, float]  # text, x0, top, x1, bottom (pixels), confidence

_SPECK = re.compile(r"^(\d{1,7})[.,·。，、'`]$")
# Letters the recogniser reads for digits; a box made of them and digits only (at most 7 long, a
# count) is a number. "B"/"Z" are left alone: too often real letters in a table's notes.
_AS_DIGIT = str.maketrans({"o": "0", "O": "0", "S": "5", "s": "5", "l": "1", "I": "1", "|": "1"})
_DIGITLIKE = re.compile(r"^[\doOSslI|]{1,7}$")
# Alone, only a round letter is a digit: a lone "l", "I" or "|" is as likely a piece of a cell's rule.
_ROUND = ("o", "O", "S", "s")


# Full-width opening marks set their ink in the right half of their square: the recogniser's box
# begins at the ink, half a character right of where the text (and a text layer's box) begins.
_OPENING = "（“‘《〈【〔［"
_BLANK_HALF = 0.4  # of the box's height


def put_right(readings: list[Reading]) -> list[Reading]:
    """READINGS with each box that is a misread number alone read as that number, and each box that
    begins with a full-width opening mark begun where its text begins."""
    return [_opened(_number(r, readings)) for r in readings]


def _opened(reading: Reading) -> Reading:
    """A box beginning with （ or “ widened left by the mark's blank half: "（二）部分公开" then begins
    in its label column with the labels under it, as in the text layer, not 5 points right."""
    text, x0, top, x1, bottom, confidence = reading
    if text[:1] in _OPENING:
        return (text, x0 - _BLANK_HALF * (bottom - top), top, x1, bottom, confidence)
    return reading


def _number(reading: Reading, readings: list[Reading]) -> Reading:
    text, x0, top, x1, bottom, confidence = reading
    if m := _SPECK.match(text):
        if _followed(reading, readings):  # "1." boxed apart from its item's words
            return reading
        return (m.group(1), x0, top, x1, bottom, confidence)
    if _DIGITLIKE.match(text) and not text.isdigit() and (any(c.isdigit() for c in text) or text in _ROUND):
        return (text.translate(_AS_DIGIT), x0, top, x1, bottom, confidence)
    return reading


def _followed(reading: Reading, readings: list[Reading]) -> bool:
    """Whether words follow READING on its line within a character's width (its own line height)."""
    _, x0, top, x1, bottom, _ = reading
    height = bottom - top
    middle = (top + bottom) / 2
    return any(
        other is not reading and other[2] < middle < other[4] and x1 - height / 2 <= other[1] <= x1 + height
        for other in readings
    )
