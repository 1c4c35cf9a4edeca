"""Numbers exactly as typed: a count Excel stored in E-notation (a pasted ID number) is refused with
its cell; a count implausibly large for its row, or ten times last year's, gets a 提醒."""

from __future__ import annotations

import datetime as dt

from reportgen import check_all
from reportgen.cli.commands import main

from ..conftest import clean_values, sample_meta, tables, write_workbook

OLD_REPORT = b"previous good report"


def test_id_number_pasted_into_a_count_is_refused_with_its_cell(tmp_path, capsys, clerk_files):
    # Excel saves an 18-digit number as 1.10101199001011E+17: the last digits are gone.
    xlsx, txt = clerk_files(edit=lambda wb: wb["依申请公开"].__setitem__("D5", 1.10101199001011e17))
    out = tmp_path / "报告.docx"
    out.write_bytes(OLD_REPORT)
    code = main(["build", str(xlsx), str(txt), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "错误 [NUM] 统计表.xlsx 依申请公开!D5：“1.10101199001011E+17”是用科学计数法保存的很长的数字"
        "（Excel 只保留15位有效数字，原来的数字已经丢失），不是件数：请核对是否误粘贴了身份证号、编号等长数字，改填0或正整数"
    ) in err
    assert "110101199001011008" not in err
    assert out.read_bytes() == OLD_REPORT


def test_e_notation_typed_as_text_is_refused(clerk_files):
    xlsx, txt = clerk_files(edit=lambda wb: wb["复议诉讼"].__setitem__("A5", "1.2E+16"))
    _, problems = check_all(xlsx, txt)
    assert [(p.rule, p.where) for p in problems if p.is_error] == [("NUM", "复议诉讼!A5")]
    assert problems[0].message.startswith("“1.2E+16”是用科学计数法保存的很长的数字")


def test_fraction_in_a_count_is_refused(clerk_files):
    xlsx, txt = clerk_files(edit=lambda wb: wb["主动公开"].__setitem__("B8", 12.5))
    _, problems = check_all(xlsx, txt)
    assert [(p.rule, p.where, p.message) for p in problems] == [("NUM", "主动公开!B8", "“12.5”不是整数：件数只能是0或正整数")]


def test_implausibly_many_applications_is_a_warning_and_still_builds(tmp_path, capsys, clerk_files):
    values = clean_values()
    values["t3_public_natural"] += 1_200_000  # 办结 and 新收 both: the column stays balanced
    values["t3_new_natural"] += 1_200_000
    xlsx, txt = clerk_files(values=values)
    out = tmp_path / "报告.docx"
    code = main(["build", str(xlsx), str(txt), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    new = values["t3_new_natural"]
    assert (
        f"提醒 [BIG] 统计表.xlsx 依申请公开!D5：填写的是 {new}，超过了政府信息公开申请件数的合理范围（1000000）："
        "请核对是否多打了数字或误粘贴了其他号码（确实如此可忽略本提醒）"
    ) in err
    assert tables(out)[1][(3, 3)] == str(new)  # printed exactly as typed


def test_ten_times_last_year_is_a_warning(tmp_path, clerk_files):
    last = clean_values()
    now = dict(last)
    now["t2_normative_made"] = last["t2_normative_made"] * 10 + 200
    xlsx, txt = clerk_files(values=now)
    previous = write_workbook(tmp_path / "上年.xlsx", sample_meta(year=2024, date=dt.date(2025, 1, 20)), last)
    _, problems = check_all(xlsx, txt, previous)
    got = [(p.where, p.message) for p in problems if p.rule == "BIG"]
    assert got == [
        (
            "主动公开!B5",
            f"填写的是 {now['t2_normative_made']}，上年是 {last['t2_normative_made']}，"
            f"增加到{now['t2_normative_made'] // last['t2_normative_made']}倍以上：请核对是否多打了数字（确实如此可忽略本提醒）",
        )
    ]
    _, without = check_all(xlsx, txt)
    assert not [p for p in without if p.rule == "BIG"]


def test_ordinary_sizes_raise_nothing(clerk_files):
    xlsx, txt = clerk_files()
    assert check_all(xlsx, txt)[1] == []
