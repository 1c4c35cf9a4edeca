"""正文 saved as .doc, .wps, .odt or .rtf (issue 27, item 1): read from LibreOffice's .docx of it, beside
a workbook it is the department's narrative (not a report), the message without LibreOffice; and
`init --narrative docx`, whose 正文.docx builds the same report as 正文.txt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from reportgen.core import folders
from reportgen.core.problems import InputError
from reportgen.narrative import parse as narrative
from reportgen.office import convert, soffice
from reportgen.office.soffice import ENV as SOFFICE_ENV

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, libreoffice_convert, paragraphs
from .test_word_narrative import LINES, word_narrative

WHAT = {"doc": "旧版 Word 文件（.doc）", "wps": " WPS 文字文件（.wps）", "odt": " OpenDocument 文本文件（.odt）", "rtf": " RTF 文件（.rtf）"}
NOTE = "已由 LibreOffice 转换为 .docx 后读取：转换偶尔会改变个别内容，请核对生成的报告中的正文"
WAYS_OUT = "安装 LibreOffice 后再读取正文，或在 Word/WPS 中“另存为” .docx（或把正文复制到记事本，保存为正文.txt）"


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    """The sample narrative written in Word (正文.docx, headings in Heading styles without their
    numbers), and the .doc, .odt and .rtf LibreOffice saves of it."""
    from ..conftest import find_soffice

    folder = tmp_path_factory.mktemp("saved")
    files = {"docx": word_narrative(folder / "正文.docx", "Heading")}
    if find_soffice():
        for fmt in ("doc", "odt", "rtf"):
            files[fmt] = libreoffice_convert(files["docx"], fmt, folder / fmt)
    return files


@pytest.fixture(scope="module")
def from_text(tmp_path_factory) -> list[str]:
    """The paragraphs of the sample's report built from 正文.txt."""
    from reportgen.cli.commands import main

    out = tmp_path_factory.mktemp("text") / "对照.docx"
    assert main(["build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out)]) == 0
    return paragraphs(out)


def _department(tmp_path: Path, saved: dict[str, Path], fmt: str) -> Path:
    dept = tmp_path / "县司法局"
    dept.mkdir()
    shutil.copy(SAMPLE_XLSX, dept / "统计表.xlsx")
    shutil.copyfile(saved["doc" if fmt == "wps" else fmt], dept / f"正文.{fmt}")  # a WPS 文字 file is Word's binary format
    return dept


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["doc", "wps", "odt", "rtf"])
def test_build_a_folder_whose_narrative_was_saved_by_libreoffice(saved, from_text, tmp_path, cli, fmt):
    dept = _department(tmp_path, saved, fmt)
    out = tmp_path / "报告.docx"
    code, _, err = cli("build", dept, "-o", out)
    assert code == 0, err
    built = paragraphs(out)
    assert built == from_text  # the same report as from 正文.txt
    assert LINES[1:4] == ["一、总体情况", "（一）主动公开推进情况", LINES[3]] and len(LINES[3]) > 100
    assert built[built.index("一、总体情况"):][:3] == LINES[1:4]  # the headings got their numbers back
    assert f"提醒 [CONVERTED] 正文.{fmt}：这是{WHAT[fmt]}，{NOTE}" in err.splitlines()
    assert narrative.text_of(dept / f"正文.{fmt}").split("\n") == LINES


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["doc", "odt"])
def test_check_takes_it_as_the_narrative_not_a_report(saved, tmp_path, cli, fmt):
    dept = _department(tmp_path, saved, fmt)
    found = folders.classify(dept)
    assert found.kind == folders.DEPARTMENT and found.txt == dept / f"正文.{fmt}"
    assert folders.survey(dept).reports == [] and folders.is_word_narrative(dept / f"正文.{fmt}")
    code, out, err = cli("check", dept)
    assert code == 0, out + err
    assert "NOT-REPORT" not in out + err and "[FILE]" not in out + err
    assert f"提醒 [CONVERTED] 正文.{fmt}：这是{WHAT[fmt]}，{NOTE}" in (out + err).splitlines()


def test_the_word_copy_comes_first_and_a_doc_report_stays_a_report(tmp_path):
    files = [tmp_path / n for n in ("正文.doc", "正文.docx", "统计表.xlsx", "县司法局2025年度报告.doc")]
    assert folders.narrative_of(files, files[2]) == files[1]
    assert folders.narrative_of([files[0], files[2], files[3]], files[2]) == files[0]
    assert not folders.is_word_narrative(files[3])


def test_a_drop_and_init_from_take_正文_doc_as_the_narrative(tmp_path):
    from reportgen.cli.drop import plan

    xlsx, doc = tmp_path / "统计表.xlsx", tmp_path / "正文.doc"
    shutil.copy(SAMPLE_XLSX, xlsx)
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    assert plan([str(xlsx), str(doc)])[0][0][0] == "build"
    given = folders.init_sources([xlsx, doc])
    assert (given.xlsx, given.txt, given.report, given.problems) == (xlsx, doc, None, [])


@pytest.mark.libreoffice
def test_init_from_last_years_正文_odt(saved, tmp_path, cli):
    dept = _department(tmp_path, saved, "odt")
    code, _, err = cli("init", tmp_path / "2026年报", "--from", dept)
    assert code == 0, err
    text = (tmp_path / "2026年报" / "正文.txt").read_text(encoding="utf-8-sig")
    assert LINES[3] in text and "一、总体情况" in text


