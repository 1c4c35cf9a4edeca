"""汇总.html: the county at a glance as one page that opens offline in any browser (batch --html).

The same as 汇总.xlsx: the status counts and the departments' 本年新收 and 实质公开率 as charts (inline
SVG, each with its text equivalent), one row per department in a table sortable by any column (a
button in each heading; aria-sort says the order), the 报送情况 with a roster, the round's marks,
and every problem under its department, linked from the table. No file beside it, no network, no
framework: a page a reviewer can mail. Accessible as the report page is (WCAG 2.1 AA under axe-core).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from reportgen.core.outfile import write_atomic
from reportgen.core.problems import LEVEL_TEXT
from reportgen.county.charts import NEW_REQUESTS, RATE, status_counts
from reportgen.county.indicators import INDICATORS
from reportgen.county.results import ERRORS, KEY_FIGURES, PASSED, WARNINGS, BatchResult, DepartmentResult

STATUS_CLASS = {PASSED: "ok", WARNINGS: "warn", ERRORS: "err", "未交": "none"}
_BAR = {"ok": "#2e7d32", "warn": "#8a6d00", "err": "#b71c1c", "none": "#616161"}  # 4.5:1 on white and under white text

_CSS = """
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "SimSun", sans-serif; margin: 1.5em auto;
  max-width: 72em; padding: 0 1em; color: #1a1a1a; background: #fff; line-height: 1.6; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin-bottom: .2em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #767676; padding: .25em .5em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: #1a1a1a; }
