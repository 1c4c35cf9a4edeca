"""Copying between departments (SIMILAR): two reports of one folder whose narratives are more than
half the same text (and at least MIN_COPIED characters of it), by the measure REPEAT uses (checks.repetition: the comparable form, shingle
containment per sentence), each agency's own names left out. The sentences most of the folder's
departments write are its template (checks.repetition.learn_template) and not counted.

Two hundred departments are 20 000 pairs: only pairs that share sentences are compared. Each counted
sentence gets BANDS min-hashes of its runs (those few departments write); two departments are
compared when their sentences fall into one bucket often enough that over half of the shorter text
may be shared. A pair of copied
texts shares dozens of buckets; a pair of texts written apart shares almost none.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from reportgen.checks.repetition import LIMIT, MIN_CHARS, Index, Match, Text, compare, example, learn_template, most_repeated
from reportgen.checks.repetition import runs as sentence_runs
from reportgen.core.agencies import same_agency
from reportgen.core.problems import warning
from reportgen.county.results import DepartmentResult

BANDS = 4  # min-hashes per sentence: a sentence copied with a few words changed still shares one
_MASKS = tuple(random.Random(25).getrandbits(64) for _ in range(BANDS))  # fixed: the same pairs every run
MIN_COPIED = 100  # characters (comparable form) shared at least: a sentence or two alike is no 雷同 report
COMMON = 0.1  # a run in more than this share of the departments (at least 3) is not hashed
CANDIDATE = 0.3  # buckets shared, as a share of the shorter text's BANDS x sentences, to compare a pair
SHEET = "部门间雷同"
HEADINGS = ("报告", "机关名称", "与之雷同的报告", "机关名称", "相同或相近的比例", "重复最多的部分", "例句")


@dataclass(frozen=True)
class Pair:
    """One report's text found in another's (its share: of the first one's counted text)."""

    name: str
    agency: str
    other: str
    other_agency: str
    share: float
    sections: str  # most_repeated: the sections most shared
    example: tuple[str, str] | None  # (this report's sentence, the other's)


def _counted(text: Text, template: frozenset[str]) -> list[str]:
    return [k for k in text.keys if len(k) >= MIN_CHARS and k not in template]


def _candidates(rows: list[DepartmentResult], template: frozenset[str]) -> list[tuple[int, int]]:
    """Pairs of ROWS (indexes, i < j) that share enough sentence buckets to be compared. A run that
    many departments write (in more than COMMON of them) tells no pair apart and is not hashed."""
    keys = [_counted(row.text, template) for row in rows]
    run_sets = [[sentence_runs(k) for k in ks] for ks in keys]
    df: Counter[str] = Counter()
    for sets in run_sets:
        df.update(set().union(*sets))
    common = max(3, int(COMMON * len(rows)))
    buckets: dict[tuple[int, int], set[int]] = {}
    for i, sets in enumerate(run_sets):
        for runs in sets:
            hashes = [hash(run) for run in runs if df[run] <= common]
            if hashes:
                for band, mask in enumerate(_MASKS):
                    buckets.setdefault((band, min(map(mask.__xor__, hashes))), set()).add(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in buckets.values():
        if 1 < len(members) <= common:
            ordered = sorted(members)
            shared.update((a, b) for x, a in enumerate(ordered) for b in ordered[x + 1 :])
    return sorted(
        (a, b) for (a, b), n in shared.items() if n >= CANDIDATE * BANDS * min(len(keys[a]), len(keys[b]))
    )


def find_similar(results: list[DepartmentResult]) -> tuple[list[Pair], frozenset[str]]:
    """Every report of RESULTS whose text is more than half another's (of another agency), and the
    folder's template (the sentences most of its departments write)."""
    rows = [r for r in results if r.text]
    template = learn_template(r.text for r in rows)
    indexes: dict[int, Index] = {}
    pairs: list[Pair] = []
    for a, b in _candidates(rows, template):
        one, other = rows[a], rows[b]
        if same_agency((one.agency, one.signature), (other.agency, other.signature)):
            continue  # two versions of one agency's report: DUPLICATE
        found: list[tuple[DepartmentResult, DepartmentResult, Match]] = []
        for x, y, j in ((one, other, b), (other, one, a)):
            index = indexes.setdefault(j, Index(y.text, template))
            match = compare(x.text, y.text, template, index)
            if match is not None:
                found.append((x, y, match))
        if any(m.share > LIMIT and m.copied >= MIN_COPIED for _, _, m in found):
            pairs += [Pair(x.name, x.agency, y.name, y.agency, m.share, most_repeated(m), m.example) for x, y, m in found]
    return pairs, template


def mark_similar(results: list[DepartmentResult]) -> None:
    """SIMILAR on each report of a pair found, naming the other, the share, the sections and one
    sentence pair; the pairs kept on the rows for 汇总.xlsx's sheet."""
    pairs, _ = find_similar(results)
    by_name = {r.name: r for r in results}
    for pair in pairs:
        row = by_name[pair.name]
        row.similar.append(pair)
        match = Match(pair.share, {}, 0, 0, pair.example)
        row.problems.append(warning(
            "SIMILAR", pair.name, "",
            f"正文有 {pair.share:.0%} 与{pair.other}（{pair.other_agency}）的正文相同或相近"
            f"（只改了年份、数字、机关名称或个别字词的句子也算），相同最多的部分：{pair.sections}"
            f"{example(match, '本报告', '该报告')}。年度报告评议对与其他单位雷同的报告扣分：请按本机关的实际情况改写",
        ))


def similar_sheet(book, results: list[DepartmentResult]) -> None:
    """汇总.xlsx's sheet of the pairs found (nothing when there are none)."""
    from openpyxl.styles import Alignment, Font

    pairs = [p for r in results for p in r.similar]
    if not pairs:
        return
    ws = book.create_sheet(SHEET)
    ws.append(list(HEADINGS))
    for p in pairs:
        mine, theirs = p.example or ("", "")
        ws.append([p.name, p.agency, p.other, p.other_agency, p.share, p.sections, f"本报告：{mine}\n该报告：{theirs}"])
        ws.cell(ws.max_row, 5).number_format = "0%"
    for cell in ws[1]:
        cell.font = Font(name="宋体", size=11, bold=True)
    for col, width in zip("ABCDEFG", (24, 28, 24, 28, 10, 40, 80)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="center", wrap_text=cell.column in (6, 7))
    ws.freeze_panes = "A2"
