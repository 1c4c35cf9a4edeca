"""The generated .docx is valid OOXML (Word opens it without "repair") and every run names its fonts."""

import pytest
from openxml_audit import OpenXmlValidator

from reportgen import build

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, assert_look_in_styles, clean_values, sample_meta, write_workbook
from ..test_second_dataset import NARRATIVE


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("valid")
    sample = build(SAMPLE_XLSX, SAMPLE_TXT, out=folder / "sample.docx").output
    meta = sample_meta(doc_number="某政办〔2026〕3号", seal=True, title="某某区人民政府办公室关于2025年政府信息公开工作年度报告很长的标题")
    xlsx = write_workbook(folder / "统计表.xlsx", meta, clean_values())
    txt = folder / "正文.txt"
    txt.write_text(NARRATIVE, encoding="utf-8")
    other = build(xlsx, txt, out=folder / "other.docx").output
    return [sample, other]


def test_schema_valid_for_word(documents):
    validator = OpenXmlValidator()
    for docx in documents:
        result = validator.validate(str(docx))
        assert result.is_valid, [str(e) for e in result.errors][:10]


def test_the_look_of_the_report_is_in_the_styles(documents):
    for docx in documents:
        assert_look_in_styles(docx)
