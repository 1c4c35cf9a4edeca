"""The committed template is exactly what the builder makes from the schema, and is well-formed."""

import re
import zipfile

from reportgen import schema
from reportgen.template import DEFAULT_TEMPLATE, build


def test_committed_template_equals_a_fresh_build():
    assert DEFAULT_TEMPLATE.read_bytes() == build(), "run `make template` and commit templates/report.docx"


def test_template_has_one_placeholder_per_value_cell():
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as z:
        xml = z.read("word/document.xml").decode()
    names = re.findall(r"\{\{ (t[234]_\w+) \}\}", xml)
    assert sorted(names) == sorted(schema.VALUE_KEYS)
    assert len(names) == 10 + 175 + 15


def test_every_run_names_all_four_fonts():
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as z:
        for part in ("word/document.xml", "word/footer1.xml", "word/footer2.xml"):
            xml = z.read(part).decode()
            runs = re.findall(r"<w:r>(.*?)</w:r>", xml, flags=re.S)
            assert runs
            for r in runs:
                assert re.search(r'<w:rFonts w:ascii="[^"]+" w:hAnsi="[^"]+" w:eastAsia="[^"]+" w:cs="[^"]+"', r), r[:200]
        styles = z.read("word/styles.xml").decode()
        assert 'w:eastAsia="zh-CN"' in styles and "Theme" not in styles
