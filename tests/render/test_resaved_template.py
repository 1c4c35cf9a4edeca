"""A template re-saved by an office suite keeps the official touches: LibreOffice renumbers the style
IDs (GwOrgMark -> Style21 …) but keeps the names the renderer looks for. The report built with the
re-saved template measures like the built-in one on the page."""

from __future__ import annotations

import shutil

import pytest

from reportgen import build
from reportgen.core.resources import DEFAULT_TEMPLATE
from reportgen.render.pdf import to_pdfs

from .. import measure as M
from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, libreoffice_convert, nonzero_values, sample_meta, write_workbook

# every test here converts with LibreOffice, once with each installation (conftest.office)
pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("office")]

LONG = "某某省某某市某某区人民政府办公室政务公开与政务服务管理中心"


def measurements(pdf) -> dict[str, float]:
    lines = M.lines(pdf)
    red = [ln for ln in lines if ln.red]
    rule = [r for r in M.rules(pdf, 1) if r["colour"] == (1.0, 0.0, 0.0) or r["fill"] == (1.0, 0.0, 0.0)][0]
    title = [ln for ln in lines if round(ln.size) == 22][0]
    date = [ln for ln in lines if ln.text.startswith("2026年1月")][-1]
    sig = lines[lines.index(date) - 1]
    return {
        "header lines": len(red),
        "header top": red[0].top,
        "header bottom": red[-1].bottom,
        "header size": red[0].size,
        "header left": min(r.x0 for r in red),
        "header right": max(r.x1 for r in red),
        "rule top": rule["top"],
        "rule left": rule["x0"],
        "rule right": rule["x1"],
        "title top": title.top,
        "signature left": sig.x0,
        "signature right": sig.x1,
        "date left": date.x0,
        "date right": date.x1,
        "pages": M.page_count(pdf),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory, office):
    folder = tmp_path_factory.mktemp("resaved")
    original = folder / "report.docx"
    shutil.copy(DEFAULT_TEMPLATE, original)
    templates = {
        "built-in": None,
        "docx->docx": libreoffice_convert(original, "docx:MS Word 2007 XML", folder / "docx"),
        "docx->odt->docx": libreoffice_convert(
            libreoffice_convert(original, "odt", folder / "odt"), "docx:MS Word 2007 XML", folder / "odt-docx"
        ),
    }
    long_xlsx = write_workbook(folder / "统计表.xlsx", sample_meta(agency=LONG, date=__import__("datetime").date(2026, 1, 19)), nonzero_values())
    docs = {}
    for name, template in templates.items():
        for case, xlsx in (("sample", SAMPLE_XLSX), ("long", long_xlsx)):
            result = build(xlsx, SAMPLE_TXT, out=folder / f"{case}-{name.replace('>', '')}.docx", template=template)
            assert result.ok, (name, [str(p) for p in result.problems])
            docs[(name, case)] = result.output
    pdfs = dict(zip(docs, to_pdfs(list(docs.values()), folder / "pdf")))
    return {key: measurements(pdf) for key, pdf in pdfs.items()}


@pytest.mark.parametrize("resaved", ["docx->docx", "docx->odt->docx"])
@pytest.mark.parametrize("case", ["sample", "long"])
def test_a_resaved_template_gives_the_same_page(built, resaved, case):
    ours, theirs = built[("built-in", case)], built[(resaved, case)]
    assert theirs == pytest.approx(ours, abs=0.5), {k: (ours[k], theirs[k]) for k in ours if abs(ours[k] - theirs[k]) > 0.5}


def test_the_long_name_keeps_a_full_size_two_line_header(built):
    long = built[("built-in", "long")]
    assert long["header lines"] == 2 and long["header size"] == 36
    assert long["header left"] >= M.TYPE_LEFT - 0.5 and long["header right"] <= M.TYPE_RIGHT + 0.5
