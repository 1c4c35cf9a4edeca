"""click in Chinese: help pages with Chinese headings, measured in display columns and wrapped only between words, a positive-count option type, usage errors."""

from __future__ import annotations

import re

import click

from reportgen.core.text import display_width

# Line breaks: never inside a run of Latin letters, digits or a file name (".docx"); before a
# Chinese character, except before closing punctuation, and never after opening punctuation.
_CLOSING = set("，。、；：！？）》」』”’…—%")
_OPENING = set("（《「『“‘")


def _units(text: str) -> list[str]:
    """TEXT cut where a line may break: Latin runs whole, Chinese one character each, punctuation
    kept with its neighbour; a space is a unit of its own."""
    units: list[str] = []
    glue = False  # the previous unit ends with opening punctuation: the next one joins it
    for ch in text:
        wide = display_width(ch) == 2
        if ch == " ":
            units.append(" ")
            glue = False
            continue
        if units and units[-1] != " " and (glue or ch in _CLOSING or not wide):  # 正文.txt: 文.txt whole
            units[-1] += ch
        else:
            units.append(ch)
        glue = ch in _OPENING
    return units


def wrap(text: str, columns: int, at_spaces_only: bool = False) -> list[str]:
    """TEXT in lines of at most COLUMNS display columns (a Chinese character takes two), broken
    only where a reader allows (at spaces only: a usage line's arguments stay whole); a unit longer
    than a line stands alone on its line."""
    lines: list[str] = []
    line = ""
    units = re.split(r"( )", text) if at_spaces_only else _units(text)
    for unit in units:
        if not unit:
            continue
        if unit == " " and not line:
            continue
        if line and display_width(line + unit) > columns:
            lines.append(line.rstrip())
            line = "" if unit == " " else unit
        else:
            line += unit
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


class _ZhFormatter(click.HelpFormatter):
    """click's help layout measured in display columns, wrapped only between words (click counts
    characters, so Chinese lines ran past the console and the console broke them inside words)."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        if width is None:  # click never goes below 50 columns: a narrow console would break lines itself
            import shutil

            width = max(min(shutil.get_terminal_size().columns, max_width or 80) - 2, 30)
        super().__init__(indent_increment, width, max_width)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{'':>{self.current_indent}}{prefix or ''}{prog} "
        hang = display_width(head) if display_width(head) <= self.width // 2 else self.current_indent + 4  # a narrow console
        lines = wrap(args, self.width - max(display_width(head), hang), at_spaces_only=True)
        self.write(head + lines[0] + "\n")
        for line in lines[1:]:
            self.write(" " * hang + line + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for paragraph in text.split("\n"):
            for line in wrap(paragraph, max(self.width - self.current_indent, 20)):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        if self.width - first_col - self.current_indent < 20:  # a narrow console: help under each option
            first_col, col_max = 4, 0
        text_width = self.width - first_col - self.current_indent
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if col_max and display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, text_width)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class _ZhContext(click.Context):
    formatter_class = _ZhFormatter


# click's own words in usage lines, and the metavars of untyped paths.
_USAGE_WORDS = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]..."}


class _ZhMixin:
    """Chinese headings in help pages (click's own are English)."""

    context_class = _ZhContext

    def format_usage(self, ctx, formatter):  # noqa: D401
        pieces = [_USAGE_WORDS.get(p, p) for p in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_epilog(self, ctx, formatter):
        """The command's examples (its epilog, one a line), under their own heading, each kept whole."""
        if self.epilog:  # type: ignore[attr-defined]
            with formatter.section("例如"):
                indent = " " * formatter.current_indent
                for line in self.epilog.splitlines():  # type: ignore[attr-defined]
                    for piece in wrap(line, max(formatter.width - formatter.current_indent, 20), at_spaces_only=True):
                        formatter.write(f"{indent}{piece}\n")

    def format_options(self, ctx, formatter):
        # Options only: arguments are in the usage line (click 8.2+ would list them here without help).
        records = [rv for p in self.get_params(ctx) if isinstance(p, click.Option) and (rv := p.get_help_record(ctx))]  # type: ignore[attr-defined]
        if records:
            with formatter.section("选项"):
                formatter.write_dl(records)


class ZhCommand(_ZhMixin, click.Command):
    pass


class ZhGroup(_ZhMixin, click.Group):
    command_class = ZhCommand

    def format_options(self, ctx, formatter):
        super().format_options(ctx, formatter)
        rows = [(name, cmd.get_short_help_str(200)) for name, cmd in self.commands.items() if not cmd.hidden]
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)


class Count(click.ParamType):
    """A whole number of at least 1, refused in Chinese (click's IntRange speaks English)."""

    name = "N"

    def convert(self, value, param, ctx):
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number < 1:
            self.fail(f"“{value}”不是正整数：请写同时处理的部门数，例如 -j 2", param, ctx)
        return number



def usage_message(exc: click.UsageError, commands) -> str:
    """click's usage errors in Chinese; `commands`: the group's command names."""
    from click import exceptions as ce

    if isinstance(exc, ce.MissingParameter) and exc.param is not None:
        return f"缺少参数 {exc.param.metavar or exc.param.name}"
    if isinstance(exc, ce.NoSuchOption):
        return f"没有这个选项：{exc.option_name}"
    if isinstance(exc, ce.BadOptionUsage):
        # click's own sentences are English: say the two common cases in Chinese.
        if "requires an argument" in exc.message:
            return f"选项 {exc.option_name} 后面要写一个值"
        if "does not take a value" in exc.message:
            return f"选项 {exc.option_name} 后面不能写值，直接写 {exc.option_name} 即可"
        return f"选项 {exc.option_name} 的用法不对：{exc.message}"
    if "No such command" in exc.message:
        name = exc.message.split(chr(39))[1] if chr(39) in exc.message else exc.message
        return f"没有这个命令：{name}（可用命令：{'、'.join(commands)}）"
    if "unexpected extra argument" in exc.message:
        return f"多余的参数：{exc.message.split('(')[-1].rstrip(')')}"
    return exc.message
