"""An office's own template is rendered with a budget: the setting that names it is read with a
Chinese message for a bad value and clamped to a sane range, and a template that eats the memory
is named as such, not as a damaged Word file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from docx import Document

from reportgen.core.problems import InputError
from reportgen.core.resources import DEFAULT_TEMPLATE
from reportgen.render import sandbox

from ..conftest import ROOT, SAMPLE_TXT, SAMPLE_XLSX


@pytest.mark.parametrize("raw", ["60s", "", "  ", "六十", "nan"])
def test_a_setting_that_is_not_seconds_is_named(monkeypatch, raw):
    monkeypatch.setenv(sandbox.SECONDS_ENV, raw)
    with pytest.raises(InputError) as caught:
        sandbox.time_limit("本单位模板.docx")
    assert str(caught.value.problems[0]) == (
        f"错误 [TEMPLATE] 本单位模板.docx：环境变量 REPORTGEN_TEMPLATE_SECONDS 的值“{raw}”不是秒数："
        "请写一个 5 到 600 之间的数字（例如 REPORTGEN_TEMPLATE_SECONDS=60），或删除这个环境变量（默认 30 秒）"
    )


@pytest.mark.parametrize("raw,seconds", [("60", 60.0), (" 90 ", 90.0), ("0", 5.0), ("-3", 5.0), ("1e9", 600.0), ("inf", 600.0)])
def test_numbers_are_clamped_to_a_sane_range(monkeypatch, raw, seconds):
    monkeypatch.setenv(sandbox.SECONDS_ENV, raw)
    assert sandbox.time_limit() == seconds


def test_unset_is_the_default(monkeypatch):
    monkeypatch.delenv(sandbox.SECONDS_ENV, raising=False)
    assert sandbox.time_limit() == 30.0


def _template(tmp_path, text: str):
    path = tmp_path / "本单位模板.docx"
    shutil.copy(DEFAULT_TEMPLATE, path)
    doc = Document(path)
    doc.paragraphs[1].runs[0].text = text
    doc.save(path)
    return path


def _build(tmp_path, template, env: dict[str, str]):
    out = tmp_path / "r.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "reportgen", "build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(out), "--template", str(template)],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=dict(os.environ, **env), timeout=300,
    )  # fmt: skip
    return proc, out


@pytest.mark.parametrize("raw", ["60s", ""])
def test_build_with_a_bad_setting_says_so(tmp_path, raw):
    proc, out = _build(tmp_path, _template(tmp_path, "{{ agency }}"), {sandbox.SECONDS_ENV: raw})
    assert proc.returncode == 1 and not out.exists()
    assert f"错误 [TEMPLATE] 本单位模板.docx：环境变量 REPORTGEN_TEMPLATE_SECONDS 的值“{raw}”不是秒数" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("raw", ["0", "1e9"])
def test_a_good_template_builds_whatever_the_number(tmp_path, raw):
    proc, out = _build(tmp_path, _template(tmp_path, "{{ agency }}"), {sandbox.SECONDS_ENV: raw})
    assert proc.returncode == 0, proc.stderr
    assert out.is_file()


@pytest.mark.posix  # the memory cap is set where the OS allows (RLIMIT_AS)
@pytest.mark.parametrize("expression", ["{{ 'x' * 4000000000 }}", "{{ 'x' * 100000000000000000000 }}"])
def test_a_template_that_eats_the_memory_is_named_as_such(tmp_path, expression):
    proc, out = _build(tmp_path, _template(tmp_path, expression + "{{ agency }}"), {})
    assert proc.returncode == 1 and not out.exists()
    assert (
        "错误 [TEMPLATE] 本单位模板.docx：模板渲染占用的内存超过上限，已停止，没有生成报告。"
        "模板中可能有产生大量内容的循环或表达式（例如把文字重复几十亿次），请删除或简化后重试"
    ) in proc.stderr
    assert "不是有效的 Word 文档" not in proc.stderr and "Traceback" not in proc.stderr


def test_templates_are_rendered_by_one_child_started_again_after_an_overrun(tmp_path, monkeypatch):
    """A batch's departments share the renderer's child (no start per report); an endless template
    costs that child, and the next template gets a new one."""
    from reportgen import api
    from reportgen.core import worker

    monkeypatch.setattr(sandbox, "_RENDERER", worker.Worker("spawn", memory=sandbox.MEMORY_LIMIT))
    starts = []
    start = worker.Worker._start
    monkeypatch.setattr(worker.Worker, "_start", lambda self: (starts.append(self), start(self))[1])
    report, _ = api.load(SAMPLE_XLSX, SAMPLE_TXT)
    (tmp_path / "good").mkdir()
    (tmp_path / "endless").mkdir()
    good = _template(tmp_path / "good", "{{ agency }}")
    endless = _template(tmp_path / "endless", "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")
    try:
        for _ in range(3):
            assert sandbox.render_bounded(report, good)[:2] == b"PK"
        assert len(starts) == 1
        with pytest.raises(InputError) as caught:
            sandbox.render_bounded(report, endless, seconds=1)
        assert caught.value.problems[0].message.startswith("模板渲染超过 1 秒仍未完成，已停止，没有生成报告。")
        assert sandbox.render_bounded(report, good)[:2] == b"PK"
        assert len(starts) == 2
    finally:
        sandbox._RENDERER.stop()
