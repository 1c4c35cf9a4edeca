"""Whatever a clerk feeds it: a clear Chinese message naming the file and place, exit code 1, no
traceback, and no output file created or changed (the previous good report survives)."""

from __future__ import annotations

import errno
import hashlib
import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from ..conftest import SAMPLE_TXT, paragraphs

OLD_REPORT = b"previous good report"


@pytest.fixture
def env(tmp_path, sample_copy):
    """Good inputs in a folder, and last week's good report at the output path."""
    xlsx, txt = sample_copy
    out = tmp_path / "报告.docx"
    out.write_bytes(OLD_REPORT)
    return tmp_path, xlsx, txt, out


def assert_refused(env, code, err, *expected):
    folder, *_, out = env
    assert code == 1
    for text in expected:
        assert text in err, err
    assert out.read_bytes() == OLD_REPORT  # the previous report is untouched
    assert sorted(p.name for p in folder.iterdir() if p.suffix in (".docx", ".tmp")) == ["报告.docx"]


# --- the workbook file itself -----------------------------------------------------------------


def test_missing_workbook(env, cli):
    folder, _, txt, out = env
    code, _, err = cli("build", folder / "没有这个文件.xlsx", txt, "-o", out)
    assert_refused(env, code, err, "错误 [FILE] 没有这个文件.xlsx：找不到文件")


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("坏.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "这不是 Excel 工作簿(.xlsx)，而是无法识别类型的文件。请使用 reportgen init 生成的统计表"),
        ("表格.xlsx", "项目,数量,备注\n本年新收,5,无\n".encode("gbk"), "这不是 Excel 工作簿(.xlsx)，而是一个 CSV 文本表格。请在 Excel 或 WPS 中打开它，选“另存为”→“Excel 工作簿(*.xlsx)”"),
        ("改名.xlsx", "这是一段文字".encode("utf-8"), "这不是 Excel 工作簿(.xlsx)，而是纯文本文件。"),
        ("空.xlsx", b"", "文件是空的（0字节）"),
    ],
)
def test_files_that_are_not_xlsx(env, name, content, expected, cli):
    folder, _, txt, out = env
    bad = folder / name
    bad.write_bytes(content)
    code, _, err = cli("build", bad, txt, "-o", out)
    assert_refused(env, code, err, f"错误 [FILE] {name}：", expected)


def test_truncated_workbook(env, cli):
    folder, xlsx, txt, out = env
    data = xlsx.read_bytes()
    xlsx.write_bytes(data[: len(data) // 2])
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "文件已损坏或不完整")


def test_password_protected_workbook(env, cli):
    # Excel saves an encrypted workbook as an OLE container holding "EncryptedPackage".
    folder, xlsx, txt, out = env
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\0\x03\0\xfe\xff"
    xlsx.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\0" * 2000)
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "设置了打开密码", "请先取消密码")


def test_xml_bomb_in_a_workbook_is_refused(env, cli):
    folder, xlsx, txt, out = env
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2">'
        '<c r="A2" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    _rewrite(xlsx, {"xl/worksheets/sheet1.xml": bomb.encode()})
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "错误 [FILE] 统计表.xlsx：文件中含有不允许的XML声明（可能是恶意构造的文件），已拒绝读取")


def _rewrite(xlsx: Path, parts: dict[str, bytes]) -> None:
    src = xlsx.read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        for name in names:
            zout.writestr(name, parts.get(name, zin.read(name)))
        for name, data in parts.items():
            if name not in names:
                zout.writestr(name, data)
    xlsx.write_bytes(buf.getvalue())


def test_a_million_filled_rows_is_refused_quickly(env, cli):
    folder, xlsx, txt, out = env
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(1, 1_000_001))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + rows + "</sheetData></worksheet>"
    ).encode()
    _rewrite(xlsx, {"xl/worksheets/sheet4.xml": sheet})
    start = time.perf_counter()
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert time.perf_counter() - start < 5
    assert_refused(env, code, err, "错误 [LIMIT] 统计表.xlsx：工作簿内容过大")


# --- sheets, layout and cells -----------------------------------------------------------------


def edit(xlsx, fn):
    wb = load_workbook(xlsx)
    fn(wb)
    wb.save(xlsx)


def test_missing_sheet(env, cli):
    _, xlsx, txt, out = env
    edit(xlsx, lambda wb: wb.remove(wb["复议诉讼"]))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "错误 [SHEET] 统计表.xlsx 复议诉讼：缺少工作表“复议诉讼”（现有：填写说明、基本信息、主动公开、依申请公开）")


