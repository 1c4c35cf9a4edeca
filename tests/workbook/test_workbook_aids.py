"""The workbook from `init` works for the clerk: live locked totals, validation, highlight, A4, guide.

The LibreOffice tests load the file the way a clerk's spreadsheet program does, recalculate it and
save it again: the totals must come out right and reportgen must read the saved file back.
"""

import pytest
from openpyxl import load_workbook

from reportgen import api
from reportgen.core import schema
from reportgen.workbook import aids as sheetaids
from reportgen.workbook import reader, writer

from ..conftest import SAMPLE_TXT, libreoffice_convert, nonzero_values, write_workbook
from ..htmlgrid import parse_tables


def _excel_rc(key: str) -> tuple[int, int]:
    _, cell = schema.value_cell(key)
    return cell.row + schema.TABLE_FIRST_ROW, cell.col + 1


@pytest.mark.libreoffice
def test_libreoffice_recalculates_every_total_to_the_right_value(tmp_path):
    values = nonzero_values()
    src = write_workbook(tmp_path / "统计表.xlsx", values=values)
    cached = load_workbook(src, data_only=True)
    assert all(
        cached[schema.value_cell(k)[0].sheet].cell(*_excel_rc(k)).value is None for k in schema.DERIVED_KEYS
    )  # as written by a script: formulas only
    saved = libreoffice_convert(src, "xlsx", tmp_path / "saved")
    expected = schema.compute_totals(values)
    wb = load_workbook(saved, data_only=True)
    for key in sorted(schema.DERIVED_KEYS):
        table, _ = schema.value_cell(key)
        assert wb[table.sheet].cell(*_excel_rc(key)).value == expected[key], key
    assert expected["t3_total_total"] > 500  # non-trivial sums


@pytest.mark.libreoffice
def test_reportgen_reads_back_the_workbook_saved_by_libreoffice(tmp_path):
    values = nonzero_values()
    saved = libreoffice_convert(write_workbook(tmp_path / "统计表.xlsx", values=values), "xlsx", tmp_path / "saved")
    meta, stats, problems = reader.read(saved)
    assert problems == []
    assert meta.agency == "某某市某某区人民政府办公室" and meta.year == 2025
    expected = schema.compute_totals(values)
    assert {k: stats[k] for k in schema.VALUE_KEYS} == expected
    # The cached totals are read as "entered" and agree with the parts, so check passes.
    assert set(stats.entered_totals) == set(schema.DERIVED_KEYS)
    report, problems = api.load(saved, SAMPLE_TXT)
    assert problems == [] and [p for p in api.check(report) if p.is_error] == []
    # Protection, validation and the guide sheet survive the round trip.
    wb = load_workbook(saved)
    assert wb.sheetnames[0] == sheetaids.GUIDE_SHEET
    assert wb["依申请公开"].protection.sheet and not wb["依申请公开"]["D5"].protection.locked


@pytest.mark.libreoffice
def test_libreoffice_highlights_exactly_the_unbalanced_columns(tmp_path):
    src = write_workbook(tmp_path / "统计表.xlsx")
    wb = load_workbook(src)
    row, col = _excel_rc("t3_new_commercial")
    wb["依申请公开"].cell(row, col).value += 1  # 商业企业 and, through its total, 总计 no longer balance
    wb.save(src)
    page = libreoffice_convert(src, "html", tmp_path / "html").read_text(encoding="utf-8", errors="replace")
    tables, _ = parse_tables(page)
    t3 = next(t for t in tables if t[0].text == "三、收到和处理政府信息公开申请情况")
    lit = {(c.row + 1, c.col + 1) for c in t3 if c.attrs.get("bgcolor", "").upper() == "#" + sheetaids._BALANCE_FILL}
    first, last = _excel_rc("t3_new_natural")[0], _excel_rc("t3_carried_out_natural")[0]
    want = {(r, _excel_rc(f"t3_new_{c}")[1]) for r in range(first, last + 1) for c in ("commercial", "total")}
    assert lit == want


@pytest.mark.libreoffice
def test_balanced_workbook_has_no_highlight(tmp_path):
    src = write_workbook(tmp_path / "统计表.xlsx")
    page = libreoffice_convert(src, "html", tmp_path / "html").read_text(encoding="utf-8", errors="replace")
    assert sheetaids._BALANCE_FILL not in page.upper()


