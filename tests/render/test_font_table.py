"""The font replacement table written into every conversion's LibreOffice profile (issue 17 item 4)."""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET

import pikepdf
import pytest

from reportgen import build
from reportgen.cli.commands import main
from reportgen.render import fonts as fontcheck
from reportgen.render import pdf as pdfmod
from reportgen.render.fonts import REAL, SUBSTITUTE, WRONG
from reportgen.render.officemacro import write_profile

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX

OOR = "{http://openoffice.org/2001/registry}"


def table_in_profile(profile) -> tuple[bool, dict[str, tuple[str, str, str]]]:
    """(Replacement switched on, {ReplaceFont: (SubstituteFont, Always, OnScreenOnly)}) from the profile."""
    root = ET.parse(profile / "user" / "registrymodifications.xcu").getroot()
    on, pairs = False, {}
    for item in root.iter("item"):
        path = item.get(f"{OOR}path")
        if path == "/org.openoffice.Office.Common/Font/Substitution":
            on = item.find(f"prop[@{OOR}name='Replacement']/value").text == "true"
        if path == "/org.openoffice.Office.Common/Font/Substitution/FontPairs":
            props = {p.get(f"{OOR}name"): p.find("value").text for p in item.iter("prop")}
            pairs[props["ReplaceFont"]] = (props["SubstituteFont"], props["Always"], props["OnScreenOnly"])
    return on, pairs


def test_the_profile_holds_the_table_always_and_in_print(tmp_path):
    write_profile(tmp_path / "p", {"SelectPdfVersion": 2}, {"仿宋_GB2312": "FangSong", "楷体_GB2312": "KaiTi & <Co>"})
    on, pairs = table_in_profile(tmp_path / "p")
    assert on
    assert pairs == {"仿宋_GB2312": ("FangSong", "true", "false"), "楷体_GB2312": ("KaiTi & <Co>", "true", "false")}
    write_profile(tmp_path / "q", {"SelectPdfVersion": 2}, {})
    assert table_in_profile(tmp_path / "q") == (False, {})


def test_windows_table_maps_to_the_faces_windows_ships():
    """Windows: FangSong/KaiTi are substitutes (GBK faces), not the official GB2312 fonts; 小标宋 is never
    preinstalled, so the title gets a serif (SimSun) rather than LibreOffice's sans fallback, with a 提醒."""
    installed = ["FangSong (TrueType)", "KaiTi (TrueType)", "SimHei (TrueType)", "SimSun & NSimSun (TrueType)"]
    uses = {u.name: u for u in fontcheck._windows_uses(installed)}
    assert [(u.face, u.kind) for u in uses.values()] == [("SimSun", WRONG), ("SimHei", REAL), ("KaiTi", SUBSTITUTE), ("FangSong", SUBSTITUTE)]
    assert uses["仿宋_GB2312"].line() == "仿宋_GB2312（正文）→ FangSong（系统自带替代字体）"
    assert fontcheck.replacement_table(list(uses.values())) == {
        "方正小标宋简体": "SimSun", "黑体": "SimHei", "楷体_GB2312": "KaiTi", "仿宋_GB2312": "FangSong"
    }  # fmt: skip
    # The official fonts installed: nothing to replace (the office's own 仿宋_GB2312 is used as named).
    official = ["仿宋_GB2312 (TrueType)", "楷体_GB2312 (TrueType)", "黑体 (TrueType)", "方正小标宋简体 (TrueType)"]
    assert fontcheck.replacement_table(fontcheck._windows_uses(official)) == {}


def test_doctor_on_windows_reports_substitutes_and_the_table(monkeypatch):
    from reportgen.cli import doctor
    from reportgen.office.soffice import Found

    monkeypatch.setattr(doctor, "find", lambda: Found(None, "没有找到"))
    monkeypatch.setattr(fontcheck, "_windows_font_names", lambda: ["仿宋 (TrueType)", "楷体 (TrueType)", "黑体 (TrueType)"])
    monkeypatch.setattr(sys, "platform", "win32")
    out, ok = doctor.lines()
    monkeypatch.undo()
    assert "  仿宋_GB2312（正文）→ 仿宋（系统自带替代字体）" in out
    assert "  楷体_GB2312（二级标题）→ 楷体（系统自带替代字体）" in out
    assert "  黑体（一级标题）→ 黑体（正式字体）" in out
    start = out.index("LibreOffice 字体替换表（每次生成 PDF 时写入 reportgen 自己的 LibreOffice 配置）：")
    assert out[start + 1 : start + 5] == [
        "  楷体_GB2312 → 楷体", "  仿宋_GB2312 → 仿宋", "  方正小标宋简体：不替换（本机没有可用的替代字体）", "  黑体：不替换（已装正式字体）"
    ]  # fmt: skip
    assert not any("正式字体）" in line and "楷体_GB2312（" in line for line in out)


@pytest.mark.fontconfig
def test_linux_table_is_the_fontconfig_map_in_regular_weight(capsys):
    """Linux: the shipped Fandol look-alikes; 小标宋's bold Noto Serif stays with fontconfig (a table
    names a family only: it would set the title in regular)."""
    table = pdfmod.font_replacements()
    assert table["仿宋_GB2312"] == "FandolFang" and table["楷体_GB2312"] == "FandolKai"
    assert "方正小标宋简体" not in table
    if os.environ.get("CI") == "true":
        assert table["黑体"] == "Noto Sans CJK SC"
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "  仿宋_GB2312 → FandolFang\n" in out and "  方正小标宋简体：不替换（由字体映射决定）\n" in out


def embedded_fonts(pdf_path) -> set[str]:
    """The base names of the fonts embedded in the PDF, without the subset prefix."""
    names = set()
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for font in page.obj.Resources.Font.values():
                names.add(str(font.BaseFont).lstrip("/").split("+")[-1])
    return names


@pytest.mark.libreoffice
@pytest.mark.fontconfig
def test_the_table_decides_the_face_embedded_in_the_pdf(tmp_path, monkeypatch):
    """A table mapping 仿宋_GB2312 to a chosen face (AR PL UMing, which fontconfig would never pick for
    it) puts that face in the PDF's body instead of the Fandol look-alike: LibreOffice obeys our table."""
    assert build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / "报告.docx").ok
    (plain,) = pdfmod.to_pdfs([tmp_path / "报告.docx"], tmp_path / "machine")
    assert "FandolFang-Regular" in embedded_fonts(plain) and "UMingCN" not in embedded_fonts(plain)
    chosen = dict(pdfmod.font_replacements(), **{"仿宋_GB2312": "AR PL UMing CN"})
    monkeypatch.setattr(pdfmod, "font_replacements", lambda: chosen)  # this machine's table, as to_pdfs asks for it
    (mapped,) = pdfmod.to_pdfs([tmp_path / "报告.docx"], tmp_path / "chosen")
    fonts = embedded_fonts(mapped)
    assert "UMingCN" in fonts and "FandolFang-Regular" not in fonts
    assert "FandolKai-Regular" in fonts  # the other names keep their faces
