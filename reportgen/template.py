"""Build the default report template (templates/report.docx) from the schema and the layout.

    python -m reportgen.template [OUT]

The template is a docxtpl document: the red header, title, the six sections with loops over the
narrative blocks, the three statistics tables in their fixed official shape (merged headers, one
placeholder per value cell), the signature block and odd/even page-number footers. A test proves
the committed file equals a fresh build, so edit this script, never the .docx by hand.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from lxml import etree

from . import layout as L
from . import resources
from . import schema
from .ooxml import NSDECL, deterministic_zip, page_field_runs, para, ppr, rpr, run, w

DEFAULT_TEMPLATE = resources.default_template()

# Paragraph styles (styleId, display name, pPr, rPr); display names are what an office sees in Word.
BODY = "GwBody"
H1, H2, H3, H4 = "GwHeading1", "GwHeading2", "GwHeading3", "GwHeading4"
ORG_MARK, DOC_NO, TITLE = "GwOrgMark", "GwDocNumber", "GwTitle"
SIGNATURE, DATE = "GwSignature", "GwDate"
TABLE_TEXT, TABLE_HEAD = "GwTableText", "GwTableHead"
FOOTER_ODD, FOOTER_EVEN = "GwFooterOdd", "GwFooterEven"
BLANK = "GwBlank"
KAI_CHAR = "GwKaiChar"

_BODY_PPR = dict(snap=False, before=0, after=0, line=L.LINE_PITCH)


def _styles_xml() -> str:
    body_rpr = rpr(L.FONT_FANGSONG, spacing=L.CHAR_SPACING, sz=L.SZ_BODY)

    def pstyle(sid: str, name: str, p: str, r: str, based: str = BODY, next_: str | None = BODY) -> str:
        nxt = f'<w:next w:val="{next_}"/>' if next_ else ""
        return (
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based}"/>{nxt}<w:qFormat/>{p}{r}</w:style>'
        )

    indent = dict(ind_first=L.FIRST_LINE_INDENT)
    table_ppr = ppr(snap=False, before=0, after=0, line=240, line_rule="auto", ind_first=0, jc="center")
    styles = [
        # docDefaults: zh-CN East Asian language, explicit fonts (no theme), exact 579 lines.
        "<w:docDefaults><w:rPrDefault>"
        + rpr(L.FONT_FANGSONG, sz=L.SZ_BODY, lang=True)
        + "</w:rPrDefault><w:pPrDefault>"
        + ppr(**_BODY_PPR)
        + "</w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        # No hanging punctuation: every line stays inside the 156 mm type area.
        + ppr(widow=False, overflow_punct=False, **_BODY_PPR, jc="both")
        + body_rpr
        + "</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        pstyle(BODY, "公文正文", ppr(**indent, jc="both"), body_rpr, based="Normal"),
        pstyle(BLANK, "公文空行", ppr(ind_first=0), ""),
        pstyle(H1, "一级标题（黑体）", ppr(keep_next=True, **indent), rpr(L.FONT_HEITI, L.FONT_HEITI, bold=False)),
        pstyle(H2, "二级标题（楷体）", ppr(keep_next=True, **indent), rpr(L.FONT_KAITI, bold=False)),
        pstyle(H3, "三级标题（仿宋）", ppr(keep_next=True, **indent), ""),
        pstyle(H4, "四级标题（仿宋）", ppr(keep_next=True, **indent), ""),
        pstyle(
            ORG_MARK,
            "发文机关标志（红头）",
            ppr(keep_next=True, ind_first=0, jc="center"),
            rpr(L.FONT_XBS, L.FONT_XBS, color=L.RED, spacing=0, sz=L.SZ_ORG_MARK_MAX),
        ),
        pstyle(DOC_NO, "发文字号", ppr(keep_next=True, ind_first=0, jc="center"), ""),
        pstyle(TITLE, "公文标题", ppr(keep_next=True, ind_first=0, jc="center"), rpr(L.FONT_XBS, L.FONT_XBS, spacing=0, sz=L.SZ_TITLE)),
        pstyle(SIGNATURE, "发文机关署名", ppr(ind_first=0, jc="right"), ""),
        pstyle(DATE, "成文日期", ppr(ind_first=0, jc="right"), ""),
        pstyle(TABLE_TEXT, "表格文字", table_ppr, rpr(spacing=0, sz=21), next_=None),
        pstyle(TABLE_HEAD, "表格表头", table_ppr, rpr(spacing=0, sz=21), based=TABLE_TEXT, next_=None),
        pstyle(FOOTER_ODD, "页码（单页）", ppr(snap=False, line=240, line_rule="auto", ind_first=0, ind_right=280, jc="right"),
               rpr(L.FONT_SONG, L.FONT_SONG, spacing=0, sz=L.SZ_PAGE_NUMBER), next_=None),
        pstyle(FOOTER_EVEN, "页码（双页）", ppr(snap=False, line=240, line_rule="auto", ind_first=0, ind_left=280, jc="left"),
               rpr(L.FONT_SONG, L.FONT_SONG, spacing=0, sz=L.SZ_PAGE_NUMBER), next_=None),
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{KAI_CHAR}"><w:name w:val="二级标题文字（楷体）"/>'
        f"{rpr(L.FONT_KAITI)}</w:style>",
        '<w:style w:type="table" w:customStyle="1" w:styleId="GwTable"><w:name w:val="公文表格"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders></w:tblPr></w:style>",
    ]
    return f'<w:styles {NSDECL}>{"".join(styles)}</w:styles>'


def _font_table_xml() -> str:
    fonts = [
        (L.FONT_LATIN, None, "00", "roman"),
        (L.FONT_FANGSONG, L.FONT_ALT[L.FONT_FANGSONG], "86", "modern"),
        (L.FONT_KAITI, L.FONT_ALT[L.FONT_KAITI], "86", "modern"),
        (L.FONT_HEITI, L.FONT_ALT[L.FONT_HEITI], "86", "modern"),
        (L.FONT_XBS, L.FONT_ALT[L.FONT_XBS], "86", "script"),
        (L.FONT_SONG, L.FONT_ALT[L.FONT_SONG], "86", "auto"),
    ]
    body = "".join(
        f'<w:font w:name="{name}">'
        + (f'<w:altName w:val="{alt}"/>' if alt else "")
        + f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        for name, alt, charset, family in fonts
    )
    return f'<w:fonts {NSDECL}>{body}</w:fonts>'


# --- body -----------------------------------------------------------------------------------


def _p(style: str, text: str = "", run_rpr: str | None = None) -> str:
    r = run(text, run_rpr if run_rpr is not None else _run_rpr(style)) if text else ""
    return para(ppr(style=style), r)


def _run_rpr(style: str) -> str:
    """Explicit fonts on every run (Word and WPS then never fall back to a theme face)."""
    return {
        H1: rpr(L.FONT_HEITI, L.FONT_HEITI),
        H2: rpr(L.FONT_KAITI),
        ORG_MARK: rpr(L.FONT_XBS, L.FONT_XBS),
        TITLE: rpr(L.FONT_XBS, L.FONT_XBS),
        FOOTER_ODD: rpr(L.FONT_SONG, L.FONT_SONG),
        FOOTER_EVEN: rpr(L.FONT_SONG, L.FONT_SONG),
        TABLE_TEXT: rpr(L.FONT_FANGSONG),
        TABLE_HEAD: rpr(L.FONT_FANGSONG),
    }.get(style, rpr(L.FONT_FANGSONG))


def _tag(text: str) -> str:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); docxtpl replaces it whole."""
    return para(ppr(style=BODY), run(text, rpr(L.FONT_FANGSONG)))


