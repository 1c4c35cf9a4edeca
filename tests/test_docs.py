"""The README and docs/ as a newcomer reads them: a first screen a clerk can use, links that lead
somewhere, and no module named that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SOURCE_DIRS = ("reportgen", "scripts", "packaging", "tests")


def _first_screen(readme: str) -> list[str]:
    """The lines before the first `##` heading that follows the README's first picture."""
    lines = readme.splitlines()
    picture = next(i for i, line in enumerate(lines) if line.startswith("!["))
    end = next(i for i in range(picture, len(lines)) if lines[i].startswith("## "))
    return lines[:end]


def test_the_first_screen_says_what_where_and_the_three_steps():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    screen = _first_screen(readme)
    text = "\n".join(screen)
    assert len(screen) <= 40, len(screen)
    for needle in ("政府信息公开工作年度报告", "reportgen-windows.zip", "reportgen init", "统计表.xlsx", "正文", "拖到"):
        assert needle in text, needle
    assert re.search(r"^1\. \*\*下载\*\*.*^2\. \*\*填写\*\*.*^3\. \*\*生成\*\*", text, re.M | re.S)
    assert "docs/sample-page1.png" in text
    # the two commands stay named in the README
    assert "`make run`" in readme and "`make test`" in readme


def test_every_relative_link_and_picture_exists():
    for doc in DOCS:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (doc.parent / target).exists(), f"{doc.name}: link to {target} leads nowhere"


def _python_files() -> tuple[set[str], set[str]]:
    paths = {p.relative_to(ROOT).as_posix() for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py")}
    paths |= {p.name for p in ROOT.glob("*.py")}
    return paths, {p.rsplit("/", 1)[-1] for p in paths}


def test_every_module_the_docs_name_exists():
    paths, names = _python_files()
    for doc in DOCS:
        for named in set(re.findall(r"[\w/.-]*\w\.py\b", doc.read_text(encoding="utf-8"))):
            named = named.removeprefix("./")
            if "/" in named:
                found = named in paths or f"reportgen/{named}" in paths
            else:
                found = named in names
            assert found, f"{doc.relative_to(ROOT)} names {named}, which does not exist"


def test_the_windows_steps_run_twice():
    """`mkdir output` fails when the folder exists: the steps must survive a second run."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Windows（没有 make）", 1)[1].split("```bat", 1)[1].split("```", 1)[0]
    for line in block.strip().splitlines():
        assert not re.match(r"^\s*(md|mkdir)\s", line, re.I), line
