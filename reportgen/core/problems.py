"""Problems found in the clerk's files, and the exception for input that cannot be read at all.

Messages are Chinese and say what to fix; `where` names the place (`依申请公开!D7`, `第12行`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from reportgen.core import catalogue
from reportgen.core.catalogue import ERROR, LEVEL_TEXT, WARNING  # noqa: F401  (the levels, re-exported)


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR blocks the build, WARNING is printed only
    rule: str  # rule id, e.g. T3-BAL, NUM, NARR-ORDER
    file: str  # file name as the clerk knows it (no folder)
    where: str  # sheet!cell, 第N行, or "" for the whole file
    message: str

    def __post_init__(self) -> None:
        catalogue.rule(self.rule)  # KeyError for an id the catalogue does not list
        if self.level not in LEVEL_TEXT:
            raise ValueError(f"problem level {self.level!r} is neither {ERROR!r} nor {WARNING!r}")

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def place(self) -> str:
        return f"{self.file} {self.where}".strip() if self.where else self.file

    def __str__(self) -> str:
        return f"{LEVEL_TEXT[self.level]} [{self.rule}] {self.place()}：{self.message}"

    def to_dict(self) -> dict[str, str]:
        return asdict(self) | {"place": self.place()}


def _allowed(level: str, rule: str) -> str:
    if level not in catalogue.rule(rule).levels:
        raise ValueError(f"rule {rule!r} is not raised as {level!r} in reportgen.core.catalogue.RULES: fix the call or the catalogue")
    return level


def error(rule: str, file: str, where: str, message: str) -> Problem:
    return Problem(_allowed(ERROR, rule), rule, file, where, message)


def warning(rule: str, file: str, where: str, message: str) -> Problem:
    return Problem(_allowed(WARNING, rule), rule, file, where, message)


def last_years(p: Problem) -> Problem:
    """A problem of last year's file (init --from) listed as a 提醒: last year's faults do not stop
    this year, whatever level the rule has in this year's check."""
    return Problem(WARNING, p.rule, p.file, p.where, "（上年报告）" + p.message)


def internal_error(name: str, exc: BaseException) -> Problem:
    """An unexpected exception (a bug) while handling the file or folder `name`, for the clerk:
    it costs that one item, never a traceback."""
    return error("INTERNAL", name, "", f"处理时出现程序内部错误（{type(exc).__name__}：{exc}）。请把 {name} 发给维护人员")


class InputError(Exception):
    """A file cannot be used at all (missing, wrong type, unreadable). Carries its problems."""

    def __init__(self, *problems: Problem):
        super().__init__("; ".join(map(str, problems)))
        self.problems = list(problems)

    def __reduce__(self):  # pickled with its problems and attributes (it comes back from core.worker)
        return (_input_error, (type(self), self.problems), self.__dict__)


def _input_error(cls: type, problems: list[Problem]) -> InputError:
    exc = cls.__new__(cls)
    InputError.__init__(exc, *problems)
    return exc


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


def existing_file(path, what: str) -> int:
    """The size of `path`, or an InputError saying in Chinese that it is missing or a folder.
    `what` names the file for the clerk (统计表文件, 正文文本文件)."""
    if not path.exists():
        raise InputError(error("FILE", path.name, "", f"找不到文件：{path}。请检查文件名和所在文件夹"))
    if path.is_dir():
        raise InputError(error("FILE", path.name, "", f"{path} 是文件夹，不是{what}"))
    return path.stat().st_size
