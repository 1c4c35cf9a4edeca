"""Finished reports as other tools and websites make them, for `reportgen check 报告.docx`.

A table is a list of rows, each a list of (text, rowspan, colspan) placed as HTML places them. The
shapes start from the schema's grids and are varied the way real reports vary: merged headers
split into cells (label kept in every cell, or in the first only), an extra blank column or row,
（六）其他处理 as one row (23 body rows), table 二 cut into four tables, 2019 试行 table 二, labels
with spaces and line breaks, numbers with separators, full-width digits and "—" for zero. The
same tables are written with python-docx (real Word merges) or as a CMS page (layout tables,
&nbsp;, <br> in labels, GBK).
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

from reportgen.core import schema

Spec = list[list[tuple[str, int, int]]]

OPENING = "根据《中华人民共和国政府信息公开条例》要求，现公布本机关2025年度政府信息公开工作年度报告。"
NARRATIVE = [
    ("一、总体情况", ["（一）主动公开。本年度主动公开政府信息1200条。", "（二）依申请公开。全部按期答复。",
                   "（三）政府信息管理。规范发布审核。", "（四）政府信息公开平台建设。网站运行平稳。", "（五）监督保障。开展考核一次。"]),
    ("二、主动公开政府信息情况", []),
    ("三、收到和处理政府信息公开申请情况", []),
    ("四、政府信息公开行政复议、行政诉讼情况", []),
    ("五、存在的主要问题及改进情况", ["一是解读不够通俗。下一步，我们将加强政策解读。"]),
    ("六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
]


def printed_values(values: dict) -> dict[str, Decimal | int]:
    return schema.compute_totals(values)


def _number_text(v, style: str) -> str:
    if style == "dash" and v == 0:
        return "—"
    if style == "slash" and v == 0:
        return "/"
    text = f"{v:,}" if style == "sep" and isinstance(v, int) else str(v)
    if style == "unit":
        text += "件" if isinstance(v, int) else "万元"
    if style == "fullwidth":
        text = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    return text


def schema_spec(table: schema.Table, values: dict, numbers: str = "plain", override: dict | None = None) -> Spec:
    override = override or {}
    rows: Spec = []
    for cells in table.rows():
        row = []
        for c in cells:
            text = override.get(c.key, _number_text(values[c.key], numbers)) if c.is_value else c.text
            row.append((text, c.rowspan, c.colspan))
        rows.append(row)
    return rows


def grid_of(spec: Spec) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[tuple[int, int], str], int, int]:
    """Origins {(r,c): (rowspan, colspan)}, texts, rows, columns of a spec."""
    taken: set[tuple[int, int]] = set()
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    texts: dict[tuple[int, int], str] = {}
    n_cols = 0
    for r, row in enumerate(spec):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            origins[(r, c)] = (rs, cs)
            texts[(r, c)] = text
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    taken.add((rr, cc))
            c += cs
            n_cols = max(n_cols, c)
    return origins, texts, len(spec), n_cols


def flatten(spec: Spec, keep: str) -> Spec:
    """Every merged cell split into single cells; its text in each ("repeat") or the first ("first")."""
    origins, texts, n_rows, n_cols = grid_of(spec)
    slot_text: dict[tuple[int, int], str] = {}
    for (r, c), (rs, cs) in origins.items():
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                first = (rr, cc) == (r, c)
                slot_text[(rr, cc)] = texts[(r, c)] if first or keep == "repeat" else ""
    return [[(slot_text.get((r, c), ""), 1, 1) for c in range(n_cols)] for r in range(n_rows)]


def add_blank_column(spec: Spec, at: int) -> Spec:
    """A blank column inserted at grid column `at` (on a flat spec)."""
    return [row[:at] + [("", 1, 1)] + row[at:] for row in spec]


def add_blank_row(spec: Spec, at: int) -> Spec:
    n = sum(cs for _, _, cs in spec[-1])
    return spec[:at] + [[("", 1, 1)] * n] + spec[at:]


def t3_23_rows(values: dict, numbers: str = "plain") -> Spec:
    """Table 三 with （六）其他处理 as one row: the 2019 shape (its three items summed)."""
    spec = schema_spec(schema.TABLE_BY_KEY["t3"], values, numbers)
    out: Spec = []
    for r, row in enumerate(spec):
        if r in (24, 25):
            continue  # 2. and 3. of （六）: merged into row 23
        if r == 23:
            sums = [
                _number_text(sum(values[f"t3_{k}_{col}"] for k in ("other_no_correction", "other_no_fee", "other_other")), numbers)
                for col, _ in schema.T3_COLS
            ]
            out.append([("（六）其他处理", 1, 2)] + [(s, 1, 1) for s in sums])
            continue
        if r == 5:
            row = [(row[0][0], 20, 1)] + row[1:]  # 三、本年度办理结果 spans two rows fewer
        out.append(row)
    return out


def cut(spec: Spec, row: int) -> list[Spec]:
    """A flat table pasted as two tables at `row` (the second part has no header)."""
    return [spec[:row], spec[row:]]


WORDING_VARIANTS = {
    "一、本年新收政府信息公开申请数量": "一、本年度新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量": "二、上年度结转政府信息公开申请数量",
    "四、结转下年度继续办理": "四、结转下一年度继续办理",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开",
    "3.危及“三安全一稳定”": '3.危及"三安全一稳定"',
    "2.其他法律行政法规禁止公开": "2.其他法律、行政法规禁止公开",
    "本年收费金额（单位：万元）": "本年收费金额(万元)",
    "行政规范性文件": "规范性文件",
    "本年制发件数": "本年新制发件数",
}


def wording(spec: Spec) -> Spec:
    """Labels worded as some offices word them."""
    return [[(WORDING_VARIANTS.get(t, t), rs, cs) for t, rs, cs in row] for row in spec]


def labels_noisy(spec: Spec) -> Spec:
    """Labels with spaces, line breaks and ASCII brackets, as typed by hand."""

    def noisy(text: str) -> str:
        if not re.search("[\u4e00-\u9fff]", text):
            return text
        text = text.replace("（", "(").replace("）", ")")
        if len(text) >= 4:
            mid = len(text) // 2
            text = text[:mid] + "\n" + text[mid:]
        return " " + text.replace("、", "、 ") + " "

    return [[(noisy(t), rs, cs) for t, rs, cs in row] for row in spec]


def t2_split(values: dict, numbers: str = "plain") -> list[Spec]:
    """Table 二 as four tables, one per 第二十条 item (a common layout)."""
    spec = schema_spec(schema.TABLE_BY_KEY["t2"], values, numbers)
    return [spec[0:4], spec[4:7], spec[7:11], spec[11:14]]


def t2_2019() -> Spec:
    """Table 二 of the 2019 试行 format (国办公开办函〔2019〕60号)."""
    return [
        [("第二十条第（一）项", 1, 4)],
        [("信息内容", 1, 1), ("本年新制作数量", 1, 1), ("本年新公开数量", 1, 1), ("对外公开总数量", 1, 1)],
        [("规章", 1, 1), ("0", 1, 1), ("0", 1, 1), ("0", 1, 1)],
        [("规范性文件", 1, 1), ("3", 1, 1), ("3", 1, 1), ("25", 1, 1)],
        [("第二十条第（五）项", 1, 4)],
        [("信息内容", 1, 1), ("上一年项目数量", 1, 1), ("本年增/减", 1, 1), ("处理决定数量", 1, 1)],
        [("行政许可", 1, 1), ("12", 1, 1), ("0", 1, 1), ("128", 1, 1)],
        [("其他对外管理服务事项", 1, 1), ("0", 1, 1), ("0", 1, 1), ("0", 1, 1)],
        [("第二十条第（九）项", 1, 4)],
        [("信息内容", 1, 1), ("采购项目数量", 1, 1), ("采购总金额", 1, 2)],
        [("政府集中采购", 1, 1), ("2", 1, 1), ("35.6", 1, 2)],
    ]


def standard_tables(values: dict, numbers: str = "plain", override: dict | None = None) -> dict[str, list[Spec]]:
    return {
        t.key: [schema_spec(t, values, numbers, override)] for t in schema.TABLES
    }


# --- writers ---------------------------------------------------------------------------------


def write_docx(path: Path, tables: dict[str, list[Spec]], agency: str = "某某县某某局", year: int = 2025,
               date: str = "2026年1月20日", narrative=NARRATIVE, title: str | None = None) -> Path:
    """A report as a department's Word would hold it: python-docx paragraphs and merged tables."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(agency)
    doc.add_paragraph(title or f"{agency}{year}年政府信息公开工作年度报告")
    doc.add_paragraph(OPENING)
    for heading, paras in narrative:
        doc.add_paragraph(heading)
        for p in paras:
            doc.add_paragraph(p)
        key = {"二": "t2", "三": "t3", "四": "t4"}.get(heading[0])
        for spec in tables.get(key, []) if key else []:
            _docx_table(doc, spec)
    doc.add_paragraph(agency)
    doc.add_paragraph(date)
    doc.save(path)
    return path


