"""The command line as a clerk and a script use it: messages, exit codes, files written or not."""

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, guided_narrative, paragraphs


def test_help_is_chinese(cli):
    code, out, _ = cli("-h")
    assert code == 0
    assert "用法：reportgen" in out and "命令" in out and "生成 Word 报告" in out
    code, out, _ = cli("build", "--help")
    assert code == 0 and "选项" in out and "输出文件" in out


def test_help_lists_options_only_and_no_english_hints(cli):
    code, out, _ = cli("batch", "-h")
    options = out.split("选项：")[1].split("\n例如：\n")[0]  # the examples follow the options
    assert code == 0 and "[x>=1]" not in out
    # each option's line, or its help wrapped under the help column
    assert all(line.strip().startswith("-") or line.startswith(" " * 10) for line in options.splitlines() if line.strip())


def test_bad_job_count_is_refused_in_chinese(tmp_path, cli):
    for bad in ("0", "两个"):
        code, _, err = cli("batch", str(tmp_path), "-j", bad)
        assert code == 2 and f"用法错误：“{bad}”不是正整数：请写同时处理的部门数，例如 -j 2" in err


def test_usage_errors_exit_2_in_chinese(cli):
    code, _, err = cli("build", "a.xlsx")
    assert code == 2 and "用法错误：缺少参数" in err
    code, _, err = cli("frobnicate")
    assert code == 2 and "没有这个命令：frobnicate" in err
    code, _, err = cli("check", "--nope", "a", "b")
    assert code == 2 and "没有这个选项：--nope" in err
    code, _, err = cli("build", "a.xlsx", "b.txt", "-o")
    assert code == 2 and "用法错误：选项 -o 后面要写一个值\n" in err
    code, _, err = cli("build", "--pdf=3", "a.xlsx", "b.txt")
    assert code == 2 and "用法错误：选项 --pdf 后面不能写值，直接写 --pdf 即可" in err


def test_init_then_build_untouched_says_which_facts_to_fill(tmp_path, cli):
    code, out, _ = cli("init", str(tmp_path / "年报"))
    assert code == 0
    xlsx, txt = tmp_path / "年报" / "统计表.xlsx", tmp_path / "年报" / "正文.txt"
    assert xlsx.exists() and txt.exists()
    code, _, err = cli("build", str(xlsx), str(txt))
    assert code == 1
    assert "错误 [FACT] 统计表.xlsx 基本信息!B2：请填写发文机关标志" in err
    assert "错误 [FACT] 统计表.xlsx 基本信息!B4：请填写成文日期" in err
    assert "错误 [FACT] 统计表.xlsx 基本信息!B5：请填写年度" in err
    assert "Traceback" not in err
    assert list((tmp_path / "年报").glob("*.docx")) == []


def test_init_blank_files_build_an_all_zero_report_once_facts_are_filled(tmp_path, cli):
    from openpyxl import load_workbook

    cli("init", str(tmp_path))
    xlsx, txt = tmp_path / "统计表.xlsx", tmp_path / "正文.txt"
    wb = load_workbook(xlsx)
    ws = wb["基本信息"]
    ws["B2"], ws["B4"], ws["B5"] = "某县档案馆", "2026年1月20日", 2025
    wb.save(xlsx)
    txt.write_text(guided_narrative(), encoding="utf-8")  # one paragraph under 一 (the guides alone are refused)
    code, out, err = cli("build", str(xlsx), str(txt))
    assert code == 0, err
    docx = tmp_path / "某县档案馆2025年政府信息公开工作年度报告.docx"
    assert f"已生成：{docx}" in out
    assert "提醒 [GUIDE]" in err  # the untouched guide lines are pointed out, not printed
    text = paragraphs(docx)
    assert text[:2] == ["某县档案馆", "某县档案馆2025年政府信息公开工作年度报告"]
    assert not any("【填写提示】" in p for p in text)


def test_init_refuses_to_overwrite(tmp_path, cli):
    cli("init", str(tmp_path))
    code, _, err = cli("init", str(tmp_path))
    assert code == 1 and "已存在，没有覆盖" in err


