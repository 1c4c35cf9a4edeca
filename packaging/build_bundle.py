"""Build the one-folder bundle dist/reportgen/ (`make bundle`; the Windows workflow runs the same).

    python packaging/build_bundle.py [--dist DIR] [--work DIR] [--venv DIR] [--ocr]

--ocr builds the variant that reads scanned PDFs, DIST/reportgen-ocr (the `ocr` extra: RapidOCR,
onnxruntime, OpenCV, numpy), in a build venv of its own (DIR-ocr).

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


def run(cmd: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=cwd, check=True, env=env)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dist", type=Path, default=ROOT / "dist", help="the bundle goes to DIST/reportgen")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    ap.add_argument("--venv", type=Path, default=ROOT / "build" / "bundle-venv", help="the build venv (kept)")
    ap.add_argument("--ocr", action="store_true", help="the variant with OCR of scanned PDFs: DIST/reportgen-ocr")
    args = ap.parse_args()
    dist, work, env = (p.resolve() for p in (args.dist, args.work, args.venv))
    name, extras = ("reportgen-ocr", "bundle,ocr") if args.ocr else ("reportgen", "bundle")
    if args.ocr:
        env, work = env.with_name(env.name + "-ocr"), work.with_name(work.name + "-ocr")

    py = venv_python(env)
    if not py.exists():
        venv.create(env, with_pip=True)
    # setuptools builds the wheel through build/lib and never deletes from it: a module removed from
    # the source would still be installed, and bundled.
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
    # pip always reinstalls a project given as a folder, so source changes are picked up; the
    # dependencies and PyInstaller (the bundle extra) only when missing.
    run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{ROOT}[{extras}]"], cwd=env)
    if args.ocr:
        # RapidOCR asks for opencv-python, whose Qt and video libraries (~200 MB) reportgen never
        # uses: the headless build is the same cv2 for images, and halves the download.
        run([py, "-m", "pip", "uninstall", "--quiet", "-y", "opencv-python"], cwd=env)
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "opencv-python-headless"], cwd=env)
    shutil.rmtree(dist / name, ignore_errors=True)
    # Run from the build venv's folder so that the checkout's reportgen/ (no templates inside) is
    # never on PyInstaller's search path: the installed package is what gets bundled.
    run(
        [py, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", dist, "--workpath", work, SPEC],
        cwd=env, env=dict(os.environ, REPORTGEN_BUNDLE_OCR="1" if args.ocr else "0"),
    )
    exe = dist / name / ("reportgen.exe" if os.name == "nt" else "reportgen")
    if not exe.is_file():
        sys.exit(f"PyInstaller finished but {exe} is missing")
    print(f"bundle: {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
