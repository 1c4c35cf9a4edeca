"""The file is recognised by its content: other spreadsheet formats are read, anything else is named
with what to do, and two files given the wrong way round are said to be swapped."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ..conftest import (
    CLEAN_NARRATIVE,
    clean_values,
    libreoffice_convert,
    paragraphs,
    sample_meta,
    tables,
    write_workbook,
)

OLD_REPORT = b"previous good report"


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, Path]:
    """A filled workbook, one with a bad cell and one with a wrong typed total, each as .xlsx, .xls and .ods."""
    folder = tmp_path_factory.mktemp("kinds")
    good = write_workbook(folder / "good.xlsx", sample_meta(), clean_values())
    out = {"good.xlsx": good}
    for stem, ref, value in (("bad", "D5", "5件"), ("total", "J8", 999)):  # J8: a typed 总计 off its row
        changed = write_workbook(folder / f"{stem}.xlsx", sample_meta(), clean_values())
        wb = load_workbook(changed)
        wb["依申请公开"][ref] = value
        wb.save(changed)
        out[f"{stem}.xlsx"] = changed
    merged = write_workbook(folder / "merged.xlsx", sample_meta(), clean_values())
    wb = load_workbook(merged)
    wb["依申请公开"].merge_cells("D5:E5")  # two number cells under one merge
    wb.save(merged)
    out["merged.xlsx"] = merged
    for src in (good, out["bad.xlsx"], out["total.xlsx"], merged):
        for fmt in ("xls", "ods"):
            out[f"{src.stem}.{fmt}"] = libreoffice_convert(src, fmt, folder / fmt)
    return out


@pytest.fixture
def folder(tmp_path):
    txt = tmp_path / "正文.txt"
    txt.write_text(CLEAN_NARRATIVE, encoding="utf-8")
    (tmp_path / "报告.docx").write_bytes(OLD_REPORT)
    return tmp_path


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt,name", [("xls", "统计表.xls"), ("xls", "统计表.et"), ("ods", "统计表.ods"), ("ods", "其实是ods.xlsx")])
def test_other_formats_give_the_same_report(converted, folder, fmt, name, cli):
    reference = folder / "参照.docx"
    assert cli("build", converted["good.xlsx"], folder / "正文.txt", "-o", reference)[0] == 0
    book = folder / name
    shutil.copy(converted[f"good.{fmt}"], book)
    out = folder / "新报告.docx"
    code, _, err = cli("build", book, folder / "正文.txt", "-o", out)
    assert code == 0, err
    assert err == ""  # no warning either: the same clean report
    assert tables(out) == tables(reference)
    assert paragraphs(out) == paragraphs(reference)  # facts too: agency, title, signature, date


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_a_merge_over_number_cells_is_refused_in_every_format(converted, folder, fmt, cli):
    """.ods too: calamine gives no merged ranges for it, so they are read from its content.xml."""
    book = folder / f"统计表.{fmt}"
    shutil.copy(converted[f"merged.{fmt}"], book)
    code, out, _ = cli("check", book, folder / "正文.txt")
    assert code == 1
    assert f"统计表.{fmt} 依申请公开!D5:E5：单元格 D5:E5 被合并，盖住了数字格" in out, out


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_cells_are_named_the_same_way_in_every_format(converted, folder, fmt, cli):
    book = folder / f"统计表.{fmt}"
    shutil.copy(converted[f"bad.{fmt}"], book)
    code, out, _ = cli("check", book, folder / "正文.txt")
    assert code == 1
    assert f"错误 [NUM] 统计表.{fmt} 依申请公开!D5：“5件”不是数字" in out
    # Without formulas, a total is what the file holds: checked against its parts like a typed one.
    shutil.copy(converted[f"total.{fmt}"], book)
    code, out, _ = cli("check", book, folder / "正文.txt")
    assert code == 1
    assert f"错误 [T3-ROW] 统计表.{fmt} 依申请公开!J8：填写的总计是 999" in out


def _assert_refused(folder: Path, code: int, err: str, expected: str) -> None:
    assert code == 1
    assert expected in err, err
    assert (folder / "报告.docx").read_bytes() == OLD_REPORT
    assert not [p.name for p in folder.iterdir() if p.suffix == ".tmp"]


def _strict(xlsx: Path, target: Path) -> Path:
    """The workbook as Excel saves "Strict Open XML": the same parts in the purl.oclc.org namespaces."""
    buf = io.BytesIO()
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith(".xml"):
                data = data.replace(
                    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"
                )
            dst.writestr(item, data)
    target.write_bytes(buf.getvalue())
    return target


def _xlsb(folder: Path) -> Path:
    path = folder / "二进制.xlsb"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return path


def test_last_years_report_given_as_the_workbook(folder, cli):
    report = folder / "去年的报告.docx"
    write_workbook(folder / "统计表.xlsx", sample_meta(), clean_values())
    assert cli("build", folder / "统计表.xlsx", folder / "正文.txt", "-o", report)[0] == 0
    code, _, err = cli("build", report, folder / "正文.txt", "-o", folder / "报告.docx")
    _assert_refused(
        folder,
        code,
        err,
        "错误 [FILE] 去年的报告.docx：这不是统计表，而是一个 Word 文档(.docx)（例如去年的报告或正文）。"
        "这里应给出 reportgen init 生成的统计表（.xlsx）；去年的数字请填入统计表，正文（.txt 或 Word 文档）写在统计表之后",
    )


@pytest.mark.parametrize(
    "make,expected",
    [
        (
            lambda f: _strict(write_workbook(f / "普通.xlsx", sample_meta(), clean_values()), f / "严格.xlsx"),
            "错误 [FILE] 严格.xlsx：这是“Strict Open XML 电子表格”格式的 Excel 工作簿，无法读取。请在 Excel 中打开它，"
            "选“另存为”，保存类型选“Excel 工作簿(*.xlsx)”（不要选“Strict Open XML 电子表格”），再用新文件重试",
        ),
        (
            _xlsb,
            "错误 [FILE] 二进制.xlsb：这不是 Excel 工作簿(.xlsx)，而是一个 Excel 二进制工作簿(.xlsb)。请在 Excel 或 WPS 中打开它，选“另存为”→“Excel 工作簿(*.xlsx)”",
        ),
        (
            lambda f: (f / "扫描件.xlsx").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n") and f / "扫描件.xlsx",
            "错误 [FILE] 扫描件.xlsx：这不是 Excel 工作簿(.xlsx)，而是一个 PDF 文件，其中的表格无法读取。请把数字填入 reportgen init 生成的统计表",
        ),
        (
            lambda f: (f / "照片.xlsx").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100) and f / "照片.xlsx",
            "错误 [FILE] 照片.xlsx：这不是 Excel 工作簿(.xlsx)，而是图片，其中的表格无法读取。",
        ),
        (
            lambda f: (f / "导出.xls").write_text("<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8")
            and f / "导出.xls",
            "错误 [FILE] 导出.xls：这不是 Excel 工作簿(.xlsx)，而是网页文件（HTML，常见于从业务系统导出、扩展名却是 .xls 的文件）。"
            "请在 Excel 或 WPS 中打开它，选“另存为”→“Excel 工作簿(*.xlsx)”",
        ),
    ],
)
def test_what_the_file_is_is_said(folder, make, expected, cli):
    book = make(folder)
    code, _, err = cli("build", book, folder / "正文.txt", "-o", folder / "报告.docx")
    _assert_refused(folder, code, err, expected)


@pytest.mark.libreoffice
def test_damaged_ods_is_not_called_a_keyerror(converted, folder, cli):
    book = folder / "统计表.ods"
    data = converted["good.ods"].read_bytes()
    book.write_bytes(data[: len(data) * 2 // 3])
    code, _, err = cli("build", book, folder / "正文.txt", "-o", folder / "报告.docx")
    _assert_refused(folder, code, err, "错误 [FILE] 统计表.ods：")
    assert "Error" not in err and "（KeyError）" not in err


@pytest.mark.parametrize("command", ["check", "build"])
def test_files_in_the_wrong_order_are_used_the_right_way_round(folder, command, cli):
    """Issue 17: the content tells the workbook from the narrative, so the order never stops a run."""
    xlsx = write_workbook(folder / "统计表.xlsx", sample_meta(), clean_values())
    txt = folder / "正文.txt"
    extra = ["-o", folder / "报告.docx"] if command == "build" else []
    code, out, err = cli(command, txt, xlsx, *extra)
    message = "提醒 [ORDER] 统计表.xlsx：两个文件的顺序反了：“正文.txt”是正文，“统计表.xlsx”是统计表，已按内容对调后使用（命令中统计表应写在前面，正文在后）"
    assert code == 0 and "错误 [" not in out + err
    assert message in out + err
    if command == "build":
        assert paragraphs(folder / "报告.docx")[0] == "某某市某某区人民政府办公室"


def test_workbook_without_worksheets_says_so(folder, cli):
    import re

    xlsx = write_workbook(folder / "统计表.xlsx", sample_meta(), clean_values())
    buf = io.BytesIO()
    with zipfile.ZipFile(xlsx) as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data, flags=re.S)
            zout.writestr(item, data)
    xlsx.write_bytes(buf.getvalue())
    code, _, err = cli("build", xlsx, folder / "正文.txt", "-o", folder / "报告.docx")
    _assert_refused(folder, code, err, "错误 [SHEET] 统计表.xlsx：工作簿中没有可以读取的工作表（可能只有图表）。请使用 reportgen init 生成的统计表")
    assert "（现有：）" not in err


@pytest.mark.libreoffice
def test_batch_reads_an_ods_department(converted, tmp_path, cli):
    department = tmp_path / "县" / "乙局"
    department.mkdir(parents=True)
    shutil.copy(converted["good.ods"], department / "统计表.ods")
    (department / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
    code, out, err = cli("batch", tmp_path / "县", "-j", "1")
    assert code == 0, out + err
    reports = list(department.glob("*.docx"))
    assert len(reports) == 1 and tables(reports[0])


@pytest.mark.libreoffice
def test_next_year_starts_from_last_years_xls(converted, tmp_path, cli):
    from reportgen.workbook import reader

    code, out, err = cli("init", tmp_path / "新年度", "--from", converted["good.xls"])
    assert code == 0, err
    meta, stats, problems = reader.read(tmp_path / "新年度" / "统计表.xlsx")
    last_meta, last, _ = reader.read(converted["good.xlsx"])
    assert meta.year == last_meta.year + 1 and meta.agency == last_meta.agency
    assert stats.values["t3_carried_in_natural"] == last.values["t3_carried_out_natural"] != 0


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt,name", [("xls", "统计表.xls"), ("ods", "2025统计.ods")])
def test_a_department_folder_with_another_format_is_checked_and_built(converted, tmp_path, fmt, name, cli):
    """`check 文件夹`, `build 文件夹` and a dropped folder choose the workbook as batch does, whatever its format."""
    dept = tmp_path / "司法局"
    dept.mkdir()
    shutil.copy(converted[f"good.{fmt}"], dept / name)
    (dept / "正文.txt").write_text(CLEAN_NARRATIVE, encoding="utf-8")
    code, out, err = cli("check", dept)
    assert code == 0 and "检查通过" in out, out + err
    assert cli("build", dept, "-o", tmp_path / "报告.docx")[0] == 0
    assert paragraphs(tmp_path / "报告.docx")[0] == sample_meta().agency
