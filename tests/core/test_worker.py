"""core.worker: one child kept for many calls; a call that overruns its time limit kills the child
and the next call gets a new one; a child that dies (a signal, the OOM killer) is told apart from
an overrun; exceptions come back as they were raised; no child is left behind."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from reportgen.core import worker
from reportgen.core.problems import InputError, error


# The targets: module-level, so that a spawned child finds them by name.
def pid() -> int:
    return os.getpid()


def nap(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def shot(signum: int) -> None:
    import faulthandler

    faulthandler.disable()  # pytest's, inherited by a forked child: no traceback of the crash on the terminal
    os.kill(os.getpid(), signum)


def refused(name: str) -> None:
    raise InputError(error("FILE", name, "", "这个 PDF 文件已损坏"))


def unpicklable():
    return lambda: None


def grandchild(path: str) -> int:
    """Starts a sleeping process of its own and hangs: the kill must take both."""
    import subprocess

    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    with open(path, "w") as f:
        f.write(str(proc.pid))
    time.sleep(60)
    return proc.pid


@pytest.fixture(params=["fork", "spawn"] if os.name != "nt" else ["spawn"])
def one(request):
    w = worker.Worker(request.param)
    yield w
    w.stop()


def _alive(process_id: int) -> bool:
    try:
        os.kill(process_id, 0)
    except ProcessLookupError:
        return False
    if sys.platform.startswith("linux"):  # a zombie is not running
        with open(f"/proc/{process_id}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def test_one_child_answers_many_calls(one):
    first = one.call(30, pid)
    assert first != os.getpid()
    assert [one.call(30, pid) for _ in range(20)] == [first] * 20
    assert one.call(30, divmod, 7, 2) == (3, 1)


def test_an_overrun_kills_the_child_and_the_next_call_starts_another(one):
    first = one.call(30, pid)
    started = time.monotonic()
    with pytest.raises(worker.Overran) as caught:
        one.call(0.5, nap, 30)
    assert caught.value.seconds == 0.5
    assert time.monotonic() - started < 10  # stopped, not waited for
    assert not _alive(first)
    second = one.call(30, pid)
    assert second not in (first, os.getpid())
    assert one.call(30, nap, 0) == second


@pytest.mark.posix
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGSEGV] if os.name != "nt" else [])
def test_a_child_killed_by_a_signal_is_died_not_overran(one, signum):
    with pytest.raises(worker.Died) as caught:
        one.call(30, shot, signum)
    assert caught.value.exitcode == -signum
    assert caught.value.how() == f"被信号 {signal.Signals(signum).name} 终止"
    assert one.call(30, divmod, 9, 4) == (2, 1)  # a new child


def test_exceptions_come_back_as_raised(one):
    with pytest.raises(InputError) as caught:
        one.call(30, refused, "坏.pdf")
    assert str(caught.value.problems[0]) == "错误 [FILE] 坏.pdf：这个 PDF 文件已损坏"
    with pytest.raises(ZeroDivisionError):
        one.call(30, divmod, 1, 0)
    with pytest.raises(RuntimeError, match="not returnable"):
        one.call(30, unpicklable)
    assert one.call(30, divmod, 1, 1) == (1, 0)  # the same child goes on


@pytest.mark.posix
def test_an_overrun_kills_what_the_child_started(tmp_path):
    w = worker.Worker("fork")
    marker = tmp_path / "pid"
    try:
        with pytest.raises(worker.Overran):
            w.call(3, grandchild, str(marker))
    finally:
        w.stop()
    started = int(marker.read_text())
    deadline = time.monotonic() + 5
    while _alive(started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(started)


def test_stop_leaves_no_child_and_the_worker_can_be_used_again():
    w = worker.Worker()
    first = w.call(30, pid)
    w.stop()
    assert not _alive(first)
    assert w.call(30, pid) != first
    w.stop()
    w.stop()  # twice is harmless


def test_a_time_limit_setting_is_read_clamped_and_refused_in_chinese(monkeypatch):
    monkeypatch.delenv("REPORTGEN_X_SECONDS", raising=False)
    assert worker.seconds_setting("REPORTGEN_X_SECONDS", 60, 1, 3600, "FILE") == 60
    monkeypatch.setenv("REPORTGEN_X_SECONDS", "0.2")
    assert worker.seconds_setting("REPORTGEN_X_SECONDS", 60, 1, 3600, "FILE") == 1
    monkeypatch.setenv("REPORTGEN_X_SECONDS", "1分钟")
    with pytest.raises(InputError) as caught:
        worker.seconds_setting("REPORTGEN_X_SECONDS", 60, 1, 3600, "FILE", "报告.pdf")
    assert str(caught.value.problems[0]) == (
        "错误 [FILE] 报告.pdf：环境变量 REPORTGEN_X_SECONDS 的值“1分钟”不是秒数：请写一个 1 到 3600 之间的数字"
        "（例如 REPORTGEN_X_SECONDS=60），或删除这个环境变量（默认 60 秒）"
    )


@pytest.mark.posix
def test_ctrl_c_during_a_call_stops_the_child(one):
    import threading

    child = one.call(30, pid)
    timer = threading.Timer(0.5, signal.pthread_kill, (threading.main_thread().ident, signal.SIGINT))
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        one.call(30, nap, 30)
    timer.join()
    assert time.monotonic() - started < 10
    assert not _alive(child)
    assert one.call(30, pid) != child


@pytest.mark.posix
@pytest.mark.parametrize("ending", ["exit", "SIGKILL"])
def test_no_child_outlives_the_program(ending):
    """Ended normally (atexit) or killed outright (Linux: the child dies with its parent)."""
    import subprocess

    if ending == "SIGKILL" and not sys.platform.startswith("linux"):
        pytest.skip("the child dies with a killed parent on Linux only")
    script = (
        "import sys, time\n"
        "from reportgen.core import worker\n"
        "from tests.core.test_worker import pid\n"
        "w = worker.Worker()\n"
        "print(w.call(30, pid), flush=True)\n"
        "if sys.argv[1] == 'SIGKILL':\n"
        "    time.sleep(60)\n"
    )
    from ..conftest import ROOT

    proc = subprocess.Popen([sys.executable, "-c", script, ending], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    child = int(proc.stdout.readline())
    if ending == "SIGKILL":
        proc.kill()
    proc.wait(30)
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
