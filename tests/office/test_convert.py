"""Older office files (.doc, .wps, .rtf, .odt) read through LibreOffice: the fixtures are made at test
time by converting a generated .docx with soffice; the CONVERTED 提醒, the message without
LibreOffice, a hang stopped at its limit, one LibreOffice for a folder."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from reportgen import api
from reportgen.core import filekind
from reportgen.core.folders import NARRATIVE_NAME, WORKBOOK_NAME
from reportgen.finished import check as finished
from reportgen.office import convert, process
from reportgen.office.soffice import ENV as SOFFICE_ENV

from ..conftest import CLEAN_NARRATIVE, clean_values, libreoffice_convert, sample_meta, write_workbook

AGENCY = sample_meta().agency
SAVE_AS = "请在 Word 或 WPS 中打开，“另存为” .docx 格式后再检查"
NOTE = "已由 LibreOffice 转换为 .docx 后检查：转换偶尔会改变个别内容，有疑问的数字请与原文件核对"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """报告.docx built from the clerk's files, and its .doc, .rtf and .odt made by LibreOffice."""
    from ..conftest import find_soffice

    folder = tmp_path_factory.mktemp("made")
    xlsx = write_workbook(folder / WORKBOOK_NAME, sample_meta(), clean_values())
    (folder / NARRATIVE_NAME).write_text(CLEAN_NARRATIVE, encoding="utf-8")
    built = api.build(xlsx, folder / NARRATIVE_NAME, folder / "报告.docx")
    assert built.ok, built.problems
    files = {"docx": built.output}
    if find_soffice():
        for fmt in ("doc", "rtf", "odt"):
            files[fmt] = libreoffice_convert(built.output, fmt, folder / fmt)
    return files


