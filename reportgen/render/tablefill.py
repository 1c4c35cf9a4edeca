"""The built-in template's three tables, filled outside docxtpl's pass (a speed-up, same bytes).

docxtpl cleans a template's XML with regular expressions before Jinja sees it; on the tables'
~70 KB that is ~50 ms of a ~70 ms render, for every report of a batch. The built-in template's
tables hold nothing but labels and `{{ value_key }}` placeholders, so for that template only:
docxtpl renders a copy in which each table is a marker paragraph, and the tables, with each
placeholder replaced by its escaped value exactly as Jinja would, are put back in place.
tests/test_speedups.py checks the result equals docxtpl's own render byte for byte. An office's
own template never takes this path.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile

from markupsafe import escape

from reportgen.core.ooxml import nsdecls, qn, zip_parts

MARK = "reportgen-table-"
_TABLE = re.compile(r"<w:tbl>.*?</w:tbl>", flags=re.DOTALL)  # our template has no nested tables
_PLACEHOLDER = re.compile(r"\{\{ (t[234]_\w+) \}\}")


@functools.lru_cache(maxsize=2)
def split(template: bytes) -> tuple[bytes, tuple[str, ...]]:
    """(the template with each table replaced by a marker paragraph, the tables' XML)."""
    with zipfile.ZipFile(io.BytesIO(template)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    tables = tuple(_TABLE.findall(document))
    for i, table in enumerate(tables):
        document = document.replace(table, f"<w:p><w:r><w:t>{MARK}{i}</w:t></w:r></w:p>", 1)
    parts["word/document.xml"] = document.encode("utf-8")
    return zip_parts(parts), tables


def put_back(body, tables: tuple[str, ...], context: dict[str, object]) -> None:
    """Replace each marker paragraph of the rendered BODY by its table, placeholders filled."""
    from docx.oxml import parse_xml

    for p in body.findall(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if not text.startswith(MARK):
            continue
        xml = _PLACEHOLDER.sub(lambda m: str(escape(context[m[1]])), tables[int(text[len(MARK) :])])
        table = parse_xml(f"<w:root {nsdecls('w')}>{xml}</w:root>")[0]
        p.addprevious(table)
        body.remove(p)
