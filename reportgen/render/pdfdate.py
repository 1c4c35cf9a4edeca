"""The PDF's dates are the report's 成文日期, not the moment LibreOffice exported it.

LibreOffice stamps every PDF with the time of export (Info /CreationDate, XMP xmp:CreateDate, and
in 25.2 also xmp:ModifyDate, xmp:MetadataDate and dc:date), whatever the document's own creation
date says: neither DocumentProperties.CreationDate set in the macro nor SOURCE_DATE_EPOCH reaches
the PDF (checked in 7.4 and 25.2). The .docx carries the 成文日期 as its creation date
(render/docx._set_properties), so after the export every date the PDF states about the document is
set to that one, through pikepdf's XMP API with the Info dictionary kept in step: PDF/A asks the
two to agree. A PDF without XMP (LibreOffice 7.4's plain PDF) gets one, made from its Info.
The result is the same PDF metadata for the same report, whenever and wherever it is converted.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

from lxml import etree

from reportgen.core.ooxml import NS
from reportgen.core.safexml import parse

# The XMP dates LibreOffice writes about the document; each one present is set to the 成文日期.
XMP_DATES = ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate")


def docx_created(docx: Path) -> dt.datetime | None:
    """The creation date the .docx states (docProps/core.xml dcterms:created), timezone-aware
    (UTC when it names none); None when it states none or the part is unreadable."""
    try:
        with zipfile.ZipFile(docx) as z:
            root = parse(z.read("docProps/core.xml"), "docProps/core.xml")
    except (OSError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile):
        return None  # no such part, a damaged one, or a DTD (safexml.UnsafeXML is a ValueError)
    node = root.find(f"{{{NS['dcterms']}}}created")
    if node is None:
        return None
    try:
        stamp = dt.datetime.fromisoformat((node.text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


def set_dates(pdf: Path, when: dt.datetime) -> None:
    """Rewrite PDF (a private work copy) so that its creation date, and every other date it states
    about the document, is WHEN. Raises pikepdf.PdfError for a PDF pikepdf cannot read."""
    import pikepdf  # only the PDF path needs it (and it costs 50 ms to import)

    stamp = when.isoformat()
    dated = pdf.with_name(pdf.name + ".dated")  # written beside it, then put in its place: reading the
    with pikepdf.open(pdf) as doc:  # input into memory to overwrite it (allow_overwriting_input) doubles the time
        for key in ("/CreationDate", "/ModDate"):  # the export time (LibreOffice's, malformed: "…Z'")
            if key in doc.docinfo:
                del doc.docinfo[key]
        had_xmp = "/Metadata" in doc.Root
        # set_pikepdf_as_editor=False: the producer stays LibreOffice and pikepdf adds no date of
        # its own; update_docinfo (the default) writes the Info dictionary to match the XMP.
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            if not had_xmp:  # a plain PDF of LibreOffice 7.4: the XMP made from its Info
                meta.load_from_docinfo(doc.docinfo)
            meta["xmp:CreateDate"] = stamp
            for key in XMP_DATES[1:]:
                if key in meta:
                    meta[key] = stamp
            if "dc:date" in meta:
                meta["dc:date"] = [stamp]
        doc.save(dated, fix_metadata_version=False)  # the XMP's PDF version stays LibreOffice's (and true)
    os.replace(dated, pdf)
