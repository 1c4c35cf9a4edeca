"""reportgen as users get it: a wheel installed into a new virtualenv, run far from the checkout.

Everything the program needs at run time must be inside the package (template, font map, fonts);
a missing built-in template is reported as a damaged installation.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from reportgen.cli.commands import main

from ..conftest import ROOT, SAMPLE_TXT, SAMPLE_XLSX, paragraphs, tables

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=600, **kw)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)], cwd=out)
    assert proc.returncode == 0, proc.stderr
    (found,) = out.glob("reportgen-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The wheel in a fresh virtualenv; returns its `reportgen` executable."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    proc = _run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)], cwd=env_dir)
    assert proc.returncode == 0, proc.stderr
    return bindir / "reportgen"


def test_wheel_carries_template_fonts_and_licences(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "reportgen/templates/report.docx",
        "reportgen/fonts/gongwen-fonts.conf",
        "reportgen/fonts/FandolFang-Regular.otf",
        "reportgen/fonts/FandolKai-Regular.otf",
        "reportgen/cli/commands.py",
    ):
        assert needed in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert any(n.endswith(".dist-info/licenses/reportgen/fonts/COPYING-fandol") for n in names)
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    assert "License-Expression: MIT" in zipfile.ZipFile(wheel).read(meta).decode()
    assert not any(n.startswith(("tests/", "inputs/", "scripts/")) for n in names)
    # exactly the checkout's modules, in every subpackage: none forgotten, nothing stale from a build folder
    checkout = {p.relative_to(ROOT).as_posix() for p in (ROOT / "reportgen").rglob("*.py")}
    assert len({n.rsplit("/", 1)[0] for n in checkout}) >= 10  # reportgen/ and its subpackages
    assert {n for n in names if n.startswith("reportgen/") and n.endswith(".py") and not n.startswith("reportgen/templates/")} == checkout


@pytest.mark.install
def test_installed_wheel_runs_init_check_build_html_outside_the_checkout(installed, tmp_path):
    work = tmp_path / "某县司法局"
    work.mkdir()
    proc = _run([str(installed), "init", "2025年报"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "已生成" in proc.stdout and (work / "2025年报" / "统计表.xlsx").is_file()

    xlsx, txt = work / "统计表.xlsx", work / "正文.txt"
    xlsx.write_bytes(SAMPLE_XLSX.read_bytes())
    txt.write_bytes(SAMPLE_TXT.read_bytes())
    proc = _run([str(installed), "check", "统计表.xlsx", "正文.txt"], cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = _run([str(installed), "build", "统计表.xlsx", "正文.txt", "-o", "报告.docx", "--html"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "已生成：报告.docx" in proc.stdout and "已生成：报告.html" in proc.stdout
    assert "TEMPLATE" not in proc.stderr
    assert paragraphs(work / "报告.docx")[0] == "互助土族自治县司法局"
    assert len(tables(work / "报告.docx")) == 3
    assert "<table" in (work / "报告.html").read_text(encoding="utf-8")


@pytest.mark.install
def test_installed_doctor_finds_the_packaged_template_and_font_map(installed, tmp_path):
    proc = _run([str(installed), "doctor"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    site = str(installed.parent.parent)
    template_line = next(line for line in proc.stdout.splitlines() if line.startswith("内置模板 "))
    assert template_line.startswith(f"内置模板 {site}") and template_line.endswith("report.docx")
    if sys.platform != "win32":
        assert f"字体映射 {site}" in proc.stdout


def test_missing_builtin_template_says_installation_is_damaged(monkeypatch, tmp_path, capsys):
    import reportgen.core.resources

    gone = tmp_path / "site-packages" / "reportgen" / "templates" / "report.docx"
    monkeypatch.setattr(reportgen.core.resources, "DEFAULT_TEMPLATE", gone)
    out = tmp_path / "报告.docx"
    rc = main(["build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1 and not out.exists()
    assert (
        f"错误 [INSTALL] report.docx：安装不完整：程序自带的文件 report.docx 不见了（应在 {gone.parent}）。"
        "请用原来的安装包重新安装（pip install --force-reinstall 加 reportgen 的 .whl 文件或源代码文件夹；"
        "PyPI 上同名的 reportgen 是另一个软件），或重新解压下载的 reportgen 文件夹"
    ) in err
    assert "另存为" not in err  # never blames a file the user did not give
