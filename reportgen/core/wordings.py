"""The six section titles as offices word them: the 条例's, the 2021 format's and common published variants (data)."""

from __future__ import annotations

# Regular expressions over a title with spaces and trailing punctuation removed. At its place in the
# order such a heading is accepted with a 提醒, and the report prints the official title. Near
# misses (typos) need no entry here (narrative/headings.py allows a small edit distance).
#
# The 条例 (2019, 第五十条) words the parts as "行政机关主动公开政府信息的情况", "行政机关收到和处理
# 政府信息公开申请的情况", "因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "政府信息公开工作
# 存在的主要问题及改进情况", "其他需要报告的事项"; offices prefix them with 本机关/我局/政府信息公开工作.
_WHO = r"(行政机关|本机关|本单位|我局|我委|我办|我县|我区|我市|我镇|我乡)?"
_WORK = r"(政府信息公开|政务公开)?(工作)?(中)?"

SECTION_VARIANTS: dict[str, tuple[str, ...]] = {
    "overview": (
        _WORK + r"(总体|基本|整体)(情况|概况)(概述|综述)?",  # 总体情况概述: a variant, as 工作总体情况
        r"概述|总体概述|(工作)?(总体|基本)?(情况)?综述",
    ),
    "proactive": (
        _WHO + r"主动公开(政府信息)?(工作)?的?(情况|开展情况|落实情况)",
        _WHO + r"政府信息主动公开(工作)?的?情况",
    ),
    "requests": (
        _WHO + r"(收到|受理)[和及与](处理|办理|答复)(政府信息公开|依申请公开|信息公开)申请的?情况",
        _WHO + r"依申请公开(政府信息)?(工作)?的?(情况|办理情况)",
        _WHO + r"政府信息公开申请(的)?(办理|处理|受理)?情况",
    ),
    "review": (
        r"(因)?政府信息公开(工作)?(被申请)?行政复议[、和与及,，]?(提起)?行政诉讼的?情况",
        r"(因政府信息公开)?(工作)?(被申请)?行政复议[、和与及,，]?(被?提起)?行政诉讼的?情况",
        r"(因)?政府信息公开(工作)?(被申请)?(行政)?复议[、和与及,，]?(行政)?诉讼的?情况",
    ),
    "problems": (
        _WORK + r"(存在|工作中存在)的?(主要)?(问题|不足)([及和与、]|以及)(改进|整改|下一步|明年|下年度?|今后)[\u4e00-\u9fff]{0,10}",
        _WORK + r"存在的?(主要)?(问题|不足)",
        r"(主要)?(问题|不足)(和|及|与|以及)(改进|整改)(情况|措施|方向)",
    ),
    "other": (
        r"其他需要(报告|说明)的?(事项|情况)",
        r"其他(事项|情况)",
        r"其他需要报告的事项(及|和)?[\u4e00-\u9fff]{0,12}",
    ),
}

# Sentences the national format has every report say (the 统计期限, the 电子版, the fee of section 六,
# "本年度无其他需要报告的事项"): they repeat by design, so copying is never measured on them
# (checks.repetition). A regular expression searched in a sentence without spaces.
MANDATED_SENTENCES = (
    r"统计期限|本报告(?:中所列数据|所列数据|电子版|中的数据)|如对本(?:年度)?报告有任何疑问"
    r"|(?:未|没有|不)收取(?:任何)?(?:[^。；]{0,12}?)费|未发生(?:[^。；]{0,6}?)收费|信息处理费"
    r"|无其他需要报告的事项|没有其他需要报告的事项"
)
