"""The committed template is exactly what the builder makes from the schema, and is well-formed."""

import re
import zipfile

from reportgen.core import schema
from reportgen.core.resources import DEFAULT_TEMPLATE
from reportgen.render.template import build

from ..conftest import assert_look_in_styles


def test_committed_template_equals_a_fresh_build():
    assert DEFAULT_TEMPLATE.read_bytes() == build(), "run `make template` and commit templates/report.docx"


def test_template_has_one_placeholder_per_value_cell():
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as z:
        xml = z.read("word/document.xml").decode()
    names = re.findall(r"\{\{ (t[234]_\w+) \}\}", xml)
    assert sorted(names) == sorted(schema.VALUE_KEYS)
    assert len(names) == 10 + 175 + 15


def test_the_look_is_in_the_styles():
    assert_look_in_styles(DEFAULT_TEMPLATE)
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as z:
        assert "Theme" not in z.read("word/styles.xml").decode()  # explicit fonts, never theme fonts
