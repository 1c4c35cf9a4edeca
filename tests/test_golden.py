"""The sample in inputs/ reproduces the published report (its text: tests/data/huzhu-sifaju-2025.txt)."""

from collections import Counter

import pytest

from reportgen import build
from reportgen.core import schema

from .conftest import SEED_TABLE_SPLITS, norm, paragraphs, seed_parts, tables


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory):
    from .conftest import SAMPLE_TXT, SAMPLE_XLSX

    out = tmp_path_factory.mktemp("golden") / "sample.docx"
    result = build(SAMPLE_XLSX, SAMPLE_TXT, out=out)
    assert result.ok, [str(p) for p in result.problems]
    return out


def test_every_paragraph_equals_the_published_text_in_order(sample_docx):
    expected, _ = seed_parts()
    assert [norm(p) for p in paragraphs(sample_docx)] == [norm(p) for p in expected]


def test_headers_title_and_signature_block(sample_docx):
    got = paragraphs(sample_docx)
    assert got[0] == "互助土族自治县司法局"
    assert got[1] == "县司法局2025年度政府信息公开工作报告"
    assert got[-2:] == ["互助县司法局", "2026年1月19日"]


def _labels_and_values(grid):
    labels = [t for t in grid.values() if not t.replace(".", "").isdigit()]
    values = [t for t in grid.values() if t.replace(".", "").isdigit()]
    return labels, values


def test_table_labels_equal_the_published_tables(sample_docx):
    _, seed_tables = seed_parts()
    docx_tables = tables(sample_docx)
    assert len(docx_tables) == len(seed_tables) == 3
    for grid, tokens in zip(docx_tables, seed_tables):
        seed_labels = [SEED_TABLE_SPLITS.get(t, t) for t in tokens if not t.replace(".", "").isdigit()]
        seed_labels = [t for t in seed_labels if t != "本年度办理结果"]
        labels, _ = _labels_and_values(grid)
        assert Counter(norm(x) for x in labels) == Counter(norm(x) for x in seed_labels)


def test_table_values_are_the_published_zeros_in_every_cell(sample_docx):
    _, seed_tables = seed_parts()
    t2, t3, t4 = tables(sample_docx)
    for grid, tokens in zip((t2, t3, t4), seed_tables):
        assert {t for t in tokens if t.replace(".", "").isdigit()} == {"0"}
        assert set(_labels_and_values(grid)[1]) == {"0"}
    assert len(_labels_and_values(t2)[1]) == 10
    # Table 三: 25 body rows under the 3 header rows, each with 7 values in columns 3–9.
    body_rows = {r for (r, c) in t3 if r >= 3}
    assert len(body_rows) == 25
    for r in body_rows:
        assert [t3[(r, c)] for c in range(3, 10)] == ["0"] * 7
    assert [t4[(3, c)] for c in range(15)] == ["0"] * 15


def test_table_two_has_its_fourteen_rows_in_the_official_order(sample_docx):
    t2 = tables(sample_docx)[0]
    assert [t2[(r, 0)] for r in range(14)] == [
        "第二十条第（一）项", "信息内容", "规章", "行政规范性文件",
        "第二十条第（五）项", "信息内容", "行政许可",
        "第二十条第（六）项", "信息内容", "行政处罚", "行政强制",
        "第二十条第（八）项", "信息内容", "行政事业性收费",
    ]  # fmt: skip


def test_table_three_header_is_merged_as_published(sample_docx):
    t3 = tables(sample_docx)[1]
    assert t3[(0, 0)] == schema.T3_NOTE
    assert t3[(0, 3)] == "申请人情况"
    assert (t3[(1, 3)], t3[(1, 4)], t3[(1, 9)]) == ("自然人", "法人或其他组织", "总计")
    assert [t3[(2, c)] for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert t3[(5, 0)] == "三、本年度办理结果"
    assert (1, 0) not in t3 and (6, 0) not in t3  # covered by vertical merges