def test_check_on_the_sample_passes_without_a_reminder(cli):
    # The published sample says only "无。" under 六: nothing to report, the 信息处理费 included (issue 17).
    code, out, err = cli("check", str(SAMPLE_XLSX), str(SAMPLE_TXT))
    assert code == 0 and err == ""
    assert out.splitlines() == ["检查通过，没有发现问题。"]



def test_make_run_prints_no_reminder(cli, tmp_path):
    """`make run`, the first command a newcomer runs: the report and nothing else."""
    out = tmp_path / "互助土族自治县司法局2025年政府信息公开工作年度报告.docx"
    code, stdout, err = cli("build", SAMPLE_XLSX, SAMPLE_TXT, "-o", out)
    assert (code, stdout, err) == (0, f"已生成：{out}\n", "")


def test_build_default_output_is_beside_the_workbook(sample_copy, cli):
    xlsx, txt = sample_copy
    code, out, _ = cli("build", str(xlsx), str(txt))
    assert code == 0
    assert (xlsx.parent / "互助土族自治县司法局2025年政府信息公开工作年度报告.docx").exists()


def test_python_dash_m_works(tmp_path):
    out = tmp_path / "r.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "reportgen", "build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    assert out.exists() and f"已生成：{out}" in proc.stdout


def test_check_json_is_machine_readable(tmp_path, cli):
    import json

    from openpyxl import load_workbook

    xlsx = tmp_path / "统计表.xlsx"
    import shutil

    shutil.copy(SAMPLE_XLSX, xlsx)
    wb = load_workbook(xlsx)
    wb["依申请公开"]["D5"] = "五件"
    wb.save(xlsx)
    code, out, _ = cli("check", "--json", str(xlsx), str(SAMPLE_TXT))
    assert code == 1
    problems = json.loads(out)
    assert problems == [
        {
            "level": "error",
            "rule": "NUM",
            "file": "统计表.xlsx",
            "where": "依申请公开!D5",
            "message": "“五件”不是数字：请只填阿拉伯数字（没有就填0），不要写单位、文字或“/”“—”",
            "place": "统计表.xlsx 依申请公开!D5",
        }
    ]


def test_pdf_without_libreoffice_says_so(tmp_path, monkeypatch, cli):
    import reportgen.render.pdf

    monkeypatch.setattr(reportgen.render.pdf, "find_soffice", lambda: None)
    out = tmp_path / "r.docx"
    code, stdout, err = cli("build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out), "--pdf")
    assert code == 1 and out.exists() and not out.with_suffix(".pdf").exists()
    assert "错误 [PDF] r.docx：没有找到 LibreOffice，无法生成 PDF。请安装 LibreOffice，或在 Word/WPS 中打开报告后“另存为 PDF”" in err
    assert "Word 报告已生成，但没有生成 PDF。" in err


@pytest.mark.libreoffice
def test_pdf_is_written_beside_the_docx(tmp_path, cli):
    out = tmp_path / "r.docx"
    code, stdout, _ = cli("build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out), "--pdf")
    assert code == 0 and f"已生成：{out.with_suffix('.pdf')}" in stdout
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.libreoffice
def test_pdf_is_named_as_the_report_was(tmp_path, cli, monkeypatch):
    """A report named relative to the clerk's folder: its PDF is named the same way, not by an
    absolute path of a different form."""
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = cli("build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", "报告.docx", "--pdf")
    assert code == 0 and stdout.splitlines() == ["已生成：报告.docx", "已生成：报告.pdf"]


def test_doctor_names_the_package_folder(cli):
    """The program's place is the reportgen package (not the subpackage doctor happens to live in)."""
    import reportgen

    code, out, _ = cli("doctor")
    assert f"程序位置 {Path(reportgen.__file__).resolve().parent}\n" in out


def test_doctor_says_whether_scans_can_be_read(cli, monkeypatch):
    """The OCR extra's state, and without it the way to get it, as a scan's message gives it."""
    from reportgen.finished import door

    monkeypatch.setattr(door, "ocr_available", lambda: False)
    code, out, _ = cli("doctor")
    assert f"文字识别（扫描件 PDF）未安装：{door.SCAN_ADVICE}\n" in out
    monkeypatch.setattr(door, "ocr_available", lambda: True)
    code, out, _ = cli("doctor")
    assert "文字识别（扫描件 PDF）已安装\n" in out
