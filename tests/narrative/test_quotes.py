"""Prose that quotes the tables: {{名称}} in 正文.txt becomes the table's figure, or an error with its line."""

import re

from reportgen import build, load
from reportgen.core import schema
from reportgen.narrative import quotes

from ..conftest import ROOT, nonzero_values, paragraphs, tables, write_workbook
from ..test_second_dataset import NARRATIVE

QUOTING = NARRATIVE.replace(
    "本年度申请量较上年有所增加。",
    "本年度新收政府信息公开申请{{本年新收}}件，其中自然人{{自然人申请}}件、法人或其他组织{{ 法人或其他组织申请 }}件，"
    "上年结转{{上年结转}}件；办结{{办理结果总计}}件，其中予以公开{{予以公开}}件、不予公开{{不予公开}}件、"
    "无法提供{{无法提供}}件、不予处理{{不予处理}}件、其他处理{{其他处理}}件，结转下年度{{结转下年度}}件。",
).replace(
    "本年度未收取信息处理费。",
    "｛｛年度｝｝年发生行政复议{{行政复议总计}}件、行政诉讼{{行政诉讼总计}}件，合计{{复议和诉讼总计}}件；"
    "收费{{行政事业性收费}}万元，行政处罚{{行政处罚}}件。写法：\\{{本年新收}}。",
)


