"""`reportgen check 报告.docx|报告.html|文件夹`: finished reports of any tool, read honestly and checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen import build
from reportgen.cli.commands import main
from reportgen.core import schema
from reportgen.finished import check as finished

from .. import finished_corpus as C
from ..conftest import clean_values, libreoffice_convert

VALUES = C.printed_values(clean_values())  # balanced, non-zero, no 规章 (no T2-RULES warning)


def _std(**kw):
    return C.standard_tables(VALUES, **kw)


def _flat(keep, blank_col=False):
    out = {}
    for key, specs in _std().items():
        spec = C.flatten(specs[0], keep)
        out[key] = [C.add_blank_row(C.add_blank_column(spec, 3), 3) if blank_col else spec]
    return out


# The varied layouts: (name, tables). Each is written as .docx (python-docx) and as a CMS page.
VARIANTS = {
    "official-merges": lambda: _std(),
    "thousands-separators": lambda: _std(numbers="sep"),
    "full-width-digits": lambda: _std(numbers="fullwidth"),
    "numbers-with-units": lambda: _std(numbers="unit"),
    "split-headers-label-repeated": lambda: _flat("repeat"),
    "split-headers-label-in-first": lambda: _flat("first"),
    "extra-blank-row-and-column": lambda: _flat("first", blank_col=True),
    "labels-with-spaces-and-breaks": lambda: {k: [C.labels_noisy(s[0])] for k, s in _std().items()},
    "label-wording-variants": lambda: {k: [C.wording(s[0])] for k, s in _std().items()},
    "table-2-in-four-tables": lambda: _std() | {"t2": C.t2_split(VALUES)},
    "table-3-with-23-rows": lambda: _std() | {"t3": [C.t3_23_rows(VALUES)]},
    "table-3-cut-in-two": lambda: _std() | {"t3": C.cut(C.flatten(_std()["t3"][0], "first"), 12)},
}


def _write(kind: str, path: Path, tables, **kw) -> Path:
    if kind == "docx":
        return C.write_docx(path, tables, **kw)
    return C.write_html(path, tables, encoding="gb18030" if kind == "gbk.html" else "utf-8", **kw)


def _expected(values, single_other: bool = False):
    if not single_other:
        return values
    out = dict(values)
    for col, _ in schema.T3_COLS:
        keys = [f"t3_{k}_{col}" for k in ("other_no_correction", "other_no_fee", "other_other")]
        out[keys[2]] = sum(values[k] for k in keys)
        out[keys[0]] = out[keys[1]] = 0
    return out


def _assert_read_right(path: Path, single_other: bool = False):
    found = finished.load(path)
    assert not found.unread, sorted(found.unread)[:5]
    expected = _expected(VALUES, single_other)
    wrong = {k: (found.report.stats.values[k], expected[k]) for k in schema.VALUE_KEYS if found.report.stats.values[k] != expected[k]}
    assert not wrong
    report, problems = finished.check(path)
    assert report.meta.agency == "某某县某某局" and report.meta.year == 2025
    assert str(report.meta.date) == "2026-01-20"
    assert [p for p in problems if p.is_error] == []
    return problems


@pytest.mark.parametrize("kind", ["docx", "html", "gbk.html"])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_number_of_every_layout_is_read_from_its_labelled_cell(tmp_path, variant, kind):
    path = _write(kind, tmp_path / f"报告.{kind.split('.')[-1]}", VARIANTS[variant]())
    problems = _assert_read_right(path, single_other=variant == "table-3-with-23-rows")
    if variant == "table-3-with-23-rows":
        assert [p.rule for p in problems] == ["FORMAT"]
        assert "“（六）其他处理”只有一行，是2019年试行格式的写法" in problems[0].message
    else:
        assert problems == []


def test_a_page_saved_as_one_file_mhtml(tmp_path):
    page = C.write_html(tmp_path / "报告.html", VARIANTS["labels-with-spaces-and-breaks"]())
    mhtml = C.write_mhtml(tmp_path / "报告.mhtml", page)
    assert b"quoted-printable" in mhtml.read_bytes() and "自然人".encode() not in mhtml.read_bytes()
    assert _assert_read_right(mhtml) == []


def test_a_page_whose_title_is_only_in_the_browser_tab(tmp_path):
    page = C.write_html(tmp_path / "报告.html", _std())
    text = page.read_text(encoding="utf-8")
    body_title = "<p style='text-align:center'><strong>某某县某某局2025年政府信息公开工作年度报告</strong></p>"
    assert body_title in text
    page.write_text(text.replace(body_title, ""), encoding="utf-8")
    report, problems = finished.check(page)
    assert (report.meta.agency, report.meta.year, str(report.meta.date)) == ("某某县某某局", 2025, "2026-01-20")
    assert problems == []  # the text from 一、总体情况 on: the six parts all there


@pytest.mark.libreoffice
def test_word_files_converted_from_cms_pages_by_libreoffice(tmp_path):
    names = ["official-merges", "labels-with-spaces-and-breaks", "split-headers-label-in-first", "table-3-with-23-rows"]
    for name in names:
        page = C.write_html(tmp_path / f"{name}.html", VARIANTS[name]())
        docx = libreoffice_convert(page, "docx:MS Word 2007 XML", tmp_path / "word")
        _assert_read_right(docx, single_other=name == "table-3-with-23-rows")


def test_our_own_report_round_trips(clerk_files):
    xlsx, txt = clerk_files()
    result = build(xlsx, txt, html=True)
    assert result.ok
    for path in (result.output, result.html):
        found = finished.load(path)
        assert not found.unread
        assert all(found.report.stats.values[k] == VALUES[k] for k in schema.VALUE_KEYS)
        assert found.report.stats.display("t2_fees") == "4166.241619"
        report, problems = finished.check(path)
        assert problems == []
        assert report.meta.agency == "某某市某某区人民政府办公室" and report.meta.signature == "某某区政府办"
        assert report.meta.year == 2025 and str(report.meta.date) == "2026-01-26"


@pytest.mark.libreoffice
def test_our_own_report_through_libreoffice(tmp_path, clerk_files):
    """Our .docx saved as a web page by LibreOffice Writer, and our page saved as Word: both read right."""
    xlsx, txt = clerk_files()
    result = build(xlsx, txt, html=True)
    page = libreoffice_convert(result.output, "html:HTML (StarWriter)", tmp_path / "lo-html")
    word = libreoffice_convert(result.html, "docx:MS Word 2007 XML", tmp_path / "lo-docx")
    for path in (page, word):
        found = finished.load(path)
        assert not found.unread and all(found.report.stats.values[k] == VALUES[k] for k in schema.VALUE_KEYS)
        assert finished.check(path)[1] == []


# --- the 勾稽 errors, named by the table's labels -------------------------------------------


def test_unbalanced_column(tmp_path, cli):
    values = dict(VALUES)
    values["t3_carried_out_natural"] += 2
    values["t3_carried_out_total"] += 2
    path = C.write_docx(tmp_path / "报告.docx", C.standard_tables(values))
    code, out, err = cli("check", path)
    assert code == 1 and "Traceback" not in out + err
    n = values["t3_new_natural"] + values["t3_carried_in_natural"]
    assert (
        f"错误 [T3-BAL] 报告.docx 表三“自然人”列：“自然人”列不平衡：一、本年新收 {values['t3_new_natural']} + "
        f"二、上年结转 {values['t3_carried_in_natural']} = {n}，但三、办理结果（七）总计 {values['t3_total_natural']} + "
        f"四、结转下年度继续办理 {values['t3_carried_out_natural']} = {values['t3_total_natural'] + values['t3_carried_out_natural']}。"
    ) in out
    assert out.count("错误 [") == 2 and "错误 [T3-BAL] 报告.docx 表三“总计”列：" in out  # the 总计 column too


@pytest.mark.parametrize(
    "key, rule, place",
    [
        ("t3_new_total", "T3-ROW", "表三“一、本年新收政府信息公开申请数量”行“总计”列"),
        ("t3_total_legal", "T3-SUM7", "表三“（七）总计”行“法律服务机构”列"),
        ("t4_after_review_total", "T4-SUM", "表四“行政诉讼·复议后起诉”“总计”列"),
    ],
)
def test_a_wrong_printed_total(tmp_path, key, rule, place, cli):
    path = C.write_html(tmp_path / "报告.html", C.standard_tables(VALUES, override={key: str(VALUES[key] + 1)}))
    code, out, _ = cli("check", path)
    assert code == 1
    line = next(ln for ln in out.splitlines() if f"[{rule}]" in ln)
    assert line.startswith(f"错误 [{rule}] 报告.html {place}：表中的总计是 {VALUES[key] + 1}，但")
    assert "留空" not in line


def test_json_output(tmp_path, cli):
    values = dict(VALUES) | {"t3_carried_out_welfare": VALUES["t3_carried_out_welfare"] + 1}
    path = C.write_docx(tmp_path / "报告.docx", C.standard_tables(schema.compute_totals(values)))
    code, out, _ = cli("check", path, "--json")
    found = json.loads(out)
    assert code == 1 and [p["rule"] for p in found] == ["T3-BAL", "T3-BAL"]
    assert [p["place"] for p in found] == ["报告.docx 表三“社会公益组织”列", "报告.docx 表三“总计”列"]


# --- honest reading ----------------------------------------------------------------------------


def test_a_number_in_an_extra_column_is_reported_not_guessed(tmp_path):
    t3 = C.flatten(_std()["t3"][0], "first")
    t3 = [row + [("小计" if r == 0 else "" if r < 3 else "7", 1, 1)] for r, row in enumerate(t3)]
    path = C.write_docx(tmp_path / "报告.docx", _std() | {"t3": [t3]})
    report, problems = finished.check(path)
    assert [str(p) for p in problems] == [
        "提醒 [READ] 报告.docx 表三“小计”列：这一列的 25 个数字（7、7、7、7、7……）不在规定格式的列中，"
        "无法确定是哪一项，没有读取：请核对表格是否多了行或列、标签是否写错"
    ]
    assert report.stats.values["t3_new_total"] == VALUES["t3_new_total"]


def test_a_renamed_column_is_not_read_and_its_rules_do_not_run(tmp_path):
    t3 = [[("公民" if t == "自然人" else t, rs, cs) for t, rs, cs in row] for row in _std()["t3"][0]]
    values_bad = dict(VALUES)
    path = C.write_docx(tmp_path / "报告.docx", _std() | {"t3": [t3]})
    report, problems = finished.check(path)
    errors = [str(p) for p in problems if p.is_error]
    assert errors == [
        "错误 [READ] 报告.docx 表三：表三（三、收到和处理政府信息公开申请情况）中找不到这些格的数字："
        "表三“一、本年新收政府信息公开申请数量”行“自然人”列、表三“二、上年结转政府信息公开申请数量”行“自然人”列、"
        "表三“（一）予以公开”行“自然人”列、表三“（二）部分公开”行“自然人”列等 25 格。"
        "行或列的标签与规定格式不符，或表格缺少行列，这些数字没有核对"
    ]
    # the 自然人 column's numbers were not placed: reported, and no rule judged a guessed column
    assert [p.where for p in problems if p.rule == "READ" and not p.is_error] == ["表三“公民”列"]
    assert not any(p.rule in ("T3-BAL", "T3-ROW", "TXT") for p in problems)
    assert values_bad == VALUES


def test_dashes_slashes_and_blanks_are_zero(tmp_path):
    values = dict(VALUES)
    for col, _ in schema.T4_COLS:
        values[f"t4_direct_{col}"] = 0
    for col in schema.T3_PART_COLS:  # none withheld as 行政查询事项: one fewer received, the column balances
        values[f"t3_new_{col}"] -= values[f"t3_withheld_query_{col}"]
        values[f"t3_withheld_query_{col}"] = 0
    values = schema.compute_totals(values)
    tables = C.standard_tables(values, numbers="dash")
    tables["t3"] = [C.schema_spec(schema.TABLE_BY_KEY["t3"], values, override={f"t3_withheld_query_{c}": "" for c, _ in schema.T3_COLS})]
    path = C.write_html(tmp_path / "报告.html", tables)
    found = finished.load(path)
    assert not found.unread and all(found.report.stats.values[k] == values[k] for k in schema.VALUE_KEYS)
    report, problems = finished.check(path)
    assert [str(p) for p in problems] == ["提醒 [NUM] 报告.html 表三：表三有 7 个空白格，已按0核对：规定格式要求没有数字的格填0"]


def test_the_2019_trial_format_table_is_named(tmp_path):
    path = C.write_docx(tmp_path / "报告.docx", _std() | {"t2": [C.t2_2019()]})
    report, problems = finished.check(path)
    assert [str(p) for p in problems if p.is_error] == [
        "错误 [FORMAT] 报告.docx 表二：表二是2019年试行格式（有“本年新制作数量”、“本年新公开数量”、“对外公开总数量”等栏目）："
        "2021年度起的年度报告应使用国办公开办函〔2021〕30号规定的格式（“本年制发件数”“本年废止件数”“现行有效件数”）。表二的数字没有读取"
    ]


# --- the text ----------------------------------------------------------------------------------


def test_narrative_checks_of_a_finished_text(tmp_path):
    narrative = [(h, ps) for h, ps in C.NARRATIVE if not h.startswith("五")]
    narrative[0] = (narrative[0][0], ["（二）依申请公开。本年度共收到政府信息公开申请3件。"])
    path = C.write_docx(tmp_path / "报告.docx", _std(), narrative=narrative)
    report, problems = finished.check(path)
    assert (
        "错误 [NARR-ORDER] 报告.docx 正文第7段“六、其他需要报告的事项”：在“六、其他需要报告的事项”之前缺少“五、存在的主要问题及改进情况”"
    ) in "\n".join(map(str, problems))
    txt = next(p for p in problems if p.rule == "TXT")
    assert txt.where == "正文第3段“（二）依申请公开。本年度……”"
    assert "正文写收到的申请 3 件" in txt.message and f"本年新收 {VALUES['t3_new_total']} 件" in txt.message


# --- not reports -------------------------------------------------------------------------------


def test_documents_that_are_not_reports(tmp_path, cli):
    from docx import Document

    doc = Document()
    doc.add_paragraph("关于召开2026年春季运动会的通知")
    doc.add_paragraph("各科室：定于3月举行运动会。")
    doc.save(tmp_path / "通知.docx")
    (tmp_path / "新闻.html").write_text("<html><body><h1>我县召开工作会议</h1><p>会议要求……</p></body></html>", encoding="utf-8")
    (tmp_path / "假的.docx").write_text("这不是 Word 文件", encoding="utf-8")
    (tmp_path / "旧版.docx").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    (tmp_path / "扫描件.html").write_bytes(b"%PDF-1.4 ...")
    expected = {
        "通知.docx": "错误 [NOT-REPORT] 通知.docx：这不像政府信息公开工作年度报告：没有找到“……政府信息公开工作年度报告”标题，也没有找到表二、表三、表四",
        "新闻.html": "错误 [NOT-REPORT] 新闻.html：这不像政府信息公开工作年度报告",
        "假的.docx": "错误 [FILE] 假的.docx：不是 Word 文件（.docx）或网页文件（.html），无法检查",
        "旧版.docx": "错误 [FILE] 旧版.docx：这像是旧版 Word 文件（.doc），但文件已损坏或不完整，无法转换：请在 Word 或 WPS 中打开，“另存为” .docx 格式后再检查",
        "扫描件.html": "错误 [FILE] 扫描件.html：这个 PDF 文件已损坏或不完整，无法打开：请部门重新导出 PDF，或提供 Word 文件（.docx）",
    }
    for name, message in expected.items():
        code, out, err = cli("check", tmp_path / name)
        assert code == 1 and message in out and "Traceback" not in out + err, (name, out, err)


def test_a_doc_that_is_a_web_page_and_an_old_word_file_in_a_folder(tmp_path, cli):
    """Sites often serve a web page named .doc for download; real old Word files are named in the output."""
    page = C.write_html(tmp_path / "x.html", _std())
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    page.rename(folder / "网站下载.doc")
    (folder / "旧版.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    (folder / "扫描件.pdf").write_bytes(b"%PDF-1.4")
    code, out, _ = cli("check", folder)
    assert code == 1
    assert "网站下载.doc 某某县某某局：通过" in out.splitlines()
    assert "  错误 [FILE] 旧版.wps：这像是 WPS 文字文件（.wps），但文件已损坏或不完整，无法转换：请在 Word 或 WPS 中打开，“另存为” .docx 格式后再检查" in out.splitlines()
    assert "  错误 [FILE] 扫描件.pdf：这个 PDF 文件已损坏或不完整，无法打开：请部门重新导出 PDF，或提供 Word 文件（.docx）" in out.splitlines()


def test_a_report_without_table_3_says_which_table(tmp_path):
    path = C.write_html(tmp_path / "报告.html", {k: v for k, v in _std().items() if k != "t3"})
    report, problems = finished.check(path)
    assert [str(p) for p in problems if p.is_error] == [
        "错误 [READ] 报告.html 表三：没有找到表三（三、收到和处理政府信息公开申请情况）：文档中没有带这张表的行、列标签的表格（表格是图片时也无法读取）"
    ]
    assert not any(p.rule in ("T3-BAL", "TXT") for p in problems)


# --- the reviewer's folder and batch ------------------------------------------------------------


def _county(tmp_path: Path) -> Path:
    folder = tmp_path / "各部门报告"
    folder.mkdir()
    C.write_docx(folder / "甲局.docx", _std(), agency="某某县甲局")
    bad = dict(VALUES) | {"t3_carried_out_natural": VALUES["t3_carried_out_natural"] + 1, "t3_carried_out_total": VALUES["t3_carried_out_total"] + 1}
    C.write_html(folder / "乙局.html", C.standard_tables(bad), agency="某某县乙局")
    (folder / "丙局.docx").write_text("损坏", encoding="utf-8")
    return folder


def test_check_a_folder_of_reports(tmp_path, cli):
    code, out, _ = cli("check", _county(tmp_path))
    lines = out.splitlines()
    assert code == 1
    assert "丙局.docx：有错误（1 个错误，0 个提醒）" in lines
    assert "乙局.html 某某县乙局：有错误（2 个错误，0 个提醒）" in lines
    assert "甲局.docx 某某县甲局：通过" in lines
    assert any(ln.startswith("  错误 [T3-BAL] 乙局.html 表三“自然人”列：") for ln in lines)
    assert lines[-1] == "共 3 份报告：通过 1 份，有警告 0 份，有错误 2 份。"


def test_batch_over_a_folder_of_reports_writes_the_summary(tmp_path, capsys):
    folder = _county(tmp_path)
    C.write_docx(folder / "丁局.docx", _std() | {"t3": [C.t3_23_rows(VALUES)]}, agency="某某县丁局")
    code = main(["batch", str(folder), "-o", str(tmp_path / "审核")])
    out, _ = capsys.readouterr()
    assert code == 1 and "乙局.html 某某县乙局：有错误" in out
    wb = load_workbook(tmp_path / "审核" / "汇总.xlsx")
    rows = [[c.value for c in r] for r in wb["汇总"].iter_rows(min_row=2)]
    by_name = {r[1]: r for r in rows if r[1]}
    assert by_name["甲局.docx"][2:4] == ["某某县甲局", "通过"] and by_name["甲局.docx"][4] == VALUES["t3_new_total"]
    assert by_name["乙局.html"][3] == "有错误" and by_name["乙局.html"][10].startswith("错误 [T3-BAL] 乙局.html 表三“自然人”列")
    assert by_name["丙局.docx"][3] == "有错误"
    assert by_name["丁局.docx"][3] == "有警告" and by_name["丁局.docx"][4] == VALUES["t3_new_total"]
    # the county sum holds the one report whose every cell is known (丁局's （六） is one row)
    county = load_workbook(tmp_path / "审核" / "汇总统计表.xlsx")["依申请公开"]
    assert [c.value for c in county[5]][3] == VALUES["t3_new_natural"]
    problems = [[c.value for c in r] for r in wb["问题清单"].iter_rows(min_row=2)]
    assert {(p[0], p[2]) for p in problems} == {("乙局.html", "T3-BAL"), ("丙局.docx", "FILE"), ("丁局.docx", "FORMAT")}


# --- one argument: a department's folder (issue 9 item 6) ---------------------------------------


def test_build_and_check_a_department_folder(tmp_path, capsys, clerk_files):
    folder = tmp_path / "司法局"
    clerk_files(folder)
    assert main(["check", str(folder)]) == 0
    assert "检查通过" in capsys.readouterr().out
    assert main(["build", str(folder)]) == 0
    out = capsys.readouterr().out
    built = folder / "某某市某某区人民政府办公室2025年政府信息公开工作年度报告.docx"
    assert f"已生成：{built}" in out and built.exists()
    # the built report beside the workbook does not turn the folder into a reviewer's folder
    assert main(["check", str(folder)]) == 0


@pytest.mark.parametrize(
    "files, message",
    [
        ([], "中既没有统计表（.xlsx）和正文（.txt，或 Word/WPS 写的 .docx/.doc/.wps），也没有已完成的年度报告（.docx/.html/.pdf）"),
        (["统计表.xlsx"], "中有统计表 统计表.xlsx，但没有正文（.txt，或 Word/WPS 写的 .docx/.doc/.wps）：请把正文放进这个文件夹（如 正文.txt 或 正文.docx）"),
        (["正文.txt"], "中有正文 正文.txt，但没有统计表（.xlsx）：请把统计表.xlsx 放进这个文件夹"),
        (["a.xlsx", "b.xlsx", "正文.txt"], "中有 2 个统计表（a.xlsx、b.xlsx），不知道用哪一个：请把要用的改名为“统计表.xlsx”，或只留下一个"),
    ],
)
def test_a_folder_holding_neither(tmp_path, capsys, files, message):
    for name in files:
        (tmp_path / name).write_bytes(b"x")
    for command in ("check", "build"):
        code = main([command, str(tmp_path)])
        _, err = capsys.readouterr()
        assert code == 1 and f"错误 [FILE] {tmp_path.name}：文件夹 {tmp_path} {message}" in err, err


def test_a_lone_workbook_or_report_to_build_is_a_usage_error(tmp_path, capsys):
    report = C.write_docx(tmp_path / "报告.docx", _std())
    for argv in (["check", "统计表.xlsx"], ["build", "统计表.xlsx"], ["build", str(report)]):
        code = main(argv)
        _, err = capsys.readouterr()
        assert code == 2 and "用法错误：缺少参数 正文.txt" in err


# --- dates and last year's report -----------------------------------------------------------


def test_a_late_report_date(tmp_path, cli):
    path = C.write_docx(tmp_path / "报告.docx", _std(), date="2026年2月15日")
    code, out, _ = cli("check", path)
    assert code == 1
    assert "错误 [DATE] 报告.docx 成文日期：成文日期 2026年2月15日 晚于期限" in out


def test_carried_in_against_last_years_report(tmp_path, cli):
    last = C.write_docx(tmp_path / "2024年报告.docx", _std(), year=2024, date="2025年1月20日")
    values = dict(clean_values())
    for col in schema.T3_PART_COLS:  # this year's 上年结转 is last year's 结转下年度, except for 自然人
        values[f"t3_carried_in_{col}"] = VALUES[f"t3_carried_out_{col}"] + (1 if col == "natural" else 0)
        values[f"t3_new_{col}"] = VALUES[f"t3_total_{col}"] + VALUES[f"t3_carried_out_{col}"] - values[f"t3_carried_in_{col}"]
    this = C.write_html(tmp_path / "2025年报告.html", C.standard_tables(C.printed_values(values)))
    code, out, _ = cli("check", this, "--previous", str(last))
    errors = [ln for ln in out.splitlines() if ln.startswith("错误")]
    assert code == 1 and len(errors) == 2  # the 自然人 column and the 总计 column
    assert errors[0] == (
        f"错误 [X-YEAR] 2025年报告.html 表三“二、上年结转政府信息公开申请数量”行“自然人”列："
        f"“自然人”列的上年结转是 {VALUES['t3_carried_out_natural'] + 1}，但上一年度报告的结转下年度继续办理是 "
        f"{VALUES['t3_carried_out_natural']}（表三“四、结转下年度继续办理”行“自然人”列）：两者应相等，请核对"
    )


def test_the_readme_example_is_what_check_prints(tmp_path, capsys):
    import re

    from ..conftest import ROOT

    folder = tmp_path / "各部门报告"
    folder.mkdir()
    C.write_docx(folder / "县教育局.docx", _std(), agency="某某县教育局")
    bad = dict(VALUES) | {"t3_carried_out_natural": VALUES["t3_carried_out_natural"] + 1, "t3_carried_out_total": VALUES["t3_carried_out_total"] + 1}
    C.write_html(folder / "县民政局.html", C.standard_tables(bad), agency="某某县民政局")
    C.write_docx(folder / "县水利局.docx", C.standard_tables(VALUES, override={"t4_review_total": "9"}) | {"t2": [C.t2_2019()]}, agency="某某县水利局")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    readme = (ROOT / "docs" / "reviewer.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 审核各部门报告") :]
    example = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    assert out == example


def test_the_clerks_workbook_against_last_years_published_report(tmp_path, capsys, clerk_files):
    """An office's first year: 上年结转 checked against the report it published last year."""
    last = C.write_docx(tmp_path / "2024年报告.docx", _std(), agency="某某市某某区人民政府办公室", year=2024, date="2025年1月20日")  # the same agency (PREV otherwise)
    values = dict(clean_values())
    for col in schema.T3_PART_COLS:
        values[f"t3_carried_in_{col}"] = VALUES[f"t3_carried_out_{col}"] + (2 if col == "legal" else 0)
        values[f"t3_new_{col}"] = VALUES[f"t3_total_{col}"] + VALUES[f"t3_carried_out_{col}"] - values[f"t3_carried_in_{col}"]
    xlsx, txt = clerk_files(values=values)
    code = main(["check", str(xlsx), str(txt), "--previous", str(last)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert (
        f"错误 [X-YEAR] 统计表.xlsx 依申请公开!H6：“法律服务机构”列的上年结转是 {VALUES['t3_carried_out_legal'] + 2}，"
        f"但上一年度报告的结转下年度继续办理是 {VALUES['t3_carried_out_legal']}（表三“四、结转下年度继续办理”行“法律服务机构”列）"
    ) in out


@pytest.mark.parametrize("said, questioned", [(0, False), (1, False), (-1, True)])
def test_txt_quotes_the_total_as_printed(tmp_path, said, questioned, cli):
    """Issue 27: a 办理结果总计 printed one less than its parts (an error of its own) is the figure
    the reader sees: a text saying it, or the sum, is not questioned, and a TXT 提醒 quotes it."""
    printed = VALUES["t3_total_total"] - 1
    narrative = list(C.NARRATIVE)
    narrative[0] = (narrative[0][0], [*narrative[0][1], f"本年度共办结政府信息公开申请{printed + said}件。"])
    path = C.write_docx(tmp_path / "报告.docx", C.standard_tables(VALUES, override={"t3_total_total": str(printed)}), narrative=narrative)
    code, out, _ = cli("check", path)
    txt = [ln for ln in out.splitlines() if "[TXT]" in ln]
    if not questioned:
        assert txt == []
    else:
        assert len(txt) == 1 and f"正文写办结的申请 {printed - 1} 件" in txt[0] and f"但统计表是办理结果总计 {printed} 件" in txt[0], txt
    assert any("[T3-" in ln for ln in out.splitlines())  # the wrong total is named by its own rule
