"""Build the default report template (templates/report.docx) from the schema and the layout.

    python -m reportgen.render.template [OUT]

The template is a docxtpl document: the red header, title, the six sections with loops over the
narrative blocks, the three statistics tables in their fixed official shape (merged headers, one
placeholder per value cell), the signature block and odd/even page-number footers. A test proves
the committed file equals a fresh build, so edit this script, never the .docx by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportgen.core import resources, schema
from reportgen.core.ooxml import NS, nsdecls, page_field_runs, para, ppr, rpr, run, zip_parts
from reportgen.render import layout as L
from reportgen.render.styles import (
    BLANK,
    BODY,
    DATE,
    DATE_NAME,
    DOC_NO,
    DOC_NO_NAME,
    FOOTER_EVEN,
    FOOTER_ODD,
    H1,
    H1_NAME,
    H2,
    H2_NAME,
    H3,
    H3_NAME,
    H4,
    H4_NAME,
    KAI_CHAR,
    ORG_MARK,
    ORG_MARK_NAME,
    SIGNATURE,
    SIGNATURE_NAME,
    TABLE_HEAD,
    TABLE_HEAD_LARGE,
    TABLE_TEXT,
    TABLE_TEXT_LARGE,
    TITLE,
    TITLE_NAME,
)

_BODY_PPR = dict(snap=False, before=0, after=0, line=L.LINE_PITCH)
# Table paragraph styles by font size: (text style, header style, size in pt). 表二 is set larger.
TABLE_STYLES = {9.0: (TABLE_TEXT, TABLE_HEAD), 12.0: (TABLE_TEXT_LARGE, TABLE_HEAD_LARGE)}


def _styles_xml() -> str:
    """The whole look lives here: runs in the body carry no formatting of their own, so an office
    that changes a style in Word changes every paragraph of that kind."""
    body_rpr = rpr(L.FONT_FANGSONG, spacing=L.CHAR_SPACING, sz=L.SZ_BODY)

    def pstyle(
        sid: str, name: str, p: str, r: str, based: str = BODY, next_: str | None = BODY, builtin: bool = False
    ) -> str:
        nxt = f'<w:next w:val="{next_}"/>' if next_ else ""
        custom = "" if builtin else ' w:customStyle="1"'
        priority = '<w:uiPriority w:val="9"/>' if builtin else ""  # Word's own for heading 1-9
        return (
            f'<w:style w:type="paragraph"{custom} w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based}"/>{nxt}{priority}<w:qFormat/>{p}{r}</w:style>'
        )

    indent = dict(ind_first=L.FIRST_LINE_INDENT)
    table_styles = []
    for pt, (text_id, head_id) in TABLE_STYLES.items():
        suffix = "" if text_id == TABLE_TEXT else "（表二）"
        line = round(pt * 20 * L.TABLE_LINE_FACTOR)
        table_ppr = ppr(snap=False, before=0, after=0, line=line, ind_first=0, jc="center")
        table_rpr = rpr(L.FONT_FANGSONG, spacing=0, sz=round(pt * 2))
        table_styles.append(pstyle(text_id, "表格文字" + suffix, table_ppr, table_rpr, next_=None))
        table_styles.append(pstyle(head_id, "表格表头" + suffix, "", "", based=text_id, next_=None))
    org_mark_line = round(L.SZ_ORG_MARK_MAX * 10 * L.ORG_MARK_LINE_FACTOR)
    styles = [
        # docDefaults: zh-CN East Asian language, explicit fonts in all four slots (no theme), exact 579 lines.
        "<w:docDefaults><w:rPrDefault>"
        + rpr(L.FONT_FANGSONG, sz=L.SZ_BODY, lang=True)
        + "</w:rPrDefault><w:pPrDefault>"
        + ppr(**_BODY_PPR)
        + "</w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        # overflowPunct on (ECMA-376 17.3.1.21): a closing mark may hang past the line end rather
        # than be pushed to the next line; LibreOffice then keeps every mark too.
        # autoSpaceDE/DN off (17.3.1.2/3): no extra space between Chinese and digits ("2025年").
        + ppr(widow=False, overflow_punct=True, autospace=False, **_BODY_PPR, jc="both")
        + body_rpr
        + "</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        pstyle(BODY, "公文正文", ppr(**indent, jc="both"), body_rpr, based="Normal"),
        pstyle(BLANK, "公文空行", ppr(ind_first=0), ""),
        # Word's built-in heading 1-4 (标题 1-4 in Chinese Word), restyled: outline levels 1-4 (0-based
        # in the XML) for the navigation pane and a table of contents; the names for converters.
        # Every property is explicit (not bold, no space before/after), so no office application's
        # own idea of a "heading" (bold, larger, sans-serif) shows through.
        *(
            pstyle(sid, name, ppr(keep_next=True, before=0, after=0, **indent, outline=level), r, builtin=True)
            for level, (sid, name, r) in enumerate((
                (H1, H1_NAME, rpr(L.FONT_HEITI, L.FONT_HEITI, bold=False)),
                (H2, H2_NAME, rpr(L.FONT_KAITI, bold=False)),
                (H3, H3_NAME, rpr(bold=False)),
                (H4, H4_NAME, rpr(bold=False)),
            ))
        ),
        pstyle(
            ORG_MARK,
            ORG_MARK_NAME,
            ppr(keep_next=True, line=org_mark_line, ind_first=0, jc="center"),
            rpr(L.FONT_XBS, L.FONT_XBS, color=L.RED, spacing=0, sz=L.SZ_ORG_MARK_MAX),
        ),
        pstyle(
            DOC_NO,
            DOC_NO_NAME,
            ppr(keep_next=True, border_bottom=(L.RULE_SZ, L.RULE_SPACE_PT, L.RED), ind_first=0, jc="center"),
            "",
        ),
        pstyle(TITLE, TITLE_NAME, ppr(keep_next=True, ind_first=0, jc="center"), rpr(L.FONT_XBS, L.FONT_XBS, spacing=0, sz=L.SZ_TITLE)),
        pstyle(SIGNATURE, SIGNATURE_NAME, ppr(ind_first=0, jc="right"), ""),
        pstyle(DATE, DATE_NAME, ppr(ind_first=0, jc="right"), ""),
        *table_styles,
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
    return f'<w:styles {nsdecls("w")}>{"".join(styles)}</w:styles>'


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
    return f'<w:fonts {nsdecls("w")}>{body}</w:fonts>'


# --- body -----------------------------------------------------------------------------------


def _p(style: str, text: str = "") -> str:
    """A paragraph of STYLE; its run carries no formatting: the style decides the look."""
    return para(ppr(style=style), run(text) if text else "")


def _tag(text: str) -> str:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); docxtpl replaces it whole."""
    return para("", run(text))


