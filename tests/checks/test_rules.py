"""One test per consistency rule (spec §1.6): a failing case with its message and place, and a
passing case. Each builds real files and runs the same entry point as `reportgen check`."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen import check_all
from reportgen.core import schema

from ..conftest import CLEAN_NARRATIVE, nonzero_values, sample_meta, write_workbook

SECTIONS_TAIL = CLEAN_NARRATIVE.split("\n")[3:]  # 二、… to the end: what the soft rules ask for


def narrative(*overview: str, tail: list[str] | None = None) -> str:
    return "\n".join(["开头段落。", "一、总体情况", *overview, *(tail or SECTIONS_TAIL)])


@pytest.fixture
def run(tmp_path, clerk_files):
    """Write the clerk's files (nonzero_values() and a plain narrative unless given) and return the
    problems `reportgen check` finds in them."""

    def check_files(values=None, meta=None, text=None, edit=None, previous_values=None):
        xlsx, txt = clerk_files(meta=meta, values=values or nonzero_values(), text=text or narrative("本年度工作平稳。"), edit=edit)
        previous = None
        if previous_values is not None:
            previous = write_workbook(tmp_path / "上年统计表.xlsx", sample_meta(year=2024, date=dt.date(2025, 1, 20)), previous_values)
        _, problems = check_all(xlsx, txt, previous)
        return problems

    return check_files


def found(problems, rule):
    return [(p.level, p.where, p.message) for p in problems if p.rule == rule]


def test_clean_data_has_no_problem(run):
    values = nonzero_values() | {f"t2_rules_{c}": 0 for c, _ in schema.T2_DOC_COLS}
    assert run(values) == []


# --- hard rules -----------------------------------------------------------------------------


def test_t3_bal(run):
    values = nonzero_values()
    values["t3_carried_out_natural"] += 2
    got = found(run(values), "T3-BAL")
    v = schema.compute_totals(values)
    left = v["t3_new_natural"] + v["t3_carried_in_natural"]
    right = v["t3_total_natural"] + v["t3_carried_out_natural"]
    assert got[0] == (
            "error",
            "依申请公开!D5,D6,D28,D29",
            f"“自然人”列不平衡：一、本年新收 {v['t3_new_natural']} + 二、上年结转 {v['t3_carried_in_natural']} = {left}，"
            f"但三、办理结果（七）总计 {v['t3_total_natural']} + 四、结转下年度继续办理 {v['t3_carried_out_natural']} = {right}。"
            "两边应相等，请核对本列的办理结果和结转数",
    )
    # The 总计 column is computed from the parts, so it is unbalanced too; no other column is.
    assert len(got) == 2 and got[1][:2] == ("error", "依申请公开!J5,J6,J28,J29")
    assert got[1][2].startswith("“总计”列不平衡")


def test_t3_sum7_typed_total_disagrees(run):
    v = schema.compute_totals(nonzero_values())
    got = found(run(edit=lambda wb: wb["依申请公开"].__setitem__("D28", v["t3_total_natural"] + 1)), "T3-SUM7")
    assert len(got) == 1 and got[0][:2] == ("error", "依申请公开!D28")
    assert got[0][2].startswith(f"填写的总计是 {v['t3_total_natural'] + 1}，但（七）总计应等于（一）至（六）各项之和：")
    assert got[0][2].endswith(f"= {v['t3_total_natural']}。请改正分项或总计（总计可以留空，由程序计算）")
    ok = run(edit=lambda wb: wb["依申请公开"].__setitem__("D28", v["t3_total_natural"]))
    assert found(ok, "T3-SUM7") == []


def test_t3_row_typed_total_disagrees(run):
    v = schema.compute_totals(nonzero_values())
    got = found(run(edit=lambda wb: wb["依申请公开"].__setitem__("J9", 0)), "T3-ROW")
    assert [g[:2] for g in got] == [("error", "依申请公开!J9")]
    assert f"= {v['t3_withheld_secret_total']}。" in got[0][2] and "总计应等于自然人与五类法人或其他组织之和" in got[0][2]
    assert found(run(edit=lambda wb: wb["依申请公开"].__setitem__("J9", v["t3_withheld_secret_total"])), "T3-ROW") == []


def test_t4_sum(run):
    got = found(run(edit=lambda wb: wb["复议诉讼"].__setitem__("J5", 1)), "T4-SUM")
    assert [g[:2] for g in got] == [("error", "复议诉讼!J5")]
    assert "总计应等于结果维持、结果纠正、其他结果、尚未审结之和" in got[0][2]
    total = sum(nonzero_values()[f"t4_direct_{c}"] for c in schema.T4_PART_COLS)
    assert found(run(edit=lambda wb: wb["复议诉讼"].__setitem__("J5", total)), "T4-SUM") == []


def test_num(run):
    got = found(run(edit=lambda wb: wb["主动公开"].__setitem__("B8", "12件")), "NUM")
    assert got == [("error", "主动公开!B8", "“12件”不是数字：请只填阿拉伯数字（没有就填0），不要写单位、文字或“/”“—”")]
    assert found(run(edit=lambda wb: wb["主动公开"].__setitem__("B8", "12")), "NUM") == []


def test_date_deadline(run):
    late = found(run(meta=sample_meta(date=dt.date(2026, 2, 3))), "DATE")
    assert late == [
        (
            "error",
            "基本信息!B4",
            "成文日期 2026年2月3日 晚于期限：按《政府信息公开条例》第四十九条，部门的年度报告应在1月31日前公布"
            "（2026年1月31日）。请核对成文日期；如是本级政府的年度报告，请在“报告类型”填“本级政府”",
        )
    ]
    early = found(run(meta=sample_meta(date=dt.date(2025, 12, 30))), "DATE")
    assert early[0][2].startswith("成文日期 2025年12月30日 早于2025年度结束")
    assert found(run(meta=sample_meta(date=dt.date(2026, 1, 31))), "DATE") == []
    government = sample_meta(date=dt.date(2026, 3, 20), report_kind="本级政府")
    assert found(run(meta=government), "DATE") == []


# --- soft rules -----------------------------------------------------------------------------


def test_txt_quoted_figures_must_equal_the_tables(run):
    v = schema.compute_totals(nonzero_values())
    text = narrative(
        "（二）依申请公开。本年度共收到政府信息公开申请15件，上年结转5件。",
        f"全年办结{v['t3_total_total']}件，结转下年度继续办理{v['t3_carried_out_total']}件。",
        "本年度发生行政复议2件，行政诉讼3件。",
    )
    got = found(run(text=text), "TXT")
    assert got == [
        ("warning", "第3行", f"正文写上年结转的申请 5 件（“上年结转5件”），但统计表是上年结转 {v['t3_carried_in_total']} 件：请核对正文或统计表"),
        (
            "warning",
            "第3行",
            f"正文写收到的申请 15 件（“收到政府信息公开申请15件”），但统计表是本年新收 {v['t3_new_total']} 件"
            f"（连同上年结转共 {v['t3_new_total'] + v['t3_carried_in_total']} 件）：请核对正文或统计表",
        ),
        ("warning", "第5行", f"正文写行政复议 2 件（“行政复议2件”），但统计表是行政复议总计 {v['t4_review_total']} 件：请核对正文或统计表"),
        (
            "warning",
            "第5行",
            f"正文写行政诉讼 3 件（“行政诉讼3件”），但统计表是行政诉讼总计 {v['t4_direct_total'] + v['t4_after_review_total']} 件：请核对正文或统计表",
        ),
    ]
    right = narrative(f"本年度共收到政府信息公开申请{v['t3_new_total']}件，行政复议{v['t4_review_total']}件。")
    assert found(run(text=right), "TXT") == []


def test_txt_text_says_none_but_table_has_some(run):
    got = found(run(text=narrative("本年度未收到政府信息公开申请，未发生行政复议。")), "TXT")
    v = schema.compute_totals(nonzero_values())
    assert [g[2] for g in got] == [
        f"正文说没有政府信息公开申请，但统计表的本年新收是 {v['t3_new_total']} 件：请核对正文或统计表",
        f"正文说没有行政复议，但统计表的行政复议总计是 {v['t4_review_total']} 件：请核对正文或统计表",
    ]
    zeros = {k: 0 for k in schema.INPUT_KEYS}
    assert found(run(values=zeros, text=narrative("本年度未收到政府信息公开申请。")), "TXT") == []


def test_sec5(run):
    tail = [*SECTIONS_TAIL[:4], "无。", *SECTIONS_TAIL[5:]]
    got = found(run(text=narrative("x。", tail=tail)), "SEC5")
    assert got == [
        ("warning", "第7行", "“五、存在的主要问题及改进情况”不能空着或只写“无”：请写明存在的问题和改进措施（年度报告评议常见扣分项）")
    ]
    assert found(run(), "SEC5") == []


def test_sec6(run):
    tail = [*SECTIONS_TAIL[:6], "本年度我局落实了政务公开工作要点。"]
    got = found(run(text=narrative("x。", tail=tail)), "SEC6")
    assert [g[:2] for g in got] == [("warning", "第9行")]
    assert "本年度未收取信息处理费" in got[0][2]
    assert found(run(), "SEC6") == []
    for nothing in ("无。", "无", "本年度无其他需要报告的事项。"):  # issue 17: the published sample's 六 says 无。
        assert found(run(text=narrative("x。", tail=[*SECTIONS_TAIL[:6], nothing])), "SEC6") == []


def test_t2_rules(run):
    got = found(run(), "T2-RULES")  # nonzero_values() has 规章 figures; a district office makes none
    assert got == [
        (
            "warning",
            "主动公开!B4,C4,D4",
            "本机关是县级机关（从机关名称“某某市某某区人民政府办公室”判断），只有国务院部门和省、自治区、直辖市、设区的市、"
            "自治州人民政府能制定规章，“规章”一行一般应为0：请核对是否应填在“行政规范性文件”一行。如层级判断有误，请在基本信息表“机关层级”中填写",
        )
    ]
    city = sample_meta(agency="某某市人民政府", report_kind="本级政府", date=dt.date(2026, 3, 1))
    assert found(run(meta=city), "T2-RULES") == []


def test_t2_rules_only_where_rules_cannot_be_made(run):
    # A city with districts (its report type left at the default) and a province's department: silent.
    for agency in ("淮安市人民政府", "淮安市司法局", "江苏省司法厅", "延边朝鲜族自治州人民政府"):
        assert found(run(meta=sample_meta(agency=agency)), "T2-RULES") == [], agency
    # "某某市" may be a county-level city: the level typed in 基本信息 decides.
    county_city = sample_meta(agency="昆山市人民政府", level="县级")
    got = found(run(meta=county_city), "T2-RULES")
    assert got[0][2].startswith("本机关是县级机关（基本信息表中填写的机关层级），只有国务院部门")
    town = sample_meta(agency="某某县某某镇人民政府")
    assert found(run(meta=town), "T2-RULES")[0][2].startswith("本机关是乡级机关（从机关名称“某某县某某镇人民政府”判断）")


def test_agency_level_typed_wrong_is_named(run):
    problems = run(edit=lambda wb: wb["基本信息"].__setitem__("B11", "地级"))
    assert found(problems, "FACT") == [
        ("error", "基本信息!B11", "“地级”看不懂：请填“国务院部门”、“省级”、“设区的市级”、“县级”、“乡级”之一，或不填")
    ]


def test_format_2019(run):
    got = found(run(text=narrative("本年新制作数量较上年增加。")), "FORMAT")
    assert got[0][:2] == ("warning", "第3行") and "2019年试行格式" in got[0][2]


# --- against last year -----------------------------------------------------------------------


def last_year(**changes):
    values = nonzero_values()
    for col in schema.T3_PART_COLS:  # last year's 结转下年度 = this year's 上年结转
        values[f"t3_carried_out_{col}"] = values[f"t3_carried_in_{col}"]
        values[f"t3_new_{col}"] += values[f"t3_carried_out_{col}"] - (9 + 2 * schema.T3_PART_COLS.index(col))
    for row, _ in schema.T2_ROWS[:2]:
        v = nonzero_values()
        values[f"t2_{row}_in_force"] = v[f"t2_{row}_in_force"] - v[f"t2_{row}_made"] + v[f"t2_{row}_repealed"]
    values.update(changes)
    return values


def test_x_year(run):
    assert found(run(previous_values=last_year()), "X-YEAR") == []
    previous = last_year(t3_carried_out_legal=99, t3_new_legal=last_year()["t3_new_legal"] + 99 - 9)
    got = found(run(previous_values=previous), "X-YEAR")
    assert got == [
        (
            "error",
            "依申请公开!H6",
            f"“法律服务机构”列的上年结转是 {nonzero_values()['t3_carried_in_legal']}，但上一年度报告的结转下年度继续办理是 99"
            "（依申请公开!H29）：两者应相等，请核对",
        ),
        ("error", "依申请公开!J6", got[1][2]),
    ]


def test_t2_stock(run):
    assert found(run(previous_values=last_year()), "T2-STOCK") == []
    got = found(run(previous_values=last_year(t2_normative_in_force=100)), "T2-STOCK")
    assert [g[:2] for g in got] == [("warning", "主动公开!D5")]
    assert "按上年现行有效 100 + 本年制发" in got[0][2]


def test_jump(run):
    assert found(run(previous_values=last_year()), "JUMP") == []
    got = found(run(previous_values=last_year(t2_penalty=100)), "JUMP")
    assert got == [("warning", "主动公开!B11", "行政处罚处理决定数量由上年的 100 变为 1534，变化超过5倍：请核对是否填错（确实如此可忽略本提醒）")]


def test_previous_that_cannot_be_read_is_named(tmp_path, clerk_files):
    xlsx, txt = clerk_files(values=nonzero_values(), text=narrative("x。"))
    bad = tmp_path / "去年.xlsx"
    bad.write_text("不是工作簿", encoding="utf-8")
    _, problems = check_all(xlsx, txt, bad)
    # issue 17: this year's own rules still run (nonzero_values has 规章 for a district body); the
    # cross-year ones cannot
    assert [(p.rule, p.file) for p in problems] == [("FILE", "去年.xlsx"), ("T2-RULES", "统计表.xlsx")]


# --- every problem at once (issue 17): one unreadable part hides nothing else -------------------


def _unbalanced_without_date(wb):
    from reportgen.core import schema as s

    wb[s.FACTS_SHEET][s.fact_where("date").split("!")[1]] = None
    ws = wb["依申请公开"]
    _, cell = s.value_cell("t3_carried_out_natural")
    ws.cell(cell.row + s.TABLE_FIRST_ROW, cell.col + 1).value = 999


def test_an_empty_date_does_not_hide_the_balance_errors(clerk_files):
    xlsx, txt = clerk_files(edit=_unbalanced_without_date)
    _, problems = check_all(xlsx, txt)
    rules = [p.rule for p in problems if p.is_error]
    assert "T3-BAL" in rules and rules[0] != "T3-BAL"  # the date's error first, then the balance
    assert any(p.where.startswith("基本信息!") for p in problems if p.is_error)
    assert not any(p.rule == "DATE" for p in problems)  # the deadline rule needs the date


def test_a_bad_cell_in_table_three_still_checks_the_narrative(clerk_files):
    def bad_cell(wb):
        from reportgen.core import schema as s

        _, cell = s.value_cell("t3_new_natural")
        wb["依申请公开"].cell(cell.row + s.TABLE_FIRST_ROW, cell.col + 1).value = "五件"

    tail = [*SECTIONS_TAIL[:4], "无。", *SECTIONS_TAIL[5:]]
    xlsx, txt = clerk_files(edit=bad_cell, text=narrative("x。", tail=tail))
    _, problems = check_all(xlsx, txt)
    rules = [p.rule for p in problems]
    assert "NUM" in rules and "SEC5" in rules  # the narrative's rule runs; the tables' wait for the cell
    assert "T3-BAL" not in rules


def test_the_cli_lists_them_all_at_once(clerk_files, cli):
    xlsx, txt = clerk_files(edit=_unbalanced_without_date)
    code, out, _ = cli("check", xlsx, txt)
    assert code == 1
    assert "基本信息!" in out and "错误 [T3-BAL] 统计表.xlsx 依申请公开!" in out


def test_txt_a_part_of_the_requests_is_not_their_whole(run):
    """"办结的…申请中同意公开答复 9 件" is one result among others; "办结申请 N 件" (wrong) is still named."""
    v = schema.compute_totals(nonzero_values())
    parts = narrative(
        "本年度办结的信息公开申请中同意公开答复9件，部分公开2件。",
        "收到的申请中不予公开3件。",
        f"全年办结申请{v['t3_total_total']}件，其中同意公开9件。",
    )
    assert found(run(text=parts), "TXT") == []
    wrong = found(run(text=narrative(f"全年共办结政府信息公开申请{v['t3_total_total'] + 1}件。")), "TXT")
    assert [g[:2] for g in wrong] == [("warning", "第3行")]
    assert f"正文写办结的申请 {v['t3_total_total'] + 1} 件" in wrong[0][2]


@pytest.mark.parametrize("said", ["本年度未发生收费情况。", "本机关未收取任何费用。", "本年度未收取政府信息公开申请相关费用。"])
def test_sec6_the_fee_stated_in_the_offices_own_words(run, said):
    tail = [*SECTIONS_TAIL[:6], said]
    assert found(run(text=narrative("x。", tail=tail)), "SEC6") == []


def test_t3_bal_two_columns_off_by_one_each_way_is_one_request_in_the_wrong_column(run):
    """Issue 25 item 9: 自然人 carries one more out, 商业企业 one fewer, the 总计 balances."""
    values = nonzero_values()
    assert values["t3_carried_out_commercial"] >= 1
    values["t3_carried_out_natural"] += 1
    values["t3_carried_out_commercial"] -= 1
    got = found(run(values), "T3-BAL")
    assert [g[1] for g in got] == ["依申请公开!D5,D6,D28,D29", "依申请公开!E5,E6,E28,E29"]
    assert got[0][2].endswith("两边应相等，请核对本列的办理结果和结转数（“商业企业”列正好差得相反，总计相符：可能是同一件申请归错了列）")
    assert got[1][2].endswith("两边应相等，请核对本列的办理结果和结转数（“自然人”列正好差得相反，总计相符：可能是同一件申请归错了列）")
    values["t3_carried_out_commercial"] -= 1  # −2: not one request
    assert all("归错了列" not in g[2] for g in found(run(values), "T3-BAL"))


def test_txt_a_figure_said_of_one_office_or_one_channel_is_not_the_whole(run):
    """Issue 25 item 5: "区政府办代表区政府受理…17件" (a part, said of one office), "通过网络平台受理申请12件",
    "当面申请3件" are never compared with the whole; the whole, wrong, still is."""
    v = schema.compute_totals(nonzero_values())
    parts = narrative(
        "区政府办代表区政府受理政府信息公开申请17件。",
        "其中，通过网络平台受理申请12件，当面受理申请3件，信函受理申请2件。",
        "通过政府门户网站在线受理申请8件。",
    )
    assert found(run(text=parts), "TXT") == []
    wrong = found(run(text=narrative(f"本年度共收到政府信息公开申请{v['t3_new_total'] + v['t3_carried_in_total'] + 1}件。")), "TXT")
    assert [g[:2] for g in wrong] == [("warning", "第3行")]
