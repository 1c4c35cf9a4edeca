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
