"""The narrative text file (or a Word 正文.docx, read by narrative.word): decode it, clean it, and parse its headings into blocks.

One paragraph per line; blank lines are ignored. Headings 一、…六、 carry the official titles in
order; （一） headings may stand on their own line or run into their paragraph; 1. and （1） are
the third and fourth levels. An optional first line `标题：…` gives the title.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportgen.core import filekind, schema
from reportgen.core.model import Block, Narrative
from reportgen.core.problems import InputError, Problem, error, existing_file, warning
from reportgen.core.text import HEADING_END, clean_line, heading_title, illegal_chars, without_spaces
from reportgen.narrative import decode as textdecode
from reportgen.narrative import headings

MAX_NARRATIVE_BYTES = 2 * 1024 * 1024  # a long report is ~30 KB of text

_CN_NUM = "一二三四五六七八九十"
_H1 = re.compile(rf"^([{_CN_NUM}]+)\s*[、，,.．]\s*(.*)$")
_H2 = re.compile(rf"^[（(]\s*([{_CN_NUM}]+)\s*[)）]\s*(.*)$")
_H3 = re.compile(r"^(\d{1,2})\s*[.．](?!\d)\s*(.*)$")
_H4 = re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*(.*)$")
_TITLE = re.compile(r"^标题\s*[：:]\s*(.*)$")


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or not), else GB18030 (Notepad on Chinese Windows);
    see textdecode for files whose lines mix encodings."""
    return textdecode.decode(data, name)[0]


def read(path: str | os.PathLike) -> tuple[Narrative, list[Problem]]:
    path = Path(path)
    text, decoding = _text(path)
    narrative, problems = parse(text, path.name)
    return narrative, decoding + problems


def text_of(path: str | os.PathLike) -> str:
    """The narrative's lines as a 正文.txt holds them (a Word 正文.docx: one line a paragraph), with
    read's refusals (missing, too big, not text)."""
    return _text(Path(path))[0]


def _text(path: Path) -> tuple[str, list[Problem]]:
    name = path.name
    size = existing_file(path, "正文文本文件")
    if size > MAX_NARRATIVE_BYTES:
        raise InputError(
            error("LIMIT", name, "", f"正文文件有 {size / 1024 / 1024:.1f} MB，超过上限 2 MB：请检查是否选错了文件（正文应是几十KB的纯文本）")
        )
    try:
        data = path.read_bytes()
        kind = filekind.identify(path)
    except OSError as exc:
        from reportgen.core.oserrors import describe

        raise InputError(error("FILE", name, "", f"无法读取文件：{describe(exc, reading=True)}")) from None
    if kind.key == filekind.DOCX:  # written in Word or WPS
        from reportgen.narrative import word

        return word.text_of(path, name), []
    from reportgen.office import convert

    form = convert.source_form(path)
    if form is not None:  # saved as .doc, .wps, .rtf or .odt: read from LibreOffice's .docx of it
        from reportgen.narrative import word

        return word.converted_text_of(path, name, form)
    if kind.key in filekind.SPREADSHEETS:
        raise InputError(error("FILE", name, "", f"这是{kind.what}，不是正文：统计表写在命令的前面，正文（.txt 或 Word 文档）写在后面"))
    if kind.key not in (filekind.TEXT, filekind.CSV, filekind.EMPTY, filekind.UNKNOWN):
        raise InputError(
            error("FILE", name, "", f"这是{kind.what}，不是纯文本。请另存为 Word 文档（.docx），或把正文复制到记事本，保存为 .txt 文件再试")
        )
    return textdecode.decode(data, name)


