"""The measure REPEAT (and SIMILAR) use: sentences compared in their comparable form (years, figures,
the agency's own names, punctuation do not count) by shingle containment, so that an edited copy is
caught and a text written anew is not (issue 25 items 1, 6, 8)."""

from __future__ import annotations

import hashlib

from reportgen.checks import repetition
from reportgen.core.agencies import name_forms, same_agency
from reportgen.core.text import comparable, squash
from reportgen.narrative.parse import parse

LAST = "\n".join([
    "开头段落。",
    "一、总体情况",
    "2024年，某县司法局深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。",
    "（一）主动公开",
    "2024年度，我局通过“某县司法”微信公众号累计发布各类信息245篇，累计阅读量达28万余人次。",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "一是政策解读形式较为单一，图解、视频等解读方式运用不够。下一步，我局将丰富解读形式，提升解读质量。",
    "六、其他需要报告的事项",
    "本机关本年度未收取政府信息公开信息处理费。",
])
# The most common copy: the year, the figures, the punctuation and the agency's words for itself changed.
EDITED = (
    LAST.replace("2024", "２０２５").replace("245", "251").replace("28万", "30万").replace("某县司法局", "县司法局")
    .replace("我局", "本局").replace("，坚持", ",坚持")
)
REWRITTEN = "\n".join([
    "开头段落。",
    "一、总体情况",
    "2025年，县司法局围绕法治政府建设重点任务，把政务公开融入行政执法、公共法律服务全过程。",
    "（一）主动公开",
    "全年在县政府门户网站司法行政专栏更新法律援助、人民调解、社区矫正等信息132条。",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "一是基层司法所信息报送不够及时。下一步，我局将建立司法所信息员制度，按月通报报送情况。",
    "六、其他需要报告的事项",
    "本机关本年度未收取政府信息公开信息处理费。",
])


def _text(source: str, agency: str = "某县司法局") -> repetition.Text:
    return repetition.fingerprint(parse(source, "正文.txt")[0], name_forms(agency))


def test_comparable_form_ignores_years_figures_names_and_punctuation():
    assert comparable("2023年，我局发布信息245篇。") == comparable("２０２４年,本局发布信息251篇") == "#年@发布信息#篇"
    assert comparable("二〇二三年，某县司法局召开会议3次。", ["某县司法局"]) == "#年@召开会议#次"


def test_an_edited_copy_is_copied_and_a_rewritten_text_is_not():
    last = _text(LAST)
    copied = repetition.compare(_text(EDITED), last)
    assert copied is not None and copied.share == 1.0
    assert set(copied.shares) == {"overview", "problems"}  # 六's mandated sentence is not counted
    mine, theirs = copied.example
    assert mine != theirs and "２０２５" in mine and "2024" in theirs
    fresh = repetition.compare(_text(REWRITTEN), last)
    assert fresh is not None and fresh.share == 0.0


def test_a_record_of_the_old_kind_is_still_read_and_compared_exactly():
    last = parse(LAST, "正文.txt")[0]
    old_hashes = sorted(
        f"{int.from_bytes(hashlib.blake2b(squash(s.text).encode('utf-8'), digest_size=8).digest(), 'big'):016x}"
        for s in repetition.fingerprint(last).sentences
    )
    old = "\n".join([
        "reportgen 上年正文指纹：init --from 记下的上年正文（每句一个编号），检查本年正文与上年重复的比例时使用。请勿修改。",
        "来源：正文.txt", *old_hashes,
    ])
    text, source = repetition.read_record(old)
    assert source == "正文.txt" and text.legacy and not text.sentences
    assert repetition.repetition(last, text)[0] == 1.0  # the same sentences: all found
    # hashes cannot see an edit: only the sentence left as it was is found, never a false REPEAT
    assert round(repetition.repetition(parse(EDITED, "正文.txt")[0], text)[0], 2) == 0.21


def test_a_new_record_keeps_the_sentences_and_reads_back():
    last = _text(LAST)
    text, source = repetition.read_record(repetition.record(last, "2024年报.docx"))
    assert source == "2024年报.docx" and text.sentences == last.sentences


def test_the_same_agency_is_strict_about_governments_and_lenient_about_short_names():
    assert not same_agency(("某区人民政府", ""), ("区公安局", ""))  # a government is not its own 局
    assert not same_agency(("某区人民政府", ""), ("某区人民政府办公室", ""))
    assert same_agency(("平潭综合实验区公安局", ""), ("区公安局", ""))
    assert same_agency(("区公安局", ""), ("公安局", ""))
    assert same_agency(("县教育局", ""), ("某某县教育局", ""))
    assert same_agency(("某县自然资源和规划局", ""), ("县自规局", ""))
    assert not same_agency(("某县公安局", ""), ("某县公安局交通警察大队", ""))
    assert not same_agency(("某县甲镇人民政府", ""), ("某县人民政府", ""))
    assert not same_agency(("某市公安局", ""), ("某市某区公安局", ""))


def test_no_real_style_paragraph_is_taken_for_a_copy_of_another():
    """The false-warning count on text written apart: each paragraph in published reports' idioms
    (account_texts.CLEAN, 40 of them), against all the others, is copied from none."""
    from .account_texts import CLEAN

    texts = [repetition.Text((repetition.Sentence("overview", s),), ("某县司法局",)) for s in CLEAN]
    copied = [
        t.sentences[0].text for i, t in enumerate(texts)
        if repetition.compare(t, repetition.Text(tuple(o.sentences[0] for j, o in enumerate(texts) if j != i))).copied
    ]
    assert len(CLEAN) >= 20 and copied == []
