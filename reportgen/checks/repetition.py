"""Text copied from another report: last year's (REPEAT) or another department's (SIMILAR), measured
as evaluators judge it, by similarity, not identity.

The measure, one for both rules. Each sentence of sections 一 … 六 (not the headings, not the opening
paragraph, not the tables, not the sentences the format makes every report say) is put in its
comparable form (core.text.comparable: the years, figures and dates, the agency's own names and
its words for itself, punctuation and spacing do not count), then cut into runs of SHINGLE
characters. A sentence is copied when at least NEAR of its runs stand in one sentence of the other
text: an edited copy ("2023年…245篇" -> "2024年…251篇", a word added) still is, a sentence written
anew is not. The share is by characters of the sentences counted; per section too. Sentences a
county's template gives every department (learned from the folder: `template`) are not counted.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from reportgen.core import schema, wordings
from reportgen.core.agencies import name_forms
from reportgen.core.model import Meta, Narrative, Report
from reportgen.core.problems import Problem, warning
from reportgen.core.text import comparable, squash

LIMIT = 0.5  # 宿迁 SQ-DEP-A-005: more than half repeated loses points
NEAR = 0.6  # a sentence is copied when this share of its runs stand in one sentence of the other
SHINGLE = 4  # characters in a run: short enough for an edited sentence, long enough to be rare
MIN_CHARS = 8  # shorter sentences (comparable form: "全部按期答复") repeat by nature
QUOTE = 40  # characters of a sentence quoted in a message
_FIXED = re.compile(wordings.MANDATED_SENTENCES)
_SPLIT = re.compile(r"(?<=[。；！？!?;])")
_TEXT_KINDS = ("body", "runin")  # headings (h2-h4) are the format's or the office's words, not text


@dataclass(frozen=True)
class Sentence:
    section: str  # the section's key (schema.SECTIONS)
    text: str  # as written, for quoting


@dataclass(frozen=True)
class Text:
    """A narrative's counted sentences, and the agency's names they are compared without (small and
    picklable, for the batch's workers). `legacy`: a record written before the measure was one of
    similarity, whole sentences as hashes: compared exactly."""

    sentences: tuple[Sentence, ...] = ()
    names: tuple[str, ...] = ()
    legacy: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.sentences or self.legacy)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(comparable(s.text, self.names) for s in self.sentences)

    def named(self, names: Iterable[str]) -> Text:
        """The same sentences compared without NAMES (a record read back: last year's names are this year's)."""
        return Text(self.sentences, tuple(names), self.legacy)


def _sentences(narr: Narrative) -> Iterable[Sentence]:
    for section in schema.SECTIONS:
        for block in narr.sections.get(section.key, []):
            if block.kind not in _TEXT_KINDS:
                continue
            for sentence in _SPLIT.split(block.text):
                sentence = sentence.strip()
                if sentence and not _FIXED.search(squash(sentence)):
                    yield Sentence(section.key, sentence)


def fingerprint(narr: Narrative, names: Iterable[str] = ()) -> Text:
    """A narrative's text as it is compared (NAMES: its agency's, core.agencies.name_forms)."""
    text = Text(tuple(_sentences(narr)), tuple(names))
    keep = [i for i, key in enumerate(text.keys) if len(key) >= MIN_CHARS]
    return Text(tuple(text.sentences[i] for i in keep), text.names)


def text_of(narr: Narrative, meta: Meta) -> Text:
    """A report's narrative compared without its agency's names (META's 机关名称 and 署名)."""
    return fingerprint(narr, name_forms(meta.agency, meta.signature))


def report_text(report: Report) -> Text:
    return text_of(report.narrative, report.meta)


def runs(key: str) -> set[str]:
    """The SHINGLE-character runs of a comparable sentence."""
    return {key[i : i + SHINGLE] for i in range(max(1, len(key) - SHINGLE + 1))}


def _legacy_hash(sentence: str) -> int:
    """A whole sentence's hash as records before the similarity measure kept them."""
    return int.from_bytes(hashlib.blake2b(squash(sentence).encode("utf-8"), digest_size=8).digest(), "big")


@dataclass
class Match:
    """How much of one text stands in another."""

    share: float  # of the counted characters
    shares: dict[str, float]  # per section key
    counted: int  # characters counted (comparable form)
    copied: int  # of which copied
    example: tuple[str, str] | None = None  # (this sentence, the other's) as written
    sections: dict[str, list[int]] = field(default_factory=dict)


class Index:
    """The other text, ready to be searched sentence by sentence."""

    def __init__(self, other: Text, template: frozenset[str] = frozenset()):
        self.other = other
        self.exact: dict[str, int] = {}
        self.runs: dict[str, list[int]] = {}
        for i, key in enumerate(other.keys):
            if key in template:
                continue
            self.exact.setdefault(key, i)
            for run in runs(key):
                self.runs.setdefault(run, []).append(i)

    def best(self, key: str) -> int | None:
        """The other's sentence that holds at least NEAR of KEY's runs (the most), or None."""
        if key in self.exact:
            return self.exact[key]
        mine = runs(key)
        counts: Counter[int] = Counter()
        for run in mine:
            counts.update(self.runs.get(run, ()))
        if not counts:
            return None
        i, n = counts.most_common(1)[0]
        return i if n >= NEAR * len(mine) else None


def compare(this: Text, other: Text, template: frozenset[str] = frozenset(), index: Index | None = None) -> Match | None:
    """How much of THIS stands in OTHER (None when nothing of THIS is counted); sentences whose
    comparable form is in TEMPLATE are not counted on either side."""
    index = index or Index(other, template)
    by_section: dict[str, list[int]] = {}
    examples: list[tuple[int, bool, str, str]] = []
    for sentence, key in zip(this.sentences, this.keys):
        if key in template or len(key) < MIN_CHARS:
            continue
        if other.legacy:
            hit, theirs = _legacy_hash(sentence.text) in other.legacy, sentence.text
        else:
            found = index.best(key)
            hit, theirs = found is not None, other.sentences[found].text if found is not None else ""
        part = by_section.setdefault(sentence.section, [0, 0])
        part[0] += len(key)
        if hit:
            part[1] += len(key)
            examples.append((len(key), sentence.text != theirs, sentence.text, theirs))
    counted = sum(t for t, _ in by_section.values())
    if not counted:
        return None
    copied = sum(c for _, c in by_section.values())
    best = max(examples, key=lambda e: (e[1], e[0]), default=None)  # an edited copy shows the measure best
    return Match(
        copied / counted, {k: c / t for k, (t, c) in by_section.items() if t}, counted, copied,
        (best[2], best[3]) if best else None, by_section,
    )


def repetition(narr: Narrative, last: Text) -> tuple[float | None, dict[str, float]]:
    """The share of this year's counted text (by characters) found in last year's, and per section;
    None when nothing is counted."""
    match = compare(fingerprint(narr, last.names), last)
    return (match.share, match.shares) if match else (None, {})


def quoted(sentence: str) -> str:
    return sentence if len(sentence) <= QUOTE else sentence[: QUOTE - 1] + "…"


def most_repeated(match: Match) -> str:
    """“一、总体情况”100%、“五、存在的主要问题及改进情况”80%: the three sections most repeated."""
    numbers = {s.key: f"{s.number}、{s.title}" for s in schema.SECTIONS}
    top = sorted(match.shares.items(), key=lambda kv: -kv[1])[:3]
    return "、".join(f"“{numbers[k]}”{v:.0%}" for k, v in top if v > 0)


def example(match: Match, this: str, other: str) -> str:
    """；例如本年“…”与上年“…”: the pair quoted (one sentence when they are written alike)."""
    if match.example is None:
        return ""
    mine, theirs = match.example
    if mine == theirs:
        return f"；例如{this}与{other}都有“{quoted(mine)}”"
    return f"；例如{this}“{quoted(mine)}”与{other}“{quoted(theirs)}”"


def repeated_text(
    report: Report, last: Text | None, last_name: str = "上年报告", template: frozenset[str] = frozenset()
) -> tuple[float | None, list[Problem]]:
    """The share of the narrative found in LAST (None: nothing to compare), and REPEAT when more than
    half repeats last year's: a 提醒 naming the share, the most repeated sections and one pair."""
    if not last:
        return None, []
    this = report_text(report)
    match = compare(this, last if last.names else last.named(this.names), template)
    if match is None or match.share <= LIMIT:
        return (match.share if match else None), []
    return match.share, [warning(
        "REPEAT", report.narrative_name, "",
        f"正文有 {match.share:.0%} 与{last_name}相同或相近（只改了年份、数字、机关名称或个别字词的句子也算），"
        f"重复最多的部分：{most_repeated(match)}{example(match, '本年', '上年')}。"
        "年度报告评议对与上年重复超过50%的报告扣分：请按本年度的实际情况改写",
    )]


def learn_template(texts: Iterable[Text]) -> frozenset[str]:
    """The county's template: the sentences (comparable form) that most departments of a folder write,
    at least three of them and more than half."""
    texts = [t for t in texts if t.sentences]
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(set(t.keys))
    need = max(3, len(texts) // 2 + 1)
    return frozenset(k for k, n in counts.items() if n >= need)


_RECORD_HEAD = "reportgen 上年正文：init --from 记下的上年正文（每行一句，前面是所在的部分），检查本年正文与上年重复（包括只改了年份、数字的句子）的比例时使用。请勿修改。"
_OLD_RECORD_HEAD = "reportgen 上年正文指纹：init --from 记下的上年正文（每句一个编号），检查本年正文与上年重复的比例时使用。请勿修改。"


def record(last: Text, source: str) -> str:
    """Last year's text as the small text file `init --from` leaves beside 正文.txt: a line saying what
    it is, the file it came from, and one line per sentence (its section, a tab, the sentence)."""
    lines = [f"{s.section}\t{s.text}" for s in last.sentences]
    return "\n".join([_RECORD_HEAD, f"来源：{source}", *lines]) + "\n"


def read_record(text: str) -> tuple[Text, str]:
    """(last year's sentences, the file they came from) of a record, also of one written by an
    earlier version (whole sentences as hashes: compared exactly); empty when it is not one (a file
    edited by hand costs the comparison, never the check)."""
    lines = text.splitlines()
    if len(lines) < 2 or lines[0] not in (_RECORD_HEAD, _OLD_RECORD_HEAD) or not lines[1].startswith("来源："):
        return Text(), ""
    source = lines[1].removeprefix("来源：")
    sections = {s.key for s in schema.SECTIONS}
    try:
        if lines[0] == _OLD_RECORD_HEAD:
            return Text(legacy=frozenset(int(line, 16) for line in lines[2:] if line.strip())), source
        parts = [line.split("\t", 1) for line in lines[2:] if line.strip()]
        if any(len(p) != 2 or p[0] not in sections for p in parts):
            return Text(), ""
        return Text(tuple(Sentence(k, s) for k, s in parts)), source
    except ValueError:
        return Text(), ""
