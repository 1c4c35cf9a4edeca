"""An office's own template (--template) is rendered in a child process with a budget.

The Jinja sandbox stops a template from reaching Python, and caps each range(), but not the work:
nested loops over range(99999) would render for hours. The child gets TIME_LIMIT_S seconds of
wall time and, where the OS allows, MEMORY_LIMIT bytes; past either it is stopped and the
template refused. The built-in template is ours and renders in-process.

    python -m reportgen.templatejob   (reads the pickled job on stdin; used only by render_bounded)
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from .model import Report
from .problems import InputError, error

# Overridable for tests and slow machines; a real template renders in well under a second.
TIME_LIMIT_S = float(os.environ.get("REPORTGEN_TEMPLATE_SECONDS", "30"))
MEMORY_LIMIT = 2 * 1024**3


def _time_message(seconds: float) -> str:
    return (
        f"模板渲染超过 {seconds:g} 秒仍未完成，已停止，没有生成报告。"
        "模板中可能有过大或层层嵌套的 {% for %} 循环，请删除或简化后重试"
    )


MEMORY_MESSAGE = "模板渲染占用的内存超过上限，已停止，没有生成报告。模板中可能有产生大量内容的循环，请删除或简化后重试"


def render_bounded(report: Report, template: Path, seconds: float | None = None) -> bytes:
    """The report rendered into TEMPLATE by a child process; InputError when it fails or overruns."""
    seconds = TIME_LIMIT_S if seconds is None else seconds
    job = pickle.dumps((report, str(Path(template).resolve())))
    env = dict(os.environ)
    # The child imports this package from where the parent did, installed or not.
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "reportgen.templatejob"], input=job, capture_output=True, timeout=seconds, env=env
        )  # subprocess.run kills the child on timeout and on Ctrl-C
    except subprocess.TimeoutExpired:
        raise InputError(error("TEMPLATE", template.name, "", _time_message(seconds))) from None
    try:
        kind, value = pickle.loads(proc.stdout)
    except Exception:
        raise InputError(error("TEMPLATE", template.name, "", MEMORY_MESSAGE if proc.returncode else "模板无法使用")) from None
    if kind == "ok":
        return value
    raise InputError(*value)


def _child() -> int:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):  # Windows, or a lower limit already set
        pass
    report, template = pickle.loads(sys.stdin.buffer.read())
    from .render import render_template

    try:
        result = ("ok", render_template(report, Path(template)))
    except InputError as exc:
        result = ("problems", exc.problems)
    except MemoryError:
        result = ("problems", [error("TEMPLATE", Path(template).name, "", MEMORY_MESSAGE)])
    sys.stdout.buffer.write(pickle.dumps(result))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(_child())
