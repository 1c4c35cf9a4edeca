"""A password-protected file is named for what it is, wherever it is given: a .docx or .xlsx that Word
or Excel encrypted (a compound file holding an EncryptionInfo stream) and an .xls with a FILEPASS
record are never called an old .doc or a damaged workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.core import filekind

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, libreoffice_convert
from ..county.reviewer_folders import report

REPORT_MESSAGE = "这个文件有密码保护，请在 Word/Excel 中取消密码后另存为 .docx 后再检查"
WORKBOOK_MESSAGE = (
    "工作簿设置了打开密码，无法读取：请先取消密码（Excel：“文件”→“信息”→“保护工作簿”→“用密码进行加密”，清空密码；"
    "WPS：“文件”→“文档加密”），保存后再试"
)


def encrypt(src: Path, target: Path) -> Path:
    """SRC encrypted with a password as Word and Excel do it (ECMA-376 agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with src.open("rb") as plain, target.open("wb") as out:
        OOXMLFile(plain).encrypt("年报2025", out)
    return target


def test_an_encrypted_report_is_named_in_check_batch_and_init(tmp_path, cli):
    folder = tmp_path / "各部门报告"
    folder.mkdir()
    plain = report(tmp_path / "明文.docx", "某县甲局")
    locked = encrypt(plain, folder / "甲局.docx")
    assert locked.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    assert filekind.identify(locked).key == filekind.ENCRYPTED

    code, out, err = cli("check", locked)
    assert code == 1
    assert out.splitlines()[0] == f"错误 [FILE] 甲局.docx：{REPORT_MESSAGE}"
    assert "旧版" not in out

    report(folder / "乙局.docx", "某县乙局")
    code, out, err = cli("batch", folder)
    assert code == 1
    assert f"  错误 [FILE] 甲局.docx：{REPORT_MESSAGE}" in out.splitlines()

    code, out, err = cli("init", tmp_path / "2026", "--from", locked)
    assert code == 1
    assert f"错误 [FILE] 甲局.docx：{REPORT_MESSAGE}" in err.splitlines()


def test_an_encrypted_workbook_is_named(tmp_path, cli):
    locked = encrypt(SAMPLE_XLSX, tmp_path / "统计表.xlsx")
    shutil.copy(SAMPLE_TXT, tmp_path / "正文.txt")
    code, out, err = cli("check", locked, tmp_path / "正文.txt")
    assert code == 1
    assert out.splitlines()[0] == f"错误 [FILE] 统计表.xlsx：{WORKBOOK_MESSAGE}"
    code, out, err = cli("build", tmp_path)
    assert code == 1 and f"错误 [FILE] 统计表.xlsx：{WORKBOOK_MESSAGE}" in err.splitlines()
    assert not list(tmp_path.glob("*.docx"))


def test_an_encrypted_file_given_as_the_narrative(tmp_path, cli):
    locked = encrypt(SAMPLE_XLSX, tmp_path / "正文.txt")
    code, out, err = cli("check", SAMPLE_XLSX, locked)
    assert code == 1
    assert "错误 [FILE] 正文.txt：这是有密码保护的 Office 文件，不是纯文本。" in out


@pytest.mark.libreoffice
def test_an_xls_with_a_filepass_record_is_password_protected(tmp_path, cli):
    import olefile

    xls = libreoffice_convert(SAMPLE_XLSX, "xls", tmp_path / "xls")
    assert filekind.identify(xls).key == filekind.XLS
    with olefile.OleFileIO(str(xls), write_mode=True) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
        second = 4 + int.from_bytes(stream[2:4], "little")  # the record after BOF, where Excel puts FILEPASS
        stream[second:second + 2] = (0x002F).to_bytes(2, "little")
        ole.write_stream("Workbook", bytes(stream))
    assert filekind.identify(xls).key == filekind.ENCRYPTED
    code, out, err = cli("check", xls, SAMPLE_TXT)
    assert code == 1
    assert out.splitlines()[0] == f"错误 [FILE] 统计表.xls：{WORKBOOK_MESSAGE}"
