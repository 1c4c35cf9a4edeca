"""The county's indicators: the rates leaders read (实质公开率, the shares of each outcome, the 纠错率 of
复议 and 诉讼, the 结转率), per department and for the county, and the change from last year; the
value keys are the quotes' (narrative.quotes, made from core.schema), never spelled twice."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.core.model import Number
from reportgen.narrative.quotes import QUOTE_BY_NAME


@dataclass(frozen=True)
class Indicator:
    name: str  # the column heading
    numerator: tuple[str, ...]  # quote names added up
    denominator: tuple[str, ...]  # quote names added up
    minus: tuple[str, ...] = ()  # quote names taken from the denominator
    definition: str = ""  # written under the leader's page

    def keys(self, names: tuple[str, ...]) -> list[str]:
        return [k for n in names for k in QUOTE_BY_NAME[n].keys]  # KeyError at import for a lost name

    def rate(self, values: dict[str, Number] | None) -> float | None:
        """The rate as a fraction; None when the figures are unknown or the denominator is 0."""
        if values is None:
            return None
        top = sum(values[k] for k in self.keys(self.numerator))
        bottom = sum(values[k] for k in self.keys(self.denominator)) - sum(values[k] for k in self.keys(self.minus))
        return float(top) / float(bottom) if bottom else None


INDICATORS: tuple[Indicator, ...] = (
    Indicator("实质公开率", ("予以公开", "部分公开"), ("办理结果总计",),
              definition="实质公开率 =（予以公开 + 部分公开）÷ 办理结果总计（表三“三、本年度办理结果”）"),
    Indicator("不予公开占比", ("不予公开",), ("办理结果总计",), definition="不予公开占比 = 不予公开（8项之和）÷ 办理结果总计"),
    Indicator("无法提供占比", ("无法提供",), ("办理结果总计",), definition="无法提供占比 = 无法提供（3项之和）÷ 办理结果总计"),
    Indicator("其中本机关不掌握", ("本机关不掌握相关政府信息",), ("办理结果总计",),
              definition="其中本机关不掌握 = 无法提供中“本机关不掌握相关政府信息”÷ 办理结果总计"),
    Indicator("不予处理占比", ("不予处理",), ("办理结果总计",), definition="不予处理占比 = 不予处理（5项之和）÷ 办理结果总计"),
    Indicator("行政复议纠错率", ("行政复议结果纠正",), ("行政复议总计",), ("行政复议尚未审结",),
              definition="行政复议纠错率 = 行政复议结果纠正 ÷ 已审结的行政复议（总计 − 尚未审结）（表四）"),
    Indicator("行政诉讼纠错率", ("行政诉讼结果纠正",), ("行政诉讼总计",), ("行政诉讼尚未审结",),
              definition="行政诉讼纠错率 = 行政诉讼结果纠正 ÷ 已审结的行政诉讼（总计 − 尚未审结，未经复议直接起诉与复议后起诉合计）"),
    Indicator("结转率", ("结转下年度",), ("本年新收和上年结转",),
              definition="结转率 = 结转下年度继续办理 ÷（本年新收 + 上年结转）（表三总计列）"),
)

BLANK_NOTE = "分母为0（例如没有收到申请、没有审结的复议或诉讼）时不计算，留空。"
CHANGE_NOTE = "较上年：本年比率减上年比率，单位为百分点；只列与上年报告配对的部门（batch/check --previous 上年文件夹）。"


def rates(values: dict[str, Number] | None) -> list[float | None]:
    return [i.rate(values) for i in INDICATORS]


def changes(now: dict[str, Number] | None, before: dict[str, Number] | None) -> list[float | None]:
    """Percentage points from last year's rate to this year's; None where either is unknown."""
    out: list[float | None] = []
    for i in INDICATORS:
        a, b = i.rate(now), i.rate(before)
        out.append(None if a is None or b is None else round((a - b) * 100, 1))
    return out
