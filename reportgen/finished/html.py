"""Read a web page saved from a 政务公开 site into paragraphs and table grids, in document order.

CMS pages put the article in layout tables, break labels with <br>, pad with &nbsp; and are often
encoded in GBK. Scripts, styles, images (a photo inlined as a `data:` URI is removed before
parsing: libxml2 stops at an attribute over 10 MB) and the site's chrome (<nav>, <aside>, <footer>,
and short blocks whose class or id says menu, breadcrumb, banner, footer…) are skipped; a <br>
inside a heading (<h1>…<h3>) only wraps the title; a table that holds tables (or has one column)
is layout, and its content is read as if it were not there. rowspan/colspan are placed as browsers
place them.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from reportgen.core.text import EDGE_SPACE
from reportgen.finished.grid import DocTitle, GridBuilder, Item, Para, Published
from reportgen.finished.published import page_date

MAX_PAGE_BYTES = 20 * 1024 * 1024

_SKIP = {"script", "style", "noscript", "template", "head", "title", "select", "button", "iframe", "object", "svg"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
    "header", "footer", "blockquote", "pre", "center", "dd", "dt", "dl", "hr", "form", "main", "tr", "td", "th",
}
# Site chrome, told by its tag or by a word of its class/id ("top-nav", "breadcrumb", "foot_box").
_CHROME_TAGS = {"nav", "aside", "footer"}
_CHROME_WORDS = {
    "nav", "navbar", "menu", "submenu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "bread", "banner", "footer",
    "foot", "sidebar", "side", "topbar", "toolbar", "position", "location", "weizhi", "dqwz", "share", "fenxiang",
    "copyright", "friendlink", "links", "logo", "skip",
}
_CHROME_MAX_CHARS = 400  # an article is longer: a block this long is never skipped for its name
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_DATA_URI = re.compile(rb"""data:[a-zA-Z0-9.+/-]*(?:;[^,"'\s)]*)?,[^"'\s)>]*""")
_HEADINGS = {"h1", "h2", "h3"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


class NotAPage(ValueError):
    """The file cannot be read as a web page (Chinese reason in args[0])."""


def decode(data: bytes, charset: str | None = None) -> str:
    """The page by what its bytes are, not what it says (a CMS or a "save as" often declares one
    charset and writes another): its BOM, then strict UTF-8 (GBK bytes are never valid UTF-8), then
    the declared charset, else GB18030 (GBK/GB2312 pages)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096])
    if m or charset:
        name = (charset or m.group(1).decode("ascii")).lower()  # type: ignore[union-attr]
        if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            name = "gb18030"  # a superset: pages labelled GB2312 often hold GBK characters
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("gb18030", errors="replace")


def mhtml_page(data: bytes) -> tuple[bytes, str | None]:
    """The HTML part of a page saved as one file (.mht/.mhtml: Chrome's “网页，单个文件”, IE) and its charset."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload, part.get_content_charset()
    raise NotAPage("单文件网页（.mht/.mhtml）中没有网页内容")


def is_mhtml(head: bytes) -> bool:
    return bool(re.search(rb"^(?:From:|MIME-Version:|Content-Type:\s*multipart/related)", head.lstrip(), re.I | re.M)) and b"multipart/related" in head.lower()


def read_items(path: Path) -> list[Item]:
    data = _DATA_URI.sub(b"data:,", path.read_bytes())  # inline images: no text, and too long for libxml2
    if len(data) > MAX_PAGE_BYTES:
        raise NotAPage("网页文件大得异常（超过 20 MB），无法读取")
    charset = None
    if is_mhtml(data[:4096]):
        data, charset = mhtml_page(data)
    text = decode(data, charset)
    if not text.strip():
        raise NotAPage("网页是空的")
    try:
        # lxml refuses str input with an encoding declaration; the page is decoded already.
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(no_network=True, remove_comments=True))
    except (etree.ParserError, ValueError) as exc:
        raise NotAPage("无法按网页读取") from exc
    items: list[Item] = []
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        items.append(DocTitle(" ".join(title.text_content().split())))
    buf: list[str] = []
    _walk(root, items, buf)
    _flush(items, buf)
    published = page_date(root)  # before the article: the CMS's 发布日期
    if published is not None:
        items.append(Published(*published))
    return items


def _flush(items: list[Item], buf: list[str]) -> None:
    text = "".join(buf)
    buf.clear()
    for line in text.split("\n"):
        if line.strip(EDGE_SPACE):
            items.append(Para(line))


def _walk(el, items: list[Item], buf: list[str]) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP or not tag:
            if child.tail:
                buf.append(_space(child.tail))
            continue
        if _is_chrome(child, tag):
            buf.append("\n")
        elif tag == "table":
            _flush(items, buf)
            _table(child, items)
        elif tag in _HEADINGS:
            buf.append("\n" + "".join(cell_text(child).split("\n")) + "\n")  # <h1>某某局2025年<br>政府信息…</h1>
        elif tag == "br":
            buf.append("\n")
        else:
            block = tag in _BLOCK
            if block:
                buf.append("\n")
            if child.text:
                buf.append(_space(child.text))
            _walk(child, items, buf)
            if block:
                buf.append("\n")
        if child.tail:
            buf.append(_space(child.tail))


def _is_chrome(el, tag: str) -> bool:
    """The site's navigation, banner, breadcrumbs or footer, never the article (it is long, or holds the tables)."""
    words = {w.lower() for w in _WORD_SPLIT.split(f"{el.get('class', '')} {el.get('id', '')}") if w}
    if tag not in _CHROME_TAGS and not words & _CHROME_WORDS:
        return False
    return el.find(".//table") is None and len(el.text_content()) <= _CHROME_MAX_CHARS


def _space(text: str) -> str:
    """HTML collapses source line breaks to spaces; &nbsp; stays a (visible) space."""
    return re.sub(r"[\r\n\t]+", " ", text)


def cell_text(cell) -> str:
    """A cell's text with <br> and block breaks as line breaks."""
    parts: list[str] = []
    if cell.text:
        parts.append(_space(cell.text))

    def walk(el) -> None:
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in _SKIP or not tag:
                pass
            elif tag == "br":
                parts.append("\n")
            else:
                if tag in _BLOCK:
                    parts.append("\n")
                if child.text:
                    parts.append(_space(child.text))
                walk(child)
            if child.tail:
                parts.append(_space(child.tail))

    walk(cell)
    return "".join(parts).strip()


def _rows(table) -> list:
    """The table's own rows (thead/tbody/tfoot or direct), not those of nested tables."""
    out = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out += [r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr"]
    return out


def _cells(tr) -> list:
    return [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _is_layout(table) -> bool:
    rows = _rows(table)
    if any(c.find(".//table") is not None for r in rows for c in _cells(r)):
        return True
    return bool(rows) and all(len(_cells(r)) <= 1 for r in rows)


def _span(cell, name: str) -> int:
    try:
        return max(1, int(re.sub(r"[^\d]", "", cell.get(name, "1")) or "1"))
    except ValueError:
        return 1


def _table(table, items: list[Item]) -> None:
    if _is_layout(table):
        for tr in _rows(table):
            for cell in _cells(tr):
                buf: list[str] = []
                if cell.text:
                    buf.append(_space(cell.text))
                _walk(cell, items, buf)
                _flush(items, buf)
        return
    b = GridBuilder()
    for tr in _rows(table):
        b.new_row()
        for cell in _cells(tr):
            b.add(cell_text(cell), rowspan=_span(cell, "rowspan"), colspan=_span(cell, "colspan"))
    items.append(b.grid)