def _docx_table(doc, spec: Spec) -> None:
    origins, texts, n_rows, n_cols = grid_of(spec)
    table = doc.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    for (r, c), (rs, cs) in origins.items():
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        lines = texts[(r, c)].split("\n")
        cell.paragraphs[0].text = lines[0]
        for extra in lines[1:]:
            cell.paragraphs[0].add_run().add_break()
            cell.paragraphs[0].add_run(extra)


def html_table(spec: Spec) -> str:
    rows = []
    for row in spec:
        tds = []
        for text, rs, cs in row:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            body = "<br>".join(html.escape(part).replace(" ", "&nbsp;") for part in text.split("\n"))
            tds.append(f'<td{attrs} style="border:1px solid #000"><p><span>{body or "&nbsp;"}</span></p></td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1" cellspacing="0" style="border-collapse:collapse"><tbody>' + "".join(rows) + "</tbody></table>"


def write_html(path: Path, tables: dict[str, list[Spec]], agency: str = "某某县某某局", year: int = 2025,
               date: str = "2026年1月20日", narrative=NARRATIVE, encoding: str = "utf-8", cms: bool = True,
               title: str | None = None) -> Path:
    """A page as a 政务公开 CMS publishes it: navigation, a metadata table, the article inside a
    layout table, &nbsp; indents, the title and the signature in <p>s, a footer after the date."""
    title = title or f"{agency}{year}年政府信息公开工作年度报告"
    body: list[str] = [f"<p style='text-align:center'><strong>{html.escape(title)}</strong></p>", f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{OPENING}</p>"]
    for heading, paras in narrative:
        body.append(f"<p>&nbsp;&nbsp;<strong>{html.escape(heading)}</strong></p>")
        body += [f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(p)}</p>" for p in paras]
        key = {"二": "t2", "三": "t3", "四": "t4"}.get(heading[0])
        for spec in tables.get(key, []) if key else []:
            body.append(html_table(spec))
    body.append(f"<p style='text-align:right'>{html.escape(agency)}</p>")
    body.append(f"<p style='text-align:right'>{html.escape(date)}</p>")
    article = "\n".join(body)
    charset = "gb2312" if encoding == "gb18030" else encoding
    if cms:
        page = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}_某某县人民政府</title><script>var x = "<p>一、总体情况</p>";</script>
<style>p {{ margin: 0 }}</style></head><body>
<div class="nav">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<table class="meta"><tr><td>索引号：</td><td>11632100-2026-00012</td><td>发布机构：</td><td>{html.escape(agency)}</td></tr>
<tr><td>发布日期：</td><td>2026-01-22</td><td>主题分类：</td><td>年度报告</td></tr></table>
<table width="100%"><tr><td>
<div class="TRS_Editor">
{article}
</div>
</td></tr></table>
<div class="footer">打印本页 关闭窗口<br>主办：某某县人民政府办公室 版权所有</div>
</body></html>"""
    else:
        page = f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}"><title>{html.escape(title)}</title></head><body>{article}</body></html>'
    path.write_bytes(page.encode(encoding))
    return path


def write_mhtml(path: Path, page: Path) -> Path:
    """A page saved as one file, as Chrome writes it (“网页，单个文件”): multipart/related, the HTML
    quoted-printable, its charset only in the page's own <meta>."""
    import quopri

    boundary = b"----MultipartBoundary--hmK0sQ8dY2----"
    head = (
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/zwgk/ndbg/1.html\r\n"
        b"Subject: =?utf-8?Q?report?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
        b'\ttype="text/html";\r\n\tboundary="' + boundary + b'"\r\n\r\n'
    )
    part = (
        b"--" + boundary + b"\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.example.gov.cn/zwgk/ndbg/1.html\r\n\r\n"
    )
    path.write_bytes(head + part + quopri.encodestring(page.read_bytes()) + b"\r\n--" + boundary + b"--\r\n")
    return path
