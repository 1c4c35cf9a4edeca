"""XML declarations are refused wherever they stand, in every XML part read; a formula cell without
a saved result is reported for every kind of formula (plain, shared, array)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from reportgen.core.resources import DEFAULT_TEMPLATE

from ..conftest import libreoffice_convert

OLD_REPORT = b"previous good report"
LONG_COMMENT = "<!--" + "注释" * 40_000 + "-->"  # 160 KB: past any look at the first bytes
DECLARATION = '<!DOCTYPE worksheet [<!ENTITY e "">]>'


def rewrite(path: Path, part: str, change) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    path.write_bytes(buf.getvalue())


@pytest.fixture
def files(tmp_path, clerk_files):
    xlsx, txt = clerk_files()
    out = tmp_path / "报告.docx"
    out.write_bytes(OLD_REPORT)
    return tmp_path, xlsx, txt, out


def _cell(ref: str, inner: str):
    """Replace worksheet cell `ref` (its whole <c> element) by one holding `inner`."""

    def change(xml: str) -> str:
        new, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', f'<c r="{ref}">{inner}</c>', xml, count=1)
        assert n == 1, ref
        return new

    return change


def test_declaration_after_a_long_comment_is_refused(files, cli):
    folder, xlsx, txt, out = files

    def evil(xml: str) -> str:
        # 署名 (B3) becomes "签&e;名": an unresolved entity would print only "签".
        xml = _cell("B3", '<is><t>签&e;名</t></is>')(xml).replace("<c r=\"B3\">", '<c r="B3" t="inlineStr">')
        return xml.replace("<worksheet", LONG_COMMENT + DECLARATION + "<worksheet", 1)

    rewrite(xlsx, "xl/worksheets/sheet2.xml", evil)
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 1
    assert "错误 [FILE] 统计表.xlsx：文件中含有不允许的XML声明（可能是恶意构造的文件），已拒绝读取" in err
    assert out.read_bytes() == OLD_REPORT


def test_declaration_in_a_template_part_is_refused(files, cli):
    folder, xlsx, txt, out = files
    template = folder / "本单位模板.docx"
    shutil.copy(DEFAULT_TEMPLATE, template)
    rewrite(template, "word/styles.xml", lambda xml: xml.replace("<w:styles", LONG_COMMENT + DECLARATION + "<w:styles", 1))
    code, _, err = cli("build", xlsx, txt, "-o", out, "--template", template)
    assert code == 1
    assert (
        "错误 [TEMPLATE] 本单位模板.docx：模板中含有不允许的XML声明（DOCTYPE/ENTITY，可能是恶意构造的文件），已拒绝使用，没有执行任何内容"
    ) in err
    assert out.read_bytes() == OLD_REPORT


@pytest.mark.libreoffice
def test_declaration_in_an_ods_is_refused(files, cli):
    folder, xlsx, txt, out = files
    ods = libreoffice_convert(xlsx, "ods", folder / "ods")
    rewrite(ods, "content.xml", lambda xml: re.sub(r"(<\?xml[^>]*\?>)", r"\1" + LONG_COMMENT + DECLARATION, xml, count=1))
    code, _, err = cli("build", ods, txt, "-o", out)
    assert code == 1
    assert f"错误 [FILE] {ods.name}：文件中含有不允许的XML声明（可能是恶意构造的文件），已拒绝读取" in err
    assert out.read_bytes() == OLD_REPORT


@pytest.mark.parametrize(
    "cells,expected",
    [
        # A shared formula: the first cell holds the text, the others only point to it.
        (
            {"D5": '<f t="shared" ref="D5:E5" si="0">1+1</f><v>2</v>', "E5": '<f t="shared" si="0"/>'},
            ["依申请公开!E5：公式 =1+1（共享公式，从其他单元格复制来的） 没有计算结果"],
        ),
        # An array formula: only its first cell has <f>; none of its cells has a saved result.
        (
            {"D6": '<f t="array" ref="D6:E6">{1,2}</f>', "E6": ""},
            ["依申请公开!D6：公式 ={1,2} 没有计算结果", "依申请公开!E6：公式 ={1,2}（数组公式 D6:E6） 没有计算结果"],
        ),
    ],
)
def test_every_kind_of_formula_without_a_result_is_reported(files, cells, expected, cli):
    folder, xlsx, txt, out = files

    def change(xml: str) -> str:
        for ref, inner in cells.items():
            xml = _cell(ref, inner)(xml)
        return xml

    rewrite(xlsx, "xl/worksheets/sheet4.xml", change)
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 1
    for text in expected:
        assert f"错误 [FORMULA] 统计表.xlsx {text}。请用 Excel 或 WPS 打开后保存一次再运行，或直接填写数字" in err
    assert err.count("错误 [FORMULA]") == len(expected)
    assert out.read_bytes() == OLD_REPORT


@pytest.mark.parametrize("part", ["word/document.xml", "_rels/.rels"])
def test_declaration_in_a_finished_report_is_refused(tmp_path, cli, part):
    report = tmp_path / "报告.docx"
    shutil.copy(DEFAULT_TEMPLATE, report)
    root = "<w:document" if part == "word/document.xml" else "<Relationships"
    rewrite(report, part, lambda xml: xml.replace(root, LONG_COMMENT + DECLARATION + root, 1))
    code, out, err = cli("check", report)
    assert code == 1
    assert "错误 [FILE] 报告.docx：文档含有不允许的 DOCTYPE 声明，不予读取：请给出 Word 文件（.docx）或网页文件（.html）" in err + out