def _blocks_loop(var: str) -> str:
    kai = rpr(L.FONT_KAITI, style=KAI_CHAR)
    return "".join(
        (
            _tag(f"{{%p for b in {var} %}}"),
            _tag('{%p if b.kind == "h2" %}'),
            _p(H2, "{{ b.text }}"),
            _tag('{%p elif b.kind == "h3" %}'),
            _p(H3, "{{ b.text }}"),
            _tag('{%p elif b.kind == "h4" %}'),
            _p(H4, "{{ b.text }}"),
            _tag('{%p elif b.kind == "runin" %}'),
            para(ppr(style=BODY), run("{{ b.head }}", kai), run("{{ b.text }}", rpr(L.FONT_FANGSONG))),
            _tag("{%p else %}"),
            _p(BODY, "{{ b.text }}"),
            _tag("{%p endif %}"),
            _tag("{%p endfor %}"),
        )
    )


def _table(table: schema.Table) -> str:
    widths = [L.mm(x) for x in table.col_widths_mm]
    widths[-1] += L.mm(L.TYPE_W_MM) - sum(widths)
    total_w = sum(widths)
    grid = "".join(f'<w:gridCol w:w="{x}"/>' for x in widths)
    tbl_pr = (
        '<w:tblPr><w:tblStyle w:val="GwTable"/>'
        f'<w:tblW w:w="{total_w}" w:type="dxa"/><w:jc w:val="center"/>'
        "<w:tblBorders>"
        + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{L.TABLE_CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{L.TABLE_CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr>"
    )
    origin = {(c.row, c.col): c for c in table.cells}
    covering: dict[tuple[int, int], schema.Cell] = {}
    for c in table.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                covering[(r, k)] = c
    sz = round(table.font_pt * 2)
    line = round(table.font_pt * 20 * L.TABLE_LINE_FACTOR)
    cell_rpr = rpr(L.FONT_FANGSONG, spacing=0, sz=sz)
    rows = []
    for r in range(table.n_rows):
        tr_pr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if r < table.header_rows else "") + "</w:trPr>"
        tcs = []
        k = 0
        while k < table.n_cols:
            c = covering[(r, k)]
            width = sum(widths[c.col : c.col + c.colspan])
            span = f'<w:gridSpan w:val="{c.colspan}"/>' if c.colspan > 1 else ""
            if c.rowspan > 1:
                vmerge = '<w:vMerge w:val="restart"/>' if c.row == r else "<w:vMerge/>"
            else:
                vmerge = ""
            tc_pr = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{vmerge}<w:vAlign w:val="center"/></w:tcPr>'
            style = TABLE_HEAD if c.header else TABLE_TEXT
            if (r, k) in origin:
                text = f"{{{{ {c.key} }}}}" if c.is_value else c.text
                left_aligned = not c.is_value and not c.header and table.key != "t4" and c.colspan < 3 and c.col > 0
                p_pr = ppr(style=style, line=line, jc="left" if left_aligned else None)
                content = para(p_pr, run(text, cell_rpr))
            else:
                content = para(ppr(style=style, line=line))
            tcs.append(f"<w:tc>{tc_pr}{content}</w:tc>")
            k += c.colspan
        rows.append(f"<w:tr>{tr_pr}{''.join(tcs)}</w:tr>")
    return f"<w:tbl>{tbl_pr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _body_xml() -> str:
    parts = [
        # 7.2.4: a spacer of exactly 35 mm; the header line below it is 1.2 x its size high, which
        # puts the characters' top edge on the spacer's bottom (measured in LibreOffice).
        para(ppr(style=BLANK, line=L.mm(L.ORG_MARK_TOP_MM), line_rule="exact")),
        _p(ORG_MARK, "{{ agency }}"),
        _tag("{%p if doc_number %}"),
        _p(BLANK),
        _p(BLANK),
        _tag("{%p endif %}"),
        para(
            ppr(style=DOC_NO, border_bottom=(L.RULE_SZ, L.RULE_SPACE_PT, L.RED)),
            run("{{ doc_number }}", rpr(L.FONT_FANGSONG)),
        ),
        _p(BLANK),
        _p(BLANK),
        _p(TITLE, "{{ title }}"),
        _p(BLANK),
        _blocks_loop("opening"),
    ]
    for section in schema.SECTIONS:
        parts.append(_p(H1, section.heading))
        parts.append(_blocks_loop(f"sections.{section.key}"))
        if section.table:
            parts.append(_table(schema.TABLE_BY_KEY[section.table]))
    parts += [
        _p(BLANK),
        _tag("{%p if seal %}"),
        _p(BLANK),
        _tag("{%p endif %}"),
        _p(SIGNATURE, "{{ signature }}"),
        _p(DATE, "{{ date }}"),
    ]
    return "".join(parts)


def _sect_pr(odd_rid: str, even_rid: str) -> str:
    return (
        f'<w:sectPr {NSDECL} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:footerReference w:type="even" r:id="{even_rid}"/>'
        f'<w:footerReference w:type="default" r:id="{odd_rid}"/>'
        f'<w:pgSz w:w="{L.PAGE_W}" w:h="{L.PAGE_H}"/>'
        f'<w:pgMar w:top="{L.MARGIN_TOP}" w:right="{L.MARGIN_RIGHT}" w:bottom="{L.MARGIN_BOTTOM}" '
        f'w:left="{L.MARGIN_LEFT}" w:header="{L.HEADER_DIST}" w:footer="{L.FOOTER_DIST}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{L.LINE_PITCH}"/>'
        "</w:sectPr>"
    )


def build() -> bytes:
    """Return the template's bytes (deterministic)."""
    import docx

    doc = docx.Document()
    # Styles: replace python-docx's stock set with ours (its theme-font and ja-JP defaults included).
    styles_el = doc.styles.element
    for child in list(styles_el):
        styles_el.remove(child)
    for child in etree.fromstring(_styles_xml()):
        styles_el.append(child)

    settings = doc.settings.element
    settings_xml = etree.tostring(settings).decode()
    theme_lang = settings.find(w("themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(w("val"), "en-US")
        theme_lang.set(w("eastAsia"), "zh-CN")
    doc.settings.odd_and_even_pages_header_footer = True
    assert settings_xml  # touched only through lxml above

    section = doc.sections[0]
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    for footer, style in ((section.footer, FOOTER_ODD), (section.even_page_footer, FOOTER_EVEN)):
        ftr = footer._element
        for child in list(ftr):
            ftr.remove(child)
        ftr.append(etree.fromstring(f"<w:root {NSDECL}>{para(ppr(style=style), page_field_runs(_run_rpr(style)))}</w:root>")[0])

    body = doc.element.body
    old_sect = body.find(w("sectPr"))
    odd_rid = section._sectPr.find(w("footerReference")).get(  # type: ignore[union-attr]
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    )
    refs = {
        ref.get(w("type")): ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for ref in section._sectPr.findall(w("footerReference"))
    }
    odd_rid, even_rid = refs["default"], refs["even"]
    for child in list(body):
        body.remove(child)
    for child in etree.fromstring(f"<w:root {NSDECL}>{_body_xml()}</w:root>"):
        body.append(child)
    body.append(etree.fromstring(_sect_pr(odd_rid, even_rid)))
    del old_sect

    # python-docx's stock package carries a thumbnail of an unrelated page: drop it.
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    # Its stylesWithEffects.xml (Word 2010) describes the stock styles we replaced; Word may take
    # the mismatch for damage, and the part is optional: drop it too.
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]

    props = doc.core_properties
    props.author = props.last_modified_by = "reportgen"
    props.title = "政府信息公开工作年度报告模板"
    props.comments = ""
    props.revision = 1
    import datetime as dt

    props.created = props.modified = dt.datetime(2021, 9, 26)
    buf = io.BytesIO()
    doc.save(buf)
    fonts_part = "word/fontTable.xml"
    return deterministic_zip(buf.getvalue(), {fonts_part: _xml_decl(_font_table_xml())})


def _xml_decl(xml: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else DEFAULT_TEMPLATE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
