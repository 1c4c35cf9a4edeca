"""The rule catalogue is the one list of rule ids: every problem made in the code uses an id and a
level it lists, every id it lists is used, and README's table is generated from it."""

from __future__ import annotations

import ast
import importlib.util
from collections import defaultdict
from pathlib import Path

import pytest

from reportgen.core import catalogue, schema
from reportgen.core.catalogue import ERROR, WARNING
from reportgen.core.problems import Problem, error, internal_error, last_years, warning

ROOT = Path(__file__).resolve().parents[2]
_LEVEL_OF_CALL = {"error": ERROR, "warning": WARNING}


def _used_levels() -> dict[str, set[str]]:
    """rule id -> the levels it is raised with, from every literal id passed to error(, warning(
    or Problem( in reportgen/, plus the totals' rules of the schema (raised by checks.rules)."""
    used: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "reportgen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in _LEVEL_OF_CALL:
                level, rule = _LEVEL_OF_CALL[name], node.args[0] if node.args else None
            elif name == "Problem" and len(node.args) >= 2:
                level_arg, rule = node.args[0], node.args[1]
                level = {"ERROR": ERROR, "WARNING": WARNING}.get(getattr(level_arg, "id", None))
            else:
                continue
            if isinstance(rule, ast.Constant) and isinstance(rule.value, str):
                assert level is not None, f"{path.relative_to(ROOT)}:{node.lineno}: a literal rule with a computed level"
                used[rule.value].add(level)
    for total in schema.TOTALS:
        used[total.rule].add(ERROR)  # checks.rules.entered_totals: error(total.rule, ...)
    return used


def test_every_rule_raised_in_the_code_is_in_the_catalogue_with_its_levels():
    used = _used_levels()
    assert len(used) > 30  # the walk found the calls
    unknown = sorted(set(used) - set(catalogue.BY_ID))
    assert unknown == [], f"rule ids raised but not in core/catalogue.py: {unknown}"
    wrong = {r: (sorted(levels), sorted(catalogue.BY_ID[r].levels)) for r, levels in used.items() if levels != catalogue.BY_ID[r].levels}
    assert wrong == {}, "rule: (levels raised in the code, levels in the catalogue)"


def test_no_dead_entries_and_no_duplicates():
    used = _used_levels()
    assert sorted(set(catalogue.BY_ID) - set(used)) == []
    assert len(catalogue.BY_ID) == len(catalogue.RULES)


def test_every_entry_is_complete():
    for r in catalogue.RULES:
        assert r.levels and r.levels <= {ERROR, WARNING}, r.id
        assert r.checks[:1].isascii() and r.checks.endswith("."), r.id  # for developers: an English sentence
        assert r.meaning.strip() and not r.meaning.isascii(), r.id  # for the clerk, in Chinese
        assert "|" not in r.meaning and "\n" not in r.meaning, r.id  # one line of a Markdown table
        assert r.loses in ("", catalogue.FILE, catalogue.NUMBERS, catalogue.FACTS), r.id


def test_the_sets_other_modules_act_on():
    """The sets that used to be written by hand in finished/, county/review and nextyear/."""
    assert catalogue.UNREADABLE == {"FILE", "LIMIT", "NOT-REPORT"}
    assert catalogue.NUMBERS_UNREAD == {"FILE", "LIMIT", "NOT-REPORT", "READ", "NUM"}
    assert catalogue.FACTS_ONLY == {"FACT", "DATE"}


def test_an_unknown_rule_id_is_a_programming_error():
    with pytest.raises(KeyError, match="NO-SUCH-RULE"):
        error("NO-SUCH-RULE", "统计表.xlsx", "", "……")
    with pytest.raises(KeyError, match="NO-SUCH-RULE"):
        warning("NO-SUCH-RULE", "统计表.xlsx", "", "……")
    with pytest.raises(KeyError, match="NO-SUCH-RULE"):
        Problem(ERROR, "NO-SUCH-RULE", "统计表.xlsx", "", "……")


def test_a_level_the_catalogue_does_not_allow_is_a_programming_error():
    with pytest.raises(ValueError, match="T3-BAL"):
        warning("T3-BAL", "统计表.xlsx", "", "……")
    with pytest.raises(ValueError, match="TXT"):
        error("TXT", "正文.txt", "", "……")
    with pytest.raises(ValueError, match="level"):
        Problem("fatal", "FILE", "统计表.xlsx", "", "……")
    assert error("NUM", "统计表.xlsx", "A1", "……").is_error and not warning("NUM", "统计表.xlsx", "A1", "……").is_error


def test_last_years_errors_are_listed_as_warnings_whatever_the_rule():
    p = last_years(error("T3-BAL", "2024年报告.docx", "表三", "不平衡"))
    assert (p.level, p.rule, p.message) == (WARNING, "T3-BAL", "（上年报告）不平衡")


def test_one_wording_for_an_internal_error():
    p = internal_error("县教育局", KeyError("x"))
    assert str(p) == "错误 [INTERNAL] 县教育局：处理时出现程序内部错误（KeyError：'x'）。请把 县教育局 发给维护人员"


def _readme_rules_script():
    spec = importlib.util.spec_from_file_location("readme_rules", ROOT / "scripts" / "readme_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_table_is_generated_from_the_catalogue():
    readme = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert readme == _readme_rules_script().with_table(readme), "run: python scripts/readme_rules.py"
    # and so README lists every id with its levels, and no other id
    table = readme.split("<!-- rule table", 1)[1].split("<!-- end of rule table", 1)[0]
    rows = [line.split(" | ")[:2] for line in table.splitlines() if line.startswith("| ")][1:]
    assert [(rid.removeprefix("| "), level) for rid, level in rows] == [(r.id, r.level_text()) for r in catalogue.RULES]
    assert ("NUM", "错误/提醒") in [(rid.removeprefix("| "), level) for rid, level in rows]


def _boom(*args, **kwargs):
    raise RuntimeError("boom")


def test_every_unexpected_exception_becomes_the_same_internal_error(tmp_path, monkeypatch):
    from reportgen.county import batch, review
    from reportgen.finished import check as finished
    from reportgen.nextyear import fromreport

    expected = "处理时出现程序内部错误（RuntimeError：boom）。请把 {} 发给维护人员"
    monkeypatch.setattr(finished, "check", _boom)
    monkeypatch.setattr(finished, "load", _boom)
    monkeypatch.setattr(batch, "process_department", _boom)
    (p,) = review.check_one(tmp_path / "县教育局.docx").problems
    assert (p.rule, p.message) == ("INTERNAL", expected.format("县教育局.docx"))
    (p,) = fromreport.next_year(tmp_path / "2024年报告.docx")[3]
    assert (p.rule, p.message) == ("INTERNAL", expected.format("2024年报告.docx"))
    (p,) = batch._safe_process(tmp_path / "县民政局", tmp_path, None).problems
    assert (p.rule, p.message) == ("INTERNAL", expected.format("县民政局"))
