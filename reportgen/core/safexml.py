"""Parsing untrusted XML (the parts of a clerk's workbook or an office's template).

lxml parses without loading DTDs, resolving entities or touching the network; then any document
type declaration is refused, wherever it stands (after a long comment too): it is the vehicle of
entity bombs, and an unresolved entity would silently drop the text after it. The parser decides
what is a declaration, not a search of the first bytes.
"""

from __future__ import annotations

import zipfile

from lxml import etree

MAX_PART_BYTES = 16 * 1024 * 1024  # bigger XML parts are refused by the callers' size limits first

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)


class UnsafeXML(ValueError):
    """A part declares a DTD or entities: never used."""


def parse(data: bytes, part: str = ""):
    """The root element of `data`. Raises UnsafeXML for a DTD, lxml's errors for malformed XML."""
    root = etree.fromstring(data, _PARSER)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXML(part)
    if next(root.iter(etree.Entity), None) is not None:
        raise UnsafeXML(part)  # an entity reference left unresolved (belt and braces)
    return root


def check_package(path) -> None:
    """Parse every XML part of a zip package (.docx, .ods) the way the readers will: UnsafeXML for
    a DTD anywhere, lxml's errors for malformed XML."""
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.endswith((".xml", ".rels")) and info.file_size <= MAX_PART_BYTES:
                parse(z.read(info), info.filename)
