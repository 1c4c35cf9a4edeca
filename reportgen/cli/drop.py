"""Files and folders dropped on reportgen.exe (or typed without a command): what to run for each.

Explorer passes the dropped paths in an order the clerk does not choose. A department's workbook
and narrative are built together whichever comes first; a finished report is checked; a folder is
taken by the folder rule (core.folders.classify); a path that does not exist is `找不到 …`.
"""

from __future__ import annotations

from pathlib import Path

from reportgen import api
from reportgen.core import archives, folders
from reportgen.core.problems import Problem, error


def looks_like_paths(argv: list[str]) -> bool:
    """Arguments that are paths, not a command (a lone unknown word stays a mistyped command)."""
    if not argv or argv[0].startswith("-"):
        return False
    first = argv[0]
    return len(argv) > 1 or Path(first).exists() or any(sep in first for sep in "/\\:") or bool(Path(first).suffix)


def plan(argv: list[str]) -> tuple[list[list[str]], list[Problem]]:
    """The command lines to run for the dropped paths, and the problems of those that cannot be used."""
    steps: list[list[str]] = []
    problems: list[Problem] = []
    books: list[Path] = []
    texts: list[Path] = []
    for arg in argv:
        path = Path(arg)
        suffix = path.suffix.lower()
        if not path.exists():
            problems.append(error("FILE", path.name or arg, "", f"找不到 {path}：请检查文件或文件夹是否已被移动、改名或删除"))
        elif path.is_file() and suffix in folders.WORKBOOK_SUFFIXES:
            books.append(path)
        elif path.is_file() and (suffix in folders.NARRATIVE_SUFFIXES or folders.is_word_narrative(path)):
            texts.append(path)
        elif path.is_file() and suffix in folders.REPORT_LIKE_SUFFIXES + archives.ARCHIVE_SUFFIXES:
            steps.append(["check", arg])  # a zip: the folder it holds
        elif path.is_file() and (why := archives.named_only(path)):
            problems.append(error("FILE", path.name, "", why))
        elif path.is_dir():
            target = folders.classify(path)
            if target.kind == folders.DEPARTMENT and not reviewer_folder(target):
                steps.append(["build", arg])
            elif target.kind in (folders.REPORTS, folders.REPORT, folders.DEPARTMENT):
                steps.append(["check", arg])
            else:
                problems.append(error("FILE", path.name, "", target.message))
        else:
            problems.append(error("FILE", path.name, "", f"{path.name} 不是统计表（.xlsx）、{folders.NARRATIVE_FORMS}、年度报告（.docx/.html/.pdf）或文件夹：不知道怎样处理它"))
    pairs, documents, lone = _pairs(books, texts)
    steps = [["build", str(x), str(t)] for x, t in pairs] + steps + [["check", str(d)] for d in documents]
    problems += lone
    return steps, problems


def _pairs(books: list[Path], texts: list[Path]) -> tuple[list[tuple[Path, Path]], list[Path], list[Problem]]:
    """Workbooks and narratives paired: the only two, else two in one folder, else a lone file with
    its partner beside it (the folder rule). A lone Word file without tables not named 正文 is a
    document to check, as `check` takes it."""
    if len(books) == 1 and len(texts) == 1:
        return [(books[0], texts[0])], [], []
    pairs, documents, problems = [], [], []
    for book in list(books):
        beside = [t for t in texts if t.parent == book.parent]
        if len(beside) == 1:
            pairs.append((book, beside[0]))
            books.remove(book)
            texts.remove(beside[0])
    for lone in books + texts:
        target = folders.classify(lone.parent)
        if target.kind == folders.DEPARTMENT and lone in (target.xlsx, target.txt):
            if (target.xlsx, target.txt) not in pairs:
                pairs.append((target.xlsx, target.txt))
            continue
        if lone in texts and lone.suffix.lower() not in folders.NARRATIVE_SUFFIXES and not folders.named_narrative(lone):
            documents.append(lone)
            continue
        if lone in books:
            message = f"只拖入了统计表 {lone.name}，没有与它配对的正文：请把统计表和{folders.NARRATIVE_FORMS}一起拖到 reportgen.exe 上，或拖入放着它们的文件夹"
        else:
            message = f"只拖入了正文 {lone.name}，没有与它配对的统计表：请把统计表（.xlsx）和正文一起拖到 reportgen.exe 上，或拖入放着它们的文件夹"
        problems.append(error("FILE", lone.name, "", message))
    return pairs, documents, problems


def reviewer_folder(target) -> bool:
    """A department's folder that also holds other departments or other agencies' reports: a
    reviewer's folder, checked as a whole (its own report, named as build names it, does not count)."""
    contents = target.contents
    if contents.one_department:
        return False
    if len(contents.departments) > 1:
        return True
    try:
        report, _ = api.load(target.xlsx, target.txt)
        own = api.default_output(target.xlsx, report).stem
    except Exception:  # unreadable inputs: build says what is wrong with them
        return False
    return any(f.path.stem != own for f in contents.reports)