def test_placeholders_become_the_table_figures(tmp_path):
    values = nonzero_values()
    xlsx = write_workbook(tmp_path / "统计表.xlsx", values=values)
    txt = tmp_path / "正文.txt"
    txt.write_text(QUOTING, encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    assert result.ok, [str(p) for p in result.problems]
    v = schema.compute_totals(values)
    text = paragraphs(result.output)
    grid = tables(result.output)[1]  # table 三 as printed
    row = {c.key: (c.row, c.col) for c in schema.TABLE_BY_KEY["t3"].value_cells()}

    def printed(key):
        return grid[row[key]]

    orgs = sum(v[f"t3_new_{c}"] for c in schema.T3_PART_COLS if c != "natural")
    withheld = sum(v[f"t3_{k}_total"] for k in schema.T3_RESULT_PARTS if k.startswith("withheld_"))
    want = (
        f"本年度新收政府信息公开申请{printed('t3_new_total')}件，其中自然人{printed('t3_new_natural')}件、"
        f"法人或其他组织{orgs}件，上年结转{printed('t3_carried_in_total')}件；办结{printed('t3_total_total')}件，"
        f"其中予以公开{printed('t3_public_total')}件、不予公开{withheld}件、"
        f"无法提供{sum(v[f't3_{k}_total'] for k in schema.T3_RESULT_PARTS if k.startswith('unable_'))}件、"
        f"不予处理{sum(v[f't3_{k}_total'] for k in schema.T3_RESULT_PARTS if k.startswith('refused_'))}件、"
        f"其他处理{sum(v[f't3_{k}_total'] for k in schema.T3_RESULT_PARTS if k.startswith('other_'))}件，"
        f"结转下年度{printed('t3_carried_out_total')}件。"
    )
    assert want in text
    litigation = v["t4_direct_total"] + v["t4_after_review_total"]
    assert (
        f"2025年发生行政复议{v['t4_review_total']}件、行政诉讼{litigation}件，合计{v['t4_review_total'] + litigation}件；"
        f"收费4166.241619万元，行政处罚1534件。写法：{{{{本年新收}}}}。"
    ) in text
    assert v["t3_new_total"] > 100 and withheld > 0  # non-trivial figures


def test_a_group_figure_equals_the_sum_of_its_printed_rows(tmp_path):
    """不予公开 etc. are sums of the table's rows: computed from the same keys as the cells."""
    values = nonzero_values()
    xlsx = write_workbook(tmp_path / "统计表.xlsx", values=values)
    txt = tmp_path / "正文.txt"
    names = ["不予公开", "无法提供", "不予处理", "其他处理", "予以公开", "部分公开"]
    txt.write_text(NARRATIVE.replace("本年度申请量较上年有所增加。", "|".join("{{%s}}" % n for n in names)), encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    figures = next(p for p in paragraphs(result.output) if p.count("|") == 5).split("|")
    t3 = tables(result.output)[1]
    # Rows of each result group in table 三 as printed, 总计 column (grid column 9).
    groups, row = [], 5
    for label, items in schema.T3_RESULT_GROUPS[:-1]:
        groups.append(sum(int(t3[(r, 9)]) for r in range(row, row + len(items))))
        row += len(items)
    order = [2, 3, 4, 5, 0, 1]
    assert [int(f) for f in figures] == [groups[i] for i in order]
    # The groups and （七）总计 agree, as they must.
    assert sum(groups) == int(t3[(26, 9)])


def test_unknown_name_is_an_error_with_its_line_and_the_closest_names(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    lines = QUOTING.split("\n")
    lines[2] = "（一）主动公开。本年度新收{{本年新收数}}件，复议{{行政复议总数}}件。"
    txt.write_text("\n".join(lines), encoding="utf-8")
    report, problems = load(xlsx, txt)
    errors = [p for p in problems if p.rule == "QUOTE"]
    assert [(p.file, p.where) for p in errors] == [("正文.txt", "第3行")] * 2
    assert "{{本年新收}}" in errors[0].message and "“{{本年新收数}}”不是可引用的名称" in errors[0].message
    assert "{{行政复议总计}}" in errors[1].message
    out = tmp_path / "r.docx"
    result = build(xlsx, txt, out=out)
    assert not result.ok and not out.exists()


def test_check_command_reports_quote_errors_and_build_is_blocked(tmp_path, capsys):
    from reportgen.cli.commands import main

    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    txt.write_text(QUOTING.replace("{{上年结转}}", "{{上年结余}}").replace("{{行政处罚}}", "{{行政处罚"), encoding="utf-8")
    code = main(["check", str(xlsx), str(txt)])
    out, _ = capsys.readouterr()
    assert code == 1
    line_of = {m: i for i, line in enumerate(txt.read_text(encoding="utf-8").split("\n"), start=1) for m in ("上年结余", "行政处罚") if m in line}
    assert f"错误 [QUOTE] 正文.txt 第{line_of['上年结余']}行：“{{{{上年结余}}}}”不是可引用的名称，最接近的名称是：{{{{上年结转}}}}" in out
    assert f"错误 [QUOTE] 正文.txt 第{line_of['行政处罚']}行：有“{{{{”但同一行后面没有配对的“}}}}”" in out
    code = main(["build", str(xlsx), str(txt), "-o", str(tmp_path / "r.docx")])
    assert code == 1 and not (tmp_path / "r.docx").exists()


def test_title_and_runin_heading_are_filled_too(tmp_path):
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    txt = tmp_path / "正文.txt"
    text = NARRATIVE.replace("标题：某某区人民政府办公室2025年", "标题：某某区人民政府办公室{{年度}}年").replace(
        "（一）主动公开。", "（一）主动公开{{行政许可}}项。"
    )
    txt.write_text(text, encoding="utf-8")
    result = build(xlsx, txt, out=tmp_path / "r.docx")
    got = paragraphs(result.output)
    assert got[1] == "某某区人民政府办公室2025年政府信息公开工作年度报告"
    assert "（一）主动公开128项。本年度主动公开政府信息1200条。" in got


def test_names_are_unique_and_cover_every_value_cell_of_tables_three_and_four():
    names = [q.name for q in quotes.QUOTES]
    assert len(names) == len(set(names))
    covered = {k for q in quotes.QUOTES for k in q.keys}
    for key in schema.VALUE_KEYS:
        if key.startswith("t2_") or key.endswith("_total") or key.startswith("t4_"):
            assert key in covered, key
    for needle in ("本年新收", "上年结转", "办理结果总计", "结转下年度", "予以公开", "部分公开", "不予公开", "无法提供",
                   "不予处理", "其他处理", "行政复议总计", "行政诉讼总计", "复议和诉讼总计", "规章制发件数", "行政许可",
                   "行政处罚", "行政强制", "行政事业性收费"):  # fmt: skip
        assert needle in quotes.QUOTE_BY_NAME


def test_readme_lists_exactly_the_names():
    readme = (ROOT / "docs" / "clerk.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `\{\{(.+?)\}\}` \|", readme, flags=re.M)
    assert listed == [q.name for q in quotes.QUOTES]


def test_names_command_lists_every_name_with_its_figure(tmp_path, capsys):
    from reportgen.cli.commands import main

    values = nonzero_values()
    xlsx = write_workbook(tmp_path / "统计表.xlsx", values=values)
    assert main(["names", str(xlsx)]) == 0
    out = capsys.readouterr().out
    v = schema.compute_totals(values)
    assert f"{{{{本年新收}}}} = {v['t3_new_total']}    （表三 一、本年新收政府信息公开申请数量·总计）" in out
    assert "{{行政事业性收费}} = 4166.241619" in out
    assert len([ln for ln in out.splitlines() if ln.startswith("{{")]) == len(quotes.QUOTES)
