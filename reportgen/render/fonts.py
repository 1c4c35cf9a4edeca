"""Which installed face will render each official font name: for `doctor`, the PDF's 提醒 and LibreOffice's replacement table.

The report names the licensed fonts of GB/T 9704 (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312).
Word, WPS and LibreOffice use them when installed; otherwise a free look-alike from our font map
(Linux, 信创 desktops) or, worst, some sans face that makes the PDF look nothing like an official
document. On Linux fontconfig answers the question (`fc-match`, with our map as FONTCONFIG_FILE,
exactly as LibreOffice will see it); on Windows the registry's list of installed fonts does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reportgen.render import layout as L

# (official name, what it sets in the report, the names the real font may be installed under)
OFFICIAL = (
    (L.FONT_XBS, "标题", ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05")),
    (L.FONT_HEITI, "一级标题", ("黑体", "SimHei")),
    (L.FONT_KAITI, "二级标题", ("楷体_GB2312", "KaiTi_GB2312")),
    (L.FONT_FANGSONG, "正文", ("仿宋_GB2312", "FangSong_GB2312")),
)
# Faces that come with Windows (or with Office/WPS: the 华文 ones) and stand in for an official font
# not installed, best first: same design, different character set (楷体/KaiTi is GBK, not GB2312).
SUBSTITUTES = {
    L.FONT_XBS: ("华文中宋", "STZhongsong"),
    L.FONT_HEITI: (),
    L.FONT_KAITI: ("楷体", "KaiTi", "华文楷体", "STKaiti"),
    L.FONT_FANGSONG: ("仿宋", "FangSong", "华文仿宋", "STFangsong"),
}
# Unfit, but better than LibreOffice's own fallback (a sans face): a serif for the title.
LAST_RESORT = {L.FONT_XBS: ("宋体", "SimSun")}
# The free faces our font map (fonts/gongwen-fonts.conf) accepts for each name, in its order.
LOOKALIKES = {
    L.FONT_XBS: ("Noto Serif CJK SC",),
    L.FONT_HEITI: ("Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    L.FONT_KAITI: ("FandolKai", "AR PL UKai CN"),
    L.FONT_FANGSONG: ("FandolFang", "Noto Serif CJK SC"),
}
INSTALL_HINT = (
    "请安装单位的正式字体（把字体文件复制到 ~/.local/share/fonts 后运行 fc-cache -f），"
    "或安装免费替代字体：sudo apt install fonts-noto-cjk fonts-arphic-ukai fonts-wqy-zenhei"
)

WINDOWS_HINT = (
    "请向单位信息化部门索取正式字体（方正小标宋简体、仿宋_GB2312、楷体_GB2312），在字体文件上右键选择"
    "“为所有用户安装”（LibreOffice 只认为所有用户安装的字体），然后重新生成 PDF；"
    "Windows 自带的仿宋、楷体、黑体可作替代，方正小标宋简体需另行取得"
)
MACOS_HINT = "请向单位索取正式字体（方正小标宋简体、仿宋_GB2312、楷体_GB2312），双击字体文件，在“字体册”中安装后重新生成 PDF"


def install_hint(platform: str | None = None) -> str:
    """How to get the official fonts on this system (never apt outside Linux)."""
    platform = platform or sys.platform
    if platform == "win32":
        return WINDOWS_HINT
    if platform == "darwin":
        return MACOS_HINT
    return INSTALL_HINT


REAL, LOOKALIKE, SUBSTITUTE, WRONG, UNKNOWN = "正式字体", "免费替代字体", "系统自带替代字体", "不合适的代用字体", "无法检测"


@dataclass(frozen=True)
class FontUse:
    name: str  # the official name the report asks for
    role: str  # what it sets: 标题, 正文…
    face: str  # the installed face that will be used ("" when it cannot be told)
    kind: str  # REAL, LOOKALIKE, SUBSTITUTE, WRONG or UNKNOWN
    substitute: str = ""  # the face LibreOffice's replacement table names for it ("" for none)

    def line(self) -> str:
        shown = f"{self.face}（{self.kind}）" if self.face else self.kind
        return f"{self.name}（{self.role}）→ {shown}"


def font_uses(conf: Path | None = None) -> list[FontUse]:
    """For each official font, the face that renders it on this machine."""
    if sys.platform == "win32":
        return _windows_uses(_windows_font_names())
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return [FontUse(name, role, "", UNKNOWN) for name, role, _ in OFFICIAL]
    env = dict(os.environ)
    if conf is not None:
        env["FONTCONFIG_FILE"] = str(conf)
    uses = []
    for name, role, real_names in OFFICIAL:
        family, style, langs = _fc_match(fc_match, name, env)
        kind = _kind(name, real_names, family, langs)
        # The table names a family only: a face fontconfig sets in another weight (our map makes
        # 小标宋's Noto Serif bold) stays with fontconfig, or the table would set it in regular.
        plain = style.casefold() in ("regular", "book", "normal", "medium", "")
        substitute = family if kind in (LOOKALIKE, SUBSTITUTE) and family != name and plain else ""
        uses.append(FontUse(name, role, f"{family} {style}".strip(), kind, substitute))
    return uses


def replacement_table(uses: list[FontUse]) -> dict[str, str]:
    """LibreOffice's font replacement table for this machine: each official font not installed ->
    the best installed face (render.officemacro writes it into the profile of every conversion)."""
    return {u.name: u.substitute for u in uses if u.substitute}


def _fc_match(fc_match: str, name: str, env: dict[str, str]) -> tuple[str, str, set[str]]:
    try:
        proc = subprocess.run(
            [fc_match, "-f", "%{family[0]}\t%{style[0]}\t%{lang}", name],
            env=env, capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "", "", set()
    family, _, rest = proc.stdout.decode("utf-8", "replace").partition("\t")
    style, _, langs = rest.partition("\t")
    return family.strip(), style.strip(), set(langs.split("|"))


def _kind(name: str, real_names: tuple[str, ...], family: str, langs: set[str]) -> str:
    if not family:
        return UNKNOWN
    if family.casefold() in {n.casefold() for n in real_names}:
        return REAL
    if family in LOOKALIKES[name]:
        return LOOKALIKE
    if family.casefold() in {n.casefold() for n in SUBSTITUTES[name]}:
        return SUBSTITUTE
    if "zh-cn" not in langs:
        return WRONG  # cannot even draw simplified Chinese: glyphs come from some fallback face
    # A Chinese face, but not one chosen to look like this font (typically a sans for 仿宋/楷体/小标宋).
    return LOOKALIKE if name == L.FONT_HEITI and _is_sans(family) else WRONG


def _is_sans(family: str) -> bool:
    return any(word in family for word in ("Sans", "Hei", "黑"))


def _windows_font_names() -> list[str]:
    """Display names of the installed fonts (machine and per-user), from the registry."""
    import winreg  # type: ignore[import-not-found]  # Windows only

    names: list[str] = []
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, key_path) as key:
                i = 0
                while True:
                    try:
                        value_name = winreg.EnumValue(key, i)[0]
                    except OSError:
                        break
                    names.append(value_name)
                    i += 1
        except OSError:
            continue
    return names


def _windows_uses(installed: list[str]) -> list[FontUse]:
    """Registry names look like "仿宋_GB2312 (TrueType)" or "SimSun & NSimSun (TrueType)"."""
    faces = set()
    for entry in installed:
        for part in entry.split("(")[0].split("&"):
            faces.add(part.strip().casefold())
    def first(names: tuple[str, ...]) -> str:
        return next((n for n in names if n.casefold() in faces), "")

    uses = []
    for name, role, real_names in OFFICIAL:
        if found := first(real_names):
            uses.append(FontUse(name, role, found, REAL, "" if found == name else found))
        elif found := first(SUBSTITUTES[name]):
            uses.append(FontUse(name, role, found, SUBSTITUTE, found))
        else:
            found = first(LAST_RESORT.get(name, ()))
            uses.append(FontUse(name, role, found, WRONG, found))
    return uses


def missing_fonts_warning(uses: list[FontUse], file: str):
    """The 提醒 for a PDF in which some official fonts fall to an unfit face; None when all is well."""
    from reportgen.core.problems import warning

    wrong = [u for u in uses if u.kind == WRONG]
    if not wrong:
        return None
    what = "、".join(f"{u.name}（{u.role}，将用 {u.face or '系统默认字体'}）" for u in wrong)
    return warning("FONT", file, "", f"本机没有合适的字体：{what}，PDF 与公文格式不符（Word 报告本身不受影响）。{install_hint()}")
