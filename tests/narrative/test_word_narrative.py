"""正文 written in Word or WPS (issue 27, item 1): a folder holding 统计表.xlsx and 正文.docx is a
department on every path (build, check, batch, a drop, init --from), its paragraphs are read as
正文.txt's lines, Word's heading styles give the heading levels, and a table in it is refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE

from reportgen.cli.drop import plan
from reportgen.core import folders
from reportgen.narrative import parse as narrative

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, paragraphs, sample_meta, write_workbook

LINES = [ln for ln in SAMPLE_TXT.read_text(encoding="utf-8").splitlines() if ln.strip()]
_NUMBER = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def word_narrative(path: Path, styled: str | None = None, table_after: int | None = None) -> Path:
    """The sample narrative as a clerk writes it in Word: one paragraph a line. STYLED: headings in
    that heading style family ("Heading" as Word names them, "标题" as WPS does), their numbers left
    to Word's list numbering (not in the text)."""
    doc = Document()
    if styled == "标题":
        for level in (1, 2):
            doc.styles.add_style(f"标题 {level}", WD_STYLE_TYPE.PARAGRAPH)
    for i, line in enumerate(LINES):
        m = _NUMBER.match(line)
        if styled and m:
            level = 1 if m.group(1).endswith("、") else 2
            doc.add_paragraph(line[len(m.group(1)):], style=f"{styled} {level}")
        else:
            doc.add_paragraph(line)
        if table_after == i:
            doc.add_table(rows=2, cols=2).cell(0, 0).text = "申请数"
    doc.save(str(path))
    return path


@pytest.fixture
def folder(tmp_path):
    dept = tmp_path / "县司法局"
    dept.mkdir()
    shutil.copy(SAMPLE_XLSX, dept / "统计表.xlsx")
    return dept


def _built_from_text(tmp_path, cli) -> list[str]:
    out = tmp_path / "对照.docx"
    assert cli("build", SAMPLE_XLSX, SAMPLE_TXT, "-o", out).code == 0
    return paragraphs(out)


@pytest.mark.parametrize("styled", [None, "Heading", "标题"])
def test_build_a_folder_with_the_narrative_in_word(folder, tmp_path, cli, styled):
    word_narrative(folder / "正文.docx", styled)
    out = tmp_path / "报告.docx"
    code, _, err = cli("build", folder, "-o", out)
    assert code == 0, err
    assert paragraphs(out) == _built_from_text(tmp_path, cli)  # the same report as from 正文.txt
    assert "NARR" not in err


def test_check_and_a_drop_take_it_as_the_narrative_not_a_report(folder, cli):
    word_narrative(folder / "正文.docx")
    code, out, err = cli("check", folder)
    assert code == 0, out + err
    assert "NOT-REPORT" not in out + err and "不像是年度报告" not in out + err
    assert plan([str(folder / "统计表.xlsx"), str(folder / "正文.docx")])[0][0][0] == "build"


def test_any_name_without_tables_beside_the_workbook_and_a_finished_report(folder, tmp_path, cli):
    """正文（定稿）.docx has no table; the department's report built last time has three."""
    word_narrative(folder / "司法局正文（定稿）.docx")
    assert cli("build", folder, "-o", folder / "县司法局2025年度政府信息公开工作报告.docx").code == 0
    found = folders.classify(folder)
    assert found.kind == folders.DEPARTMENT and found.txt == folder / "司法局正文（定稿）.docx"
    contents = folders.survey(folder)
    assert [f.path.name for f in contents.reports] == ["县司法局2025年度政府信息公开工作报告.docx"]


