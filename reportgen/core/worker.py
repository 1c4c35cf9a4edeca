"""A persistent child process that runs functions with a time limit: native code (pdfium, the OCR
engine) that hangs, crashes or runs out of memory there costs one call, never the program.

`Worker.call(seconds, function, *args)` runs FUNCTION (a module-level function: it is sent by
reference, as multiprocessing sends it) in the worker's child and returns its result, or raises
again the exception it raised. The child is started on the first call and kept for the next ones:
a reviewer's folder of 200 PDFs starts one child, whose OCR engine loads once. A call that overruns
SECONDS is `Overran`: the child is killed (with its process group on POSIX: whatever it started)
and the next call starts a new one. A child that dies under a call (a signal: a segfault, the OOM
killer) is `Died`, with its exit code. No child outlives the program: it is a daemon, stopped at
exit (atexit) and whenever a call ends with an exception of the caller's own (Ctrl-C).

The start method is the platform's default unless asked for ("spawn" to start the way Windows and
the one-folder bundle do; cli.main calls freeze_support): START_METHOD_ENV names it for the tests,
for the batch pool (county.batch) and for every worker.
"""

from __future__ import annotations

import math
import os
import threading

from reportgen.core.problems import InputError, error

# Names the start method ("spawn", "fork", "forkserver"); unset or unknown: the platform's default.
# Tests set "spawn" on Linux to start children the way Windows does (and the bundle).
START_METHOD_ENV = "REPORTGEN_START_METHOD"
START_SECONDS = 120.0  # a spawned child imports Python anew: seconds on a busy machine, not counted in a call's limit


def context(method: str | None = None):
    """The multiprocessing context of METHOD, else of the method START_METHOD_ENV names, else None
    (the platform's default)."""
    import multiprocessing

    method = method or os.environ.get(START_METHOD_ENV, "")
    return multiprocessing.get_context(method) if method in multiprocessing.get_all_start_methods() else None


def seconds_setting(env: str, default: float, low: float, high: float, rule: str, name: str = "") -> float:
    """A time limit in seconds set by the environment variable ENV (unset: DEFAULT), clamped to
    LOW..HIGH ("0" and "1e9" are numbers, only out of range); InputError (RULE, file NAME) in
    Chinese, naming the setting and its value, when it is not a number of seconds ("60s", empty)."""
    raw = os.environ.get(env)
    if raw is None:
        return default
    try:
        seconds = float(raw.strip())
    except ValueError:
        seconds = math.nan
    if math.isnan(seconds):
        raise InputError(error(
            rule, name, "",
            f"环境变量 {env} 的值“{raw}”不是秒数：请写一个 {low:g} 到 {high:g} 之间的数字"
            f"（例如 {env}={max(low, min(high, 60.0)):g}），或删除这个环境变量（默认 {default:g} 秒）",
        ))
    return min(max(seconds, low), high)


class Overran(Exception):
    """The call (or the child's start) did not finish within `seconds`; the child was killed."""

    def __init__(self, seconds: float):
        super().__init__(f"overran {seconds:g} s")
        self.seconds = seconds


class Died(Exception):
    """The child ended under a call without answering: `exitcode` is -N for signal N (POSIX)."""

    def __init__(self, exitcode: int | None):
        super().__init__(f"the worker died (exit code {exitcode})")
        self.exitcode = exitcode

    def how(self) -> str:
        """How it ended, in Chinese words for a message: 被信号 SIGKILL 终止, 退出码 3."""
        import signal

        if self.exitcode is not None and self.exitcode < 0:
            try:
                name = signal.Signals(-self.exitcode).name
            except ValueError:
                name = str(-self.exitcode)
            return f"被信号 {name} 终止"
        return f"退出码 {self.exitcode}"


class Worker:
    """One child process kept for many calls (see the module's notes). Not for concurrent use from
    several threads at once: calls wait for each other."""

    def __init__(self, method: str | None = None, memory: int | None = None, start_seconds: float = START_SECONDS):
        """METHOD: the start method (default: context()); MEMORY: the child's address space in bytes,
        where the OS allows (past it, MemoryError in the child, raised again here)."""
        self.method, self.memory, self.start_seconds = method, memory, start_seconds
        self._process = self._conn = None
        self._owner = os.getpid()  # a forked copy of the owner must not touch the owner's child
        self._lock = threading.Lock()
        self._at_exit = False

    def call(self, seconds: float, function, *args):
        """FUNCTION(*ARGS) run in the child: its result, or the exception it raised raised again;
        Overran past SECONDS, Died when the child ends under it."""
        with self._lock:
            conn = self._ready()
            try:
                conn.send((function, args))
                if not conn.poll(seconds):
                    raise Overran(seconds)
                kind, value = conn.recv()
            except (EOFError, OSError):  # the child is gone (a broken pipe on send, EOF on receive)
                raise self._died() from None
            except BaseException:  # overran, or the caller's Ctrl-C: the child is busy with it, stop it
                self._stop()
                raise
        if kind == "raised":
            raise value
        return value

    def stop(self) -> None:
        """Kill the child, if any (the next call starts another)."""
        with self._lock:
            self._stop()

    def _ready(self):
        if self._owner != os.getpid():  # forked (a batch pool's worker): start a child of our own
            self._process = self._conn = None
            self._owner = os.getpid()
        if self._process is not None and not self._process.is_alive():
            self._stop()
        if self._process is None:
            self._start()
        return self._conn

    def _start(self) -> None:
        import multiprocessing

        ctx = context(self.method) or multiprocessing.get_context()
        here, there = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(there, here, self.memory), daemon=True, name="reportgen-worker")
        self._process.start()
        there.close()  # the child holds its end: EOF here when it dies
        self._conn = here
        if not self._at_exit:
            import atexit

            atexit.register(self.stop)
            self._at_exit = True
        try:
            if not here.poll(self.start_seconds):
                raise Overran(self.start_seconds)
            here.recv()  # "ready": the child has started (a spawned one has imported this module)
        except (EOFError, OSError):
            raise self._died() from None
        except BaseException:
            self._stop()
            raise

    def _died(self) -> Died:
        process = self._process
        process.join(5)
        exitcode = process.exitcode
        self._stop()
        return Died(exitcode)

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is None:
            return
        _kill(process)
        process.join()
        conn.close()


def _kill(process) -> None:
    """The child killed, with its process group on POSIX (it leads one: _serve)."""
    if os.name != "nt":
        import signal

        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # not yet its own group, or already gone
            pass
    if process.exitcode is None:
        process.kill()


def _serve(conn, parents, memory: int | None) -> None:
    """The child: answer each (function, args) with ("ok", result) or ("raised", exception) until
    the parent closes its end (PARENTS: that end, which a forked child holds a copy of, closed here)."""
    import signal

    parents.close()
    if memory is not None:
        _limit_memory(memory)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the child
    if os.name != "nt":
        os.setpgrp()  # its own group: killed with whatever it starts
    _die_with_parent()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):  # the parent has gone
            return
        try:
            answer = ("ok", function(*args))
        except BaseException as exc:  # noqa: BLE001  (every outcome goes back to the caller)
            answer = ("raised", exc)
        try:
            conn.send(answer)
        except Exception as exc:  # a result or exception that does not pickle: its name and words instead
            conn.send(("raised", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]} (not returnable: {exc})")))


def _limit_memory(limit: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # Windows, or a lower limit already set
        pass


def _die_with_parent() -> None:
    """On Linux, the child is killed when the parent dies (even by SIGKILL, with no atexit), and is
    the one the OOM killer takes first (its memory is the large one: pages, the OCR engine)."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except (OSError, AttributeError):
        pass
