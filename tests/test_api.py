"""The library API for integrators: importable from the package, documented and typed."""

import inspect

import reportgen
from reportgen import build, check, init, load

from .conftest import SAMPLE_TXT, SAMPLE_XLSX


def test_public_functions_are_documented_and_fully_annotated():
    for name in reportgen.__all__:
        obj = getattr(reportgen, name)
        assert inspect.getdoc(obj), name
        if inspect.isfunction(obj):
            sig = inspect.signature(obj)
            assert sig.return_annotation is not inspect.Signature.empty, name
            assert all(p.annotation is not inspect.Parameter.empty for p in sig.parameters.values()), name


def test_the_api_does_what_the_cli_does(tmp_path):
    started = init(tmp_path / "new")
    assert started.ok and [p.name for p in started.written] == ["统计表.xlsx", "正文.txt"]
    again = init(tmp_path / "new")
    assert not again.ok and {p.rule for p in again.problems} == {"EXISTS"}
    report, problems = load(SAMPLE_XLSX, SAMPLE_TXT)
    assert problems == [] and check(report) == []  # the sample's 六 says only 无。: nothing to report
    assert report.meta.agency == "互助土族自治县司法局"
    result = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "r.docx", html=tmp_path / "web" / "r.html")
    assert result.ok and result.output.exists()
    # An output folder that does not exist for the page: the .docx stays, the page is reported.
    assert result.html is None and [p.rule for p in result.problems] == ["OUTPUT"]
