"""The rooms hold: every module imports on its own, no import cycle anywhere, no room too big.

The directions between rooms are import-linter contracts in pyproject.toml (`make test` runs
`lint-imports` first); these tests add what a contract cannot say.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for p in (ROOT / "reportgen").rglob("*.py")
)


def test_every_module_imports_alone_in_a_fresh_interpreter():
    """Each module, imported first in its own interpreter: no hidden dependence on import order."""
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    failures = []
    for name in MODULES:
        if name == "reportgen.__main__":  # runs the command line when imported, by design
            continue
        proc = subprocess.run([sys.executable, "-c", code, name], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode:
            failures.append(f"{name}: {proc.stderr.strip().splitlines()[-1]}")
    assert failures == []


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(m: str) -> None:
        index[m] = low[m] = len(index)
        stack.append(m)
        on_stack.add(m)
        for n in graph.find_modules_directly_imported_by(m):
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in on_stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            group = []
            while True:
                n = stack.pop()
                on_stack.discard(n)
                group.append(n)
                if n == m:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for m in sorted(graph.modules):
        if m not in index:
            visit(m)
    return found


def test_no_import_cycle_between_any_two_modules():
    graph = grimp.build_graph("reportgen")
    assert set(MODULES) <= graph.modules
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    class Two:
        modules = {"a", "b", "c"}

        @staticmethod
        def find_modules_directly_imported_by(m):
            return {"a": {"b"}, "b": {"a"}, "c": set()}[m]

    assert _cycles(Two) == [["a", "b"]]


@pytest.mark.parametrize("limit", [500])
def test_no_module_over_500_lines(limit):
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "reportgen").rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > limit} == {}


def test_click_is_imported_only_under_cli():
    graph = grimp.build_graph("reportgen", include_external_packages=True)
    users = {m for m in graph.find_modules_that_directly_import("click")}
    assert users and all(m.startswith("reportgen.cli.") for m in users)


def test_the_architecture_page_names_every_module():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = page.split("<!-- modules:start -->")[1].split("<!-- modules:end -->")[0]
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "reportgen").rglob("*.py")
        if p.name != "__init__.py" and f"`{p.relative_to(ROOT).as_posix()}`" not in listed
    ]
    assert missing == [], "add these to docs/architecture.md's module list"
