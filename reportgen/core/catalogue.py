"""Every rule id a problem can carry: its levels, what it checks, and what it means to the clerk.

The one table of rule ids (`RULES`). Problems are made only with an id listed here and a level
the id allows (core.problems checks); README's table of rule ids is generated from this table
(scripts/readme_rules.py; a test checks the committed README). The sets of ids that other
modules act on (a report that could not be read, numbers that were not all read) are queries
of the table, never written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
LEVEL_TEXT = {ERROR: "错误", WARNING: "提醒"}

# What an error of a rule leaves unusable (Rule.loses):
FILE = "file"  # the whole file or report: nothing in it could be read
NUMBERS = "numbers"  # some of its numbers were not read
FACTS = "facts"  # only its facts (agency, year, date...) are missing or wrong; its numbers are fine

_E = frozenset({ERROR})
_W = frozenset({WARNING})
_EW = frozenset({ERROR, WARNING})


@dataclass(frozen=True)
class Rule:
    id: str
    levels: frozenset[str]  # the levels this rule raises
    checks: str  # what the rule checks, for developers (English)
    meaning: str  # what a problem of this rule means, for the clerk (Chinese, README)
    loses: str = ""  # FILE / NUMBERS / FACTS: what an error of this rule leaves unusable

    def level_text(self) -> str:
        return "/".join(LEVEL_TEXT[level] for level in (ERROR, WARNING) if level in self.levels)


RULES: tuple[Rule, ...] = (
    # The clerk's workbook: numbers and totals
    Rule("T3-BAL", _E, "Table 3, per column: new + carried in = (7) total + carried out.",
         "表三每一列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理"),
    Rule("T3-ROW", _E, "Table 3: an entered row total equals the natural person plus the five legal-person columns.",
         "表三填写的“总计”列与自然人、五类法人或其他组织之和不符；总计留空则由程序计算"),
    Rule("T3-SUM7", _E, "Table 3: an entered (7) total equals the sum of (1) to (6).",
         "表三填写的“（七）总计”行与（一）至（六）各项之和不符；总计留空则由程序计算"),
    Rule("T4-SUM", _E, "Table 4: each entered total equals 维持 + 纠正 + 其他结果 + 尚未审结.",
         "表四填写的三个“总计”与结果维持、结果纠正、其他结果、尚未审结之和不符；总计留空则由程序计算"),
    Rule("NUM", _EW, "A count is a non-negative integer and an amount non-negative; a finished report's blank cells count as 0.",
         "单元格不是0或正整数（如“5件”“五”“—”“/”、负数、小数、科学计数法保存的长数字如身份证号）；"
         "检查已发布的报告时，表中的空白格按0核对（提醒）", NUMBERS),
    Rule("FORMULA", _E, "A formula cell has a cached result.",
         "公式（包括共享公式、数组公式）没有计算结果：用 Excel 或 WPS 打开后保存一次，或直接填写数字"),
    Rule("FACT", _E, "The 基本信息 facts are filled in and understood.",
         "基本信息没填或看不懂（机关名称、年度、加盖印章、报告类型、机关层级等）", FACTS),
    Rule("DATE", _E, "The 成文日期 is a date within the legal deadline of the report's year.",
         "成文日期看不懂，或不在次年1月1日至1月31日之间（“报告类型”填“本级政府”时到3月31日）", FACTS),
    Rule("SHEET", _E, "The workbook has every sheet of the schema, under its name.",
         "工作表缺少或改名，或工作簿中没有可以读取的工作表"),
    Rule("LAYOUT", _E, "Every label of the template is in its cell; no merged cell covers a number cell.",
         "行列被移动、标签被改、合并单元格盖住数字格：该表的数字没有读取"),
    Rule("FILE", _E, "An input exists, is a file of the expected kind, and can be opened and read.",
         "找不到文件，或文件不能用：不是需要的文件类型（写明是 Word 文档、PDF、图片、网页、“Strict Open XML”格式等）、"
         "已损坏、设置了密码、无法读取；批量处理时部门文件夹中没有或有多个统计表、正文。检查已发布的报告时读 Word（.docx、.docm）、"
         "网页文件（.html，或浏览器保存的单文件网页 .mhtml；网站上下载的 .doc 多半是网页，也可以读）和 PDF"
         "（读取 PDF 超过时限或读取的进程意外退出时写明，其余文件照常检查）；"
         "旧版 .doc、.wps、.rtf、.odt 由 LibreOffice 转换后读取，没有安装 LibreOffice 或转换失败、超时时请另存为 .docx；"
         "扫描件（只有图片的 PDF）在没有安装文字识别组件时无法读取", FILE),
    Rule("LIMIT", _E, "An input is within the size limits (file size, unpacked size, rows).",
         "文件大得异常（统计表超过 20 MB 或行数远超统计表、正文超过 2 MB、报告文件过大），多半是选错了文件", FILE),
    Rule("OPEN", _W, "The workbook is not open in Excel/WPS while it is read (no lock file beside it).",
         "统计表正在 Excel/WPS 中打开（旁边有 ~$ 开头的锁定文件）：读取的是上次保存的内容，尚未保存的修改没有包括在内"),
    Rule("ORDER", _W, "The workbook and the narrative were given in the right order (if not, they are used the right way round).",
         "命令中统计表和正文两个文件的顺序反了：已按文件内容对调后使用"),
    Rule("OUTPUT", _E, "The report (and its web page) can be written where asked.",
         "报告无法保存：上次的报告被设为只读（不会被覆盖）、磁盘已满、没有权限、路径太长、文件正被打开；"
         "输出文件夹不存在或不能写入（只读、没有权限）、输出文件名不以 .docx 结尾或与输入文件相同"),
    # The narrative
    Rule("NARR-EMPTY", _E, "The narrative has some text: a paragraph somewhere, and one under 一、总体情况.",
         "正文是空的，只有标题（和【填写提示】）没有内容，或“一、总体情况”下没有正文"),
    Rule("NARR-MISSING", _E, "The narrative has all six parts.",
         "正文缺少六个部分中的某一部分"),
    Rule("NARR-ORDER", _E, "The six parts come once each, in order.",
         "正文的六个部分重复出现或顺序不对"),
    Rule("NARR-TITLE", _EW, "Part headings are the official ones (a near miss is a warning); a 标题： line has text.",
         "部分标题写错，或“标题：”后面没有文字；与国办规定的写法略有不同（如“行政复议与行政诉讼情况”"
         "“存在的主要问题及明年工作计划”、错一两个字、《条例》的写法）时是提醒，报告中按规定的标题印出；本机关在六个部分之外自己编号的“一、…二、…”是提醒，作为所在部分的小标题保留"),
    Rule("NARR-TOPIC", _W, "A 一、总体情况 written under （一）…（五） sub-headings has all five of the format's topics.",
         "“一、总体情况”分了（一）（二）……小标题，却缺少国办格式要求综述的某个方面（主动公开、依申请公开、政府信息管理、"
         "政府信息公开平台建设、监督保障）"),
    Rule("QUOTE", _E, "Every {{name}} in the narrative is a quotable name.",
         "正文中的 `{{名称}}` 写错（给出最接近的名称）"),
    # Consistency of the figures and the text
    Rule("X-YEAR", _E, "With --previous: this year's carried-in equals last year's carried-out, per column.",
         "给出 `--previous 去年统计表.xlsx`（或上年报告）时：本年“上年结转”逐列等于去年“结转下年度继续办理”"),
    Rule("TXT", _W, "Figures quoted in the narrative agree with the tables.",
         "正文中引用的数字（收到申请、上年结转、结转下年度、办结、行政复议、行政诉讼）与表格不符，或正文说“未收到申请”而表中有数；"
         "只核对明确说的是政府信息公开申请的句子（不含行政复议申请、信访、“其中……”的分项）"),
    Rule("SEC5", _W, "Part five is not empty or just 无.",
         "第五部分空着或只写“无”"),
    Rule("SEC6", _W, "Part six says whether information processing fees were charged.",
         "第六部分写了内容却没写信息处理费收取情况（只写“无”即没有需要报告的事项，不提醒）"),
    Rule("T2-RULES", _W, "County and township agencies report no 规章 in table 2.",
         "县级、乡级机关的“规章”一行应为0（层级从机关名称判断；“某某市”看不出是否设区的市，可在基本信息表“机关层级”中填写）"),
    Rule("T2-STOCK", _W, "With --previous: 现行有效 = last year's 现行有效 + 制发 - 废止.",
         "给出 `--previous` 时：现行有效件数与“上年现行有效 + 本年制发 − 本年废止”不符"),
    Rule("REPEAT", _W, "With last year's report known: no more than half of the narrative repeats its sentences.",
         "与上年报告对照时（`--previous` 上年文件夹）：正文（一至六部分，不含表格和固定用语）有一半以上的句子与上年相同"),
    Rule("YEAR-TEXT", _W, "The narrative does not tell another year's work as the report's (a year opening a clause, not a comparison).",
         "正文把别的年份当作本年度来写（例如2025年度报告写“2023年，我局共收到…”，多是沿用往年报告的句子；"
         "全角数字“２０２３年”和“二〇二三年”也算），或开头一段说的是上年度的报告（“现将我局2024年度政府信息公开工作情况报告如下”）；"
         "“较2024年”“2024年以来”“与2024年相比”、法规名称中的年份和成文日期的年份不算"),
    Rule("DONE-TEXT", _W, "The narrative does not say every request was finished while table 3 carries some into next year.",
         "正文说政府信息公开申请“全部办结”“均已办结”“无结转”，但表三“结转下年度继续办理”大于0"
         "（说的是上年结转的、其余的申请，或政务服务事项、复议诉讼案件的不算）"),
    Rule("DOUBLED", _W, "No word of the narrative typed twice by mistake (的的, 信息信息), legitimate doubles left alone.",
         "正文中有字词连写了两次，多是笔误（如“政府信息信息公开”“的的”）；“常常”“人人”“层层”“的的确确”等正常的叠词不算"),
    Rule("JUMP", _W, "With --previous: a main figure changed by more than five times.",
         "给出 `--previous` 时：主要数字比上年变化超过5倍"),
    Rule("BIG", _W, "A count is implausibly large, or more than ten times last year's.",
         "件数大得不合常理（例如申请超过100万件），或给出 `--previous` 时某一格超过上年的10倍"),
    Rule("FORMAT", _EW, "The 2021 format, not the 2019 trial one (narrative wording; a finished report's tables 2 and 3).",
         "正文用了2019年试行格式的用语（提醒）；检查已发布的报告时：表二是2019年试行格式（2020年度及以前的报告为提醒，"
         "之后为错误，表二没有读取），表三“（六）其他处理”只有一行（提醒，按一行合计核对）"),
    Rule("GUIDE", _W, "No guide line left by reportgen init.",
         "正文留着【填写提示】行（没有印到报告里）"),
    Rule("CHAR", _W, "Invisible control characters were removed from the narrative.",
         "删除了正文中看不见的控制字符"),
    Rule("GENERATED", _W, "The narrative does not repeat the title, signature or date the report prints.",
         "正文第一行是报告标题，或最后几行是署名、成文日期：这些由程序印出，正文中的不再重复印出"),
    Rule("ENCODING", _EW, "Lines in another encoding than the rest of the narrative (readable: warning; unreadable: error).",
         "UTF-8 正文中混有 GBK 编码的行：按 GBK 读出并列出这些行；哪种编码都读不出的行是错误"),
    # Finished reports (check/review of a .docx/.html)
    Rule("CONVERTED", _W, "A finished report or the narrative in an older office format (.doc, .wps, .rtf, .odt) was read from LibreOffice's .docx conversion.",
         "报告或正文是旧版 Word（.doc）、WPS 文字（.wps）、RTF 或 OpenDocument（.odt）文件，由 LibreOffice 转换为 .docx 后检查或读取："
         "转换偶尔会改变个别内容，有疑问的数字或文字请与原文件核对"),
    Rule("READ", _EW, "Every table and cell of a finished report was found under its official labels, once.",
         "检查已发布的报告时：找不到某张表，或表中某些格找不到（标签写错、缺行缺列），用到它们的规则不核对；"
         "两个格对应同一格而数字不同（以上是错误）；有数字所在的行或列不是规定格式中的行列（如多出的“小计”列），"
         "没有读取，或没有找到报告标题（提醒）", NUMBERS),
    Rule("SCAN", _W, "Pages of a finished report that are scanned images are named: read by OCR or from the scanner's own text layer, or left unread.",
         "报告中有扫描的页面（只有图片，没有文字）：装有文字识别组件时，数字由文字识别读出，请对照原件核对；"
         "没有安装时，这些页面没有读取。扫描软件生成的“可搜索 PDF”读其中藏着的扫描软件识别出的文字，数字请对照原件核对"),
    Rule("NOT-REPORT", _E, "A finished report has the report title or the tables.",
         "文件不像政府信息公开工作年度报告：没有找到报告标题，也没有找到表二、表三、表四", FILE),
    Rule("PREVIOUS", _E, "Last year's report given as --previous had all its numbers read.",
         "作为 `--previous` 的上年报告没有读到全部数字，没有做跨年核对"),
    Rule("PREV", _E, "The --previous file is this agency's report (or workbook) of the year before.",
         "`--previous` 给的不是本机关上一年度的统计表或报告（年度不是本年度减一，或机关不同）：没有做跨年核对"),
    Rule("LATE", _W, "A saved page's publication date is not after the deadline (--deadline, else the 条例's).",
         "检查网页时：网页上的发布日期晚于公开期限（`--deadline` 给出的日期；没有给出时，部门为次年1月31日，本级政府为次年3月31日）"),
    Rule("PUB-DATE", _W, "A saved page's publication date is not before the report's 成文日期.",
         "检查网页时：网页上的发布日期早于报告的成文日期（先发布后成文，多是成文日期或发布日期写错）"),
    Rule("DUPLICATE", _E, "A folder holds one report (or one department's inputs) per agency and year.",
         "文件夹中同一机关同一年度的报告有两份或以上（如修改稿和定稿）：每份都标为错误，都不计入合计，直到只留下一份"),
    Rule("SIMILAR", _W, "Within a folder: no report's narrative is more than half another agency's (the folder's template left out).",
         "文件夹中两个机关的正文一半以上相同或相近（只改了年份、数字、机关名称的句子也算）：两份报告都提醒，写明对方、比例、"
         "重复最多的部分和一对例句；多数部门共有的句子（县里统一的模板）和规定的固定用语不算；汇总.xlsx 的“部门间雷同”表列出每一对"),
    Rule("YEARS", _W, "A folder's reports are of one year.",
         "文件夹中的报告不是同一年度的：各年度分开列出，不相加，不生成汇总统计表"),
    Rule("MISSING", _E, "Every unit on the roster (名单) sent a report or its inputs.",
         "名单（名单.xlsx、名单.txt 或 `--roster`）上的单位没有报送（未交）：文件夹中没有该单位的报告或统计表"),
    Rule("UNLISTED", _W, "Every report's agency is on the roster, when there is one.",
         "报告的机关不在名单上（名单外）：可能是名单漏了这个单位，或报告的机关名称写错"),
    Rule("ROSTER", _EW, "The roster can be read: one unit a line, with an optional 简称 and 类别.",
         "名单不能用：文件打不开、没有单位、类别不是“部门”“乡镇”“本级政府”（错误）；同一单位写了两次（提醒）"),
    # Other commands
    Rule("EXISTS", _E, "reportgen init does not overwrite existing files without --force.",
         "`reportgen init` 要写的统计表或正文已存在，没有覆盖（加 `--force` 才覆盖）"),
    Rule("FROM", _EW, "init --from: last year's files are usable and give the figures to carry (missing facts: warning).",
         "`init --from` 给的上年文件不能用（给错了文件、上年统计表有错误、读不到要带入的数字）；"
         "上年文件中没有读到年度、机关名称或某些数字时是提醒"),
    Rule("TEMPLATE", _E, "A --template is a valid Word document with every mark and style, and renders safely in time.",
         "`--template` 给的模板不能用：不是有效的 Word 文档、缺少必需的标记或样式、用了不存在的名称、"
         "试图访问程序内部，或渲染超时、占用内存过多"),
    Rule("PDF", _E, "--pdf: LibreOffice is found and converts the report in time.",
         "`--pdf` 无法生成 PDF：没有找到 LibreOffice，或转换失败、超时"),
    Rule("FONT", _W, "--pdf: the official fonts, or fitting substitutes, are installed.",
         "生成 PDF 时本机没有合适的公文字体，PDF 与公文格式不符（Word 报告不受影响），并说明怎样安装"),
    Rule("INSTALL", _E, "The files shipped with the program are present.",
         "安装不完整：程序自带的文件不见了，请重新安装"),
    Rule("INTERNAL", _E, "An unexpected exception (a bug), or a batch worker that died, became a problem.",
         "程序内部错误（或批量处理时处理进程意外退出）：这个文件或部门没有处理完，请把它发给维护人员"),
)

BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def rule(rule_id: str) -> Rule:
    """The catalogue entry of `rule_id`; KeyError (a programming error) for an id not listed."""
    try:
        return BY_ID[rule_id]
    except KeyError:
        raise KeyError(f"rule id {rule_id!r} is not in reportgen.core.catalogue.RULES: add it there") from None


def losing(*what: str) -> frozenset[str]:
    """The ids whose errors leave `what` (FILE, NUMBERS, FACTS) unusable."""
    return frozenset(r.id for r in RULES if r.loses in what)


# Nothing of the file could be read: no rule can judge it.
UNREADABLE = losing(FILE)
# Not all of its numbers were read: its figures cannot be summed or carried.
NUMBERS_UNREAD = losing(FILE, NUMBERS)
# Only its facts are missing or wrong: its numbers can still be carried.
FACTS_ONLY = losing(FACTS)


def markdown_table() -> str:
    """README's table of rule ids (代号 | 级别 | 内容), one row per rule, in catalogue order."""
    lines = ["| 代号 | 级别 | 内容 |", "|---|---|---|"]
    lines += [f"| {r.id} | {r.level_text()} | {r.meaning} |" for r in RULES]
    return "\n".join(lines) + "\n"
