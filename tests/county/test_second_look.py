"""The reviewer's second look: this year's folder against last year's (pairing, cross-year rules per
pair), the county's indicators, repeated text, and findings that stay reviewed."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from .two_years import county


def test_check_pairs_each_report_with_last_years_of_its_agency(tmp_path, cli):
    last, now = county(tmp_path)
    run = cli("check", now, "--previous", last)
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[lines.index("与上年对照：4 份已配对，2 份没有配对。") :][:7] == [
        "与上年对照：4 份已配对，2 份没有配对。",
        "  丙局.docx：上年文件夹中没有该机关的报告",
        "  乙局.html ↔ 上年 2024/乙局.html",
        "  政府办.docx ↔ 上年 2024/政府办.docx",  # 县政府办 this year, 某县人民政府办公室 last year
        "  甲局.docx ↔ 上年 2024/甲局.docx",
        "  教育局 ↔ 上年 2024/教育局",  # a department's workbooks, both years
        "  上年 2024/丁局.docx（某县丁局）：本年文件夹中没有该机关的报告",
    ]
    x_year = [line.strip() for line in lines if "[X-YEAR]" in line]
    assert x_year == [
        "错误 [X-YEAR] 乙局.html 表三“二、上年结转政府信息公开申请数量”行“自然人”列：某县乙局：“自然人”列的上年结转是 5，"
        "但上一年度报告的结转下年度继续办理是 6（表三“四、结转下年度继续办理”行“自然人”列）：两者应相等，请核对"
        "（本年：乙局.html；上年：2024/乙局.html）",
        "错误 [X-YEAR] 乙局.html 表三“二、上年结转政府信息公开申请数量”行“总计”列：某县乙局：“总计”列的上年结转是 45，"
        "但上一年度报告的结转下年度继续办理是 46（表三“四、结转下年度继续办理”行“总计”列）：两者应相等，请核对"
        "（本年：乙局.html；上年：2024/乙局.html）",
    ]
    assert "乙局.html 某县乙局：有错误（2 个错误，0 个提醒）" in lines
    assert "教育局 某县教育局：通过" in lines and "政府办.docx 县政府办：通过" in lines
    assert lines[lines.index("甲局.docx 某县甲局：有警告（0 个错误，1 个提醒）") + 1] == (
        "  提醒 [REPEAT] 甲局.docx：正文有 100% 与上年报告（2024/甲局.docx）相同或相近（只改了年份、数字、机关名称或个别字词的句子也算），重复最多的部分："
        "“一、总体情况”100%、“五、存在的主要问题及改进情况”100%；例如本年与上年都有“本年度主动公开政府信息1200条。”。年度报告评议对与上年重复超过50%的报告扣分：请按本年度的实际情况改写"
    )


def test_one_report_against_last_years_report_finds_the_repeated_text(tmp_path, cli):
    """check 报告 --previous 上年报告, both finished reports: REPEAT as in a folder pair, with the
    figures compared too; a report with its own new text gets none."""
    last, now = county(tmp_path)
    run = cli("check", now / "甲局.docx", "--previous", last / "甲局.docx")
    assert run.code == 0, run.out + run.err
    assert (
        "提醒 [REPEAT] 甲局.docx：正文有 100% 与上年报告（甲局.docx）相同或相近（只改了年份、数字、机关名称或个别字词的句子也算），重复最多的部分："
        "“一、总体情况”100%、“五、存在的主要问题及改进情况”100%；例如本年与上年都有“本年度主动公开政府信息1200条。”。年度报告评议对与上年重复超过50%的报告扣分：请按本年度的实际情况改写"
    ) in run.out.splitlines()
    run = cli("check", now / "乙局.html", "--previous", last / "乙局.html")
    assert run.code == 1 and "[REPEAT]" not in run.out and run.out.count("[X-YEAR]") == 2
    run = cli("check", now / "丙局.docx", "--previous", last / "甲局.docx")  # not its agency: PREV, nothing compared
    assert "[PREV]" in run.out and "[REPEAT]" not in run.out and "[X-YEAR]" not in run.out


def test_batch_writes_the_pairing_into_the_summary(tmp_path, cli):
    last, now = county(tmp_path)
    run = cli("batch", now, "--previous", last, "-o", tmp_path / "out", "-j", 1)
    assert run.code == 1
    assert "  乙局.html ↔ 上年 2024/乙局.html" in run.out.splitlines()
    wb = load_workbook(tmp_path / "out" / "汇总.xlsx")
    rows = [[c.value for c in r] for r in wb["上年对照"].iter_rows()]
    assert rows[0] == ["本年报告", "机关名称", "上年报告", "配对情况"]
    assert ["政府办.docx", "县政府办", "2024/政府办.docx", "已配对"] in rows
    assert ["丙局.docx", "某县丙局", None, "上年文件夹中没有该机关的报告"] in rows
    assert [None, "某县丁局", "2024/丁局.docx", "本年文件夹中没有该机关的报告"] in rows
    problems = [[c.value for c in r] for r in wb["问题清单"].iter_rows(min_row=2)]
    assert [p[:3] for p in problems] == [["乙局.html", "错误", "X-YEAR"]] * 2 + [["甲局.docx", "提醒", "REPEAT"]]
    summary = [[c.value for c in r] for r in wb["汇总"].iter_rows()]
    column = summary[0].index("与上年重复")  # then 其中已核提醒 (issue 19 item 5)
    share = {r[1]: r[column] for r in summary[1:]}
    assert share["甲局.docx"] == 1 and share["丙局.docx"] is None and share["乙局.html"] == 0


def test_a_year_that_is_not_the_one_before_is_not_compared(tmp_path, cli):
    from .reviewer_folders import report
    from .two_years import VALUES, last_year_of

    report(tmp_path / "2023" / "甲局.docx", "某县甲局", 2023, values=last_year_of(VALUES, {"natural": 3}))
    report(tmp_path / "2025" / "甲局.docx", "某县甲局", 2025)
    run = cli("check", tmp_path / "2025", "--previous", tmp_path / "2023")
    assert run.code == 0
    assert "  甲局.docx：上年文件夹中该机关的报告（2023/甲局.docx）是2023年度，不是2024年度，没有比较" in run.out.splitlines()


def test_batch_previous_must_be_a_folder(tmp_path, cli):
    _, now = county(tmp_path)
    run = cli("batch", now, "--previous", tmp_path / "无此文件夹")
    assert run.code == 1 and "--previous 应是放着上一年度报告或各部门统计表的文件夹" in run.err


# --- indicators ---------------------------------------------------------------------------------


def test_rates_by_their_definitions_and_blank_where_the_denominator_is_0():
    from reportgen.core import schema
    from reportgen.county.indicators import INDICATORS, rates

    from .two_years import VALUES

    v = schema.compute_totals({k: VALUES[k] for k in schema.INPUT_KEYS})
    got = dict(zip((i.name for i in INDICATORS), rates(v)))
    done = v["t3_total_total"]
    assert got["实质公开率"] == (v["t3_public_total"] + v["t3_partial_total"]) / done
    assert got["其中本机关不掌握"] == v["t3_unable_no_info_total"] / done
    closed = v["t4_review_total"] - v["t4_review_pending"]
    assert got["行政复议纠错率"] == v["t4_review_corrected"] / closed
    assert got["结转率"] == v["t3_carried_out_total"] / (v["t3_new_total"] + v["t3_carried_in_total"])
    nothing = schema.compute_totals({k: 0 for k in schema.INPUT_KEYS})
    assert rates(nothing) == [None] * len(INDICATORS)  # never a division error


def test_the_summary_has_the_countys_indicators_on_one_a4_page_and_each_departments_change(tmp_path, cli):
    last, now = county(tmp_path)
    cli("batch", now, "--previous", last, "-o", tmp_path / "out", "-j", 1)
    wb = load_workbook(tmp_path / "out" / "汇总.xlsx")
    page = wb["全县指标"]
    assert page["A1"].value == "全县政府信息公开申请办理指标（2025年度）"
    rows = {r[0]: r[1:] for r in page.iter_rows(min_row=3, max_row=10, values_only=True)}
    # 结转率: each of this year's 5 carried 84 of 858 + 45 out; last year 5 readable (丁局 gone since
    # included): 45 of 819 + 45 each, 乙局 46 of 820 + 45
    assert round(rows["结转率"][0], 6) == round(84 / 903, 6)
    assert round(rows["结转率"][1], 6) == round((4 * 45 + 46) / (4 * 864 + 865), 6)
    assert rows["结转率"][2] == round((84 / 903 - 226 / 4321) * 100, 1) == 4.1
    assert page.page_setup.orientation == "landscape" and str(page.page_setup.paperSize) == page.PAPERSIZE_A4  # 9: A4
    assert (page.page_setup.fitToWidth, page.page_setup.fitToHeight) == (1, 1)
    assert any("实质公开率 =（予以公开 + 部分公开）÷ 办理结果总计" in str(r[0]) for r in page.iter_rows(values_only=True))
    each = [list(r) for r in wb["各部门指标"].iter_rows(values_only=True)]
    heads = each[0]
    by_name = {r[1]: dict(zip(heads, r)) for r in each[1:] if r[1]}
    assert by_name["丙局.docx"]["结转率较上年"] is None  # new this year: nothing to compare
    assert by_name["乙局.html"]["结转率较上年"] == round((84 / 903 - 46 / 865) * 100, 1)
    assert by_name["全县（合计）"]["实质公开率"] == rows["实质公开率"][0]


# --- repeated text --------------------------------------------------------------------------------


def test_the_share_counts_sentences_not_the_fixed_ones():
    """(The time of 200 pairs is in `make bench`, scripts/bench.py (g).)"""
    from reportgen.checks.repetition import fingerprint, repetition
    from reportgen.narrative.parse import parse

    from ..conftest import CLEAN_NARRATIVE
    from .two_years import LAST_CLEAN_NARRATIVE

    now, _ = parse(CLEAN_NARRATIVE, "正文.txt")
    last, _ = parse(LAST_CLEAN_NARRATIVE, "正文.txt")
    share, sections = repetition(now, fingerprint(last))
    # 五 is reworded this year; 一's 本年度工作平稳 is too short to count (a sentence that repeats by
    # nature), 六's 本年度未收取信息处理费 a mandated sentence, not counted
    assert share == 0.0 and sections == {"problems": 0.0}
    text = (Path(__file__).parents[1] / "data" / "huzhu-sifaju-2025.txt").read_text(encoding="utf-8")
    real, _ = parse(text, "正文.txt")
    assert repetition(real, fingerprint(real))[0] == 1.0


def test_the_readme_example_is_the_real_output(tmp_path, cli):
    readme = (Path(__file__).parents[2] / "docs" / "reviewer.md").read_text(encoding="utf-8")
    block = readme.split("<!-- secondlook-example:start -->")[1].split("<!-- secondlook-example:end -->")[0]
    shown = block.strip().strip("`").strip().splitlines()
    last, now = county(tmp_path)
    lines = cli("check", now, "--previous", last).out.splitlines()
    start = lines.index(shown[0])
    assert lines[start : start + len(shown)] == shown
