"""`reportgen init DIR --from LAST_YEAR`: this year's files start from last year's."""

import shutil

import pytest
from openpyxl import load_workbook

from reportgen import build
from reportgen.cli.commands import main
from reportgen.core import schema
from reportgen.narrative.parse import GUIDE_PREFIX
from reportgen.workbook import reader

from ..conftest import (
    SAMPLE_TXT,
    guided_narrative,
    libreoffice_convert,
    nonzero_values,
    sample_meta,
    tables,
    write_workbook,
)


def _last_year(tmp_path, **meta_changes):
    folder = tmp_path / "2025年报"
    folder.mkdir()
    values = nonzero_values()
    meta = sample_meta(title="某某区政府办2025年度政府信息公开工作报告", doc_number="某政办〔2026〕3号", seal=True, **meta_changes)
    write_workbook(folder / "统计表.xlsx", meta, values)
    shutil.copy(SAMPLE_TXT, folder / "正文.txt")
    return folder, values


def _assert_carried(new_xlsx, values):
    meta, stats, problems = reader.read(new_xlsx)
    assert meta.agency == "某某市某某区人民政府办公室" and meta.signature == "某某区政府办"
    assert meta.year == 2026 and meta.seal is True
    assert meta.title == "某某区政府办2026年度政府信息公开工作报告"
    assert meta.date is None and meta.doc_number == ""  # new each year
    assert [(p.rule, p.where) for p in problems] == [("FACT", "基本信息!B4")]  # only the date to fill
    carried = {}
    for col in schema.T3_PART_COLS:
        assert stats[f"t3_carried_in_{col}"] == values[f"t3_carried_out_{col}"], col
        carried[f"t3_carried_in_{col}"] = values[f"t3_carried_out_{col}"]
    for row in ("rules", "normative"):
        assert stats[f"t2_{row}_in_force"] == values[f"t2_{row}_in_force"]
        carried[f"t2_{row}_in_force"] = values[f"t2_{row}_in_force"]
    assert stats["t3_carried_in_total"] == sum(values[f"t3_carried_out_{c}"] for c in schema.T3_PART_COLS) > 0
    for key in schema.INPUT_KEYS:
        if key not in carried:
            assert stats[key] == 0, key
    return meta, stats


def test_init_from_last_years_workbook_and_text(tmp_path, capsys):
    last, values = _last_year(tmp_path)
    new = tmp_path / "2026年报"
    code = main(["init", str(new), "--from", str(last / "统计表.xlsx"), "--from", str(last / "正文.txt")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "带入" in out and "复制正文" in out
    _assert_carried(new / "统计表.xlsx", values)
    # The new workbook is a full init workbook: live totals, guide sheet, protection.
    wb = load_workbook(new / "统计表.xlsx")
    assert wb["依申请公开"]["J6"].value == "=SUM(D6:I6)" and wb["依申请公开"].protection.sheet
    text = (new / "正文.txt").read_bytes().decode("utf-8-sig")  # Notepad line ends
    first, rest = text.split("\r\n", 1)
    assert first.startswith(GUIDE_PREFIX + "本正文由2025年的正文复制而来")
    assert rest.replace("\r\n", "\n") == SAMPLE_TXT.read_text(encoding="utf-8").replace("\r\n", "\n")


@pytest.mark.libreoffice
def test_init_from_a_folder_and_last_year_saved_by_a_spreadsheet_program(tmp_path, capsys):
    last, values = _last_year(tmp_path)
    saved = libreoffice_convert(last / "统计表.xlsx", "xlsx", tmp_path / "saved")  # cached values, as Excel leaves it
    shutil.copy(saved, last / "统计表.xlsx")
    new = tmp_path / "2026年报"
    assert main(["init", str(new), "--from", str(last)]) == 0
    capsys.readouterr()
    _assert_carried(new / "统计表.xlsx", values)
    assert (new / "正文.txt").read_text(encoding="utf-8-sig").startswith(GUIDE_PREFIX)


def test_carried_workbook_builds_with_the_carried_numbers_in_table_three(tmp_path, capsys):
    last, values = _last_year(tmp_path)
    new = tmp_path / "2026年报"
    assert main(["init", str(new), "--from", str(last / "统计表.xlsx")]) == 0
    xlsx = new / "统计表.xlsx"
    wb = load_workbook(xlsx)
    wb["基本信息"]["B4"] = "2027年1月20日"
    # A balanced year: this year's new applications all answered, the carried ones still pending.
    ws = wb["依申请公开"]
    for i, col in enumerate(schema.T3_PART_COLS):
        _, cell = schema.value_cell(f"t3_carried_out_{col}")
        ws.cell(cell.row + schema.TABLE_FIRST_ROW, cell.col + 1).value = values[f"t3_carried_out_{col}"]
    wb.save(xlsx)
    (new / "正文.txt").write_text(guided_narrative(), encoding="utf-8")  # the guides alone are refused
    result = build(xlsx, new / "正文.txt", out=tmp_path / "r.docx")
    assert result.ok, [str(p) for p in result.problems]
    t3 = tables(result.output)[1]
    row = next(c.row for c in schema.TABLE_BY_KEY["t3"].value_cells() if c.key == "t3_carried_in_natural")
    assert [t3[(row, c)] for c in range(3, 9)] == [str(values[f"t3_carried_out_{c}"]) for c in schema.T3_PART_COLS]


def test_last_years_narrative_in_gbk_is_carried(tmp_path, capsys):
    last = tmp_path / "old"
    last.mkdir()
    (last / "正文.txt").write_bytes(SAMPLE_TXT.read_text(encoding="utf-8").encode("gb18030"))
    assert main(["init", str(tmp_path / "new"), "--from", str(last / "正文.txt")]) == 0
    text = (tmp_path / "new" / "正文.txt").read_text(encoding="utf-8-sig")
    assert "一、总体情况" in text and "本正文由上年的正文复制而来" in text


def test_broken_last_year_workbook_writes_nothing(tmp_path, capsys):
    last, _ = _last_year(tmp_path)
    wb = load_workbook(last / "统计表.xlsx")
    wb["依申请公开"].insert_rows(6)
    wb.save(last / "统计表.xlsx")
    new = tmp_path / "2026年报"
    code = main(["init", str(new), "--from", str(last / "统计表.xlsx")])
    _, err = capsys.readouterr()
    assert code == 1
    assert "错误 [LAYOUT] 统计表.xlsx 依申请公开!A6" in err and "无法确定要带入的数字" in err
    assert not (new / "统计表.xlsx").exists() and not (new / "正文.txt").exists()


def test_wrong_from_arguments_are_usage_errors(tmp_path, capsys):
    last, _ = _last_year(tmp_path)
    (tmp_path / "x.pptx").write_bytes(b"")
    assert main(["init", str(tmp_path / "n"), "--from", str(tmp_path / "x.pptx")]) == 2
    assert "--from 只接受" in capsys.readouterr().err
    (tmp_path / "x.pdf").write_bytes(b"")  # a PDF is a report's form: a broken one is named as such
    assert main(["init", str(tmp_path / "n"), "--from", str(tmp_path / "x.pdf")]) == 1
    assert "错误 [FILE] x.pdf：这个 PDF 文件已损坏或不完整" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "n"), "--from", str(last), "--from", str(last / "统计表.xlsx")]) == 2
    assert "两个统计表" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "n"), "--from", str(tmp_path / "缺.xlsx")]) == 1
    assert "找不到文件" in capsys.readouterr().err