def _blocks_loop(var: str) -> str:
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
            para(ppr(style=BODY), run("{{ b.head }}", rpr(style=KAI_CHAR)), run("{{ b.text }}")),
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
    text_style, head_style = TABLE_STYLES[float(table.font_pt)]
    # A row that a vertically merged label covers, and not as its last row, is kept with the next
    # row (keepNext on its paragraphs, as Word does it): a page never cuts a label's rows apart.
    held = {r for c in table.cells if c.rowspan > 1 for r in range(c.row, c.row + c.rowspan - 1)}
    rows = []
    for r in range(table.n_rows):
        tr_pr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if r < table.header_rows else "") + "</w:trPr>"
        keep = r in held
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
            style = head_style if c.header else text_style
            if (r, k) in origin:
                text = f"{{{{ {c.key} }}}}" if c.is_value else c.text
                left_aligned = not c.is_value and table.label_align(c) == "left"
                content = para(ppr(style=style, keep_next=keep, jc="left" if left_aligned else None), run(text))
            else:
                content = para(ppr(style=style, keep_next=keep))
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
        _p(DOC_NO, "{{ doc_number }}"),
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


def _sect_pr() -> str:
    return (
        f'<w:sectPr>'
        f'<w:footerReference w:type="even" r:id="{_FOOTER_EVEN_RID}"/>'
        f'<w:footerReference w:type="default" r:id="{_FOOTER_ODD_RID}"/>'
        f'<w:pgSz w:w="{L.PAGE_W}" w:h="{L.PAGE_H}"/>'
        f'<w:pgMar w:top="{L.MARGIN_TOP}" w:right="{L.MARGIN_RIGHT}" w:bottom="{L.MARGIN_BOTTOM}" '
        f'w:left="{L.MARGIN_LEFT}" w:header="{L.HEADER_DIST}" w:footer="{L.FOOTER_DIST}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{L.LINE_PITCH}"/>'
        "</w:sectPr>"
    )