def test_the_two_files_given_the_wrong_way_round(folder, tmp_path, cli):
    """`check 正文.docx 统计表.xlsx`: put the right way round with the ORDER 提醒, as for 正文.txt; a
    workbook given as the narrative is named as a workbook."""
    narrative_doc = word_narrative(folder / "正文.docx")
    code, out, _ = cli("check", narrative_doc, folder / "统计表.xlsx")
    assert code == 0, out
    assert ("提醒 [ORDER] 统计表.xlsx：两个文件的顺序反了：“正文.docx”是正文，“统计表.xlsx”是统计表，已按内容对调后使用"
            "（命令中统计表应写在前面，正文在后）") in out.splitlines()
    assert cli("build", narrative_doc, folder / "统计表.xlsx", "-o", tmp_path / "报告.docx").code == 0
    assert paragraphs(tmp_path / "报告.docx") == _built_from_text(tmp_path, cli)
    shutil.copy(SAMPLE_XLSX, folder / "另一个.xlsx")
    code, out, _ = cli("check", folder / "统计表.xlsx", folder / "另一个.xlsx")
    assert code == 1
    assert out.splitlines()[0] == ("错误 [FILE] 另一个.xlsx：这是一个 Excel 工作簿(.xlsx)，不是正文："
                                   "统计表写在命令的前面，正文（.txt 或 Word 文档）写在后面")


def test_a_narrative_given_alone(folder, tmp_path, cli):
    """`check 正文.docx` beside its workbook checks the department; alone, it is named as a 正文."""
    word_narrative(folder / "正文.docx")
    code, out, err = cli("check", folder / "正文.docx")
    assert code == 0, out + err
    assert "NOT-REPORT" not in out + err
    lone = tmp_path / "别处"
    lone.mkdir()
    for name in ("正文.docx", "正文.txt"):
        shutil.copy(folder / "正文.docx", lone / name) if name.endswith("docx") else shutil.copy(SAMPLE_TXT, lone / name)
        code, _, err = cli("check", lone / name)
        assert code == 1
        assert err.splitlines()[0] == (f"错误 [FILE] {name}：这是正文，单独给出无法检查：请给出放着统计表和正文的文件夹，"
                                       f"或先写统计表、再写正文（如 统计表.xlsx {name}）")


def test_the_text_file_wins_over_a_word_copy(folder, cli):
    word_narrative(folder / "正文.docx")
    shutil.copy(SAMPLE_TXT, folder / "正文.txt")
    assert folders.classify(folder).txt == folder / "正文.txt"


def test_a_table_in_the_narrative_is_refused_by_name(folder, tmp_path, cli):
    word_narrative(folder / "正文.docx", table_after=5)
    out = tmp_path / "报告.docx"
    code, _, err = cli("build", folder, "-o", out)
    assert code == 1 and not out.exists()
    after = LINES[5][:20]
    assert (
        f"错误 [FILE] 正文.docx 第7行：正文中有表格（在“{after}”之后）：正文只写文字，报告中的统计表由统计表.xlsx 生成。"
        "请删除这个表格，或把其中要说的话写成段落，然后再试"
    ) in err


def test_batch_builds_a_department_whose_narrative_is_in_word(folder, cli):
    word_narrative(folder / "正文.docx")
    other = folder.parent / "县财政局"
    other.mkdir()
    write_workbook(other / "统计表.xlsx", sample_meta(agency="互助土族自治县财政局", signature="互助县财政局"))
    shutil.copy(SAMPLE_TXT, other / "正文.txt")
    code, out, err = cli("batch", folder.parent)
    assert code == 0, out + err
    assert len(list(folder.glob("*年度报告.docx"))) == 1 and len(list(other.glob("*年度报告.docx"))) == 1


def test_init_from_last_years_folder_takes_its_word_narrative(folder, tmp_path, cli):
    word_narrative(folder / "正文.docx")
    code, _, err = cli("init", tmp_path / "2026年报", "--from", folder)
    assert code == 0, err
    text = (tmp_path / "2026年报" / "正文.txt").read_text(encoding="utf-8")
    assert LINES[0] in text and "一、总体情况" in text


def test_the_lines_are_the_paragraphs_and_headings_get_their_numbers(tmp_path):
    path = word_narrative(tmp_path / "正文.docx", "Heading")
    assert narrative.text_of(path).split("\n") == LINES
