"""汇总.xlsx's 图表 sheet (county/charts.py): openpyxl chart objects over the summary's own cells, drawn
by LibreOffice into a picture that is not blank."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from ..conftest import libreoffice_convert
from .reviewer_folders import report, unbalanced


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    from reportgen.cli.commands import main

    root = tmp_path_factory.mktemp("charts")
    now = root / "收到"
    report(now / "县教育局.docx", "某县教育局")
    report(now / "县民政局.html", "某县民政局", values=unbalanced())
    report(now / "县司法局.docx", "某县司法局")
    (now / "名单.txt").write_text("某县教育局\n某县民政局\n某县司法局\n某县财政局\n", encoding="utf-8")
    assert main(["batch", str(now), "-o", str(root / "审核")]) == 1
    return root / "审核" / "汇总.xlsx"


def _charts(path) -> list[tuple[str, str, list[str]]]:
    """Each chart of the workbook: its kind, its title and the cell ranges it draws."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)):
            xml = z.read(name).decode()
            kind = re.search(r"<(barChart|pieChart)>", xml).group(1)
            out.append((kind, re.search(r"<a:t>([^<]*)</a:t>", xml).group(1), re.findall(r"<f>([^<]*)</f>", xml)))
    return out


def test_the_chart_sheet_holds_three_charts_over_the_summary_cells(summary):
    wb = load_workbook(summary)
    assert wb.sheetnames[:2] == ["汇总", "图表"]
    assert list(wb["图表"].values)[:5] == [("状态", "数量"), ("通过", 2), ("有警告", 0), ("有错误", 1), ("未交", 1)]
    assert [c.value for c in wb["汇总"]["E"]][:1] == ["本年新收"] and wb["汇总"]["B4"].value == "县民政局.html"
    assert wb["各部门指标"]["D1"].value == "实质公开率"
    assert _charts(summary) == [
        ("pieChart", "各状态的报告数", ["'图表'!B1", "'图表'!$A$2:$A$5", "'图表'!$B$2:$B$5"]),
        ("barChart", "各部门本年新收政府信息公开申请（件）", ["'汇总'!E1", "'汇总'!$B$2:$B$4", "'汇总'!$E$2:$E$4"]),
        ("barChart", "各部门实质公开率", ["'各部门指标'!D1", "'各部门指标'!$B$2:$B$4", "'各部门指标'!$D$2:$D$4"]),
    ]


@pytest.mark.libreoffice
def test_libreoffice_draws_the_charts(summary, tmp_path):
    from PIL import Image, ImageStat

    wb = load_workbook(summary)  # the 图表 sheet alone on the page: the others hidden, their cells still there
    for ws in wb.worksheets:
        if ws.title != "图表":
            ws.sheet_state = "hidden"
    wb.active = wb.sheetnames.index("图表")
    wb.save(tmp_path / "图表.xlsx")
    pdf = libreoffice_convert(tmp_path / "图表.xlsx", "pdf", tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    image = Image.open(tmp_path / "page-1.png").convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 10  # not a blank page
    # the pie's status colours and the bars' blue and green are drawn
    for rgb in ((0x70, 0xAD, 0x47), (0xC0, 0x00, 0x00), (0x44, 0x72, 0xC4)):
        assert sum(n for n, c in colours if all(abs(a - b) < 12 for a, b in zip(c, rgb))) > 200, rgb
