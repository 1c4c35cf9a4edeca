"""The report as one self-contained HTML page for the 政务公开 website.

Built from the same Report and schema grids as the .docx: the same header, title, headings and
paragraphs in the same order, and the three tables with the same merged cells (rowspan/colspan).
All CSS is inline in the page; there are no scripts, images, fonts or links to load, so the page
can be uploaded as a single file. Every piece of text is escaped.
"""

from __future__ import annotations

from html import escape

from reportgen.core import schema
from reportgen.core.model import Block, Report
from reportgen.render import layout as L


def _font(*names: str) -> str:
    """A CSS font stack: the official face, its Windows/Linux equivalents, then a generic family."""
    out: list[str] = []
    for name in names:
        for candidate in (name, L.FONT_ALT.get(name, "")):
            if candidate and candidate not in out:
                out.append(candidate)
    return ", ".join(f'"{n}"' for n in out)


_CSS = f"""
body {{ margin: 0; background: #f3f3f3; color: #000; }}
main {{ max-width: 820px; margin: 24px auto; padding: 48px 56px; background: #fff;
  font-family: {_font(L.FONT_FANGSONG, L.FONT_SONG)}, "Noto Serif CJK SC", serif; font-size: 18px; line-height: 1.9; }}
.org-mark {{ color: #{L.RED}; text-align: center; font-family: {_font(L.FONT_XBS, L.FONT_SONG)}, serif;
  font-size: 34px; line-height: 1.2; margin: 0; white-space: nowrap; text-indent: 0; }}
.org-mark .line {{ display: inline-block; }}
.org-mark .condensed {{ display: inline-block; transform-origin: left; }}
.doc-number {{ text-align: center; text-indent: 0; margin: 8px 0 0; }}
.rule {{ border: 0; border-top: 2px solid #{L.RED}; margin: 8px 0 32px; }}
h1 {{ text-align: center; font-family: {_font(L.FONT_XBS, L.FONT_SONG)}, serif; font-size: 26px;
  font-weight: normal; line-height: 1.5; margin: 0 0 24px; }}
h2 {{ font-family: {_font(L.FONT_HEITI)}, sans-serif; font-size: 18px; font-weight: normal; text-indent: 2em; margin: 0; }}
h3, .runin {{ font-family: {_font(L.FONT_KAITI)}, serif; font-size: 18px; font-weight: normal; }}
h3, h4, h5 {{ text-indent: 2em; margin: 0; font-size: 18px; font-weight: normal; }}
p {{ text-indent: 2em; margin: 0; text-align: justify; }}
.table-wrap {{ overflow-x: auto; margin: 8px 0 16px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 14px; line-height: 1.4; }}
th, td {{ border: 1px solid #000; padding: 4px 3px; text-align: center; vertical-align: middle; font-weight: normal; }}
td.label {{ text-align: left; }}
.signature, .date {{ text-align: right; text-indent: 0; padding-right: 4em; }}
.signature {{ margin-top: 2em; }}
"""


def _blocks(blocks: list[Block]) -> list[str]:
    out = []
    for b in blocks:
        if b.kind == "h2":
            out.append(f"<h3>{escape(b.text)}</h3>")
        elif b.kind == "h3":
            out.append(f"<h4>{escape(b.text)}</h4>")
        elif b.kind == "h4":
            out.append(f"<h5>{escape(b.text)}</h5>")
        elif b.kind == "runin":
            out.append(f'<p><span class="runin">{escape(b.head)}</span>{escape(b.text)}</p>')
        else:
            out.append(f"<p>{escape(b.text)}</p>")
    return out


def _table(table: schema.Table, report: Report) -> str:
    widths = "".join(f'<col style="width:{w / 156 * 100:.2f}%">' for w in table.col_widths_mm)
    rows = []
    for r, cells in enumerate(table.rows()):
        tds = []
        for c in cells:
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            if c.is_value:
                assert c.key is not None
                tds.append(f"<td{span}>{escape(report.stats.display(c.key))}</td>")
            elif c.header:
                tds.append(f'<th scope="col"{span}>{escape(c.text)}</th>')
            else:
                cls = ' class="label"' if table.label_align(c) == "left" else ""
                tds.append(f'<th scope="row"{cls}{span}>{escape(c.text)}</th>')
        thead = r < table.header_rows
        rows.append((thead, f"<tr>{''.join(tds)}</tr>"))
    head = "".join(tr for is_head, tr in rows if is_head)
    body = "".join(tr for is_head, tr in rows if not is_head)
    thead = f"<thead>{head}</thead>" if head else ""
    return f'<div class="table-wrap"><table><colgroup>{widths}</colgroup>{thead}<tbody>{body}</tbody></table></div>'


def _org_mark(agency: str) -> str:
    """The header by the rule of the .docx (layout.org_mark_layout): the same lines, the same
    relative size, the same character width. A condensed line keeps its condensed width in the
    flow (outer span, width in em known from the text), so it stays centred."""
    lines, half_points, scale = L.org_mark_layout(agency)
    size = f' style="font-size:{half_points / L.SZ_ORG_MARK_MAX:.3f}em"' if half_points != L.SZ_ORG_MARK_MAX else ""
    spans = []
    for line in lines:
        if scale == 100:
            spans.append(f'<span class="line">{escape(line)}</span>')
        else:
            width = L.text_width_em(line) * scale / 100
            spans.append(
                f'<span class="line" style="width:{width:.2f}em">'
                f'<span class="condensed" style="transform:scaleX({scale / 100:.2f})">{escape(line)}</span></span>'
            )
    return f'<p class="org-mark"><span{size}>{"<br>".join(spans)}</span></p>'


def render_html(report: Report) -> str:
    """The whole page as a string (UTF-8 when written)."""
    meta, narrative = report.meta, report.narrative
    parts = [_org_mark(meta.agency)]
    if meta.doc_number:
        parts.append(f'<p class="doc-number">{escape(meta.doc_number)}</p>')
    parts.append('<hr class="rule">')
    parts.append(f"<h1>{'<br>'.join(escape(line) for line in L.balanced_title_lines(report.title, agency=meta.agency))}</h1>")
    parts += _blocks(narrative.opening)
    for section in schema.SECTIONS:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts += _blocks(narrative.sections[section.key])
        if section.table:
            parts.append(_table(schema.TABLE_BY_KEY[section.table], report))
    parts.append(f'<p class="signature">{escape(meta.signature or meta.agency)}</p>')
    parts.append(f'<p class="date">{escape(meta.date_text)}</p>')
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
