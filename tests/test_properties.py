"""Property tests: random cell values and random narrative text never make the readers raise
anything but our own errors, and whatever builds is a well-formed document."""

from __future__ import annotations

import datetime as dt
import shutil

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from reportgen import build
from reportgen.core import schema
from reportgen.core.cellvalues import BadValue, parse_amount, parse_count, parse_date, parse_year, parse_yes_no
from reportgen.core.problems import InputError
from reportgen.narrative import parse as narrative
from reportgen.workbook import reader

from .conftest import SAMPLE_TXT, SAMPLE_XLSX

cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["5件", "五", "—", "/", "１２", " 7 ", "1,234", "2026.1.19", "二〇二六年一月十九日", "=SUM(A1)", "-0", "1e5"]),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.dates(min_value=dt.date(1900, 3, 1)),
)


@given(cell_values)
def test_cell_parsers_raise_only_badvalue(value):
    for parse in (parse_count, parse_amount, parse_date, parse_year, parse_yes_no):
        try:
            parse(value)
        except BadValue as exc:
            assert str(exc)  # a message to show


@given(st.binary(max_size=400))
def test_decode_any_bytes(data):
    try:
        assert isinstance(narrative.decode(data, "正文.txt"), str)
    except InputError as exc:
        assert exc.problems[0].rule == "ENCODING"


heading_lines = st.sampled_from([s.heading for s in schema.SECTIONS] + ["（一）主动公开。正文", "1.第三层", "（2）第四层", "标题：某局", "一、", "（）"])
narrative_text = st.lists(st.one_of(heading_lines, st.text(max_size=60)), max_size=25).map("\n".join)


@given(narrative_text)
def test_narrative_parse_never_raises(text):
    narr, problems = narrative.parse(text)
    for p in problems:
        assert p.message and p.rule


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(schema.VALUE_KEYS), cell_values), max_size=6), st.tuples(st.integers(2, 10), cell_values))
def test_workbook_read_with_random_cells(tmp_path_factory, cells, fact):
    path = tmp_path_factory.mktemp("wb") / "统计表.xlsx"
    shutil.copy(SAMPLE_XLSX, path)
    wb = load_workbook(path)
    for key, value in cells:
        table, cell = schema.value_cell(key)
        try:
            wb[table.sheet][schema.excel_ref(cell)] = value
        except (ValueError, TypeError, IllegalCharacterError):
            pass  # openpyxl itself refuses some values (e.g. characters illegal in XML)
    try:
        wb[schema.FACTS_SHEET].cell(fact[0], 2).value = fact[1]
    except (ValueError, TypeError, IllegalCharacterError):
        pass
    wb.save(path)
    meta, stats, problems = reader.read(path)
    assert all(isinstance(stats[k], (int,)) or k in schema.AMOUNT_KEYS for k in schema.VALUE_KEYS)
    for p in problems:
        assert p.file == "统计表.xlsx" and p.message


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_build_with_random_text_in_a_section(tmp_path_factory, noise):
    folder = tmp_path_factory.mktemp("b")
    txt = folder / "正文.txt"
    txt.write_text(SAMPLE_TXT.read_text(encoding="utf-8").replace("无。", noise or "无。"), encoding="utf-8", errors="surrogatepass")
    result = build(SAMPLE_XLSX, txt, out=folder / "r.docx")
    if result.ok:
        Document(result.output)  # well-formed, whatever the text held
    else:
        assert all(p.message for p in result.problems)
        assert not (folder / "r.docx").exists()