@pytest.mark.libreoffice
def test_without_libreoffice_the_message_names_the_file_and_the_ways_out(saved, tmp_path, cli, monkeypatch):
    dept = _department(tmp_path, saved, "doc")
    monkeypatch.setattr(soffice, "find", lambda: soffice.Found(None, "没有找到"))
    out = tmp_path / "报告.docx"
    code, _, err = cli("build", dept, "-o", out)
    assert code == 1 and not out.exists()
    assert err.splitlines()[0] == (
        f"错误 [FILE] 正文.doc：这是旧版 Word 文件（.doc），要由 LibreOffice 转换为 .docx 后才能读取正文，但没有找到 LibreOffice：{WAYS_OUT}"
    )


def test_a_setting_pointing_nowhere_is_named(saved, tmp_path, cli, monkeypatch):
    """No LibreOffice is needed to be told there is none: the .odt is made by hand here."""
    nowhere = tmp_path / "没有这个程序"
    monkeypatch.setenv(SOFFICE_ENV, str(nowhere))
    odt = tmp_path / "正文.odt"
    _fake_odt(odt)
    assert convert.source_form(odt) == "odt"
    with pytest.raises(InputError) as caught:
        narrative.read(odt)
    assert [p.message for p in caught.value.problems] == [
        f"这是 OpenDocument 文本文件（.odt），要由 LibreOffice 转换为 .docx 后才能读取正文，但没有找到 LibreOffice"
        f"（设置 REPORTGEN_SOFFICE（或 --soffice）指定的 {nowhere} 不是 LibreOffice 程序（soffice）：请改正或删去这个设置）：{WAYS_OUT}"
    ]


def _fake_odt(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')


# --- init --narrative docx --------------------------------------------------------------------------

FILLED = "本年度按要求做好这部分工作。"


def _fill(folder: Path) -> None:
    """The date filled in, and each guide line replaced by a sentence, in the 正文.txt with Notepad or
    the 正文.docx with Word."""
    import openpyxl

    workbook = openpyxl.load_workbook(folder / "统计表.xlsx")
    workbook["基本信息"]["B4"] = "2027年1月19日"
    workbook.save(folder / "统计表.xlsx")
    txt, docx = folder / "正文.txt", folder / "正文.docx"
    if txt.exists():
        lines = txt.read_bytes().decode("utf-8-sig").split("\r\n")
        filled = "\r\n".join(FILLED if ln.startswith(narrative.GUIDE_PREFIX) else ln for ln in lines)
        txt.write_bytes(filled.encode("utf-8-sig"))
    else:
        document = Document(str(docx))
        for p in document.paragraphs:
            if p.text.startswith(narrative.GUIDE_PREFIX):
                p.text = FILLED
        document.save(str(docx))


def test_init_narrative_docx_writes_a_word_narrative_that_builds_the_same_report(tmp_path, cli):
    code, out, err = cli("init", tmp_path / "文本", "--from", SAMPLE_XLSX)
    assert code == 0, err
    code, out, err = cli("init", tmp_path / "Word", "--from", SAMPLE_XLSX, "--narrative", "docx")
    assert code == 0, err
    word = tmp_path / "Word" / "正文.docx"
    assert sorted(p.name for p in (tmp_path / "Word").iterdir()) == ["正文.docx", "统计表.xlsx"]
    assert f"已生成：{word}" in out.splitlines() and "在 Word/WPS 中填写正文.docx，然后运行：" in out
    styles = {p.text: p.style.name for p in Document(str(word)).paragraphs if p.text}
    assert styles["一、总体情况"] == "Heading 1" and styles["（一）主动公开"] == "Heading 2"
    assert narrative.text_of(word) == narrative.blank_text().replace("\r\n", "\n")
    before = {name: cli("check", tmp_path / name) for name in ("文本", "Word")}
    assert before["Word"].out.replace("正文.docx", "正文.txt") == before["文本"].out and before["Word"].code == 1
    reports = {}
    for name in ("文本", "Word"):
        _fill(tmp_path / name)
        code, _, err = cli("build", tmp_path / name, "-o", tmp_path / f"{name}.docx")
        assert code == 0, err
        reports[name] = paragraphs(tmp_path / f"{name}.docx")
    assert reports["Word"] == reports["文本"] and FILLED in reports["Word"] and "一、总体情况" in reports["Word"]


def test_init_narrative_docx_beside_a_text_file_is_refused(tmp_path, cli):
    assert cli("init", tmp_path).code == 0
    code, out, err = cli("init", tmp_path, "--narrative", "docx", "--force")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"错误 [EXISTS] 正文.txt：{tmp_path / '正文.txt'} 已存在：同一文件夹中有正文.txt 时，程序用正文.txt 而不用正文.docx。"
        "请删除正文.txt 或把它改名后再试，或不加 --narrative docx"
    )
    assert not (tmp_path / "正文.docx").exists()


def test_init_narrative_takes_only_txt_or_docx(tmp_path, cli):
    code, _, err = cli("init", tmp_path, "--narrative", "wps")
    assert code == 2 and "用法错误：“wps”不是正文的格式：请写 txt（记事本）或 docx（Word/WPS），例如 --narrative docx" in err
    assert not list(tmp_path.iterdir())
