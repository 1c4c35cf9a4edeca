"""Text as clerks paste it from published reports: headings worded as published, Notepad line ends
and indents. Such text builds, with a 提醒 naming the line, and the report prints the official title."""

from __future__ import annotations

import shutil

import pytest

from ..conftest import SAMPLE_TXT, SAMPLE_XLSX, paragraphs

GOOD = SAMPLE_TXT.read_text(encoding="utf-8")


def pasted(text: str) -> bytes:
    """As pasted from a web page into Notepad: CRLF, full-width indents, saved as ANSI (GBK)."""
    lines = ["　　" + ln if ln and not ln.startswith(("一", "二", "三", "四", "五", "六")) else ln for ln in text.split("\n")]
    return "\r\n".join(lines).encode("gbk")


@pytest.fixture
def files(tmp_path):
    xlsx = tmp_path / "统计表.xlsx"
    shutil.copy(SAMPLE_XLSX, xlsx)
    return tmp_path, xlsx


@pytest.mark.parametrize(
    "official,published",
    [
        ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议与行政诉讼情况"),
        ("五、存在的主要问题及改进情况", "五、存在的主要问题及明年工作计划"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况"),
        ("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请的情况"),
        ("六、其他需要报告的事项", "六、其他需要报告事项"),
        # the 条例's own wording (第五十条) of the parts
        ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
        ("二、主动公开政府信息情况", "二、行政机关主动公开政府信息的情况"),
        ("三、收到和处理政府信息公开申请情况", "三、行政机关收到和处理政府信息公开申请的情况"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况"),
    ],
)
def test_heading_as_published_builds_with_warning_and_official_title(files, official, published, cli):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    text = GOOD.replace(official, published)
    txt.write_bytes(pasted(text))
    line = text.split("\n").index(published) + 1
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0, err
    assert (
        f"提醒 [NARR-TITLE] 正文.txt 第{line}行：标题“{published}”与国办规定的“{official}”写法不同，报告中按规定的标题印出。"
        in err
    )
    printed = paragraphs(out)
    assert official in printed and published not in printed


@pytest.mark.parametrize(
    "original,typed,message",
    [
        (
            "二、主动公开政府信息情况",
            "二、工作亮点",
            "标题应为“二、主动公开政府信息情况”（国办规定的格式），实际是“二、工作亮点”：请改正",
        ),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "四、存在的主要问题及改进情况",
            "标题应为“四、政府信息公开行政复议、行政诉讼情况”（国办规定的格式），实际是“四、存在的主要问题及改进情况”："
            "“存在的主要问题及改进情况”是第五部分的标题，请核对编号和顺序",
        ),
    ],
)
def test_unknown_or_misplaced_heading_stays_an_error(files, original, typed, message, cli):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    text = GOOD.replace(original, typed)
    txt.write_text(text, encoding="utf-8")
    line = text.split("\n").index(typed) + 1
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 1
    assert f"错误 [NARR-TITLE] 正文.txt 第{line}行：{message}" in err
    assert not out.exists()


def test_mistyped_overview_subheading_prints_the_topic(files, cli):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    first = next(ln for ln in GOOD.split("\n") if ln.startswith("（一）"))
    assert first.startswith("（一）主动公开")
    text = GOOD.replace("一、总体情况\n", "一、总体情况\n（一）主动工开\n", 1)
    txt.write_text(text, encoding="utf-8")
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0, err
    line = text.split("\n").index("（一）主动工开") + 1
    assert f"提醒 [NARR-TITLE] 正文.txt 第{line}行：小标题“（一）主动工开”像是“（一）主动公开”的笔误，报告中印为“（一）主动公开”" in err
    printed = paragraphs(out)
    assert "（一）主动公开" in printed and "（一）主动工开" not in printed


def test_heading_differing_only_in_punctuation_needs_no_warning(files, cli):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    txt.write_bytes(pasted(GOOD.replace("二、主动公开政府信息情况", "二．主动公开政府信息情况。")))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0 and "NARR-TITLE" not in err
    assert "二、主动公开政府信息情况" in paragraphs(out)


# --- TXT: figures of published sentences --------------------------------------------------------

from reportgen import check_all
from reportgen.core import schema

from ..conftest import CLEAN_NARRATIVE, clean_values, sample_meta, write_workbook  # noqa: E402

NO_REVIEWS = clean_values() | {f"t4_review_{c}": 0 for c in schema.T4_PART_COLS}


def txt_warnings(tmp_path, sentence: str, values=None) -> list[tuple[str, str]]:
    xlsx = write_workbook(tmp_path / "统计表.xlsx", sample_meta(), values or NO_REVIEWS)
    txt = tmp_path / "正文.txt"
    txt.write_text(CLEAN_NARRATIVE.replace("本年度工作平稳。", sentence), encoding="utf-8")
    _, problems = check_all(xlsx, txt)
    assert not [p for p in problems if p.is_error]
    return [(p.where, p.message) for p in problems if p.rule == "TXT"]


V = schema.compute_totals(NO_REVIEWS)


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度未收到因政府信息公开工作引起的行政复议申请。",
        "本年度没有公民、法人或其他组织就本机关政府信息公开工作申请行政复议或提起行政诉讼。",
        f"全年办结依申请公开{V['t3_total_total']}件，其中公开答复1件、不予公开答复2件。",
        f"本年度共受理政府信息公开申请{V['t3_new_total']}件（其中网上申请3件），办结{V['t3_total_total']}件。",
        "收到行政复议申请3件，均已依法办结。",
        "全年受理信访申请56件，办结率100%。",
        "本年度收到行政许可申请1280件。",
        "未收到申请人的补正材料的，按规定不再处理。",
    ],
)
def test_published_sentences_raise_no_false_warning(tmp_path, sentence):
    assert txt_warnings(tmp_path, sentence) == []


