"""Copying between departments (SIMILAR, issue 25 items 2 and 3): two agencies of one county whose
sections 一 and 五 are the same text with the agency's name, the figures and the punctuation changed
are named, each with the other; a sentence the county's template gives every department is not."""

from __future__ import annotations

from openpyxl import load_workbook

from .reviewer_folders import report

TEMPLATE = "我局严格按照县政务公开办的统一部署，将政务公开工作纳入年度目标责任制考核。"


def _narrative(overview: list[str], problems: list[str]) -> list[tuple[str, list[str]]]:
    return [
        ("一、总体情况", [TEMPLATE, *overview]),
        ("二、主动公开政府信息情况", []),
        ("三、收到和处理政府信息公开申请情况", []),
        ("四、政府信息公开行政复议、行政诉讼情况", []),
        ("五、存在的主要问题及改进情况", problems),
        ("六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
    ]


SIFA = _narrative(
    [
        "（一）主动公开。2025年，某县司法局通过门户网站主动公开政府信息326条，其中法律援助、人民调解类信息118条。",
        "（二）依申请公开。我局健全依申请公开登记、审核、答复流程，全年答复均在法定期限内完成。",
        "（三）政府信息管理。我局对现行有效的规范性文件进行了全面清理，清理结果已向社会公布。",
    ],
    ["一是政策解读形式较为单一，图解、视频等方式运用不够。下一步，我局将丰富解读形式，提升解读的针对性。"],
)
# 民政局 took 司法局's text: its own name, other figures, a comma changed.
MINZHENG = _narrative(
    [
        "（一）主动公开。2025年，某县民政局通过门户网站主动公开政府信息287条，其中法律援助、人民调解类信息96条。",
        "（二）依申请公开。我局健全依申请公开登记、审核、答复流程,全年答复均在法定期限内完成。",
        "（三）政府信息管理。我局对现行有效的规范性文件进行了全面清理，清理结果已向社会公布。",
    ],
    ["一是政策解读形式较为单一，图解、视频等方式运用不够。下一步，我局将丰富解读形式，提升解读的针对性。"],
)
OWN = {
    "教育局.docx": ("某县教育局", _narrative(
        ["（一）主动公开。全年在教育专栏发布招生入学、学生资助、教师招聘等信息412条。",
         "（二）依申请公开。申请主要涉及学区划分和校舍建设，均按规定予以答复。"],
        ["一是学校信息公开不够均衡。下一步，我局将把中小学校务公开纳入督导评估。"],
    )),
    "交通局.html": ("某县交通运输局", _narrative(
        ["（一）主动公开。围绕农村公路建设和公交线路调整，发布工程招投标、线路变更公告等信息205条。",
         "（二）依申请公开。全年收到的申请多涉及道路征迁补偿，已逐件登记并答复。"],
        ["一是重点项目进展公开不够及时。下一步，我局将按季度公开在建项目的进度。"],
    )),
    "卫健委.docx": ("某县卫生健康委员会", _narrative(
        ["（一）主动公开。及时发布传染病防控提示、医疗机构执业登记和基本公共卫生服务信息358条。",
         "（二）依申请公开。申请集中在医疗纠纷处理和执业许可，已按时答复。"],
        ["一是基层医疗机构公开栏更新较慢。下一步，我委将开展乡镇卫生院公开栏专项检查。"],
    )),
}


def _county(root):
    report(root / "司法局.docx", "某县司法局", narrative=SIFA)
    report(root / "民政局.html", "某县民政局", narrative=MINZHENG)
    for name, (agency, narrative) in OWN.items():
        report(root / name, agency, narrative=narrative)
    return root


def _similar(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if "[SIMILAR]" in line]


def test_two_departments_with_one_text_are_named_and_the_template_is_not(tmp_path, cli):
    folder = _county(tmp_path / "2025")
    run = cli("check", folder)
    assert run.code == 0, run.out + run.err  # a 提醒: the folder still passes
    assert _similar(run.out) == [
        "提醒 [SIMILAR] 司法局.docx：正文有 100% 与民政局.html（某县民政局）的正文相同或相近（只改了年份、数字、机关名称或个别字词的句子也算），"
        "相同最多的部分：“一、总体情况”100%、“五、存在的主要问题及改进情况”100%；例如本报告“2025年，某县司法局通过门户网站主动公开政府信息326条，其中法律援助、人民…”"
        "与该报告“2025年，某县民政局通过门户网站主动公开政府信息287条，其中法律援助、人民…”。年度报告评议对与其他单位雷同的报告扣分：请按本机关的实际情况改写",
        "提醒 [SIMILAR] 民政局.html：正文有 100% 与司法局.docx（某县司法局）的正文相同或相近（只改了年份、数字、机关名称或个别字词的句子也算），"
        "相同最多的部分：“一、总体情况”100%、“五、存在的主要问题及改进情况”100%；例如本报告“2025年，某县民政局通过门户网站主动公开政府信息287条，其中法律援助、人民…”"
        "与该报告“2025年，某县司法局通过门户网站主动公开政府信息326条，其中法律援助、人民…”。年度报告评议对与其他单位雷同的报告扣分：请按本机关的实际情况改写",
    ]


def test_the_batch_writes_the_pairs_into_the_summary(tmp_path, cli):
    folder = _county(tmp_path / "2025")
    run = cli("batch", folder, "-o", tmp_path / "审核", "-j", 1)
    assert run.code == 0, run.out + run.err
    book = load_workbook(tmp_path / "审核" / "汇总.xlsx")
    rows = [[c.value for c in r] for r in book["部门间雷同"].iter_rows()]
    assert rows[0] == ["报告", "机关名称", "与之雷同的报告", "机关名称", "相同或相近的比例", "重复最多的部分", "例句"]
    assert [r[:5] for r in rows[1:]] == [
        ["司法局.docx", "某县司法局", "民政局.html", "某县民政局", 1],
        ["民政局.html", "某县民政局", "司法局.docx", "某县司法局", 1],
    ]
    problems = [r for r in book["问题清单"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in problems if r[2] == "SIMILAR"] == [("司法局.docx", "提醒"), ("民政局.html", "提醒")]


def test_texts_written_apart_with_the_template_shared_are_silent(tmp_path, cli):
    folder = tmp_path / "2025"
    report(folder / "司法局.docx", "某县司法局", narrative=SIFA)
    for name, (agency, narrative) in OWN.items():
        report(folder / name, agency, narrative=narrative)
    run = cli("check", folder)
    assert run.code == 0 and _similar(run.out) == [], run.out


def test_one_agency_under_two_forms_of_its_name_is_a_duplicate_and_a_government_is_not_its_bureau(tmp_path, cli):
    """Issue 25 item 6: 县教育局 and 某某县教育局 are one agency (DUPLICATE, neither summed); the 区人民政府
    and its own 区公安局 are two."""
    root = tmp_path / "审核"
    report(root / "教育局.docx", "县教育局")
    report(root / "教育局（定稿）.html", "某某县教育局")
    report(root / "区政府.docx", "某区人民政府", narrative=SIFA)
    report(root / "公安局.docx", "区公安局", narrative=OWN["交通局.html"][1])
    run = cli("check", root)
    assert run.code == 1
    message = ("县教育局2025年的报告有 2 份（教育局.docx、教育局（定稿）.html）：请只留下要发布的一份，"
               "把其余的移出文件夹；在此之前这几份都不计入合计")
    duplicates = [line.strip() for line in run.out.splitlines() if "[DUPLICATE]" in line]
    assert duplicates == [f"错误 [DUPLICATE] 教育局.docx：{message}", f"错误 [DUPLICATE] 教育局（定稿）.html：{message}"]


def test_a_batch_of_departments_names_the_pair_through_its_workers(tmp_path, cli):
    """The departments' inputs, built by the batch's worker processes: their texts come back with the
    rows and the pair is named in 汇总.xlsx."""
    from ..conftest import clean_values, sample_meta, write_workbook

    county = tmp_path / "全县"
    narratives = {"司法局": ("某县司法局", SIFA), "民政局": ("某县民政局", MINZHENG)}
    narratives |= {name.split(".")[0]: pair for name, pair in OWN.items()}
    for folder, (agency, narrative) in narratives.items():
        (county / folder).mkdir(parents=True)
        write_workbook(county / folder / "统计表.xlsx", sample_meta(agency=agency), clean_values())
        lines = ["开头段落。"] + [line for heading, paras in narrative for line in (heading, *paras)]
        (county / folder / "正文.txt").write_text("\n".join(lines), encoding="utf-8")
    run = cli("batch", county, "-o", tmp_path / "输出", "-j", 2)
    assert run.code == 0, run.out + run.err
    book = load_workbook(tmp_path / "输出" / "汇总.xlsx")
    rows = [[c.value for c in r][:5] for r in book["部门间雷同"].iter_rows(min_row=2)]
    assert rows == [["司法局", "某县司法局", "民政局", "某县民政局", 1], ["民政局", "某县民政局", "司法局", "某县司法局", 1]]
    similar = [r for r in book["问题清单"].iter_rows(min_row=2, values_only=True) if r[2] == "SIMILAR"]
    assert [r[0] for r in similar] == ["司法局", "民政局"]
