"""REPEAT beside the folder review (issue 19 item 2): this year's text against the single --previous
file's, and against the 上年正文 that `init --from` saw and recorded beside 正文.txt."""

from __future__ import annotations

import datetime as dt
import re

from reportgen import api
from reportgen.core.folders import LAST_TEXT_NAME
from reportgen.workbook import writer

from ..checks.account_texts import CLEAN
from ..conftest import SAMPLE_TXT, nonzero_values, sample_meta, write_workbook


def _repeats(problems):
    return [(p.file, p.message) for p in problems if p.rule == "REPEAT"]


def _rewritten(text: str) -> str:
    """TEXT with every paragraph of its sections written anew (headings and the opening kept): the
    idioms of published reports, none of last year's sentences."""
    paragraphs = iter(CLEAN)
    lines = text.splitlines()
    return "\n".join(
        line if i == 0 or not line.strip() or re.match(r"[一二三四五六]、|（[一二三四五]）|无。", line) else next(paragraphs)
        for i, line in enumerate(lines)
    )


def _last_year(tmp_path):
    last = tmp_path / "2025年报"
    last.mkdir()
    write_workbook(last / "统计表.xlsx", sample_meta(), nonzero_values())
    (last / "正文.txt").write_bytes(SAMPLE_TXT.read_bytes())
    return last


def test_init_from_records_last_years_text_and_check_reads_it(tmp_path):
    last = _last_year(tmp_path)
    new = tmp_path / "2026年报"
    assert api.init(new, last / "统计表.xlsx", last / "正文.txt").problems == []
    record = new / LAST_TEXT_NAME
    assert record.read_text(encoding="utf-8").splitlines()[:2] == [
        "reportgen 上年正文：init --from 记下的上年正文（每行一句，前面是所在的部分），检查本年正文与上年重复（包括只改了年份、数字的句子）的比例时使用。请勿修改。",
        "来源：正文.txt",
    ]
    # The clerk leaves last year's text as it is (the workbook's date not filled yet: REPEAT still runs)
    _, problems = api.check_all(new / "统计表.xlsx", new / "正文.txt")
    [(file, message)] = _repeats(problems)
    assert file == "正文.txt" and message.startswith("正文有 100% 与上年正文（init --from 正文.txt 时记下）相同或相近（只改了年份、数字、机关名称或个别字词的句子也算），重复最多的部分：")
    # rewritten: no REPEAT; the record is never taken for the narrative (a dot file)
    (new / "正文.txt").write_text(_rewritten(SAMPLE_TXT.read_text(encoding="utf-8")), encoding="utf-8")
    _, problems = api.check_all(new / "统计表.xlsx", new / "正文.txt")
    assert _repeats(problems) == []


def test_a_record_edited_by_hand_costs_the_comparison_not_the_check(tmp_path):
    last = _last_year(tmp_path)
    new = tmp_path / "2026年报"
    api.init(new, last / "统计表.xlsx", last / "正文.txt")
    (new / LAST_TEXT_NAME).write_text("随便写的", encoding="utf-8")
    _, problems = api.check_all(new / "统计表.xlsx", new / "正文.txt")
    assert _repeats(problems) == []


def test_the_single_previous_workbook_brings_the_text_beside_it(tmp_path):
    last = _last_year(tmp_path)
    now = tmp_path / "2026"
    now.mkdir()
    meta = sample_meta(year=2026, date=dt.date(2027, 1, 20))
    writer.write(now / "统计表.xlsx", meta, {k: v for k, v in nonzero_values().items()})
    (now / "正文.txt").write_bytes(SAMPLE_TXT.read_bytes())
    _, problems = api.check_all(now / "统计表.xlsx", now / "正文.txt", last / "统计表.xlsx")
    [(file, message)] = _repeats(problems)
    assert message.startswith("正文有 100% 与上年正文（2025年报/正文.txt）相同或相近")


def test_batch_and_check_of_a_county_read_each_departments_record(tmp_path, cli):
    """A department started with init --from and not paired with last year's folder: the batch and
    the reviewer's check of the county still compare its text with the one init recorded."""
    from openpyxl import load_workbook

    last = _last_year(tmp_path)
    county = tmp_path / "全县"
    new = county / "甲局"
    api.init(new, last / "统计表.xlsx", last / "正文.txt")
    writer.write(new / "统计表.xlsx", sample_meta(year=2026, date=dt.date(2027, 1, 20)), nonzero_values())
    run = cli("batch", county, "-o", tmp_path / "输出", "-j", 1)
    assert run.code == 0, run.out + run.err
    book = load_workbook(tmp_path / "输出" / "汇总.xlsx")
    summary = [[c.value for c in r] for r in book["汇总"].iter_rows()]
    assert summary[1][summary[0].index("与上年重复")] == 1
    repeats = [r for r in book["问题清单"].iter_rows(min_row=2, values_only=True) if r[2] == "REPEAT"]
    assert len(repeats) == 1 and "与上年正文（init --from 正文.txt 时记下）相同或相近" in "".join(map(str, repeats[0]))
    run = cli("check", county)
    assert "[REPEAT]" in run.out and "与上年正文（init --from 正文.txt 时记下）" in run.out
