"""LibreOffice found where it is: the explicit setting, the Windows registry and folders (simulated
on Linux: sys.platform, a stand-in winreg module, fake drives), then PATH."""

from __future__ import annotations

import sys
import types

import pytest

from reportgen.office import soffice


def _install(folder):
    """A LibreOffice installation folder with its program\\soffice.exe."""
    (folder / "program").mkdir(parents=True)
    exe = folder / "program" / "soffice.exe"
    exe.write_bytes(b"MZ")
    return exe


class _Key:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def fake_winreg(tree: dict[tuple[str, str], dict[str, str]]):
    """A winreg stand-in: tree maps (root, key path) to the key's values; subkeys by path prefix."""
    mod = types.ModuleType("winreg")
    mod.HKEY_CURRENT_USER, mod.HKEY_LOCAL_MACHINE = "HKCU", "HKLM"

    def open_key(root, path):
        full = (root.path[0], root.path[1] + "\\" + path) if isinstance(root, _Key) else (root, path)
        if full not in tree and not any(k[0] == full[0] and k[1].startswith(full[1] + "\\") for k in tree):
            raise FileNotFoundError(2, "not found")
        return _Key(full)

    def query(key, name):
        try:
            return tree[key.path][name], 1
        except KeyError:
            raise FileNotFoundError(2, "no value") from None

    def enum(key, i):
        subs = sorted({k[1][len(key.path[1]) + 1:].split("\\")[0] for k in tree
                       if k[0] == key.path[0] and k[1].startswith(key.path[1] + "\\")})
        if i >= len(subs):
            raise OSError(259, "no more data")
        return subs[i]

    mod.OpenKey, mod.QueryValueEx, mod.EnumKey = open_key, query, enum
    return mod


@pytest.fixture
def windows(monkeypatch, tmp_path):
    """A simulated Windows: no LibreOffice anywhere until a test puts one somewhere."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv(soffice.ENV, "")  # --soffice sets it for the process: restored after the test
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        monkeypatch.setenv(var, str(tmp_path / var))
    monkeypatch.setitem(sys.modules, "winreg", fake_winreg({}))
    monkeypatch.setattr(soffice, "drives", lambda: [])
    return monkeypatch


def test_nothing_installed_is_not_found(windows):
    assert soffice.find() == soffice.Found(None, "没有找到")


def test_app_paths_in_the_registry(windows, tmp_path):
    exe = _install(tmp_path / "E盘" / "LibreOffice")
    windows.setitem(sys.modules, "winreg", fake_winreg({("HKLM", soffice._APP_PATHS): {"": f'"{exe}"'}}))
    assert soffice.find() == soffice.Found(str(exe), "由注册表（App Paths）找到")


def test_uninstall_entry_in_the_registry(windows, tmp_path):
    exe = _install(tmp_path / "D盘" / "办公软件" / "LibreOffice 24.2")
    base = soffice._UNINSTALL[1]
    windows.setitem(sys.modules, "winreg", fake_winreg({
        ("HKLM", base + r"\{AAAA}"): {"DisplayName": "WPS Office", "InstallLocation": str(tmp_path)},
        ("HKLM", base + r"\{BBBB}"): {"DisplayName": "LibreOffice 24.2.3.2", "InstallLocation": str(exe.parent.parent)},
    }))
    assert soffice.find() == soffice.Found(str(exe), "由注册表（已安装的程序）找到")


def test_program_files_x86(windows, tmp_path):
    exe = _install(tmp_path / "ProgramFiles(x86)" / "LibreOffice")
    assert soffice.find() == soffice.Found(str(exe), "在 %ProgramFiles(x86)% 中找到")


def test_any_drives_program_files(windows, tmp_path):
    drive = tmp_path / "D"
    exe = _install(drive / "Program Files" / "LibreOffice 7.6")
    windows.setattr(soffice, "drives", lambda: [str(drive)])
    assert soffice.find() == soffice.Found(str(exe), f"在 {drive} 盘的 Program Files 中找到")


def test_path_comes_last_on_windows(windows, tmp_path):
    on_path = tmp_path / "bin"
    on_path.mkdir()
    (on_path / "soffice.exe").write_bytes(b"MZ")
    (on_path / "soffice.exe").chmod(0o755)
    windows.setenv("PATH", str(on_path))
    windows.setenv("PATHEXT", ".exe")
    assert soffice.find() == soffice.Found(str(on_path / "soffice.exe"), "在 PATH 中找到")
    exe = _install(tmp_path / "ProgramFiles" / "LibreOffice")
    assert soffice.find().path == str(exe)  # the installed one before whatever PATH holds


def test_the_setting_wins_and_may_name_the_folder(windows, tmp_path):
    _install(tmp_path / "ProgramFiles" / "LibreOffice")
    mine = _install(tmp_path / "便携版 LibreOffice")
    windows.setenv(soffice.ENV, str(mine.parent.parent))
    assert soffice.find() == soffice.Found(str(mine), "由设置 REPORTGEN_SOFFICE（或 --soffice）指定")


def test_a_wrong_setting_is_said_not_replaced(windows, tmp_path):
    _install(tmp_path / "ProgramFiles" / "LibreOffice")
    windows.setenv(soffice.ENV, str(tmp_path / "没有这个"))
    found = soffice.find()
    assert found.path is None
    assert found.how == f"设置 REPORTGEN_SOFFICE（或 --soffice）指定的 {tmp_path / '没有这个'} 不是 LibreOffice 程序（soffice）：请改正或删去这个设置"


def test_doctor_shows_which_and_how(cli, monkeypatch, tmp_path):
    mine = _install(tmp_path / "LO")
    monkeypatch.setenv(soffice.ENV, "")  # --soffice sets it for the process: restored after the test
    out = cli("doctor", "--soffice", mine).out
    assert f"LibreOffice {mine}（由设置 REPORTGEN_SOFFICE（或 --soffice）指定；用于 --pdf，以及读取 .doc/.wps/.rtf/.odt 文件）" in out.splitlines()


def test_build_pdf_with_a_wrong_soffice_option(cli, clerk_files, monkeypatch, tmp_path):
    monkeypatch.setenv(soffice.ENV, "")  # --soffice sets it for the process: restored after the test
    xlsx, txt = clerk_files()
    res = cli("build", str(xlsx), str(txt), "--pdf", "--soffice", str(tmp_path / "nowhere"))
    assert res.code == 1
    assert f"没有找到 LibreOffice（设置 REPORTGEN_SOFFICE（或 --soffice）指定的 {tmp_path / 'nowhere'} 不是 LibreOffice 程序" in res.err