def _given(made: dict[str, Path], fmt: str, folder: Path, name: str = "报告") -> Path:
    """A copy of the made FMT file as FOLDER/NAME.<suffix> (.wps: the .doc under WPS's suffix)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.{fmt}"
    shutil.copyfile(made["doc" if fmt == "wps" else fmt], target)
    return target


WHAT = {
    "doc": "这是旧版 Word 文件（.doc）",
    "wps": "这是 WPS 文字文件（.wps）",
    "rtf": "这是 RTF 文件（.rtf）",
    "odt": "这是 OpenDocument 文本文件（.odt）",
}
FORMS = {"doc": "旧版 Word（已转换）", "wps": "WPS 文字（已转换）", "rtf": "RTF（已转换）", "odt": "OpenDocument 文本（已转换）"}


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["doc", "wps", "rtf", "odt"])
def test_an_older_office_file_is_checked_like_its_docx(made, fmt, tmp_path, cli):
    path = _given(made, fmt, tmp_path)
    code, out, _ = cli("check", path)
    assert code == 0
    assert out.splitlines() == [f"提醒 [CONVERTED] 报告.{fmt}：{WHAT[fmt]}，{NOTE}", "共 0 个错误，1 个提醒。"]
    original, converted = finished.load(made["docx"]), finished.load(path)
    assert converted.form.label == FORMS[fmt]
    assert converted.report.stats.values == original.report.stats.values
    assert converted.report.meta.agency == original.report.meta.agency == AGENCY
    assert [p.rule for p in api.check_report(path)[1]] == ["CONVERTED"]
    assert api.check_report(made["docx"])[1] == []


def test_a_docm_is_read_as_it_is(made, tmp_path, cli, monkeypatch):
    """A macro-enabled Word file holds the same WordprocessingML: no LibreOffice, no 提醒."""
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "没有这个程序"))
    path = tmp_path / "报告.docm"
    shutil.copyfile(made["docx"], path)
    assert cli("check", path) == (0, "检查通过，没有发现问题。\n", "")
    assert finished.load(path).form.label == "Word（启用宏）"


@pytest.mark.libreoffice
def test_without_libreoffice_the_message_names_the_format_and_the_ways_out(made, tmp_path, cli, monkeypatch):
    nowhere = tmp_path / "没有这个程序"
    monkeypatch.setenv(SOFFICE_ENV, str(nowhere))
    code, out, _ = cli("check", _given(made, "doc", tmp_path))
    assert code == 1
    assert out.splitlines()[0] == (
        f"错误 [FILE] 报告.doc：这是旧版 Word 文件（.doc），要由 LibreOffice 转换为 .docx 后才能检查，但没有找到 LibreOffice"
        f"（设置 REPORTGEN_SOFFICE（或 --soffice）指定的 {nowhere} 不是 LibreOffice 程序（soffice）：请改正或删去这个设置）："
        "安装 LibreOffice 后再检查，或在 Word/WPS 中“另存为” .docx"
    )


@pytest.mark.libreoffice
@pytest.mark.posix
def test_a_setting_naming_a_file_that_does_not_run(made, tmp_path, cli, monkeypatch):
    program = tmp_path / "soffice"
    program.write_text("不是程序", encoding="utf-8")
    monkeypatch.setenv(SOFFICE_ENV, str(program))
    code, out, _ = cli("check", _given(made, "odt", tmp_path))
    assert code == 1
    assert out.splitlines()[0] == (
        f"错误 [FILE] 报告.odt：这是 OpenDocument 文本文件（.odt），无法启动 LibreOffice（{program}），"
        f"它可能不是 soffice 程序（PermissionError）：{SAVE_AS}"
    )


@pytest.mark.libreoffice
def test_no_libreoffice_anywhere(made, tmp_path, cli, monkeypatch):
    monkeypatch.setenv(SOFFICE_ENV, "")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, out, _ = cli("check", _given(made, "rtf", tmp_path))
    assert code == 1
    assert out.splitlines()[0] == (
        "错误 [FILE] 报告.rtf：这是 RTF 文件（.rtf），要由 LibreOffice 转换为 .docx 后才能检查，但没有找到 LibreOffice："
        "安装 LibreOffice 后再检查，或在 Word/WPS 中“另存为” .docx"
    )


def _fib(data: bytearray) -> int:
    """Where the WordDocument stream starts: its File Information Block, wIdent 0xA5EC, on a sector."""
    return next(o for o in range(512, len(data), 512) if data[o:o + 2] == b"\xec\xa5")


@pytest.mark.libreoffice
def test_a_file_libreoffice_cannot_load_is_named(made, tmp_path, cli):
    data = bytearray(made["doc"].read_bytes())
    data[_fib(data):_fib(data) + 2] = b"\0\0"  # the FIB's wIdent gone: no Word document to LibreOffice
    cut = tmp_path / "残缺.doc"
    cut.write_bytes(bytes(data))
    assert filekind.identify(cut).key == filekind.DOC
    code, out, _ = cli("check", cut)
    assert code == 1
    assert out.splitlines()[0] == (
        "错误 [FILE] 残缺.doc：这是旧版 Word 文件（.doc），LibreOffice 无法转换这个文件（Error: source file could not be loaded）："
        + SAVE_AS
    )


@pytest.mark.libreoffice
def test_a_password_protected_doc_keeps_its_message(made, tmp_path, cli):
    """The FIB's fEncrypted flag (MS-DOC): Word's open password on a .doc."""
    data = bytearray(made["doc"].read_bytes())
    data[_fib(data) + 11] |= 0x01  # flags word at offset 10: fEncrypted is 0x0100
    locked = tmp_path / "加密.doc"
    locked.write_bytes(bytes(data))
    assert filekind.identify(locked).key == filekind.ENCRYPTED
    code, out, _ = cli("check", locked)
    assert code == 1
    assert out.splitlines()[0] == "错误 [FILE] 加密.doc：这个文件有密码保护，请在 Word/Excel 中取消密码后另存为 .docx 后再检查"


def test_a_damaged_compound_file_is_not_sent_to_libreoffice(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(process, "start", lambda *a, **k: pytest.fail("LibreOffice started"))
    broken = tmp_path / "旧版.wps"
    broken.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    code, out, _ = cli("check", broken)
    assert code == 1
    assert out.splitlines()[0] == f"错误 [FILE] 旧版.wps：这像是 WPS 文字文件（.wps），但文件已损坏或不完整，无法转换：{SAVE_AS}"


# --- one LibreOffice for a folder, and the copies removed ------------------------------------------


def _count_starts(monkeypatch) -> list[list[str]]:
    started: list[list[str]] = []
    real = process.start

    def spy(cmd, env, log):
        started.append(cmd)
        return real(cmd, env, log)

    monkeypatch.setattr(process, "start", spy)
    return started


@pytest.mark.libreoffice
def test_a_folder_of_three_doc_files_starts_libreoffice_once(made, tmp_path, cli, monkeypatch):
    folder = tmp_path / "收到的报告"
    for name in ("甲局", "乙局", "丙局"):
        _given(made, "doc", folder, name)
    started = _count_starts(monkeypatch)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    code, out, _ = cli("check", folder)
    assert len(started) == 1 and sum(str(a).endswith(".doc") for a in started[0]) == 3
    lines = out.splitlines()
    for name in ("甲局", "乙局", "丙局"):
        assert f"  提醒 [CONVERTED] {name}.doc：这是旧版 Word 文件（.doc），{NOTE}" in lines
    assert code == 1 and lines[-1] == "共 3 份报告：通过 0 份，有警告 0 份，有错误 3 份。"  # one agency thrice: DUPLICATE
    assert list((tmp_path / "tmp").iterdir()) == []  # the converted copies and the profile removed


@pytest.mark.libreoffice
def test_the_reviewers_batch_converts_the_folder_in_one_process(made, tmp_path, cli, monkeypatch):
    folder = tmp_path / "收到的报告"
    _given(made, "doc", folder, "甲局")
    _given(made, "odt", folder, "乙局")
    _given(made, "rtf", folder, "丙局")
    started = _count_starts(monkeypatch)
    code, out, _ = cli("batch", folder, "-o", tmp_path / "汇总")
    assert len(started) == 1
    lines = out.splitlines()
    assert f"  提醒 [CONVERTED] 甲局.doc：这是旧版 Word 文件（.doc），{NOTE}" in lines
    assert f"  提醒 [CONVERTED] 乙局.odt：这是 OpenDocument 文本文件（.odt），{NOTE}" in lines
    assert f"  提醒 [CONVERTED] 丙局.rtf：这是 RTF 文件（.rtf），{NOTE}" in lines
    assert "共 3 份报告：通过 0 份，有警告 0 份，有错误 3 份。" in lines  # one agency thrice: DUPLICATE
    assert code == 1 and (tmp_path / "汇总" / "汇总.xlsx").exists()


@pytest.mark.libreoffice
def test_a_single_file_is_converted_and_its_copy_removed(made, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    started = _count_starts(monkeypatch)
    assert finished.load(_given(made, "odt", tmp_path)).report.meta.agency == AGENCY
    assert len(started) == 1
    assert list((tmp_path / "tmp").iterdir()) == []


# --- the time limit: a stand-in soffice ----------------------------------------------------------

FAKE = """#!{python}
import os, sys, time, zipfile
from pathlib import Path
args = sys.argv[1:]
with open({starts!r}, "a") as f:
    f.write(str(os.getpid()) + "\\n")
