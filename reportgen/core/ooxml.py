"""Office Open XML: the namespaces, the schema order of pPr/rPr children, small WordprocessingML
builders that python-docx lacks, and deterministic zips.

Word refuses or "repairs" a document whose pPr/rPr children are out of the schema's sequence, so
every builder here writes elements in the order of the OOXML schema (ECMA-376 Part 1, 17.3), and
`child` inserts a missing one at its place in that order.
"""

from __future__ import annotations

import functools
import io
import zipfile

# Every namespace the package reads or writes, by the prefix it is written with (as python-docx's oxml.ns).
NS: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",  # also relationship types
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",  # a package's _rels parts
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}


@functools.lru_cache(maxsize=None)
def qn(tag: str) -> str:
    """A prefixed name as lxml spells it: `qn("w:p")` -> `{http://…/main}p`."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    """Namespace declarations for the root of a part: `xmlns:w="…" xmlns:r="…"`."""
    return " ".join(f'xmlns:{p}="{NS[p]}"' for p in prefixes)


# ECMA-376 17.3.1.26: the order of pPr's children (Word refuses a paragraph whose children are out of order).
PPR_ORDER: tuple[str, ...] = tuple(
    (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
        "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
        "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
        "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ).split()
)
# ECMA-376 17.3.2.28: the same for rPr.
RPR_ORDER: tuple[str, ...] = tuple(
    (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
        "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
        "em lang eastAsianLayout specVanish oMath"
    ).split()
)


def child(parent, tag: str, order: tuple[str, ...]):
    """PARENT's w:TAG child (an lxml element), created at its place in ORDER (PPR_ORDER, RPR_ORDER) when missing."""
    from lxml import etree

    el = parent.find(qn(f"w:{tag}"))
    if el is not None:
        return el
    el = etree.Element(qn(f"w:{tag}"))
    rank = order.index(tag)
    for sibling in parent:
        local = etree.QName(sibling).localname
        if local in order and order.index(local) > rank:
            sibling.addprevious(el)
            return el
    parent.append(el)
    return el


def escape(text: str) -> str:
    """XML character data, as xml.sax.saxutils.escape (which imports urllib.request: 20 ms at startup)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def rfonts(east_asia: str, latin: str) -> str:
    """All four font slots plus the East Asian hint, so no slot falls back to a theme font."""
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}" w:hint="eastAsia"/>'
    )


def rpr(
    east_asia: str | None = None,
    latin: str = "Times New Roman",
    *,
    style: str | None = None,
    bold: bool | None = None,
    color: str | None = None,
    spacing: int | None = None,
    scale: int | None = None,  # character width in percent (w:w, 字符缩放)
    sz: int | None = None,
    lang: bool = False,
) -> str:
    parts = []
    if style:
        parts.append(f'<w:rStyle w:val="{style}"/>')
    if east_asia:
        parts.append(rfonts(east_asia, latin))
    if bold is not None:
        parts.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if spacing is not None:
        parts.append(f'<w:spacing w:val="{spacing}"/>')
    if scale is not None:
        parts.append(f'<w:w w:val="{scale}"/>')
    if sz is not None:
        parts.append(f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')
    if lang:
        parts.append('<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')  # the document's language: Chinese
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def ppr(
    *,
    style: str | None = None,
    keep_next: bool = False,
    keep_lines: bool = False,
    widow: bool | None = None,
    border_bottom: tuple[int, int, str] | None = None,  # (sz eighths-pt, space pt, colour)
    overflow_punct: bool | None = None,
    autospace: bool | None = None,  # automatic space between CJK and Latin text / digits
    snap: bool | None = None,
    before: int | None = None,
    after: int | None = None,
    line: int | None = None,
    line_rule: str = "exact",
    ind_first: int | None = None,
    ind_left: int | None = None,
    ind_right: int | None = None,
    jc: str | None = None,
    outline: int | None = None,  # 0-based outline level (navigation pane, tables of contents)
    run: str = "",
) -> str:
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if keep_lines:
        parts.append("<w:keepLines/>")
    if widow is not None:
        parts.append("<w:widowControl/>" if widow else '<w:widowControl w:val="0"/>')
    if border_bottom:
        sz, space, color = border_bottom
        parts.append(f'<w:pBdr><w:bottom w:val="single" w:sz="{sz}" w:space="{space}" w:color="{color}"/></w:pBdr>')
    if overflow_punct is not None:
        parts.append(f'<w:overflowPunct w:val="{int(overflow_punct)}"/>')
    if autospace is not None:
        parts.append(f'<w:autoSpaceDE w:val="{int(autospace)}"/><w:autoSpaceDN w:val="{int(autospace)}"/>')
    if snap is not None:
        parts.append(f'<w:snapToGrid w:val="{int(snap)}"/>')
    if before is not None or after is not None or line is not None:
        attrs = ""
        if before is not None:
            attrs += f' w:before="{before}"'
        if after is not None:
            attrs += f' w:after="{after}"'
        if line is not None:
            attrs += f' w:line="{line}" w:lineRule="{line_rule}"'
        parts.append(f"<w:spacing{attrs}/>")
    if ind_first is not None or ind_left is not None or ind_right is not None:
        attrs = ""
        if ind_left is not None:
            attrs += f' w:left="{ind_left}"'
        if ind_right is not None:
            attrs += f' w:right="{ind_right}"'
        if ind_first is not None:
            attrs += f' w:firstLine="{ind_first}"'
        parts.append(f"<w:ind{attrs}/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    parts.append(run)
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if any(parts) else ""


def run(text: str, rpr_xml: str = "") -> str:
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(ppr_xml: str = "", *runs: str) -> str:
    return f"<w:p>{ppr_xml}{''.join(runs)}</w:p>"


def page_field_runs(rpr_xml: str) -> str:
    """"— N —" with a PAGE field between the dashes (U+2014, as 7.5 asks)."""
    return (
        run("— ", rpr_xml)
        + f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="begin"/></w:r>'
        + f'<w:r>{rpr_xml}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="separate"/></w:r>'
        + run("1", rpr_xml)
        + f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="end"/></w:r>'
        + run(" —", rpr_xml)
    )


FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a .docx/.xlsx zip with fixed timestamps and attributes, optionally replacing parts.

    Same parts in, same bytes out: builds of the same inputs compare equal byte for byte.
    """
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return zip_parts({name: replace.get(name, src.read(name)) for name in src.namelist()})


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """The zip of `parts` (name -> bytes) with fixed timestamps and attributes, in the given order
    except that [Content_Types].xml comes first, as Office writes it."""
    out = io.BytesIO()
    names = sorted(parts, key=lambda n: n != "[Content_Types].xml")  # stable: the rest keep their order
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, parts[name])
    return out.getvalue()
