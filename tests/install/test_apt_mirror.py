""".ci/libreoffice-current takes backports from the mirror apt already uses (.ci/apt-mirror), never a host of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "apt-mirror"


def _mirror(apt: Path, suite: str = "bookworm") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), suite, str(apt)], capture_output=True, text=True)


def _apt(tmp_path: Path, files: dict[str, str]) -> Path:
    apt = tmp_path / "apt"
    (apt / "sources.list.d").mkdir(parents=True)
    for name, text in files.items():
        (apt / name).write_text(text)
    return apt


def test_an_intranet_mirror_in_deb822_is_the_mirror(tmp_path):
    apt = _apt(tmp_path, {"sources.list.d/debian.sources": (
        "Types: deb\n# http://snapshot.debian.org/archive/debian/20250520T000000Z\nURIs: http://mirrors.gov.example.cn/debian/\n"
        "Suites: bookworm bookworm-updates\nComponents: main contrib\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n"
        "Types: deb\nURIs: http://mirrors.gov.example.cn/debian-security\nSuites: bookworm-security\nComponents: main\n")})
    done = _mirror(apt)
    assert (done.returncode, done.stdout) == (0, "http://mirrors.gov.example.cn/debian\n")


def test_one_line_sources_with_options_and_comments(tmp_path):
    apt = _apt(tmp_path, {
        "sources.list": "# deb http://deb.debian.org/debian bookworm main\n"
                        "deb-src http://src.example/debian bookworm main\n"
                        "deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] http://10.1.2.3/debian bookworm main non-free\n",
        "sources.list.d/other.list": "deb http://later.example/debian bookworm main\n"})
    assert _mirror(apt).stdout == "http://10.1.2.3/debian\n"


def test_a_disabled_stanza_and_a_security_only_source_are_not_mirrors(tmp_path):
    apt = _apt(tmp_path, {"sources.list.d/a.sources": (
        "Enabled: no\nTypes: deb\nURIs: http://old.example/debian\nSuites: bookworm\nComponents: main\n\n"
        "Types: deb\nURIs: http://security.example/debian-security\nSuites: bookworm-security\nComponents: main\n")})
    done = _mirror(apt)
    assert done.returncode == 1 and done.stdout == ""
    assert "no configured apt source serves bookworm main" in done.stderr


def test_the_install_script_uses_it_and_names_no_host():
    script = (ROOT / ".ci" / "libreoffice-current").read_text()
    assert "apt-mirror" in script
    assert "deb.debian.org" not in script