@pytest.mark.parametrize(
    "sentence,message",
    [
        (
            "本年度共收到政府信息公开申请15件。",
            f"正文写收到的申请 15 件（“收到政府信息公开申请15件”），但统计表是本年新收 {V['t3_new_total']} 件"
            f"（连同上年结转共 {V['t3_new_total'] + V['t3_carried_in_total']} 件）：请核对正文或统计表",
        ),
        (
            "全年办结依申请2件，其中公开答复1件。",
            f"正文写办结的申请 2 件（“办结依申请2件”），但统计表是办理结果总计 {V['t3_total_total']} 件：请核对正文或统计表",
        ),
        (
            "本年度未收到政府信息公开申请。",
            f"正文说没有政府信息公开申请，但统计表的本年新收是 {V['t3_new_total']} 件：请核对正文或统计表",
        ),
        (
            "本年度没有收到公民、法人或其他组织提出的政府信息公开申请。",
            f"正文说没有政府信息公开申请，但统计表的本年新收是 {V['t3_new_total']} 件：请核对正文或统计表",
        ),
    ],
)
def test_true_contradictions_are_still_found(tmp_path, sentence, message):
    assert txt_warnings(tmp_path, sentence) == [("第3行", message)]


def test_review_contradiction_is_still_found(tmp_path):
    values = clean_values()
    total = schema.compute_totals(values)["t4_review_total"]
    got = txt_warnings(tmp_path, "本年度未发生因政府信息公开被申请行政复议的情况。", values)
    assert got == [("第3行", f"正文说没有行政复议，但统计表的行政复议总计是 {total} 件：请核对正文或统计表")]