def parse(text: str, name: str = "正文.txt") -> tuple[Narrative, list[Problem]]:
    narrative = Narrative()
    problems: list[Problem] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: list[Block] = narrative.opening
    next_index = 0  # index into SECTIONS of the section expected next
    first = True
    official = _official_lines(lines)
    own: list[tuple[int, str]] = []  # an office's own 一、二、 series, kept as text where it stands
    renumbered: list[tuple[int, str, int]] = []  # (line, heading, section) of parts found by their words under another number
    unheaded: int | None = None  # the line where the overview began without its heading (an own series in its place)
    for number, raw in enumerate(lines, start=1):
        bad = illegal_chars(raw)
        line = clean_line(raw)
        if bad:
            problems.append(
                warning("CHAR", name, f"第{number}行", f"删除了 {len(bad)} 个不可见的控制字符（Word 文档中不允许出现）")
            )
        if not line:
            continue
        if line.startswith(GUIDE_PREFIX):
            problems.append(
                warning("GUIDE", name, f"第{number}行", "这是 reportgen init 留下的填写提示，没有印到报告里：写好这部分内容后请删除这一行")
            )
            continue
        if first:
            first = False
            m = _TITLE.match(line)
            if m:
                narrative.title = m.group(1).strip()
                narrative.title_line = number
                if not narrative.title:
                    problems.append(error("NARR-TITLE", name, f"第{number}行", "“标题：”后面没有文字：请写上标题，或删除这一行"))
                continue
        section_index = official.get(number, _section_heading(line))
        if section_index is not None and _is_own_heading(line, section_index, next_index, number, official):
            if next_index == 0 and 0 not in official.values():  # their own series is the overview, its heading left out
                current, next_index = narrative.sections[schema.SECTIONS[0].key], 1
                narrative.heading_lines[schema.SECTIONS[0].key] = number
                unheaded = number
            current.append(Block("h2", line, number))
            own.append((number, line))
            continue
        if number in official and _H1.match(line).group(1) != schema.SECTIONS[section_index].number:  # type: ignore[union-attr]
            renumbered.append((number, line, section_index))
        if section_index is not None:
            current, next_index = _enter_section(narrative, problems, name, number, line, section_index, next_index)
            continue
        current.append(_block(line, number))
    if next_index == 0 and not narrative.opening:
        problems.append(
            error("NARR-EMPTY", name, "", "正文是空的：请按“一、总体情况”至“六、其他需要报告的事项”六个部分填写（reportgen init 会生成带提示的正文）")
        )
        return narrative, problems
    problems += _overview_subheadings(narrative.sections["overview"], name)
    problems += _missing_topics(narrative, name)
    if renumbered:
        problems.append(_renumbering(name, renumbered, own, unheaded))
    elif own:
        shown = "、".join(f"“{text}”" for _, text in own[:4]) + (f"等 {len(own)} 个" if len(own) > 4 else "")
        problems.append(
            warning(
                "NARR-TITLE", name, f"第{own[0][0]}行",
                f"{shown}是本机关自己编号的标题，不是国办格式的六个部分：已作为所在部分中的小标题保留，按原文印出。"
                "为免与六个部分的编号混淆，建议改用（一）（二）……编号",
            )
        )
    for section in schema.SECTIONS[next_index:]:
        problems.append(
            error("NARR-MISSING", name, "", f"缺少第{section.number}部分：请加一行“{section.heading}”，并在其下写内容")
        )
    problems += _no_text(narrative, name)
    return narrative, problems


def _renumbering(name: str, renumbered: list[tuple[int, str, int]], own: list[tuple[int, str]], unheaded: int | None) -> Problem:
    """The one 提醒 of a text whose parts carry other numbers than the format's."""
    first = renumbered[0]
    shown = "、".join(f"“{line}”" for _, line, _ in renumbered[:3]) + (f"等 {len(renumbered)} 个标题" if len(renumbered) > 3 else "")
    parts = "、".join(f"第{schema.SECTIONS[i].number}部分" for _, _, i in renumbered[:3]) + ("……" if len(renumbered) > 3 else "")
    said = f"{shown}的编号与国办格式不同，按标题的文字读作{parts}"
    if own:
        said += f"；此前本机关自己编号的“{own[0][1]}”等 {len(own)} 个标题" + (
            f"（第{unheaded}行起）读作“{schema.SECTIONS[0].heading}”的内容" if unheaded else "作为小标题保留"
        )
    return warning(
        "NARR-TITLE", name, f"第{first[0]}行",
        f"{said}。国办格式的六个部分编号为一至六、各出现一次：建议按“{schema.SECTIONS[0].heading}”至“{schema.SECTIONS[-1].heading}”编号，"
        "本机关自己的小标题改用（一）（二）……",
    )


