"""Where a template is rendered: the built-in one in-process, an office's own (--template) in a
child process with a budget. The one place that decides.

The Jinja sandbox stops a template from reaching Python, and caps each range(), but not the work:
nested loops over range(99999) would render for hours. The child gets time_limit() seconds of
wall time (REPORTGEN_TEMPLATE_SECONDS, clamped: time_limit) and, where the OS allows, MEMORY_LIMIT bytes; past either it is stopped and the
template refused. The built-in template is ours and renders in-process.

The child is a multiprocessing "spawn" process, so the same code works from a checkout, an
installed package and the one-folder bundle (cli.main calls freeze_support).
"""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.core import resources, worker
from reportgen.core.model import Report
from reportgen.core.problems import InputError, error
from reportgen.render.docx import MEMORY_MESSAGE, render_template

# Overridable for tests and slow machines; a real template renders in well under a second, but
# the child process itself takes a few seconds to start on a busy machine: hence the floor.
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
    """The report rendered into TEMPLATE by a child process; InputError when it fails or overruns."""
    import multiprocessing

    template = Path(template)
    seconds = time_limit(template.name) if seconds is None else seconds
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(report, str(template.resolve()), send), daemon=True)
    child.start()
    send.close()  # the child holds the sending end; EOF here when it dies
    try:
        if not receive.poll(seconds):
            raise InputError(error("TEMPLATE", template.name, "", _time_message(seconds)))
        try:
            kind, value = receive.recv()
        except EOFError:  # the child died without a word
            child.join(5)
            killed = child.exitcode is not None and child.exitcode < 0  # by a signal: the OOM killer
            message = MEMORY_MESSAGE if killed else f"渲染模板的进程意外退出（退出码 {child.exitcode}），没有生成报告。请重试"
            raise InputError(error("TEMPLATE", template.name, "", message)) from None
    finally:  # also on Ctrl-C: no child left running
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "ok":
        return value
    raise InputError(*value)


def _child(report: Report, template: str, send) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):  # Windows, or a lower limit already set
        pass
    try:
        result = ("ok", render_template(report, Path(template)))
    except InputError as exc:
        result = ("problems", exc.problems)
    except MemoryError:
        result = ("problems", [error("TEMPLATE", Path(template).name, "", MEMORY_MESSAGE)])
    send.send(result)
    send.close()
