"""The 正文.txt from `init`: six sections, the five sub-headings of 一, a guide line under each."""

from reportgen.core import schema
from reportgen.narrative import parse as narrative
from reportgen.narrative import quotes


def test_blank_text_has_the_official_outline_with_a_guide_under_each_heading():
    text = narrative.blank_text()
    parsed, problems = narrative.parse(text)
    assert [p for p in problems if p.is_error] == []
    assert list(parsed.heading_lines) == [s.key for s in schema.SECTIONS]  # all six, in order
    overview = parsed.sections["overview"]
    assert [b.kind for b in overview] == ["h2"] * 5
    assert [b.text for b in overview] == [f"（{n}）{t}" for n, t in zip("一二三四五", schema.OVERVIEW_TOPICS)]
    assert all(not blocks for key, blocks in parsed.sections.items() if key != "overview") and not parsed.opening
    # Every heading line is directly followed by a guide line, reported as a warning at check.
    lines = text.split("\r\n")
    guide_lines = {int(p.where[1:-1]) for p in problems if p.rule == "GUIDE"}
    headings = list(parsed.heading_lines.values()) + [b.line for b in overview]
    assert {h + 1 for h in headings} <= guide_lines
    assert len(guide_lines) == len(headings) + 2  # plus the two general hints on top
    assert all(lines[n - 1].startswith(narrative.GUIDE_PREFIX) for n in guide_lines)


def test_placeholders_shown_in_the_guides_are_real_names():
    used = quotes.used_names(narrative.blank_text())
    assert used and all(name in quotes.QUOTE_BY_NAME for name in used)