def test_unreviewed_suits_do_not_read_as_no_review(tmp_path):
    values = clean_values()
    v = schema.compute_totals(values)
    suits = v["t4_direct_total"] + v["t4_after_review_total"]
    sentence = f"被提起行政诉讼{suits}件，其中未经行政复议直接起诉{v['t4_direct_total']}件，行政诉讼结果维持2件。"
    assert txt_warnings(tmp_path, sentence, values) == []
    assert txt_warnings(tmp_path, "有的申请人未经行政复议直接提起行政诉讼。", values) == []
    assert txt_warnings(tmp_path, "全年无一起行政复议被纠错，未发生行政诉讼败诉。", values) == []


# --- encodings mixed line by line ----------------------------------------------------------------


def test_utf8_file_with_gbk_lines_names_and_shows_them(files, cli):
    folder, xlsx = files
    lines = GOOD.split("\n")
    gbk = [i for i, ln in enumerate(lines) if ln.startswith("我局") or ln.startswith("2025年度")][:2]
    data = b"\r\n".join(ln.encode("gbk") if i in gbk else ln.encode("utf-8") for i, ln in enumerate(lines))
    txt, out = folder / "正文.txt", folder / "报告.docx"
    txt.write_bytes(data)
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0, err
    first, second = (lines[i] for i in gbk)
    assert (
        f"提醒 [ENCODING] 正文.txt 第{gbk[0] + 1}、{gbk[1] + 1}行：文件是 UTF-8 编码，但这几行是 GBK（ANSI）编码"
        f"（可能是从别的文件合并来的），已按 GBK 读出：第{gbk[0] + 1}行“{first[:30]}……”；第{gbk[1] + 1}行“{second[:30]}……”。"
    ) in err
    printed = "".join(paragraphs(out))
    assert first in printed and second in printed


def test_line_readable_in_no_encoding_is_named(files, cli):
    folder, xlsx = files
    lines = GOOD.split("\n")
    data = [ln.encode("utf-8") for ln in lines]
    data[4] = "我局在".encode("utf-8") + b"\xff\xfe\x80" + "公开".encode("utf-8")
    txt, out = folder / "正文.txt", folder / "报告.docx"
    txt.write_bytes(b"\n".join(data))
    out.write_bytes(b"old")
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 1
    assert (
        "错误 [ENCODING] 正文.txt 第5行：文件大部分是 UTF-8 编码，但这几行的文字编码无法识别（可能是从别的文件复制来的，或文件已损坏）："
        "第5行“我局在\ufffd\ufffd\ufffd公开”。请在记事本中重新输入这几行"
    ) in err
    assert out.read_bytes() == b"old"


# --- generated parts typed into the narrative ----------------------------------------------------


def test_pasted_title_and_signature_block_are_printed_once(files, cli):
    folder, xlsx = files
    old_title = "互助土族自治县司法局2024年政府信息公开工作年度报告"
    text = old_title + "\n" + GOOD.rstrip("\n") + "\n\n互助县司法局\n2025年1月20日\n"
    txt, out = folder / "正文.txt", folder / "报告.docx"
    txt.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0, err
    lines = text.split("\n")
    sig, date = lines.index("互助县司法局") + 1, lines.index("2025年1月20日") + 1
    assert (
        f"提醒 [GENERATED] 正文.txt 第1行：这一行像是报告标题（“{old_title}”），没有印在正文中；"
        "报告的标题是“县司法局2025年度政府信息公开工作报告”。如要用这一行作标题，请在行首加上“标题：”"
    ) in err
    assert (
        f"提醒 [GENERATED] 正文.txt 第{sig}行：署名由统计表的基本信息印在落款处（互助县司法局），这一行“互助县司法局”没有重复印出：可删除这一行"
    ) in err
    assert (
        f"提醒 [GENERATED] 正文.txt 第{date}行：成文日期由统计表的基本信息印在落款处（2026年1月19日），这一行“2025年1月20日”没有重复印出："
        "可删除这一行。注意：这一行的日期与基本信息表中的成文日期不同，请核对成文日期"
    ) in err
    printed = paragraphs(out)
    assert old_title not in printed
    assert printed.count("互助县司法局") == 1 and printed.count("2026年1月19日") == 1 and "2025年1月20日" not in printed
    assert printed[-3:] == ["无。", "互助县司法局", "2026年1月19日"]