def _document_xml() -> str:
    return f'<w:document {nsdecls("w", "r")}><w:body>{_body_xml()}{_sect_pr()}</w:body></w:document>'


def _footer_xml(style: str) -> str:
    return f'<w:ftr {nsdecls("w", "r")}>{para(ppr(style=style), page_field_runs(""))}</w:ftr>'


def _settings_xml() -> str:
    # Word 2013+ "normal mode" (compatibilityMode 15): no 兼容模式 banner, current layout rules.
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{val}"/>'
        for name, val in (
            ("compatibilityMode", 15),
            ("overrideTableStyleFontSizeAndJustification", 1),
            ("enableOpenTypeFeatures", 1),
            ("doNotFlipMirrorIndents", 1),
            ("differentiateMultirowTableHeaders", 1),
        )
    )
    return (
        f"<w:settings {nsdecls('w')}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        f"<w:compat>{compat}</w:compat>"
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


_CT = "application/vnd.openxmlformats-officedocument"
_FOOTER_ODD_RID, _FOOTER_EVEN_RID = "rId4", "rId5"


def _content_types_xml() -> str:
    overrides = (
        ("/word/document.xml", f"{_CT}.wordprocessingml.document.main+xml"),
        ("/word/styles.xml", f"{_CT}.wordprocessingml.styles+xml"),
        ("/word/settings.xml", f"{_CT}.wordprocessingml.settings+xml"),
        ("/word/fontTable.xml", f"{_CT}.wordprocessingml.fontTable+xml"),
        ("/word/footer1.xml", f"{_CT}.wordprocessingml.footer+xml"),
        ("/word/footer2.xml", f"{_CT}.wordprocessingml.footer+xml"),
        ("/word/theme/theme1.xml", f"{_CT}.theme+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{_CT}.extended-properties+xml"),
    )
    return (
        f'<Types xmlns="{NS["ct"]}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in overrides)
        + "</Types>"
    )


def _rels_xml(rels: list[tuple[str, str, str]]) -> str:
    return (
        f'<Relationships xmlns="{NS["pr"]}">'
        + "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels)
        + "</Relationships>"
    )


def _core_xml() -> str:
    stamp = "2021-09-26T00:00:00Z"
    return (
        f'<cp:coreProperties {nsdecls("cp", "dc", "dcterms", "xsi")}>'
        "<dc:title>政府信息公开工作年度报告模板</dc:title><dc:creator>reportgen</dc:creator>"
        "<cp:lastModifiedBy>reportgen</cp:lastModifiedBy><cp:revision>1</cp:revision><dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app_xml() -> str:
    # Only what is true of every report: the program that wrote it. No page or word counts: an OA
    # system would read stale ones; Word and WPS compute them on opening.
    return (
        f'<Properties xmlns="{NS["ep"]}" {nsdecls("vt")}>'
        "<Application>reportgen</Application></Properties>"
    )


def _theme_xml() -> str:
    """The smallest complete DrawingML theme (Word requires the part). Its fonts are the official
    faces, so even text that asks for a theme font gets 仿宋/小标宋, never Calibri or 等线."""
    colours = (
        ("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'), ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
        ("dk2", '<a:srgbClr val="44546A"/>'), ("lt2", '<a:srgbClr val="E7E6E6"/>'),
        ("accent1", '<a:srgbClr val="4472C4"/>'), ("accent2", '<a:srgbClr val="ED7D31"/>'),
        ("accent3", '<a:srgbClr val="A5A5A5"/>'), ("accent4", '<a:srgbClr val="FFC000"/>'),
        ("accent5", '<a:srgbClr val="5B9BD5"/>'), ("accent6", '<a:srgbClr val="70AD47"/>'),
        ("hlink", '<a:srgbClr val="0563C1"/>'), ("folHlink", '<a:srgbClr val="954F72"/>'),
    )  # fmt: skip
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{solid}</a:ln>'

    def fonts(tag: str, east_asia: str) -> str:
        return f'<a:{tag}><a:latin typeface="{L.FONT_LATIN}"/><a:ea typeface="{east_asia}"/><a:cs typeface="{L.FONT_LATIN}"/></a:{tag}>'

    return (
        f'<a:theme {nsdecls("a")} name="公文"><a:themeElements>'
        '<a:clrScheme name="公文">' + "".join(f"<a:{n}>{c}</a:{n}>" for n, c in colours) + "</a:clrScheme>"
        '<a:fontScheme name="公文">' + fonts("majorFont", L.FONT_XBS) + fonts("minorFont", L.FONT_FANGSONG) + "</a:fontScheme>"
        '<a:fmtScheme name="公文">'
        f"<a:fillStyleLst>{solid * 3}</a:fillStyleLst><a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme>"
        "</a:themeElements></a:theme>"
    )


def build() -> bytes:
    """Return the template's bytes (deterministic). Every part is written here: nothing is left
    over from another program's stock template (no numbering, customXml, thumbnail or stock theme)."""
    rel = NS["r"]  # relationship types are named under it
    parts = {
        "[Content_Types].xml": _content_types_xml(),
        "_rels/.rels": _rels_xml(
            [
                ("rId1", f"{rel}/officeDocument", "word/document.xml"),
                ("rId2", f"{NS['pr']}/metadata/core-properties", "docProps/core.xml"),
                ("rId3", f"{rel}/extended-properties", "docProps/app.xml"),
            ]
        ),
        "docProps/core.xml": _core_xml(),
        "docProps/app.xml": _app_xml(),
        "word/document.xml": _document_xml(),
        "word/_rels/document.xml.rels": _rels_xml(
            [
                ("rId1", f"{rel}/styles", "styles.xml"),
                ("rId2", f"{rel}/settings", "settings.xml"),
                ("rId3", f"{rel}/fontTable", "fontTable.xml"),
                (_FOOTER_ODD_RID, f"{rel}/footer", "footer1.xml"),
                (_FOOTER_EVEN_RID, f"{rel}/footer", "footer2.xml"),
                ("rId6", f"{rel}/theme", "theme/theme1.xml"),
            ]
        ),
        "word/styles.xml": _styles_xml(),
        "word/settings.xml": _settings_xml(),
        "word/fontTable.xml": _font_table_xml(),
        "word/footer1.xml": _footer_xml(FOOTER_ODD),
        "word/footer2.xml": _footer_xml(FOOTER_EVEN),
        "word/theme/theme1.xml": _theme_xml(),
    }
    return zip_parts({name: _xml_decl(xml) for name, xml in parts.items()})


def _xml_decl(xml: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else resources.DEFAULT_TEMPLATE
    out.parent.mkdir(parents=True, exist_ok=True)
    from reportgen.core.outfile import write_atomic

    write_atomic(build(), out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