def test_labels_and_totals_locked_value_cells_open_with_chinese_hints(tmp_path):
    path = tmp_path / "统计表.xlsx"
    writer.write(path)
    wb = load_workbook(path)
    for table in schema.TABLES:
        ws = wb[table.sheet]
        assert ws.protection.sheet and not ws.protection.password
        rules = {}
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                    for c in row:
                        rules[c.coordinate] = dv
        for cell in table.cells:
            target = ws.cell(cell.row + schema.TABLE_FIRST_ROW, cell.col + 1)
            if not cell.is_value:
                assert target.protection.locked, (table.sheet, target.coordinate)
            elif cell.key in schema.DERIVED_KEYS:
                assert target.protection.locked and str(target.value).startswith("=SUM(")
                assert target.coordinate not in rules
            else:
                assert not target.protection.locked, cell.key
                dv = rules[target.coordinate]
                want = "decimal" if cell.key == "t2_fees" else "whole"
                assert (dv.type, dv.operator, dv.formula1) == (want, "greaterThanOrEqual", "0"), cell.key
                assert dv.showInputMessage and dv.showErrorMessage
                assert ("万元" in dv.prompt + dv.error) if want == "decimal" else ("件数" in dv.error)
                assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32
    facts = wb[schema.FACTS_SHEET]
    assert facts.protection.sheet
    for i, _ in enumerate(schema.FACTS):
        row = schema.FACTS_FIRST_ROW + i
        assert facts.cell(row, 1).protection.locked and not facts.cell(row, 2).protection.locked


def test_print_setup_is_a4_one_page_wide(tmp_path):
    path = tmp_path / "统计表.xlsx"
    writer.write(path)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert [wb[t.sheet].page_setup.orientation for t in schema.TABLES] == ["portrait", "landscape", "landscape"]
    assert wb["依申请公开"].print_title_rows == "$1:$4"  # heading and the three header rows repeat


def test_guide_sheet_first_and_the_reader_ignores_it(tmp_path):
    path = write_workbook(tmp_path / "统计表.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [sheetaids.GUIDE_SHEET, schema.FACTS_SHEET, *(t.sheet for t in schema.TABLES)]
    text = "\n".join(str(c.value) for c in wb[sheetaids.GUIDE_SHEET]["A"] if c.value)
    for needle in ("reportgen check", "reportgen build", "--from", "{{本年新收}}", *(t.sheet for t in schema.TABLES)):
        assert needle in text
    assert [ws.sheet_view.tabSelected for ws in wb.worksheets[1:]] == [False] * 4  # no grouped sheets
    _, _, problems = reader.read(path)
    assert problems == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("typed,shown", [(2026, 2027), (None, 2026), ("2024", 2025), ("不知道", 2026)])
def test_examples_follow_the_year_the_clerk_types(tmp_path, typed, shown):
    """基本信息's 成文日期 and 发文字号 examples and 填写说明's next-year command are of the year after the
    年度 typed (a 2026 workbook must not show 2026年1月19日, a DATE error for it), as Excel/WPS show them."""
    from openpyxl import load_workbook as load

    src = api.init(tmp_path / "年报").written[0]
    wb = load(src)
    wb[schema.FACTS_SHEET][schema.fact_where("year").split("!")[1]] = typed
    wb.save(src)
    saved = load_workbook(libreoffice_convert(src, "xlsx", tmp_path / "saved"), data_only=True)
    facts = saved[schema.FACTS_SHEET]
    assert facts.cell(schema.fact_row("date"), 3).value == f"例如：{shown}年1月19日（也可填Excel日期）"
    assert facts.cell(schema.fact_row("doc_number"), 3).value == f"例如：互司〔{shown}〕3号；没有可不填"
    guide = [c.value for c in saved[sheetaids.GUIDE_SHEET]["A"] if c.value]
    assert f"明年接着用：reportgen init {shown}年报 --from 本文件夹\\统计表.xlsx --from 本文件夹\\正文.txt（基本信息、上年结转、现行有效件数自动带过去）" in guide
