"""The one-folder bundle (PyInstaller onedir) as a clerk without Python gets it.

Builds packaging/reportgen.spec with packaging/build_bundle.py (what `make bundle` and the Windows
workflow run) into a temporary folder, then runs the bundled program far from the checkout:
--version, doctor, init, check, build --html, a dropped folder and dropped files, and batch -j 2 with the platform's
default start method and with spawn (how Windows starts the workers).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen import __version__
from reportgen.core import worker

from ..conftest import (
    ROOT,
    SAMPLE_TXT,
    SAMPLE_XLSX,
    clean_values,
    paragraphs,
    tables,
)

pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "REPORTGEN_"))}
    env.update(extra)
    return env


def _run(args: list[str | Path], cwd: Path, **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300,
        env=_env(**extra_env),
    )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The bundle's folder (holding the executable `reportgen`)."""
    out = tmp_path_factory.mktemp("bundle")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--dist", out / "dist", "--work", out / "work"],
        capture_output=True, text=True, timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    folder = out / "dist" / "reportgen"
    assert (folder / ("reportgen.exe" if os.name == "nt" else "reportgen")).is_file()
    return folder


@pytest.fixture(scope="module")
def exe(bundle) -> Path:
    return bundle / ("reportgen.exe" if os.name == "nt" else "reportgen")


def test_bundle_holds_python_the_template_and_fonts_but_not_numpy_or_pillow(bundle):
    inside = bundle / "_internal"
    assert (inside / "reportgen" / "templates" / "report.docx").is_file()
    for name in ("gongwen-fonts.conf", "FandolFang-Regular.otf", "FandolKai-Regular.otf", "COPYING-fandol"):
        assert (inside / "reportgen" / "fonts" / name).is_file(), name
    assert list(inside.glob("*python3*")), "the Python runtime is missing"
    assert not (inside / "numpy").exists() and not (inside / "PIL").exists()  # excluded in the spec