def test_title_line_equal_to_the_report_title(files, cli):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    txt.write_text("县司法局2025年度政府信息公开工作报告\n" + GOOD, encoding="utf-8")
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0
    assert "提醒 [GENERATED] 正文.txt 第1行：这一行与报告标题相同，标题已由程序印在版头下，没有重复印出：可删除这一行" in err
    assert paragraphs(out).count("县司法局2025年度政府信息公开工作报告") == 1


def test_ordinary_last_lines_are_kept(files, cli):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    txt.write_text(GOOD.replace("无。", "本年度未收取信息处理费。\n特此报告"), encoding="utf-8")
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0 and "GENERATED" not in err
    assert paragraphs(out)[-4:] == ["本年度未收取信息处理费。", "特此报告", "互助县司法局", "2026年1月19日"]


def test_mistyped_runin_subheading_keeps_its_paragraph(files, cli):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    text = GOOD.replace("一、总体情况\n", "一、总体情况\n（五）监督保镇。本年度开展考核一次。\n", 1)
    txt.write_text(text, encoding="utf-8")
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0, err
    assert "小标题“（五）监督保镇”像是“（五）监督保障”的笔误，报告中印为“（五）监督保障”" in err
    assert "（五）监督保障。本年度开展考核一次。" in paragraphs(out)


# Tops of text pasted from published reports and their web pages, in the orders offices print them.
PASTED_TOPS = {
    "the seed's red header, then its title": ["互助土族自治县司法局", "", "县司法局2025年度政府信息公开工作报告", ""],
    "a 文件 header, the document number, the title": ["互助县司法局文件", "互司〔2026〕3号", "互助县司法局2025年政府信息公开工作年度报告"],
    "a web page: the title wrapped, then 发布时间/来源": [
        "互助县司法局2025年政府信息公开", "工作年度报告", "发布时间：2026-01-20 来源：县司法局 浏览次数：1024", "字号：大 中 小",
    ],
    "the date above the title": ["2026年1月19日", "县司法局2025年度政府信息公开工作报告"],
}


@pytest.mark.parametrize("top", PASTED_TOPS.values(), ids=PASTED_TOPS.keys())
def test_pasted_header_and_title_anywhere_at_the_top_are_printed_once(files, cli, top):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    txt.write_bytes(pasted("\n".join(top) + "\n" + GOOD))
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0, err
    dropped = [str(i) for i, line in enumerate(top, start=1) if line]
    notes = [ln for ln in err.splitlines() if "[GENERATED]" in ln]
    assert len(notes) == 1 and f"第{'、'.join(dropped)}行" in notes[0], notes  # one 提醒 naming every line
    assert "没有印在正文中" in notes[0] and "如要用其中一行作标题，请在行首加上“标题：”" in notes[0]
    printed = paragraphs(out)
    title = "县司法局2025年度政府信息公开工作报告"
    assert printed.count(title) == 1 and printed.index(title) < 3  # the title once, under the red header
    assert not any(p.replace("　", "").strip() in {ln for ln in top if ln} - {title} for p in printed[1:-2])  # not the signature block
    opening = GOOD.split("\n")[0]
    assert any(opening.strip() in p for p in printed)  # the report's own first paragraph stays


@pytest.mark.parametrize("first", ["各位领导：", "我局高度重视", "特此说明"])
def test_a_short_first_line_of_the_report_itself_is_kept(files, cli, first):
    folder, xlsx = files
    txt, out = folder / "正文.txt", folder / "报告.docx"
    txt.write_text(first + "\n" + GOOD, encoding="utf-8")
    code, _, err = cli("build", xlsx, txt, "-o", out)
    assert code == 0 and "GENERATED" not in err
    assert first in paragraphs(out)
