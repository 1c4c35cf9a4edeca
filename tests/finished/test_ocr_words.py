"""The recogniser's usual slips on a number alone in its box, put right (finished/ocrwords.py),
and the boxes that look alike but are not numbers, left as they are."""

from __future__ import annotations

import pytest

from reportgen.finished.ocrwords import put_right


def _box(text: str, x0: float, x1: float, top: float = 100, bottom: float = 124) -> tuple:
    return (text, x0, top, x1, bottom, 0.9)


@pytest.mark.parametrize(
    "read,number",
    [("9.", "9"), ("12，", "12"), ("858.", "858"), ("o", "0"), ("O", "0"), ("S", "5"), ("1l", "11"), ("2O", "20"), ("I5", "15")],
)
def test_a_misread_number_alone_in_its_box_is_the_number(read, number):
    assert put_right([_box(read, 500, 530)])[0][0] == number


@pytest.mark.parametrize("text", ["l", "I", "|", "1.属于国家秘密", "自然人", "2025年", "AB", "OK", "12", "0"])
def test_words_rule_pieces_and_right_numbers_are_left_alone(text):
    assert put_right([_box(text, 500, 530)])[0][0] == text


def test_a_list_items_number_boxed_apart_from_its_words_stays_a_label():
    """"1." boxed apart from "属于国家秘密" that follows it closely on its line is the item's number."""
    number, words = _box("1.", 400, 412), _box("属于国家秘密", 414, 500)
    assert put_right([number, words]) == [number, words]
    alone = _box("1.", 400, 412)
    far = _box("属于国家秘密", 600, 690)
    assert put_right([alone, far])[0][0] == "1"


def test_a_box_beginning_with_a_full_width_bracket_begins_where_its_text_does():
    """The recogniser boxes "（二）部分公开" from the bracket's ink, in the right half of its square:
    moved back by that blank half (0.4 of the box's height), so that it begins in its label column."""
    (moved,) = put_right([_box("（二）部分公开", 138.6, 200.2, 153.4, 165.6)])
    assert moved[0] == "（二）部分公开" and round(moved[1], 2) == round(138.6 - 0.4 * 12.2, 2) and moved[3] == 200.2
    assert put_right([_box("二）部分公开", 138.6, 200.2)])[0][1] == 138.6
