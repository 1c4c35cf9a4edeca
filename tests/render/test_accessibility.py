"""The `--html` page has no WCAG 2.1 A/AA violation under axe-core 4.x in headless Chromium."""

import json
import re
import subprocess
import tempfile

import pytest

from reportgen import build

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, find_axe, find_chromium, nonzero_values, sample_meta, write_workbook

# Run in a copy of the page only (the page itself carries no script): axe-core checks the document
# against WCAG 2.0/2.1 A and AA, then writes its violations where --dump-dom shows them.
_RUN_AXE = """<script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
  .then(r => report({version: axe.version, passes: r.passes.map(p => p.id),
    incomplete: r.incomplete.flatMap(v => v.nodes.map(n => ({rule: v.id, html: n.html,
      reasons: n.any.map(a => (a.data || {}).messageKey)}))),
    violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(" ") + " " + n.failureSummary)}))}))
  .catch(e => report({error: String(e)}));
function report(x) { const pre = document.createElement("pre"); pre.id = "axe-result";
  pre.textContent = JSON.stringify(x); document.body.appendChild(pre); }
</script>"""


def axe_violations(page, tmp_path) -> dict:
    """axe-core's verdict on PAGE, run in headless Chromium."""
    probe = tmp_path / "axe-probe.html"
    script = "<script>" + find_axe().read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", script + _RUN_AXE + "</body>"), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="reportgen-chromium-") as profile:
        proc = subprocess.run(
            [find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--window-size=1000,12000", "--virtual-time-budget=30000", "--dump-dom", probe.as_uri()],
            capture_output=True, timeout=180, text=True, encoding="utf-8",
        )  # fmt: skip
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', proc.stdout, re.S)
    assert found, proc.stderr[-800:]
    import html

    return json.loads(html.unescape(found.group(1)))


@pytest.mark.chromium
@pytest.mark.axe
@pytest.mark.parametrize(
    "agency", [None, "某某省某某市某某区人民政府办公室政务公开与政务服务管理中心"], ids=["sample", "long-name"]
)
def test_the_page_has_no_wcag_2_1_a_or_aa_violation(tmp_path, agency):
    if agency is None:
        result = build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "r.docx", html=True)
    else:
        xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(agency=agency, doc_number="某政办〔2026〕3号"), nonzero_values())
        result = build(xlsx, SAMPLE_TXT, out=tmp_path / "r.docx", html=True)
    assert result.html is not None, [str(p) for p in result.problems]
    verdict = axe_violations(result.html, tmp_path)
    assert "error" not in verdict, verdict
    assert verdict["version"].startswith("4.")
    assert {"color-contrast", "document-title", "html-lang-valid", "td-headers-attr", "th-has-data-cells"} <= set(
        verdict["passes"]
    )  # axe really checked the contrast, the language, the title and the tables' headers
    # Left for review only: the contrast of header cells spanning rows (black on white), which
    # axe-core cannot settle in Chromium when a later row lies under the cell (axe-core issue 4703).
    for item in verdict["incomplete"]:
        assert (item["rule"], item["reasons"]) == ("color-contrast", ["bgOverlap"]), item
        assert re.match(r"<th [^>]*rowspan=", item["html"]), item
    assert verdict["violations"] == []