_TEXT_KINDS = ("body", "runin")  # paragraphs; headings (h2-h4) and 【填写提示】 lines are not text


def _no_text(narrative: Narrative, name: str) -> list[Problem]:
    """NARR-EMPTY: headings without a paragraph anywhere (a new 正文.txt with its guide lines only),
    or none under 一、总体情况, would print a report of bare headings."""
    blocks = narrative.opening + [b for part in narrative.sections.values() for b in part]
    if not any(b.kind in _TEXT_KINDS for b in blocks):
        return [error("NARR-EMPTY", name, "", "正文只有标题，没有内容：请在各部分标题下写正文"
                      "（以【填写提示】开头的行只是提示，不算正文，写好后请删除）")]
    overview = schema.SECTIONS[0]
    if overview.key in narrative.heading_lines and not any(b.kind in _TEXT_KINDS for b in narrative.sections[overview.key]):
        where = f"第{narrative.heading_lines[overview.key]}行"
        return [error("NARR-EMPTY", name, where, f"“{overview.heading}”下没有正文：请对本机关贯彻落实政府信息公开条例的情况进行综述"
                      "（主动公开、依申请公开、政府信息管理、平台建设、监督保障）")]
    return []


def _section_heading(line: str) -> int | None:
    """Index of the section a line heads, or None for body text that merely starts with 一、."""
    m = _H1.match(line)
    if not m:
        return None
    numeral, raw_title = m.group(1), without_spaces(m.group(2))
    title = heading_title(raw_title)
    numbers = [s.number for s in schema.SECTIONS]
    if numeral not in numbers:
        return None
    index = numbers.index(numeral)
    if headings.section_match(title, index) is not None:
        return index
    # A short line without sentence punctuation is a heading, however misspelt; a sentence is body text.
    if len(title) <= 24 and not any(ch in raw_title for ch in "。，,；;：:！？!?"):
        return index
    return None


def _official_lines(lines: list[str]) -> dict[int, int]:
    """Line number -> section index, for lines whose words are a section's heading in its official
    or a known wording: under their own number, or under another (an office that renumbers the
    parts 一～五 after its own 一～六 still writes their titles) where no heading of that part stands
    under its own number and the format's order is kept; otherwise the order and title rules judge."""
    numbers = [s.number for s in schema.SECTIONS]
    own, other = {}, {}
    for number, raw in enumerate(lines, start=1):
        m = _H1.match(clean_line(raw))
        if not m or m.group(1) not in numbers:
            continue
        title, index = heading_title(without_spaces(m.group(2))), numbers.index(m.group(1))
        if headings.section_match(title, index) is not None:
            own[number] = index
        elif (by_words := headings.other_section(title, index)) is not None:
            other[number] = by_words
    out, last = dict(own), -1
    for number in sorted(own | other):
        index = own.get(number, other.get(number))
        if number in own:
            last = max(last, index)
        elif index > last and index not in own.values():
            out[number], last = index, index
    return out


def _is_own_heading(line: str, index: int, next_index: int, number: int, official: dict[int, int]) -> bool:
    """一、工作机制保障 in a text whose official section still comes later: the office's own series,
    not a mistyped section heading (which is judged, and named, where the official one is missing)."""
    if next_index >= len(schema.SECTIONS) or official.get(number) == index:
        return False
    title = heading_title(without_spaces(_H1.match(line).group(2)))  # type: ignore[union-attr]
    if headings.other_section(title, index) is not None:
        return False
    if next_index == 0 and 0 not in official.values():  # no 总体情况 heading: an own series before the parts stands for it
        return any(n > number for n in official)
    return any(n > number and i == next_index for n, i in official.items())


