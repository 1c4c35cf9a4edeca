"""Where a template is rendered: the built-in one in-process, an office's own (--template) in a
child process with a budget. The one place that decides.

The Jinja sandbox stops a template from reaching Python, and caps each range(), but not the work:
nested loops over range(99999) would render for hours. The child gets time_limit() seconds of
wall time (REPORTGEN_TEMPLATE_SECONDS, clamped: time_limit) and, where the OS allows, MEMORY_LIMIT bytes; past either it is stopped and the
template refused. The built-in template is ours and renders in-process.

The child is a core.worker child started the "spawn" way, so the same code works from a checkout,
an installed package and the one-folder bundle (cli.main calls freeze_support); it is kept for the
run (the departments of a batch worker share it) and started anew after an overrun.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.core import resources, worker
from reportgen.core.model import Report
from reportgen.core.problems import InputError, error
from reportgen.render.docx import MEMORY_MESSAGE, render_template

# Overridable for tests and slow machines; a real template renders in well under a second (the
# child's start is not counted: core.worker.START_SECONDS).
SECONDS_ENV = "REPORTGEN_TEMPLATE_SECONDS"
DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS = 30.0, 5.0, 600.0
MEMORY_LIMIT = 2 * 1024**3


def time_limit(name: str = "") -> float:
    """The template's budget in seconds from SECONDS_ENV (unset: DEFAULT_SECONDS), clamped to
    MIN_SECONDS..MAX_SECONDS; a TEMPLATE error naming the setting when it is not a number
    (core.worker.seconds_setting)."""
    return worker.seconds_setting(SECONDS_ENV, DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS, "TEMPLATE", name)


def _time_message(seconds: float) -> str:
    return (
        f"模板渲染超过 {seconds:g} 秒仍未完成，已停止，没有生成报告。"
        "模板中可能有过大或层层嵌套的 {% for %} 循环，请删除或简化后重试"
    )




def render_bytes(report: Report, template: str | os.PathLike | None = None) -> bytes:
    """The finished .docx as bytes. Raises InputError for a template that cannot be used."""
    if template is not None:
        return render_bounded(report, Path(template))
    return render_template(report, resources.DEFAULT_TEMPLATE, check_names=False, fast_tables=True)


def render_bounded(report: Report, template: Path, seconds: float | None = None) -> bytes:
    """The report rendered into TEMPLATE by the renderer's child; InputError when it fails or overruns."""
    template = Path(template)
    seconds = time_limit(template.name) if seconds is None else seconds
    try:
        return _RENDERER.call(seconds, _render, report, str(template.resolve()))
    except worker.Overran:
        raise InputError(error("TEMPLATE", template.name, "", _time_message(seconds))) from None
    except worker.Died as exc:  # killed by a signal: the OOM killer
        killed = exc.exitcode is not None and exc.exitcode < 0
        message = MEMORY_MESSAGE if killed else f"渲染模板的进程意外退出（退出码 {exc.exitcode}），没有生成报告。请重试"
        raise InputError(error("TEMPLATE", template.name, "", message)) from None
    except MemoryError:
        raise InputError(error("TEMPLATE", template.name, "", MEMORY_MESSAGE)) from None


# The child that renders offices' templates, kept for the run (a batch's departments share it),
# started the "spawn" way: a fresh interpreter under the memory limit, never a copy of this one.
_RENDERER = worker.Worker("spawn", memory=MEMORY_LIMIT)


def _render(report: Report, template: str) -> bytes:
    return render_template(report, Path(template))
