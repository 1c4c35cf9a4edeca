"""Consistency rules (勾稽关系) over a loaded Report. Each rule: Report -> Iterable[Problem].

Hard rules give errors, which block the build; soft rules give warnings. Rule ids follow
spec/official-format.md §1.6.
"""

from __future__ import annotations

from typing import Callable, Iterable

from . import schema
from .model import Report
from .problems import Problem, error

Rule = Callable[[Report], Iterable[Problem]]


def _col_label(col: str) -> str:
    return dict(schema.T3_COLS)[col]


def entered_totals(report: Report) -> Iterable[Problem]:
    """T3-ROW / T3-SUM7 / T4-SUM: a total the clerk typed must equal the sum of its parts."""
    stats = report.stats
    for key, (entered, where) in stats.entered_totals.items():
        total = schema.TOTAL_BY_KEY[key]
        computed = stats.values[key]
        if entered != computed:
            parts = "+".join(str(stats.values[p]) for p in total.parts)
            what = {
                "T3-ROW": "总计应等于自然人与五类法人或其他组织之和",
                "T3-SUM7": "（七）总计应等于（一）至（六）各项之和",
                "T4-SUM": "总计应等于结果维持、结果纠正、其他结果、尚未审结之和",
            }[total.rule]
            yield error(
                total.rule,
                report.workbook_name,
                where,
                f"填写的总计是 {entered}，但{what}：{parts} = {computed}。请改正分项或总计（总计可以留空，由程序计算）",
            )


def t3_balance(report: Report) -> Iterable[Problem]:
    """T3-BAL: per column, 一 + 二 = 三（七） + 四 (the note in the table's corner cell)."""
    v = report.stats.values
    for col, label in schema.T3_COLS:
        new, carried_in = v[f"t3_new_{col}"], v[f"t3_carried_in_{col}"]
        done, carried_out = v[f"t3_total_{col}"], v[f"t3_carried_out_{col}"]
        if new + carried_in != done + carried_out:
            where = report.stats.where.get(f"t3_carried_out_{col}", "")
            yield error(
                "T3-BAL",
                report.workbook_name,
                where,
                f"“{label}”列不平衡：一、本年新收 {new} + 二、上年结转 {carried_in} = {new + carried_in}，"
                f"但（七）总计 {done} + 四、结转下年度 {carried_out} = {done + carried_out}。"
                "请核对本列的办理结果和结转数",
            )


RULES: tuple[Rule, ...] = (entered_totals, t3_balance)


def run(report: Report) -> list[Problem]:
    out: list[Problem] = []
    for rule in RULES:
        out.extend(rule(report))
    return out
