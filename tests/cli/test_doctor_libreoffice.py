"""`reportgen doctor` names the LibreOffice version --pdf will use, and a version older than the
oldest tested one gets a 提醒; REPORTGEN_SOFFICE chooses the LibreOffice."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from reportgen.cli.commands import main
from reportgen.render.pdf import find_soffice
from reportgen.office.soffice import TESTED_VERSIONS, older_than_tested, soffice_version

from ..conftest import find_soffice as found_on_this_machine

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")


def fake_soffice(folder, answer: str):
    """A program that answers `--version` as LibreOffice does."""
    program = folder / "program" / "soffice"
    program.parent.mkdir(parents=True)
    program.write_text(f"#!/bin/sh\necho '{answer}'\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def doctor(capsys) -> list[str]:
    assert main(["doctor"]) == 0
    return capsys.readouterr().out.splitlines()


@posix_only
def test_an_old_libreoffice_gets_a_reminder(tmp_path, monkeypatch, capsys):
    program = fake_soffice(tmp_path, "LibreOffice 7.3.7.2 30(Build:2)")
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(program))
    out = doctor(capsys)
    assert f"LibreOffice {program}（由设置 REPORTGEN_SOFFICE（或 --soffice）指定；用于 --pdf，以及读取 .doc/.wps/.rtf/.odt 文件）" in out
    assert "LibreOffice 版本 7.3（已测试的版本：7.4、25.2）" in out
    reminder = out[out.index("LibreOffice 版本 7.3（已测试的版本：7.4、25.2）") + 1]
    assert reminder.startswith("  提醒：LibreOffice 7.3 比已测试的最旧版本 7.4 还旧，PDF 的版面可能与 Word 不同。")


@posix_only
@pytest.mark.parametrize("answer, version", [("LibreOffice 25.2.3.2 520(Build:2)", "25.2"), ("LibreOffice 7.4.7.2 40(Build:2)", "7.4"),
                                             ("LibreOffice 26.8.0.1 abc", "26.8")])  # fmt: skip
def test_a_tested_or_newer_libreoffice_gets_none(tmp_path, monkeypatch, capsys, answer, version):
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(fake_soffice(tmp_path, answer)))
    out = doctor(capsys)
    assert f"LibreOffice 版本 {version}（已测试的版本：7.4、25.2）" in out
    assert not any("提醒：LibreOffice" in line for line in out)


@posix_only
def test_the_program_folder_tells_the_version_when_the_program_does_not(tmp_path, monkeypatch, capsys):
    program = fake_soffice(tmp_path, "")
    (program.parent / "version.ini").write_text("[Version]\nbuildid=abc\nMsiProductVersion=6.4.7.2\n", encoding="utf-8")
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(program))
    out = doctor(capsys)
    assert "LibreOffice 版本 6.4（已测试的版本：7.4、25.2）" in out
    assert any(line.startswith("  提醒：LibreOffice 6.4 比已测试的最旧版本 7.4 还旧") for line in out)


@posix_only
def test_an_unreadable_version_is_said(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(fake_soffice(tmp_path, "")))
    assert "LibreOffice 版本 无法读出（已测试的版本：7.4、25.2）" in doctor(capsys)


def test_a_setting_that_points_nowhere_is_not_replaced_by_another_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    assert find_soffice() is None


def test_older_than_tested():
    assert TESTED_VERSIONS[0] == "7.4"
    assert older_than_tested("7.3") and older_than_tested("6.4") and older_than_tested("5.10")
    assert not older_than_tested("7.4") and not older_than_tested("7.10") and not older_than_tested("25.2")


@pytest.mark.libreoffice
def test_the_real_libreoffice_tells_its_version():
    version = soffice_version(found_on_this_machine())
    assert version and version.count(".") == 1 and not older_than_tested(version)
    alt = os.environ.get("REPORTGEN_SOFFICE_ALT")
    if alt:
        assert soffice_version(alt) == "25.2"