def test_version(exe, tmp_path):
    proc = _run([exe, "--version"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"reportgen {__version__}"


def test_doctor_finds_the_template_and_font_map_inside_the_bundle(exe, bundle, tmp_path):
    proc = _run([exe, "doctor"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"reportgen {__version__}（免安装版）"
    template = next(line for line in lines if line.startswith("内置模板 "))
    assert template == f"内置模板 {bundle / '_internal' / 'reportgen' / 'templates' / 'report.docx'}"
    if sys.platform != "win32":
        assert f"字体映射 {bundle / '_internal' / 'reportgen' / 'fonts' / 'gongwen-fonts.conf'}" in lines


def test_init_check_build_html_far_from_the_checkout(exe, tmp_path):
    proc = _run([exe, "init", "2025年报"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    made = tmp_path / "2025年报"
    assert f"已生成：{Path('2025年报') / '统计表.xlsx'}" in proc.stdout
    assert "填写说明" in load_workbook(made / "统计表.xlsx").sheetnames
    assert "一、总体情况" in (made / "正文.txt").read_text(encoding="utf-8")

    shutil.copy(SAMPLE_XLSX, tmp_path / "统计表.xlsx")
    shutil.copy(SAMPLE_TXT, tmp_path / "正文.txt")
    proc = _run([exe, "check", "统计表.xlsx", "正文.txt"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "共 0 个错误" in proc.stdout or proc.stdout.strip() == "检查通过，没有发现问题。"

    proc = _run([exe, "build", "统计表.xlsx", "正文.txt", "-o", "报告.docx", "--html"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "已生成：报告.docx" in proc.stdout and "已生成：报告.html" in proc.stdout
    assert paragraphs(tmp_path / "报告.docx")[0] == "互助土族自治县司法局"
    assert len(tables(tmp_path / "报告.docx")) == 3
    assert "<table" in (tmp_path / "报告.html").read_text(encoding="utf-8")


def test_two_dropped_files_build_the_report(exe, tmp_path):
    """What Windows runs when a clerk drops the workbook and the narrative onto reportgen.exe."""
    xlsx, txt = shutil.copy(SAMPLE_XLSX, tmp_path / "统计表.xlsx"), shutil.copy(SAMPLE_TXT, tmp_path / "正文.txt")
    proc = _run([exe, xlsx, txt], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (built,) = tmp_path.glob("*.docx")
    assert built.name == "互助土族自治县司法局2025年政府信息公开工作年度报告.docx"
    assert f"已生成：{built}" in proc.stdout


def test_a_dropped_year_folder_builds_the_report_inside_it(exe, tmp_path):
    """What a clerk does most: drag the year's folder onto reportgen.exe."""
    folder = tmp_path / "2025年报"
    folder.mkdir()
    shutil.copy(SAMPLE_XLSX, folder / "统计表.xlsx")
    shutil.copy(SAMPLE_TXT, folder / "正文.txt")
    proc = _run([exe, folder], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    built = folder / "互助土族自治县司法局2025年政府信息公开工作年度报告.docx"
    assert f"已生成：{built}" in proc.stdout
    assert paragraphs(built)[0] == "互助土族自治县司法局"


def test_bad_input_is_a_chinese_message_not_a_traceback(exe, tmp_path):
    shutil.copy(SAMPLE_TXT, tmp_path / "正文.txt")
    (tmp_path / "统计表.xlsx").write_text("部门,本年新收\n", encoding="utf-8")  # a CSV renamed .xlsx
    proc = _run([exe, "build", "统计表.xlsx", "正文.txt"], cwd=tmp_path)
    assert proc.returncode == 1
    assert "统计表.xlsx" in proc.stderr and "有错误，没有生成报告" in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not list(tmp_path.glob("*.docx"))


def _children(pid: int) -> dict[int, str]:
    """{pid: command line} of the processes whose parent is `pid` (Linux /proc)."""
    found: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
            if int(fields[1]) == pid:
                found[int(stat.parent.name)] = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):  # the process ended while we looked
            continue
    return found


def _run_watching_children(
    args: list[str | Path], cwd: Path, **extra_env: str
) -> tuple[subprocess.CompletedProcess, set[tuple[int, str]]]:
    """Run the command; every (pid, command line) its children were seen with while it ran."""
    proc = subprocess.Popen(
        [str(a) for a in args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env=_env(**extra_env),
    )
    children: set[tuple[int, str]] = set()  # a child is seen before exec, running, and as a zombie
    for _ in range(30000):  # 300 s at most
        try:
            out, err = proc.communicate(timeout=0.01)  # retrying loses no output (subprocess docs)
            break
        except subprocess.TimeoutExpired:
            children.update(_children(proc.pid).items())
    else:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"batch did not finish: {out}{err}")
    return subprocess.CompletedProcess(args, proc.returncode, out, err), children


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watching the workers needs Linux /proc")
@pytest.mark.parametrize("start_method", ["default", "spawn"])
def test_batch_with_two_workers(exe, tmp_path, start_method, department):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("batch uses one process on a one-core machine: no workers to start")
    root = tmp_path / "全县"
    names = ["甲司法局", "乙教育局", "丙水利局", "丁民政局", "戊财政局"]
    for i, name in enumerate(names):
        values = clean_values()
        if i == 2:
            values["t3_new_natural"] += 1  # unbalanced: this department has an error
        department(root, name, values=values)
    env = {worker.START_METHOD_ENV: start_method} if start_method != "default" else {}

    proc, children = _run_watching_children([exe, "batch", "全县", "-j", "2"], cwd=tmp_path, **env)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # 1: one department has an error
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "共 5 个部门：通过 4 个，有警告 0 个，有错误 1 个；生成报告 4 份。" in proc.stdout
    assert "丙水利局" in proc.stdout and "T3-BAL" in proc.stdout
    for i, name in enumerate(names):
        docs = list((root / name).glob("*.docx"))
        assert len(docs) == (0 if i == 2 else 1), name
        if docs:
            assert paragraphs(docs[0])[0] == f"某县{name}"
    rows = list(load_workbook(root / "汇总.xlsx")["汇总"].iter_rows(values_only=True))
    assert [row[1] for row in rows[1:6]] == sorted(names)
    assert (root / "汇总统计表.xlsx").is_file()

    # Spawned workers are new runs of the bundle's executable, told so by the argument that
    # multiprocessing.freeze_support() looks for; forked ones are copies of the parent.
    spawned = {pid: cmd for pid, cmd in children if "--multiprocessing-fork" in cmd}
    if start_method == "spawn":
        assert len(spawned) == 2, children
        assert all(cmd.startswith(f"{exe} --multiprocessing-fork") for cmd in spawned.values())
    else:  # fork on Linux: two workers, copies of the parent with its command line
        assert not spawned, children
        assert len({pid for pid, cmd in children if cmd.startswith(f"{exe} batch")}) == 2, children


def test_the_windows_workflow_builds_this_spec_and_its_check_passes_here(bundle, exe, tmp_path):
    workflow = (ROOT / ".github" / "workflows" / "bundle-windows.yml").read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in workflow
    assert "python packaging/build_bundle.py" in workflow
    assert "python packaging/smoke_bundle.py dist\\reportgen --pdf" in workflow
    assert "reportgen-windows.zip" in workflow and "actions/upload-artifact" in workflow
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "smoke_bundle.py"), str(bundle)], cwd=tmp_path,
        capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1] == f"bundle OK: {exe}"


@pytest.mark.libreoffice
def test_the_bundle_checks_a_pdf_and_an_old_word_file(exe, tmp_path):
    """The reviewer's bundle reads what departments send: the PDF (bundled pypdfium2) and a .doc
    (through LibreOffice), each read, named for its form and passed."""
    from ..conftest import find_soffice

    shutil.copy(SAMPLE_XLSX, tmp_path / "统计表.xlsx")
    shutil.copy(SAMPLE_TXT, tmp_path / "正文.txt")
    assert _run([exe, "build", "统计表.xlsx", "正文.txt", "-o", "报告.docx", "--pdf"], cwd=tmp_path).returncode == 0
    proc = _run([exe, "check", "报告.pdf"], cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "检查通过，没有发现问题。\n", "")
    subprocess.run([find_soffice(), "--headless", "--convert-to", "doc", "--outdir", "旧版", "报告.docx"],
                   cwd=tmp_path, capture_output=True, timeout=300, check=True)  # fmt: skip
    proc = _run([exe, "check", "旧版/报告.doc"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("提醒 [CONVERTED] 报告.doc：这是旧版 Word 文件（.doc），已由 LibreOffice 转换为 .docx 后检查"), proc.stdout


@pytest.mark.libreoffice
def test_the_bundled_pdf_is_pdf_a_and_dated_the_reports_date(exe, tmp_path):
    """build --pdf from the bundle: the bundled pikepdf sets the PDF's dates to the 成文日期."""
    import pikepdf

    shutil.copy(SAMPLE_XLSX, tmp_path / "统计表.xlsx")
    shutil.copy(SAMPLE_TXT, tmp_path / "正文.txt")
    proc = _run([exe, "build", "统计表.xlsx", "正文.txt", "-o", "报告.docx", "--pdf"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == ["已生成：报告.docx", "已生成：报告.pdf"], proc.stdout
    with pikepdf.open(tmp_path / "报告.pdf") as pdf:
        meta = pdf.open_metadata()
        assert str(pdf.docinfo["/CreationDate"]) == "D:20260119000000+00'00"
        assert (meta["xmp:CreateDate"], meta.pdfa_status) == ("2026-01-19T00:00:00+00:00", "2B")
