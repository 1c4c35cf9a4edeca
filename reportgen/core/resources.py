"""Where the files reportgen ships inside its package are: the template and the PDF font map.

Everything is found with importlib.resources, so a wheel, pipx, an editable install and the
one-folder bundle (PyInstaller) all work without the development checkout. The package is never
imported from a zip here (pip unpacks wheels, PyInstaller's onedir keeps data files on disk), so a
plain Path is returned and can be handed to LibreOffice or stat'ed.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

TEMPLATE_NAME = "report.docx"
FONT_CONF_NAME = "gongwen-fonts.conf"


def _path(package: str, *parts: str) -> Path:
    return Path(os.fspath(files(package).joinpath(*parts)))


def default_template() -> Path:
    """The built-in red-header template (the checkout's templates/report.docx)."""
    return _path("reportgen.templates", TEMPLATE_NAME)


DEFAULT_TEMPLATE = default_template()


def font_dir() -> Path:
    """The fontconfig map and the free 仿宋/楷体 look-alikes it names."""
    return _path("reportgen", "fonts")


def font_conf() -> Path:
    return font_dir() / FONT_CONF_NAME


def missing_file(path: Path):
    """The problem for a file the installation should carry but does not: reinstall, not re-save."""
    from reportgen.core.problems import error

    return error(
        "INSTALL",
        path.name,
        "",
        f"安装不完整：程序自带的文件 {path.name} 不见了（应在 {path.parent}）。"
        "请用原来的安装包重新安装（pip install --force-reinstall 加 reportgen 的 .whl 文件或源代码文件夹；"
        "PyPI 上同名的 reportgen 是另一个软件），或重新解压下载的 reportgen 文件夹",
    )