th button::after { content: " ⇅"; color: #595959; }
th[aria-sort=ascending] button::after { content: " ▲"; } th[aria-sort=descending] button::after { content: " ▼"; }
.ok { background: #e2efda; } .warn { background: #fff2cc; } .err { background: #f8cbad; } .none { background: #e0e0e0; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; }
figure { margin: 0; } figcaption { font-weight: bold; }
a { color: #0b57a4; } ul.problems { margin-top: .2em; }
.mark { font-size: .9em; padding: 0 .3em; border: 1px solid #767676; border-radius: .2em; }
"""

_SORT = """<script>
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.querySelectorAll("thead th");
  heads.forEach(function (th, col) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { if (h.querySelector("button")) h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
        var nx = parseFloat(x), ny = parseFloat(y), d;
        if (x === "" || y === "") d = (x === "") - (y === "");
        else d = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y, "zh-CN") : nx - ny;
        return up ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
</script>"""


def _number(v) -> str:
    return "" if v is None else str(v)


def _percent(v: float | None) -> str:
    return "" if v is None else f"{v:.1%}"


def _bars(title: str, rows: list[tuple[str, float | None, str, str]], scale: float, ident: str) -> str:
    """A horizontal bar chart as SVG: (label, value, shown value, class) per bar; its text alternative
    names every bar."""
    height, left, width = 24, 190, 300
    svg_h = height * len(rows) + 10
    bars = []
    for i, (label, value, shown, cls) in enumerate(rows):
        y = 5 + i * height
        w = 0 if value is None or scale <= 0 else max(1.0, width * float(value) / scale)
        short = label if len(label) <= 12 else label[:11] + "…"
        bars.append(
            f'<text x="{left - 6}" y="{y + 16}" text-anchor="end" font-size="13" fill="#1a1a1a">{escape(short)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{height - 8}" fill="{_BAR[cls]}"></rect>'
            f'<text x="{left + w + 5:.1f}" y="{y + 16}" font-size="13" fill="#1a1a1a">{escape(shown or "—")}</text>'
        )
    alt = "；".join(f"{label}：{shown or '无'}" for label, _, shown, _ in rows)
    return (
        f'<figure><figcaption id="{ident}">{escape(title)}</figcaption>'
        f'<svg role="img" aria-labelledby="{ident} {ident}-d" width="{left + width + 70}" height="{svg_h}" '
        f'viewBox="0 0 {left + width + 70} {svg_h}"><desc id="{ident}-d">{escape(alt)}</desc>{"".join(bars)}</svg></figure>'
    )


def render_page(result: BatchResult, folder: str, when: dt.datetime | None = None) -> str:
    """The page's HTML for a run's result (`folder`: the reviewed folder's name, for the title)."""
    results = result.results
    when = when or dt.datetime.now()
    title = f"{folder} 年度报告审核汇总"
    new_at = [label for label, _ in KEY_FIGURES].index(NEW_REQUESTS)
    rate = next(i for i in INDICATORS if i.name == RATE)
    counts = status_counts(results, result.sent)
    out = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n",
        f"<h1>{escape(title)}</h1>\n<p>{when:%Y年%m月%d日 %H:%M} 生成；共 {len(results)} 行（报告或部门）：",
        "，".join(f"{s} {n} 个" for s, n in counts) + "。</p>\n",
    ]
    out.append('<h2 id="charts">图表</h2>\n<div class="charts">')
    out.append(_bars("各状态的数量", [(s, n, str(n), STATUS_CLASS[s]) for s, n in counts], max((n for _, n in counts), default=0), "c-status"))
    figures = [r.figures()[new_at] for r in results]
    out.append(_bars(f"各部门{NEW_REQUESTS}（件）", [(r.name, v, _number(v), STATUS_CLASS[r.status]) for r, v in zip(results, figures)],
                     max((float(v) for v in figures if v is not None), default=0), "c-new"))
    rates = [rate.rate(r.values if not r.partial else None) for r in results]
    out.append(_bars(f"各部门{RATE}", [(r.name, v, _percent(v), STATUS_CLASS[r.status]) for r, v in zip(results, rates)], 1.0, "c-rate"))
    out.append("</div>\n")
    out.append(_table(results, rates, new_at))
    if result.sent is not None:
        out.append(_sent(result.sent))
    out.append(_problems(results, result))
    out.append("</main>\n" + _SORT + "\n</body>\n</html>\n")
    return "".join(out)


def _table(results: list[DepartmentResult], rates: list[float | None], new_at: int) -> str:
    heads = ["序号", "部门（文件夹）", "机关名称", "状态", *(label for label, _ in KEY_FIGURES), RATE, "问题数"]
    out = ['<h2 id="table">各部门</h2>\n<table class="sortable">\n<caption>每行一个部门或一份报告；点击列标题排序</caption>\n<thead><tr>']
    out += [f'<th scope="col" aria-sort="none"><button type="button">{escape(h)}</button></th>' for h in heads]
    out.append("</tr></thead>\n<tbody>\n")
    for i, (r, v) in enumerate(zip(results, rates), start=1):
        cells = [
            f'<td class="n" data-v="{i}">{i}</td>',
            f'<th scope="row" data-v="{escape(r.name)}"><a href="#d{i}">{escape(r.name)}</a></th>',
            f'<td data-v="{escape(r.agency)}">{escape(r.agency)}</td>',
            f'<td class="{STATUS_CLASS[r.status]}" data-v="{escape(r.status)}">{escape(r.status)}</td>',
        ]
        cells += [f'<td class="n" data-v="{_number(f)}">{_number(f)}</td>' for f in r.figures()]
        cells.append(f'<td class="n" data-v="{"" if v is None else v}">{_percent(v)}</td>')
        cells.append(f'<td class="n" data-v="{len(r.problems)}"><a href="#d{i}">{len(r.problems)}</a></td>')
        out.append("<tr>" + "".join(cells) + "</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _sent(sent) -> str:
    out = ['<h2 id="sent">报送情况</h2>\n<table>\n<caption>名单（', escape(sent.roster.name), '）上的单位，和名单外的报告</caption>\n<thead><tr>']
    out += [f'<th scope="col">{h}</th>' for h in ("单位", "类别", "报送文件", "状态")]
    out.append("</tr></thead>\n<tbody>\n")
    for r in sent.rows:
        out.append(f'<tr><th scope="row">{escape(r.unit)}</th><td>{escape(r.category)}</td><td>{escape("、".join(r.files))}</td>'
                   f'<td class="{STATUS_CLASS.get(r.status, "")}">{escape(r.status)}</td></tr>\n')
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _problems(results: list[DepartmentResult], result: BatchResult) -> str:
    found = result.round
    marks = iter(found.marks) if found is not None and found.compared else None
    out = ['<h2 id="problems">问题清单</h2>\n']
    if found is not None and found.compared:
        from reportgen.county.rounds import FIXED, NEW, STILL

        out.append(f"<p>与上次审核对照：{NEW} {found.total(NEW)} 个，{STILL} {found.total(STILL)} 个，{FIXED} {found.total(FIXED)} 个。</p>\n")
    for i, r in enumerate(results, start=1):
        n_err = sum(p.is_error for p in r.problems)
        out.append(f'<h3 id="d{i}">{escape(r.name)} {escape(r.agency)}：{escape(r.status)}'
                   f"（{n_err} 个错误，{len(r.problems) - n_err} 个提醒）</h3>\n")
        if r.problems:
            out.append('<ul class="problems">')
            for p in r.problems:
                mark = next(marks) if marks is not None else ""
                badge = f' <span class="mark">{mark}</span>' if mark else ""
                out.append(f"<li>{LEVEL_TEXT[p.level]} [{escape(p.rule)}] {escape(p.place())}：{escape(p.message)}{badge}</li>")
            out.append("</ul>\n")
        fixed = next((d.fixed for d in found.departments if d.name == r.name), []) if found is not None else []
        if fixed:
            out.append("<p>上次有、本次已改正：</p><ul>" + "".join(
                f"<li>{escape(f.level)} [{escape(f.rule)}] {escape(f.place)}：{escape(f.message)}</li>" for f in fixed) + "</ul>\n")
    if result.notes:
        out.append('<h3 id="folder">整个文件夹</h3>\n<ul class="problems">')
        for p in result.notes:
            mark = next(marks, "") if marks is not None else ""
            badge = f' <span class="mark">{mark}</span>' if mark else ""
            out.append(f"<li>{LEVEL_TEXT[p.level]} [{escape(p.rule)}] {escape(p.place())}：{escape(p.message)}{badge}</li>")
        out.append("</ul>\n")
    return "".join(out)


def write_page(result: BatchResult, target: Path) -> Path:
    """Write 汇总.html for `result` at `target` (atomically); returns the path."""
    write_atomic(render_page(result, target.parent.name).encode("utf-8"), target)
    return target
