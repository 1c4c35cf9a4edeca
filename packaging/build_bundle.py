"""Build the one-folder bundle dist/reportgen/ (`make bundle`; the Windows workflow runs the same).

    python packaging/build_bundle.py [--dist DIR] [--work DIR] [--venv DIR]

reportgen is installed from this checkout, not editable, into a build venv of its own (PyInstaller
has to find reportgen.templates where setuptools installs it, see pyproject's package-dir), then
PyInstaller builds packaging/reportgen.spec. The venv is kept for the next build; reportgen itself
is reinstalled every time. Needs only the Python that runs this script and the package index.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "reportgen.spec"


def venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(cmd: list[str | Path], cwd: Path) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=cwd, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dist", type=Path, default=ROOT / "dist", help="the bundle goes to DIST/reportgen")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    ap.add_argument("--venv", type=Path, default=ROOT / "build" / "bundle-venv", help="the build venv (kept)")
    args = ap.parse_args()
    dist, work, env = (p.resolve() for p in (args.dist, args.work, args.venv))

    py = venv_python(env)
    if not py.exists():
        venv.create(env, with_pip=True)
    # setuptools builds the wheel through build/lib and never deletes from it: a module removed from
    # the source would still be installed, and bundled.
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
    # pip always reinstalls a project given as a folder, so source changes are picked up; the
    # dependencies and PyInstaller (the bundle extra) only when missing.
    run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{ROOT}[bundle]"], cwd=env)
    shutil.rmtree(dist / "reportgen", ignore_errors=True)
    # Run from the build venv's folder so that the checkout's reportgen/ (no templates inside) is
    # never on PyInstaller's search path: the installed package is what gets bundled.
    run(
        [py, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", dist, "--workpath", work, SPEC],
        cwd=env,
    )
    exe = dist / "reportgen" / ("reportgen.exe" if os.name == "nt" else "reportgen")
    if not exe.is_file():
        sys.exit(f"PyInstaller finished but {exe} is missing")
    print(f"bundle: {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
