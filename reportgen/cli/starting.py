"""`reportgen init` besides the library call: the narrative's form (--narrative txt|docx: 正文.txt
for Notepad, or 正文.docx for Word/WPS, narrative.asword), a 正文.docx refused beside a 正文.txt
(the folder rule would take the .txt), and what init says once the files are written."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli import views
from reportgen.cli.quoting import command
from reportgen.core.folders import NARRATIVE_NAME, WORD_NARRATIVE_NAME
from reportgen.core.problems import Problem, error

TXT, DOCX = "txt", "docx"


class Form(click.ParamType):
    """txt or docx (.docx and DOCX too), refused in Chinese (click's Choice speaks English)."""

    name = "txt|docx"

    def convert(self, value, param, ctx):
        form = str(value).strip().lower().lstrip(".")
        if form not in (TXT, DOCX):
            self.fail(f"“{value}”不是正文的格式：请写 txt（记事本）或 docx（Word/WPS），例如 --narrative docx", param, ctx)
        return form


option = click.option(
    "--narrative", "narrative_form", type=Form(), default=TXT, metavar="txt|docx",
    help="正文的格式：txt（默认，在记事本中填写的正文.txt）或 docx（在 Word/WPS 中填写的正文.docx，"
    "标题用“标题 1”“标题 2”样式）",
)


def refused(directory: Path, form: str) -> list[Problem]:
    """A 正文.docx is not written beside a 正文.txt, even with --force: the .txt would be used."""
    txt = Path(directory) / NARRATIVE_NAME
    if form != DOCX or not txt.exists():
        return []
    return [error(
        "EXISTS", txt.name, "",
        f"{txt} 已存在：同一文件夹中有正文.txt 时，程序用正文.txt 而不用{WORD_NARRATIVE_NAME}。"
        "请删除正文.txt 或把它改名后再试，或不加 --narrative docx",
    )]


def say_written(result, from_xlsx: Path | None, from_txt: Path | None, from_report: Path | None) -> None:
    """What init says after writing: the files, what was carried from last year, what to do next."""
    xlsx, txt = result.written
    for p in result.written:
        click.echo(f"已生成：{p}")
    if from_xlsx:
        click.echo(f"已从 {from_xlsx} 带入：基本信息（成文日期、发文字号除外）、年度、上年结转、现行有效件数；其余数字为0。")
    if from_txt:
        click.echo(f"已从 {from_txt} 复制正文，请逐段改写为本年度的情况。")
    if from_report:
        click.echo(views.carried_from_report(from_report, result.carried, result.not_carried))
    where = f"在 Word/WPS 中填写{txt.name}" if txt.suffix.lower() == ".docx" else "在记事本中填写正文"
    click.echo(f"请在 Excel/WPS 中填写统计表（先看“填写说明”，再填“基本信息”表），{where}，然后运行：")
    click.echo(f"  {command('reportgen', 'check', xlsx, txt)}")
    click.echo(f"  {command('reportgen', 'build', xlsx, txt)}")
