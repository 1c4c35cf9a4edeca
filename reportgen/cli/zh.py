"""click in Chinese: help pages with Chinese headings, a positive-count option type, usage errors."""

from __future__ import annotations

import click


class _ZhFormatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


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
        rows = [(name, cmd.get_short_help_str(60)) for name, cmd in self.commands.items() if not cmd.hidden]
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
