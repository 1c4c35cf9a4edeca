"""Consistency rules (勾稽关系) and soft plausibility rules over a loaded Report.

Each rule is a function `(Report, Stats | None) -> Iterable[Problem]`, the second argument being last
year's statistics when `--previous` is given. Hard rules give errors, which block the build; soft
rules give warnings. Rule ids follow spec/official-format.md §1.6.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Iterable

from reportgen.checks import contradictions, doubled
from reportgen.core import schema
from reportgen.core.model import Report, Stats
from reportgen.core.problems import Problem, error, warning

Rule = Callable[[Report, "Stats | None"], Iterable[Problem]]


def _where(report: Report, *keys: str) -> str:
    """`依申请公开!D5,D6` for cells of one sheet (the sheet named once)."""
    refs = [report.stats.where.get(k) or _schema_where(k) for k in keys]
    sheet = refs[0].split("!")[0]
    return sheet + "!" + ",".join(r.split("!")[1] for r in refs)


def _schema_where(key: str) -> str:
    table, cell = schema.value_cell(key)
    return f"{table.sheet}!{schema.excel_ref(cell)}"


_TOTAL_RULE_TEXT = {
    "T3-ROW": "总计应等于自然人与五类法人或其他组织之和",
    "T3-SUM7": "（七）总计应等于（一）至（六）各项之和",
    "T4-SUM": "总计应等于结果维持、结果纠正、其他结果、尚未审结之和",
}


def entered_totals(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """T3-ROW / T3-SUM7 / T4-SUM: a total the clerk typed (or the spreadsheet cached) must equal
    the sum of its parts. A blank total is computed, never an error."""
    stats = report.stats
    for key, (entered, where) in sorted(stats.entered_totals.items(), key=lambda kv: schema.VALUE_KEYS.index(kv[0])):
        total = schema.TOTAL_BY_KEY[key]
        computed = stats.values[key]
        if entered != computed:
            parts = "+".join(str(stats.values[p]) for p in total.parts)
            yield error(
                total.rule,
                report.workbook_name,
                where,
                f"填写的总计是 {entered}，但{_TOTAL_RULE_TEXT[total.rule]}：{parts} = {computed}。"
                "请改正分项或总计（总计可以留空，由程序计算）",
            )


def t3_balance(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """T3-BAL: per column, 一 + 二 = 三（七） + 四 (the note in the table's corner cell). Two columns
    off by +1 and −1 while 总计 balances: most likely one request counted in the wrong column."""
    v = report.stats.values
    off = {}
    for col, _ in schema.T3_COLS:
        new, carried_in, done, carried_out = (v[k] for k in _t3_keys(col))
        off[col] = new + carried_in - done - carried_out
    swapped = sorted(c for c in schema.T3_PART_COLS if off[c]) if not off["total"] else []
    swapped = swapped if len(swapped) == 2 and sorted(off[c] for c in swapped) == [-1, 1] else []
    labels = dict(schema.T3_COLS)
    for col, label in schema.T3_COLS:
        keys = _t3_keys(col)
        new, carried_in, done, carried_out = (v[k] for k in keys)
        if off[col]:
            other = next((labels[c] for c in swapped if c != col), None)
            hint = f"（“{other}”列正好差得相反，总计相符：可能是同一件申请归错了列）" if other else ""
            yield error(
                "T3-BAL",
                report.workbook_name,
                _where(report, *keys),
                f"“{label}”列不平衡：一、本年新收 {new} + 二、上年结转 {carried_in} = {new + carried_in}，"
                f"但三、办理结果（七）总计 {done} + 四、结转下年度继续办理 {carried_out} = {done + carried_out}。"
                f"两边应相等，请核对本列的办理结果和结转数{hint}",
            )


def _t3_keys(col: str) -> tuple[str, str, str, str]:
    return (f"t3_new_{col}", f"t3_carried_in_{col}", f"t3_total_{col}", f"t3_carried_out_{col}")


def date_deadline(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """DATE: 条例第四十九条 — departments by 1月31日 of the next year, a government's report by 3月31日."""
    meta = report.meta
    if meta.date is None or meta.year is None:
        return
    where = schema.fact_where("date")
    start = dt.date(meta.year + 1, 1, 1)
    government = meta.report_kind == "本级政府"
    end = meta.legal_deadline
    if meta.date < start:
        yield error(
            "DATE",
            report.workbook_name,
            where,
            f"成文日期 {meta.date_text} 早于{meta.year}年度结束：{meta.year}年度报告的成文日期应在"
            f"{start.year}年1月1日至{end.month}月{end.day}日之间。请核对成文日期和年度",
        )
    elif meta.date > end:
        who = "本级人民政府的年度报告应在3月31日前" if government else "部门的年度报告应在1月31日前"
        yield error(
            "DATE",
            report.workbook_name,
            where,
            f"成文日期 {meta.date_text} 晚于期限：按《政府信息公开条例》第四十九条，{who}公布"
            f"（{end.year}年{end.month}月{end.day}日）。请核对成文日期；如是本级政府的年度报告，请在“报告类型”填“本级政府”",
        )


# --- narrative against tables (soft) ---------------------------------------------------------
# A published text names many figures besides the table's: 行政复议申请, 信访, 行政许可申请, the
# parts after "其中". A wrong warning teaches clerks to ignore warnings, so a figure is compared only
# when its words leave no doubt that it is the table's own figure.

_NUM = r"(\d+)\s*(?:件|个|起|宗|次)"
_GAP = r"[^。；，,\d]{0,14}?"
# Words that make a 申请/办结 figure something other than an information-disclosure request.
_NOT_REQUESTS = re.compile(r"复议|诉讼|起诉|信访|投诉|举报|许可|审批|听证|提案|建议|咨询|留言|来信|热线|依法行政")
# Words that make a 行政复议/行政诉讼 figure a part (by result) or a mixed sum, not the table's total.
_NOT_TOTAL = re.compile(r"维持|纠正|纠错|撤销|驳回|确认|其他|尚未|审结|败诉|胜诉|其中|和|与|及|、")
# Words that make a 收到/办结 figure one result among others ("办结的申请中同意公开答复 9 件"), not the whole.
_A_PART = re.compile(r"中|同意|予以|不予|部分|无法提供|不同意|告知|其他处理|撤回|逾期")
# "其中…" and parenthesised asides give parts of a figure, never the figure itself.
_ASIDE = re.compile(r"[（(][^）)]*[）)]")


# Words before a figure, in its clause, that say it of a part: one office, one channel, "其中"
# ("区政府办代表区政府受理…17件", "通过网络平台受理申请12件", "当面申请3件"): never compared with the whole.
_A_CHANNEL = re.compile(r"代表|其中|通过[^，,。；]{0,12}?(?:平台|网站|网络|系统|邮箱|信函|电子邮件)|网上|网络|当面|信函|邮寄|传真|现场|窗口")


def _clause_before(sentence: str, end: int) -> str:
    """The words of SENTENCE's clause before position END."""
    return re.split(r"[，,；;：:]", sentence[:end])[-1]


_NOT_REQUESTS_OR_PARTS = re.compile(f"{_NOT_REQUESTS.pattern}|{_A_PART.pattern}")


def _quote_rules(v: dict) -> list[tuple[str, re.Pattern[str], set[int], str, re.Pattern[str]]]:
    """(what, pattern, accepted values, table figure, words that disqualify the match)."""
    new, carried_in = v["t3_new_total"], v["t3_carried_in_total"]
    suits = v["t4_direct_total"] + v["t4_after_review_total"]
    return [
        ("上年结转的申请", re.compile(r"上年结转" + _GAP + _NUM), {carried_in}, f"上年结转 {carried_in} 件", _NOT_REQUESTS),
        (
            "收到的申请",
            re.compile(r"(?:新收|收到|受理)" + _GAP + r"申请(?!人|行政复议|复议)" + _GAP + _NUM),
            {new, new + carried_in},
            f"本年新收 {new} 件" + (f"（连同上年结转共 {new + carried_in} 件）" if carried_in else ""),
            _NOT_REQUESTS_OR_PARTS,
        ),
        (
            "结转下年度的申请",
            re.compile(r"结转(?:下|至下|到下)年度?" + _GAP + _NUM),
            {v["t3_carried_out_total"]},
            f"结转下年度 {v['t3_carried_out_total']} 件",
            _NOT_REQUESTS,
        ),
        (
            "办结的申请",
            re.compile(r"(?:办结|(?<!公开)(?<!予以)(?<!告知)答复|办理完毕)" + _GAP + _NUM),
            {v["t3_total_total"]},
            f"办理结果总计 {v['t3_total_total']} 件",
            _NOT_REQUESTS_OR_PARTS,
        ),
        ("行政复议", re.compile(r"行政复议" + _GAP + _NUM), {v["t4_review_total"]}, f"行政复议总计 {v['t4_review_total']} 件", _NOT_TOTAL),
        ("行政诉讼", re.compile(r"行政诉讼" + _GAP + _NUM), {suits}, f"行政诉讼总计 {suits} 件", _NOT_TOTAL),
    ]


_NONE_RULES = (
    (
        "政府信息公开申请",
        # "未收到…申请" about requests, not "未收到行政复议申请" nor "没有收到…申请行政复议".
        re.compile(r"(?:未|没有)(?:收到|受理|接到)[^。；，,]{0,24}?申请(?!人|行政复议|复议|提起|诉讼|书)"),
        "t3_new_total",
        "本年新收",
        _NOT_REQUESTS,
    ),
    (
        "行政复议",
        re.compile(r"(?<!尚)(?:未|没有)(?!经)(?:发生|收到)?[^。；]{0,20}?行政复议|无[^。；]{0,6}?行政复议"),
        "t4_review_total",
        "行政复议总计",
        re.compile(r"未经|审结|决定|纠正|纠错|维持|撤销|败诉|确认违法"),
    ),
    (
        "行政诉讼",
        re.compile(r"(?<!尚)(?:未|没有)(?!经)(?:发生|收到)?[^。；]{0,20}?行政诉讼|无[^。；]{0,6}?行政诉讼"),
        ("t4_direct_total", "t4_after_review_total"),
        "行政诉讼总计",
        re.compile(r"未经|审结|判决|裁定|纠正|纠错|维持|撤销|败诉|确认违法"),
    ),
)


def _all_blocks(report: Report):
    yield from report.narrative.opening
    for blocks in report.narrative.sections.values():
        yield from blocks


def _sentences(text: str) -> Iterable[str]:
    """Sentences without asides: parentheses dropped, and everything from "其中" on."""
    for sentence in re.split(r"[。；;！？!?]", _ASIDE.sub("", text)):
        yield sentence.split("其中", 1)[0]


def _to_clause_end(sentence: str, m: re.Match[str]) -> str:
    """The match and the rest of its clause (up to the next comma)."""
    ends = [i for i in (sentence.find("，", m.end()), sentence.find(",", m.end())) if i != -1]
    return sentence[m.start() : min(ends, default=len(sentence))]


def text_vs_tables(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """TXT: figures quoted in the narrative must equal the tables. A total printed (or entered)
    unlike the sum of its parts is the figure the reader sees: the message quotes it, and a text
    agreeing with either is not questioned (the sum itself is another rule's)."""
    v = report.stats.values
    printed = {**v, **{key: entered for key, (entered, _) in report.stats.entered_totals.items()}}
    rules = [
        (what, pattern, accepted | computed[2], figure, disqualify)
        for (what, pattern, accepted, figure, disqualify), computed in zip(_quote_rules(printed), _quote_rules(v))
    ]
    for block in _all_blocks(report):
        for sentence in _sentences(block.head + block.text):
            seen_spans: list[tuple[int, int]] = []
            for what, pattern, accepted, figure, disqualify in rules:
                for m in pattern.finditer(sentence):
                    if any(a <= m.start(1) < b for a, b in seen_spans):
                        continue  # already judged by a more specific rule (上年结转 before 收到)
                    seen_spans.append((m.start(1), m.end(1)))
                    if disqualify.search(m.group(0)) or _A_CHANNEL.search(_clause_before(sentence, m.start())):
                        continue
                    quoted = int(m.group(1))
                    if quoted not in accepted:
                        yield warning(
                            "TXT",
                            report.narrative_name,
                            f"第{block.line}行",
                            f"正文写{what} {quoted} 件（“{m.group(0)}”），但统计表是{figure}：请核对正文或统计表",
                        )
            for what, pattern, keys, label, disqualify in _NONE_RULES:
                # The words after the match count too: "无一起行政复议被纠错" is about results.
                if any(not disqualify.search(_to_clause_end(sentence, m)) for m in pattern.finditer(sentence)):
                    keys = keys if isinstance(keys, tuple) else (keys,)
                    figure = sum(v[k] for k in keys)
                    if figure:
                        yield warning(
                            "TXT",
                            report.narrative_name,
                            f"第{block.line}行",
                            f"正文说没有{what}，但统计表的{label}是 {figure} 件：请核对正文或统计表",
                        )


def _heading_where(report: Report, section_key: str) -> str:
    """`第N行` of a section's heading in the narrative ("" when the heading is missing)."""
    line = report.narrative.heading_lines.get(section_key)
    return f"第{line}行" if line else ""


NOTHING = ("无", "暂无", "没有", "无其他需要报告的事项", "本年度无其他需要报告的事项")


def section5_not_empty(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """SEC5: 存在的主要问题及改进情况 must say something real."""
    blocks = report.narrative.sections["problems"]
    text = "".join(b.head + b.text for b in blocks).strip("。. ")
    if not text or text in NOTHING[:3]:
        yield warning(
            "SEC5",
            report.narrative_name,
            _heading_where(report, "problems"),
            "“五、存在的主要问题及改进情况”不能空着或只写“无”：请写明存在的问题和改进措施（年度报告评议常见扣分项）",
        )


# The fee stated in the office's own words: "信息处理费", "未发生收费情况", "未收取任何费用".
_FEE_STATED = re.compile(r"信息处理费|收费|收取[^。；]{0,12}?费|费用")


def section6_fee(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """SEC6: section 六 should state the 信息处理费 collected, even if none. A section that says
    only 无 states that nothing is to be reported, the fee included (the published sample does)."""
    text = "".join(b.head + b.text for b in report.narrative.sections["other"])
    if not _FEE_STATED.search(text) and text.strip("。. ") not in NOTHING:
        yield warning(
            "SEC6",
            report.narrative_name,
            _heading_where(report, "other"),
            "“六、其他需要报告的事项”建议写明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，"
            "未收取也写明，例如“本年度未收取信息处理费”",
        )


def t2_rules_zero(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """T2-RULES: county and township bodies make no 规章. Silent where the level is not certain
    (a 设区的市 and a county-level city are both "某某市"): a wrong warning costs more than a missed one."""
    from reportgen.checks import agencylevel

    v = report.stats.values
    keys = [f"t2_rules_{c}" for c, _ in schema.T2_DOC_COLS]
    if not any(v[k] for k in keys):
        return
    meta = report.meta
    level = meta.level or agencylevel.from_name(meta.agency)
    if level is None or level in agencylevel.RULE_MAKING:
        return
    told = "（基本信息表中填写的机关层级）" if meta.level else f"（从机关名称“{meta.agency}”判断）"
    yield warning(
        "T2-RULES",
        report.workbook_name,
        _where(report, *keys),
        f"本机关是{level}机关{told}，只有国务院部门和省、自治区、直辖市、设区的市、自治州人民政府能制定规章，"
        "“规章”一行一般应为0：请核对是否应填在“行政规范性文件”一行。如层级判断有误，请在基本信息表“机关层级”中填写",
    )


def format_2019(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """FORMAT: words of the superseded 2019 试行 format in the text suggest last year's template."""
    for block in _all_blocks(report):
        for marker in schema.FORMAT_2019_MARKERS:
            if marker in block.head + block.text:
                yield warning(
                    "FORMAT",
                    report.narrative_name,
                    f"第{block.line}行",
                    f"“{marker}”是2019年试行格式的用语，2021年起的年度报告已不使用：请按现行格式（国办公开办函〔2021〕30号）改写",
                )


# --- against last year (--previous) ----------------------------------------------------------


def carried_over(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """X-YEAR: this year's 上年结转 equals last year's 结转下年度继续办理, per column."""
    if previous is None:
        return
    for col, label in schema.T3_COLS:
        now, before = report.stats.values[f"t3_carried_in_{col}"], previous.values[f"t3_carried_out_{col}"]
        if now != before:
            last_where = previous.where.get(f"t3_carried_out_{col}", "")
            yield error(
                "X-YEAR",
                report.workbook_name,
                _where(report, f"t3_carried_in_{col}"),
                f"“{label}”列的上年结转是 {now}，但上一年度报告的结转下年度继续办理是 {before}"
                f"（{last_where}）：两者应相等，请核对",
            )


def stock_plausible(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """T2-STOCK: 现行有效(N) = 现行有效(N−1) + 本年制发(N) − 本年废止(N), for 规章 and 行政规范性文件."""
    if previous is None:
        return
    v = report.stats.values
    for row, label in schema.T2_ROWS[:2]:
        expected = previous.values[f"t2_{row}_in_force"] + v[f"t2_{row}_made"] - v[f"t2_{row}_repealed"]
        if v[f"t2_{row}_in_force"] != expected:
            yield warning(
                "T2-STOCK",
                report.workbook_name,
                _where(report, f"t2_{row}_in_force"),
                f"“{label}”现行有效件数是 {v[f't2_{row}_in_force']}，按上年现行有效 {previous.values[f't2_{row}_in_force']}"
                f" + 本年制发 {v[f't2_{row}_made']} − 本年废止 {v[f't2_{row}_repealed']} 应为 {expected}：请核对（如有清理、失效，可忽略本提醒）",
            )


JUMP_KEYS: tuple[tuple[str, str], ...] = (
    ("t3_new_total", "本年新收申请总计"),
    ("t3_total_total", "办理结果总计"),
    ("t2_licensing", "行政许可处理决定数量"),
    ("t2_penalty", "行政处罚处理决定数量"),
    ("t2_coercion", "行政强制处理决定数量"),
    ("t4_review_total", "行政复议总计"),
)
JUMP_MIN = 10  # below this, a jump from 1 to 6 is not news


def year_on_year(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """JUMP: year-on-year ratios above 5 or below 0.2 are flagged for a second look."""
    if previous is None:
        return
    for key, label in JUMP_KEYS:
        now, before = report.stats.values[key], previous.values[key]
        if max(now, before) < JUMP_MIN:
            continue
        if before == 0 or now == 0 or now / before > 5 or now / before < 0.2:
            yield warning(
                "JUMP",
                report.workbook_name,
                _where(report, key),
                f"{label}由上年的 {before} 变为 {now}，变化超过5倍：请核对是否填错（确实如此可忽略本提醒）",
            )


def plausible_size(report: Report, previous: Stats | None = None) -> Iterable[Problem]:
    """BIG: a count far beyond its row's scale, or (with --previous) above ten times last year's."""
    v = report.stats.values
    jumped = {key for key, _ in JUMP_KEYS}
    for key in schema.INPUT_KEYS:
        if schema.kind_of(key) != schema.COUNT:
            continue
        now = v[key]
        limit = next(((m, what) for prefix, m, what in schema.PLAUSIBLE_MAX if key.startswith(prefix)), None)
        if limit is not None and now > limit[0]:
            yield warning(
                "BIG",
                report.workbook_name,
                _where(report, key),
                f"填写的是 {now}，超过了{limit[1]}的合理范围（{limit[0]}）：请核对是否多打了数字或误粘贴了其他号码（确实如此可忽略本提醒）",
            )
            continue
        if previous is None or key in jumped:
            continue
        before = previous.values[key]
        if before and now >= schema.GROWTH_MIN and now > schema.GROWTH_MAX * before:
            yield warning(
                "BIG",
                report.workbook_name,
                _where(report, key),
                f"填写的是 {now}，上年是 {before}，增加到{now // before}倍以上：请核对是否多打了数字（确实如此可忽略本提醒）",
            )


RULES: tuple[Rule, ...] = (
    entered_totals,
    t3_balance,
    date_deadline,
    carried_over,
    text_vs_tables,
    section5_not_empty,
    section6_fee,
    t2_rules_zero,
    format_2019,
    stock_plausible,
    year_on_year,
    plausible_size,
    contradictions.other_year,
    contradictions.all_done,
    doubled.doubled_words,
)


# The parts of the clerk's files each rule reads: the facts (基本信息), a table (t2, t3, t4), the
# narrative. A rule runs when every part it reads was read without an error, so that one missing
# fact (an empty 成文日期) never hides the tables' errors: the clerk gets them all at once.
FACTS, NARRATIVE = "facts", "narrative"
TABLE_PARTS = tuple(t.key for t in schema.TABLES)
PARTS = (FACTS, *TABLE_PARTS, NARRATIVE)
NEEDS: dict[Rule, tuple[str, ...]] = {
    entered_totals: TABLE_PARTS,
    t3_balance: ("t3",),
    date_deadline: (FACTS,),
    carried_over: ("t3",),
    text_vs_tables: (NARRATIVE, *TABLE_PARTS),
    section5_not_empty: (NARRATIVE,),
    section6_fee: (NARRATIVE,),
    t2_rules_zero: ("t2", FACTS),
    format_2019: (NARRATIVE,),
    stock_plausible: ("t2",),
    year_on_year: TABLE_PARTS,
    plausible_size: TABLE_PARTS,
    contradictions.other_year: (NARRATIVE, FACTS),
    contradictions.all_done: (NARRATIVE, "t3"),
    doubled.doubled_words: (NARRATIVE,),
}


def run(report: Report, previous: Stats | None = None, unread: frozenset[str] | set[str] = frozenset()) -> list[Problem]:
    """Every rule whose parts were all read (`unread`: the PARTS that had reading errors)."""
    out: list[Problem] = []
    for rule in RULES:
        if not unread.intersection(NEEDS[rule]):
            out.extend(rule(report, previous))
    return out