def _enter_section(
    narrative: Narrative, problems: list[Problem], name: str, number: int, line: str, index: int, next_index: int
) -> tuple[list[Block], int]:
    section = schema.SECTIONS[index]
    where = f"第{number}行"
    title = heading_title(_H1.match(line).group(2))  # type: ignore[union-attr]
    if index < next_index:
        problems.append(
            error(
                "NARR-ORDER",
                name,
                where,
                f"“{line}”重复出现或顺序不对：六个部分应按一至六的顺序各出现一次，这里应是"
                + (f"“{schema.SECTIONS[next_index].heading}”" if next_index < len(schema.SECTIONS) else "正文的结尾"),
            )
        )
        return narrative.sections[schema.SECTIONS[next_index - 1].key], next_index
    for skipped in schema.SECTIONS[next_index:index]:
        problems.append(
            error(
                "NARR-ORDER",
                name,
                where,
                f"在“{section.heading}”之前缺少“{skipped.heading}”：六个部分应按一至六的顺序排列，请补上这一部分",
            )
        )
    match = headings.section_match(title, index)
    if match == headings.VARIANT and index == next_index:
        problems.append(
            warning(
                "NARR-TITLE",
                name,
                where,
                f"标题“{line}”与国办规定的“{section.heading}”写法不同，报告中按规定的标题印出。"
                "如无意改动，可改正原文以免下次再提醒",
            )
        )
    elif match is None:
        other = headings.other_section(title, index)
        hint = f"“{title}”是第{schema.SECTIONS[other].number}部分的标题，请核对编号和顺序" if other is not None else "请改正"
        problems.append(
            error("NARR-TITLE", name, where, f"标题应为“{section.heading}”（国办规定的格式），实际是“{line}”：{hint}")
        )
    narrative.heading_lines[section.key] = number
    return narrative.sections[section.key], index + 1


def _overview_subheadings(blocks: list[Block], name: str) -> list[Problem]:
    """（一）…（五） headings of section 一 that mistype the format's topic print the topic, with a 提醒."""
    problems = []
    for block in blocks:
        heading = {"h2": block.text, "runin": block.head}.get(block.kind, "")
        m = _H2.match(heading)
        if not m or len(m.group(1)) != 1:
            continue
        typed = heading_title(m.group(2))
        topic = headings.overview_topic(typed, _CN_NUM.index(m.group(1)) + 1)
        if topic is None:
            continue
        fixed = f"（{m.group(1)}）{topic}"
        problems.append(
            warning("NARR-TITLE", name, f"第{block.line}行", f"小标题“{heading_title(heading)}”像是“{fixed}”的笔误，报告中印为“{fixed}”：如不对，请改正原文")
        )
        if block.kind == "h2":
            block.text = fixed
        else:
            block.head = fixed + heading[len(heading.rstrip(HEADING_END)):]  # keep the run-in's full stop
    return problems


def _missing_topics(narrative: Narrative, name: str) -> list[Problem]:
    """NARR-TOPIC: a 总体情况 divided into （一）（二）… that leaves out some of the format's five topics
    (a topic is there when a heading carries its number or names it). Prose without sub-headings
    is not judged: the topics may be in its sentences."""
    overview = schema.SECTIONS[0]
    heads = []
    for block in narrative.sections[overview.key]:
        m = _H2.match({"h2": block.text, "runin": block.head}.get(block.kind, ""))
        if m and len(m.group(1)) == 1:
            heads.append((_CN_NUM.index(m.group(1)) + 1, heading_title(m.group(2))))
    if not heads:
        return []
    numbers = {n for n, _ in heads}
    missing = [
        f"（{_CN_NUM[i]}）{topic}" for i, topic in enumerate(schema.OVERVIEW_TOPICS)
        if i + 1 not in numbers and not any(topic in title for _, title in heads)
    ]
    if not missing:
        return []
    line = narrative.heading_lines.get(overview.key)
    topics = "、".join(schema.OVERVIEW_TOPICS)
    return [
        warning(
            "NARR-TOPIC", name, f"第{line}行" if line else "",
            f"“{overview.heading}”下缺少{'、'.join(missing)}：国办格式要求总体情况按{topics}五个方面综述，"
            "请补写这几个方面（确无内容的，也可写明本年度的情况）",
        )
    ]


