"""The same page in every tested LibreOffice: the sample rendered by the distribution's LibreOffice
and by the current release (REPORTGEN_SOFFICE_ALT, which .ci/run unpacks) puts the red header, the
rule, the title, the first body line and the signature block at the same places."""

from __future__ import annotations

import os

import pytest

from reportgen import build
from reportgen.render.pdf import to_pdf
from reportgen.office.soffice import ENV as SOFFICE_ENV

from .. import measure as M
from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, SOFFICE_ALT_ENV, office_version, offices

pytestmark = pytest.mark.libreoffice


def places(pdf) -> dict[str, float]:
    """What a reviewer measures with a ruler, in mm (see the issue's table)."""
    lines = M.lines(pdf)
    header = [ln for ln in lines if ln.red][0]
    rule = [r for r in M.rules(pdf, 1) if r["colour"] == (1.0, 0.0, 0.0) or r["fill"] == (1.0, 0.0, 0.0)][0]
    title = [ln for ln in lines if round(ln.size) == 22][0]
    page2 = [ln for ln in lines if ln.page == 2 and round(ln.size) == 16][0]
    date = [ln for ln in lines if ln.text == "2026年1月19日"][0]
    sig = [ln for ln in lines if ln.text == "互助县司法局"][0]
    return {
        "header top": header.top,
        "header ink top": M.red_ink_top(pdf),
        "header glyphs to rule": rule["top"] - header.bottom,
        "rule": rule["top"],
        "title top": title.top,
        "page 2 first baseline": page2.bottom,
        "signature left": sig.x0,
        "signature top": sig.top,
        "date left": date.x0,
        "date right": date.x1,
        "date top": date.top,
        "pages": M.page_count(pdf),
    }


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    params = [p.values[0] for p in offices()]
    if len(params) < 2:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI measures the page in two LibreOffice versions: {SOFFICE_ALT_ENV} is not set (.ci/run could not unpack it)")
        pytest.skip(f"one LibreOffice only (set {SOFFICE_ALT_ENV} to a second one)")
    folder = tmp_path_factory.mktemp("two-offices")
    docx = build(SAMPLE_XLSX, SAMPLE_TXT, out=folder / "sample.docx").output
    out = {}
    for setting in params:
        with pytest.MonkeyPatch.context() as patch:
            if setting:
                patch.setenv(SOFFICE_ENV, setting)
            from ..conftest import find_soffice

            program = setting or find_soffice()
            pdf = to_pdf(docx, folder / (setting.replace("/", "_") or "default"))
        out[office_version(program)] = (places(pdf), [(ln.page, ln.bottom) for ln in M.lines(pdf)])
    return out


def test_two_versions_are_measured(measured):
    assert len(measured) == 2, sorted(measured)  # two different versions, not one twice


def test_header_rule_title_body_and_signature_agree(measured):
    (first, (a, _)), (second, (b, _)) = sorted(measured.items())
    far = {k: (round(a[k], 2), round(b[k], 2)) for k in a if abs(a[k] - b[k]) > 0.3}
    assert not far, f"LibreOffice {first} vs {second}: {far}"


def test_every_line_sits_on_the_same_baseline(measured):
    # Same pages, same number of lines on each, on the same baselines: a paragraph that took one
    # more line in one version would move everything after it by 10 mm.
    (_, (_, a)), (_, (_, b)) = sorted(measured.items())
    assert [page for page, _ in a] == [page for page, _ in b]
    assert [base for _, base in a] == pytest.approx([base for _, base in b], abs=0.1)
