"""Which face sets each official font in the PDF, `reportgen doctor`, and the 提醒 when it is unfit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reportgen.cli.commands import main
from reportgen.core import resources
from reportgen.render import fonts as fontcheck
from reportgen.render.fonts import LOOKALIKE, REAL, WRONG, FontUse

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX

OFFICIAL = ["方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"]


def bare_conf(tmp_path: Path) -> Path:
    """Our map with no system fonts but DejaVu: what a machine without CJK font packages sees."""
    text = resources.font_conf().read_text(encoding="utf-8")
    text = text.replace('<include ignore_missing="yes">/etc/fonts/fonts.conf</include>', "")
    text = text.replace('<dir prefix="relative">.</dir>', f"<dir>{resources.font_dir()}</dir><dir>/usr/share/fonts/truetype/dejavu</dir>"
                        f"<cachedir>{tmp_path / 'cache'}</cachedir>")  # fmt: skip
    conf = tmp_path / "bare.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def by_name(uses: list[FontUse]) -> dict[str, FontUse]:
    return {u.name: u for u in uses}


@pytest.mark.fontconfig
def test_shipped_map_gives_lookalikes_for_all_four(tmp_path):
    uses = by_name(fontcheck.font_uses(resources.font_conf()))
    assert list(uses) == OFFICIAL
    assert uses["仿宋_GB2312"].face == "FandolFang Regular" and uses["仿宋_GB2312"].kind == LOOKALIKE
    assert uses["楷体_GB2312"].face == "FandolKai Regular" and uses["楷体_GB2312"].kind == LOOKALIKE
    if os.environ.get("CI") == "true":  # .ci/run installs fonts-noto-cjk
        assert uses["方正小标宋简体"].face == "Noto Serif CJK SC Bold" and uses["方正小标宋简体"].kind == LOOKALIKE
        assert uses["黑体"].face.startswith("Noto Sans CJK SC") and uses["黑体"].kind == LOOKALIKE
    assert fontcheck.missing_fonts_warning(list(uses.values()), "报告.pdf") is None or os.environ.get("CI") != "true"


@pytest.mark.fontconfig
def test_machine_without_cjk_packages_gets_a_warning_naming_the_fonts(tmp_path):
    uses = by_name(fontcheck.font_uses(bare_conf(tmp_path)))
    assert uses["仿宋_GB2312"].kind == LOOKALIKE  # shipped with the package
    assert uses["楷体_GB2312"].kind == LOOKALIKE
    assert uses["方正小标宋简体"].kind == WRONG and uses["黑体"].kind == WRONG
    problem = fontcheck.missing_fonts_warning(list(uses.values()), "报告.pdf")
    text = str(problem)
    assert text.startswith("提醒 [FONT] 报告.pdf：本机没有合适的字体：方正小标宋简体（标题，将用 ")
    assert "黑体（一级标题，将用 " in text and "仿宋_GB2312" not in text
    assert "sudo apt install fonts-noto-cjk" in text and "~/.local/share/fonts" in text


@pytest.mark.fontconfig
@pytest.mark.libreoffice
def test_build_pdf_warns_when_fonts_are_unfit(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REPORTGEN_FONTCONF", str(bare_conf(tmp_path)))
    rc = main(["build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(tmp_path / "报告.docx"), "--pdf"])
    captured = capsys.readouterr()
    assert rc == 0
    assert (tmp_path / "报告.pdf").is_file()
    assert "提醒 [FONT] 报告.pdf：本机没有合适的字体：方正小标宋简体" in captured.err


def test_windows_registry_names_are_matched():
    installed = ["仿宋_GB2312 (TrueType)", "SimSun & NSimSun (TrueType)", "黑体 (TrueType)", "KaiTi (TrueType)"]
    uses = by_name(fontcheck._windows_uses(installed))
    assert (uses["仿宋_GB2312"].face, uses["仿宋_GB2312"].kind) == ("仿宋_GB2312", REAL)
    # KaiTi is Windows's 楷体 (GBK), a substitute for 楷体_GB2312, not the official font (issue 17)
    assert (uses["楷体_GB2312"].face, uses["楷体_GB2312"].kind) == ("KaiTi", fontcheck.SUBSTITUTE)
    assert (uses["黑体"].face, uses["黑体"].kind) == ("黑体", REAL)
    assert uses["方正小标宋简体"].kind == WRONG and uses["方正小标宋简体"].face == "SimSun"  # the table's last resort


def test_doctor_reports_version_template_libreoffice_and_each_font(capsys):
    rc = main(["doctor"])
    out = capsys.readouterr().out.splitlines()
    assert rc == 0
    assert out[0].startswith("reportgen 0.")
    assert out[1].startswith(f"Python {sys.version_info.major}.{sys.version_info.minor}")
    assert f"内置模板 {resources.default_template()}" in out
    assert any(line.startswith("LibreOffice ") for line in out)
    for name in OFFICIAL:
        assert any(line.startswith(f"  {name}（") and "→" in line for line in out), name


@pytest.mark.fontconfig
def test_installed_official_font_wins_over_the_lookalike(tmp_path):
    """An office that installs its licensed 仿宋_GB2312 gets it in the PDF, not our Fandol look-alike."""
    from fontTools.ttLib import TTFont

    fonts = tmp_path / "office-fonts"
    fonts.mkdir()
    face = TTFont(resources.font_dir() / "FandolFang-Regular.otf")  # stands in for the licensed file
    for lang in (0x804, 0x409):
        face["name"].setName("仿宋_GB2312", 1, 3, 1, lang)
    face["name"].removeNames(nameID=16)
    face.save(fonts / "FS_GB2312.otf")
    conf = tmp_path / "office.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><include>{resources.font_conf()}</include><dir>{fonts}</dir>'
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")  # fmt: skip
    uses = by_name(fontcheck.font_uses(conf))
    assert (uses["仿宋_GB2312"].face, uses["仿宋_GB2312"].kind) == ("仿宋_GB2312 Regular", REAL)
    assert uses["楷体_GB2312"].face == "FandolKai Regular"  # the others keep their look-alikes


def test_font_advice_is_per_system_and_never_apt_outside_linux(monkeypatch):
    """Issue 17: on Windows the official fonts are installed for all users; apt exists on Linux only."""

    uses = [FontUse("方正小标宋简体", "标题", "SimSun", WRONG)]
    monkeypatch.setattr(sys, "platform", "win32")
    text = str(fontcheck.missing_fonts_warning(uses, "报告.pdf"))
    assert "右键选择“为所有用户安装”" in text and "apt" not in text and "~/.local" not in text
    monkeypatch.setattr(sys, "platform", "darwin")
    assert "字体册" in fontcheck.install_hint() and "apt" not in fontcheck.install_hint()
    monkeypatch.setattr(sys, "platform", "linux")
    assert "sudo apt install" in fontcheck.install_hint()