def test_renamed_sheet(env, cli):
    _, xlsx, txt, out = env

    def rename(wb):
        wb["依申请公开"].title = "表三"

    edit(xlsx, rename)
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "缺少工作表“依申请公开”", "工作表不能改名或删除")


@pytest.mark.parametrize(
    "change,where,expected",
    [
        (lambda ws: ws.insert_rows(8), "依申请公开!B8", "这里应是“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”，实际是“空白”"),
        (lambda ws: ws.insert_cols(2), "依申请公开!D2", "这里应是“申请人情况”，实际是“空白”"),
        (lambda ws: ws.__setitem__("C9", "1.国家秘密"), "依申请公开!C9", "这里应是“1.属于国家秘密”，实际是“1.国家秘密”"),
    ],
)
def test_shifted_or_changed_labels(env, change, where, expected, cli):
    _, xlsx, txt, out = env
    edit(xlsx, lambda wb: change(wb["依申请公开"]))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, f"错误 [LAYOUT] 统计表.xlsx {where}：{expected}", "本表的数字没有读取")


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("5件", "“5件”不是数字"),
        ("五", "“五”不是数字"),
        ("—", "“—”不是数字"),
        ("/", "“/”不是数字"),
        (-2, "“-2”是负数：件数只能是0或正整数"),
        (2.5, "“2.5”不是整数：件数只能是0或正整数"),
    ],
)
def test_bad_number_cells(env, typed, expected, cli):
    _, xlsx, txt, out = env
    edit(xlsx, lambda wb: wb["依申请公开"].__setitem__("F16", typed))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, f"错误 [NUM] 统计表.xlsx 依申请公开!F16：{expected}")


def test_every_bad_cell_is_reported_at_once(env, cli):
    _, xlsx, txt, out = env

    def many(wb):
        wb["依申请公开"]["D5"] = "五"
        wb["复议诉讼"]["B5"] = -1
        wb["主动公开"]["B15"] = "两万元"

    edit(xlsx, many)
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "依申请公开!D5", "复议诉讼!B5", "主动公开!B15：“两万元”不是金额", "共 3 个错误")


def test_formula_without_computed_value(env, cli):
    _, xlsx, txt, out = env
    edit(xlsx, lambda wb: wb["依申请公开"].__setitem__("E5", "=2+3"))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "错误 [FORMULA] 统计表.xlsx 依申请公开!E5：公式 =2+3 没有计算结果。请用 Excel 或 WPS 打开后保存一次再运行")


def test_merged_cells_over_value_cells(env, cli):
    _, xlsx, txt, out = env
    edit(xlsx, lambda wb: wb["依申请公开"].merge_cells("D7:E7"))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "错误 [LAYOUT] 统计表.xlsx 依申请公开!D7:E7：单元格 D7:E7 被合并，盖住了数字格", "取消合并单元格")


def test_missing_facts(env, cli):
    _, xlsx, txt, out = env

    def blank(wb):
        wb["基本信息"]["B2"] = None
        wb["基本信息"]["B4"] = "一月"

    edit(xlsx, blank)
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "基本信息!B2：请填写发文机关标志", "基本信息!B4：“一月”不是日期：请填写例如 2026年1月19日")


def test_date_examples_follow_the_workbooks_year(env, cli):
    _, xlsx, txt, out = env

    def year_2026(wb):
        wb["基本信息"]["B5"] = 2026
        wb["基本信息"]["B4"] = "一月"

    edit(xlsx, year_2026)
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "基本信息!B4：“一月”不是日期：请填写例如 2027年1月19日")
    edit(xlsx, lambda wb: wb["基本信息"].__setitem__("B4", None))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, "基本信息!B4：请填写成文日期（例如 2027年1月19日）")


@pytest.mark.parametrize("typed", ["2026.1.19", "2026-01-19", "2026/1/19", 46041, " 2026年1月19日 "])
def test_dates_in_odd_forms_work(env, typed, cli):
    _, xlsx, txt, out = env
    edit(xlsx, lambda wb: wb["基本信息"].__setitem__("B4", typed))
    code, stdout, _ = cli("build", xlsx, txt, "-o", out)
    assert code == 0 and "已生成" in stdout
    assert paragraphs(out)[-1] == "2026年1月19日"


# --- the narrative ------------------------------------------------------------------------------


def test_missing_narrative(env, cli):
    folder, xlsx, _, out = env
    code, _, err = cli("build", xlsx, folder / "无.txt", "-o", out)
    assert_refused(env, code, err, "错误 [FILE] 无.txt：找不到文件")


