"""`reportgen doctor` (环境检查): what an office's IT person or a bug report needs to know."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from reportgen import __version__
from reportgen.core import resources
from reportgen.render.fonts import REAL, UNKNOWN, WRONG, font_uses, replacement_table
from reportgen.render.pdf import font_conf
from reportgen.office.soffice import TESTED_VERSIONS, find, older_than_tested, soffice_version


def lines() -> tuple[list[str], bool]:
    """The report's lines, and whether the installation itself is sound (the template is there)."""
    template = resources.default_template()
    frozen = getattr(sys, "frozen", False)  # the one-folder bundle (PyInstaller)
    out = [
        f"reportgen {__version__}" + ("（免安装版）" if frozen else ""),
        f"Python {platform.python_version()}（{sys.executable}）",
        f"系统 {platform.platform()}",
        f"程序位置 {Path(__file__).resolve().parents[1]}",  # the reportgen package folder
    ]
    ok = template.is_file()
    out.append(f"内置模板 {template}" + ("" if ok else "（不见了：安装不完整，请用原来的安装包重新安装 reportgen）"))
    found = find()
    out.append(
        f"LibreOffice {found.path}（{found.how}；用于 --pdf，以及读取 .doc/.wps/.rtf/.odt 文件）" if found.path
        else f"LibreOffice {found.how}：--pdf 不可用（可在 Word/WPS 中“另存为 PDF”），"
        ".doc/.wps/.rtf/.odt 文件无法读取（可在 Word/WPS 中“另存为” .docx）"
    )
    if found.path:
        out += _version_lines(found.path)
    from reportgen.finished.door import SCAN_ADVICE, ocr_available

    out.append("文字识别（扫描件 PDF）已安装" if ocr_available() else f"文字识别（扫描件 PDF）未安装：{SCAN_ADVICE}")
    conf = font_conf() if sys.platform != "win32" else None
    if conf:
        out.append(f"字体映射 {conf}")
    out.append("生成 PDF 时各公文字体实际使用的字体：")
    uses = font_uses(Path(conf) if conf else None)
    out += [f"  {u.line()}" for u in uses]
    if any(u.kind == WRONG for u in uses):
        from reportgen.render.fonts import install_hint

        out.append(f"  有字体不合适：{install_hint()}")
    elif any(u.kind == UNKNOWN for u in uses) and sys.platform != "win32":
        out.append("  无法检测字体（没有 fc-match）：请安装 fontconfig")
    table = replacement_table(uses)
    out.append("LibreOffice 字体替换表（每次生成 PDF 时写入 reportgen 自己的 LibreOffice 配置）：")
    out += [f"  {name} → {face}" for name, face in table.items()]
    otherwise = "由字体映射决定" if sys.platform != "win32" else "本机没有可用的替代字体"
    out += [f"  {u.name}：不替换（{'已装正式字体' if u.kind == REAL else otherwise}）" for u in uses if u.name not in table]
    out.append("Word 报告(.docx)本身只写字体名称，在装有正式字体的 Word/WPS 中按正式字体显示。")
    return out, ok


def _version_lines(soffice: str) -> list[str]:
    """The LibreOffice version --pdf will use, and a 提醒 for one older than those tested."""
    tested = "、".join(TESTED_VERSIONS)
    version = soffice_version(soffice)
    if not version:
        return [f"LibreOffice 版本 无法读出（已测试的版本：{tested}）"]
    out = [f"LibreOffice 版本 {version}（已测试的版本：{tested}）"]
    if older_than_tested(version):
        out.append(f"  提醒：LibreOffice {version} 比已测试的最旧版本 {TESTED_VERSIONS[0]} 还旧，PDF 的版面可能与 Word 不同。"
                   "请安装新版 LibreOffice（https://zh-cn.libreoffice.org/）")
    return out