out = Path(args[args.index("--outdir") + 1])
files = [a for a in args[args.index("--outdir") + 2:]]
for name in files:
    if Path(name).read_bytes().startswith(b"HANG"):
        time.sleep(600)
    with zipfile.ZipFile(out / (Path(name).stem + ".docx"), "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    print("convert", name, "->", out / (Path(name).stem + ".docx"), "using filter : MS Word 2007 XML", flush=True)
"""


def _fake_soffice(tmp_path: Path) -> tuple[Path, Path]:
    program, starts = tmp_path / "fake" / "soffice", tmp_path / "starts.txt"
    program.parent.mkdir()
    program.write_text(FAKE.format(python=sys.executable, starts=str(starts)), encoding="utf-8")
    program.chmod(0o755)
    return program, starts


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.posix
def test_a_hang_is_stopped_at_the_limit_and_the_others_are_converted(tmp_path, monkeypatch):
    program, starts = _fake_soffice(tmp_path)
    monkeypatch.setenv(SOFFICE_ENV, str(program))
    files = [tmp_path / "甲.doc", tmp_path / "卡住.doc", tmp_path / "乙.doc"]
    for path in files:
        path.write_bytes(b"HANG" if path.stem == "卡住" else b"text")
    (tmp_path / "out").mkdir()
    begun = time.monotonic()
    done = convert.to_docx(files, tmp_path / "out", seconds_per_file=1)
    assert time.monotonic() - begun < 15
    assert done[files[1]] == convert.Failure("转换超过 1 秒没有完成")
    for path in (files[0], files[2]):
        assert zipfile.ZipFile(done[path]).namelist() == ["word/document.xml"]
    pids = [int(line) for line in starts.read_text().split()]
    assert len(pids) == 2  # the rest got a new process
    assert all(_gone(pid) for pid in pids)


@pytest.mark.libreoffice
@pytest.mark.posix
def test_a_hanging_libreoffice_is_named_by_check(made, tmp_path, cli, monkeypatch):
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\necho $$ > {tmp_path / 'pid'}\nexec sleep 600\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(program))
    monkeypatch.setattr(convert, "SECONDS_PER_FILE", 1)
    begun = time.monotonic()
    code, out, _ = cli("check", _given(made, "doc", tmp_path))
    assert time.monotonic() - begun < 15
    assert code == 1
    assert out.splitlines()[0] == f"错误 [FILE] 报告.doc：这是旧版 Word 文件（.doc），转换超过 1 秒没有完成：{SAVE_AS}"
    assert _gone(int((tmp_path / "pid").read_text()))


@pytest.mark.libreoffice
def test_next_year_starts_from_last_years_doc(made, tmp_path, cli):
    last = _given(made, "doc", tmp_path / "上年")
    code, out, _ = cli("init", tmp_path / "本年", "--from", last)
    assert code == 0
    assert any(line.startswith(f"已从 {last} 带入：机关名称、署名、年度") for line in out.splitlines())