@pytest.mark.parametrize(
    "change,expected",
    [
        (lambda t: t.replace("四、政府信息公开行政复议、行政诉讼情况\n", ""), "在“五、存在的主要问题及改进情况”之前缺少“四、政府信息公开行政复议、行政诉讼情况”"),
        (lambda t: t.replace("二、主动公开政府信息情况", "二、网站建设情况"), "标题应为“二、主动公开政府信息情况”（国办规定的格式），实际是“二、网站建设情况”"),
        (lambda t: t.replace("六、其他需要报告的事项\n\n无。", ""), "缺少第六部分：请加一行“六、其他需要报告的事项”"),
        (lambda t: "", "正文是空的"),
    ],
)
def test_narrative_structure_errors(env, change, expected, cli):
    _, xlsx, txt, out = env
    txt.write_text(change(SAMPLE_TXT.read_text(encoding="utf-8")), encoding="utf-8")
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, expected)


def test_sections_out_of_order_names_the_line(env, cli):
    _, xlsx, txt, out = env
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    a, b = "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"
    txt.write_text(text.replace(a, "@@").replace(b, a).replace("@@", b), encoding="utf-8")
    line = txt.read_text(encoding="utf-8").split("\n").index(a) + 1
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, f"错误 [NARR-ORDER] 正文.txt 第{line}行：“{a}”重复出现或顺序不对")


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_notepad_encodings_work(env, encoding, cli):
    _, xlsx, txt, out = env
    txt.write_bytes(SAMPLE_TXT.read_text(encoding="utf-8").replace("\n", "\r\n").encode(encoding))
    code, _, _ = cli("build", xlsx, txt, "-o", out)
    assert code == 0
    assert "一、总体情况" in paragraphs(out)


def test_control_characters_never_corrupt_the_docx(env, cli):
    _, xlsx, txt, out = env
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("无。", "无\x00\x07\x1b\ufffe。")
    txt.write_text(text, encoding="utf-8")
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0 and "提醒 [CHAR] 正文.txt 第" in err
    Document(out)  # well-formed XML
    assert "无。" in paragraphs(out)


def test_huge_narrative_is_refused_quickly(env, cli):
    _, xlsx, txt, out = env
    with open(txt, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB
    start = time.perf_counter()
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert time.perf_counter() - start < 2
    assert_refused(env, code, err, "错误 [LIMIT] 正文.txt：正文文件有 50.0 MB，超过上限 2 MB")


def test_word_file_given_as_narrative(env, cli):
    folder, xlsx, _, out = env
    fake = folder / "正文.docx.txt"
    fake.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    code, _, err = cli("build", xlsx, fake, "-o", out)
    assert_refused(env, code, err, "错误 [FILE] 正文.docx.txt：这是已损坏或不完整的 Office 文件，不是纯文本。请另存为 Word 文档（.docx），或把正文复制到记事本，保存为 .txt 文件再试")


# --- output safety ------------------------------------------------------------------------------


def test_output_folder_missing_is_made_and_said(env, cli):
    folder, xlsx, txt, _ = env
    target = folder / "输出" / "2025" / "r.docx"
    code, out, err = cli("build", xlsx, txt, "-o", target)
    assert code == 0, err
    assert f"已新建文件夹：{target.parent}" in out and target.is_file()
    assert Document(str(target)).paragraphs  # a whole report, readable by python-docx


def test_output_folder_not_made_when_the_report_is_refused(env, cli):
    folder, xlsx, _, _ = env
    bad = folder / "空正文.txt"
    bad.write_text("", encoding="utf-8")
    code, out, err = cli("build", xlsx, bad, "-o", folder / "输出" / "r.docx")
    assert code == 1 and "已新建文件夹" not in out
    assert not (folder / "输出").exists()


def test_output_path_through_a_file(env, cli):
    folder, xlsx, txt, _ = env
    (folder / "输出").write_text("x", encoding="utf-8")
    code, out, err = cli("build", xlsx, txt, "-o", folder / "输出" / "子" / "r.docx")
    assert code == 1 and "路径中的某一部分不是文件夹" in err and "已新建文件夹" not in out
    assert (folder / "输出").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    "failure,expected",
    [
        # On Windows, replacing a file that Word has open raises PermissionError.
        (PermissionError(13, "Permission denied"), "文件可能正在 Word/WPS 中打开，或没有写入权限。请关闭该文件后重试"),
        (OSError(errno.ENOSPC, "No space left on device"), "：磁盘空间已满：请删除不需要的文件，或换一个有空间的保存位置"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "：文件路径太长：请把文件放到层级较浅的文件夹中（例如 D:\\年报），或缩短文件名"),
        (OSError(errno.EROFS, "Read-only file system"), "：所在的磁盘是只读的（例如光盘或写保护的U盘）：请换一个保存位置"),
        (OSError(errno.EBUSY, "Device or resource busy"), "：文件正被其他程序使用（可能在 Word/WPS/Excel 中打开着）：请关闭它后重试"),
    ],
)
def test_failed_write_leaves_the_old_report(env, monkeypatch, failure, expected, cli):
    import reportgen.core.outfile as outfile

    _, xlsx, txt, out = env

    def fail(src, dst):
        raise failure

    monkeypatch.setattr(outfile.os, "replace", fail)  # the one atomic writer
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert_refused(env, code, err, f"错误 [OUTPUT] 报告.docx：无法写入 {out}", expected)
    assert failure.strerror not in err  # no English inside the Chinese sentence