def _block(line: str, number: int) -> Block:
    m = _H2.match(line)
    if m:
        marker = f"（{m.group(1)}）"
        return _heading_or_runin("h2", marker, m.group(2), number)
    m = _H4.match(line)
    if m:
        return _heading_or_runin("h4", f"（{m.group(1)}）", m.group(2), number)
    m = _H3.match(line)
    if m:
        return _heading_or_runin("h3", f"{m.group(1)}.", m.group(2), number)
    return Block("body", line, number)


def _heading_or_runin(kind: str, marker: str, rest: str, number: int) -> Block:
    """`（一）标题` alone is a heading line; `（一）标题。正文……` is a run-in heading and its paragraph."""
    stop = rest.find("。")
    if stop != -1 and rest[stop + 1 :].strip():
        head = marker + rest[: stop + 1]
        body = rest[stop + 1 :].strip()
        if kind == "h2":
            return Block("runin", body, number, head=head)
        return Block("body", head + body, number)  # levels 3 and 4 share the body face
    return Block(kind, marker + rest, number)


GUIDE_PREFIX = "【填写提示】"

# What the 2021 format asks for in each part; printed under each heading of a new 正文.txt.
_GUIDES: dict[str, str] = {
    "overview": "对本机关贯彻落实《中华人民共和国政府信息公开条例》情况进行综述，按下面五个方面分别填写。",
    "proactive": "本部分的统计表由统计表.xlsx“主动公开”表自动生成；如需说明，可在此写一两段，否则删除本行。",
    "requests": "本部分的统计表由统计表.xlsx“依申请公开”表自动生成；如需说明，可在此写一两段（数字写成 {{本年新收}}、{{办理结果总计}} 等，由统计表填入），否则删除本行。",
    "review": "本部分的统计表由统计表.xlsx“复议诉讼”表自动生成；如需说明，可在此写一两段（数字写成 {{行政复议总计}}、{{行政诉讼总计}} 等），否则删除本行。",
    "problems": "写明本年度工作存在的主要问题、改进情况和下一步计划，不能只写“无”。",
    "other": "写明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（未收取也要写明），以及其他需要报告的事项。",
}
_OVERVIEW_GUIDES: tuple[tuple[str, str], ...] = (
    ("主动公开", "写明本年度主动公开的主要内容、渠道和数量。"),
    ("依申请公开", "写明收到和办理政府信息公开申请的总体情况，例如：本年度新收申请{{本年新收}}件，办结{{办理结果总计}}件。"),
    ("政府信息管理", "写明信息发布审核、动态更新、规范性文件管理等情况。"),
    ("政府信息公开平台建设", "写明政府网站、政务新媒体等平台的建设和维护情况。"),
    ("监督保障", "写明工作考核、社会评议和责任追究结果情况。"),
)
_CN_ORDINALS = "一二三四五六七八九十"


def blank_text() -> str:
    """A new 正文.txt: the six headings, the five sub-headings of 一, a guide line under each."""
    lines = [
        GUIDE_PREFIX + "每段写一行，空行不影响排版。以【填写提示】开头的行是提示，不会印到报告里，写好正文后请删除。"
        "如需另定标题，可在第一行写“标题：……”。"
        "引用统计表中的数字写成 {{本年新收}} 这样的名称，生成报告时自动填入（全部名称：reportgen names）。",
        GUIDE_PREFIX + "在这里写开头段落，例如：根据《中华人民共和国政府信息公开条例》要求，现将本机关年度政府信息公开工作报告如下。",
        "",
    ]
    for section in schema.SECTIONS:
        lines.append(section.heading)
        lines.append(GUIDE_PREFIX + _GUIDES[section.key])
        if section.key == "overview":
            for i, (topic, guide) in enumerate(_OVERVIEW_GUIDES):
                lines.append(f"（{_CN_ORDINALS[i]}）{topic}")
                lines.append(GUIDE_PREFIX + guide)
        lines.append("")
    return "\n".join(lines).replace("\n", "\r\n")  # Notepad-friendly line ends