@pytest.mark.parametrize("target,expected", [("统计表.xlsx", "输出文件名应以 .docx 结尾"), ("正文.txt", "输出文件名应以 .docx 结尾")])
def test_output_never_overwrites_an_input(env, target, expected, cli):
    folder, xlsx, txt, out = env
    before = (folder / target).read_bytes()
    code, _, err = cli("build", xlsx, txt, "-o", folder / target)
    assert code == 1 and expected in err
    assert (folder / target).read_bytes() == before


def test_output_is_a_folder(env, cli):
    folder, xlsx, txt, _ = env
    (folder / "报告目录.docx").mkdir()
    code, _, err = cli("build", xlsx, txt, "-o", folder / "报告目录.docx")
    assert code == 1 and "是一个文件夹" in err


def test_same_inputs_give_identical_bytes(env, cli):
    folder, xlsx, txt, _ = env
    digests = set()
    for name in ("a.docx", "b.docx"):
        code, _, _ = cli("build", xlsx, txt, "-o", folder / name)
        assert code == 0
        digests.add(hashlib.sha256((folder / name).read_bytes()).hexdigest())
        time.sleep(1.1)  # a zip timestamp would differ
    assert len(digests) == 1


# --- an office's own template -------------------------------------------------------------------


def _template(folder: Path, edit_doc) -> Path:
    from reportgen.core.resources import DEFAULT_TEMPLATE

    (folder / "模板").mkdir(exist_ok=True)
    path = folder / "模板" / "本单位模板.docx"
    shutil.copy(DEFAULT_TEMPLATE, path)
    doc = Document(path)
    edit_doc(doc)
    doc.save(path)
    return path


def test_template_missing_placeholders_names_them(env, cli):
    folder, xlsx, txt, out = env

    def drop_table_four(doc):
        doc.tables[2]._tbl.getparent().remove(doc.tables[2]._tbl)

    code, _, err = cli("build", xlsx, txt, "-o", out, "--template", _template(folder, drop_table_four))
    assert_refused(env, code, err, "错误 [TEMPLATE] 本单位模板.docx：模板缺少 15 个必需的标记：t4_after_review_corrected")


def test_template_with_unknown_names(env, cli):
    folder, xlsx, txt, out = env
    code, _, err = cli("build", xlsx, txt, "-o", out, "--template", _template(folder, lambda d: d.add_paragraph("{{ 联系电话 }} {{ phone }}")))
    assert_refused(env, code, err, "模板使用了数据中没有的名称：phone、联系电话")


def test_template_that_is_not_a_docx(env, cli):
    folder, xlsx, txt, out = env
    (folder / "模板").mkdir(exist_ok=True)
    bad = folder / "模板" / "模板.docx"
    bad.write_text("not a docx", encoding="utf-8")
    code, _, err = cli("build", xlsx, txt, "-o", out, "--template", bad)
    assert_refused(env, code, err, "错误 [TEMPLATE] 模板.docx：模板文件不是有效的 Word 文档")


def test_template_reaching_python_internals(env, cli):
    folder, xlsx, txt, out = env
    evil = _template(folder, lambda d: d.add_paragraph("{{ cycler.__init__.__globals__.os.popen('touch /tmp/pwned').read() }}"))
    code, _, err = cli("build", xlsx, txt, "-o", out, "--template", evil)
    assert_refused(env, code, err, "模板")
    assert not Path("/tmp/pwned").exists()
