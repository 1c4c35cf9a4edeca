"""`reportgen batch`: every department checked and built, statuses, summary figures, county sums,
exit codes, progress lines, and a clean stop on Ctrl-C."""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen import check
from reportgen.core import schema, worker
from reportgen.core.model import Narrative, Report
from reportgen.county import batch, results
from reportgen.county.summary import COUNTY_NAME
from reportgen.workbook import reader

from ..conftest import SAMPLE_TXT, clean_values, guided_narrative, paragraphs


def doubled_values() -> dict:
    """Another balanced data set (twice the first), so that a county sum is not one department's copy."""
    return {k: v * 2 for k, v in clean_values().items()}


def unbalanced_values() -> dict:
    values = clean_values()
    values["t3_new_natural"] += 1  # 一 + 二 no longer equals 三（七） + 四 in the 自然人 column
    return values


def county(department, tmp_path: Path) -> Path:
    root = tmp_path / "全县"
    department(root, "甲司法局", values=clean_values())
    department(root, "乙教育局", values=doubled_values(), text=guided_narrative())  # guide lines: warnings
    department(root, "丙水利局", values=unbalanced_values())
    broken = root / "丁卫健局"
    broken.mkdir()
    (broken / "统计表.xlsx").write_text("部门,本年新收\n丁卫健局,3\n", encoding="utf-8")  # a CSV renamed .xlsx
    shutil.copy(SAMPLE_TXT, broken / "正文.txt")
    return root


def summary_rows(path: Path) -> dict[str, dict[str, object]]:
    ws = load_workbook(path)["汇总"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    return {row[1]: dict(zip(head, row)) for row in rows[1:]}


def test_mixed_county_statuses_figures_and_sums(tmp_path, department, cli):
    root = county(department, tmp_path)
    out_dir = tmp_path / "输出"
    code, out, err = cli("batch", root, "-o", out_dir)
    assert code == 1, out + err
    assert "Traceback" not in out + err

    rows = summary_rows(out_dir / "汇总.xlsx")
    assert {name: row["状态"] for name, row in rows.items() if not name.startswith("合计")} == {
        "甲司法局": "通过",
        "乙教育局": "有警告",
        "丙水利局": "有错误",
        "丁卫健局": "有错误",
    }
    first = schema.compute_totals(clean_values())
    second = schema.compute_totals(doubled_values())
    expected_first = [
        first["t3_new_total"],
        first["t3_total_total"],
        first["t3_carried_out_total"],
        first["t4_review_total"],
        first["t4_direct_total"] + first["t4_after_review_total"],
    ]
    headings = ["本年新收", "办理结果总计", "结转下年度", "行政复议总计", "行政诉讼总计"]
    assert [rows["甲司法局"][h] for h in headings] == expected_first
    assert [rows["乙教育局"][h] for h in headings] == [2 * v for v in expected_first]
    assert rows["甲司法局"]["问题数"] == 0 and rows["甲司法局"]["第一个问题"] is None
    # The unbalanced department's numbers were read, so they are shown; the error says why it failed.
    assert rows["丙水利局"]["本年新收"] == first["t3_new_total"] + 1
    assert rows["丙水利局"]["第一个问题"].startswith("错误 [T3-BAL]")
    # The broken file gives no figures and says what it is.
    assert [rows["丁卫健局"][h] for h in headings] == [None] * 5
    assert rows["丁卫健局"]["问题数"] == 1 and "不是 Excel 工作簿" in rows["丁卫健局"]["第一个问题"]
    total_row = next(row for name, row in rows.items() if name.startswith("合计"))
    assert [total_row[h] for h in headings] == [3 * v for v in expected_first]
    problems_sheet = list(load_workbook(out_dir / "汇总.xlsx")["问题清单"].iter_rows(values_only=True))
    assert ("丁卫健局", "错误", "FILE") in {row[:3] for row in problems_sheet}

    # Only the error-free departments are built, each into its own folder of the output.
    assert len(list((out_dir / "甲司法局").glob("*.docx"))) == 1
    assert len(list((out_dir / "乙教育局").glob("*.docx"))) == 1
    assert list(out_dir.rglob("丙*/*.docx")) == [] and list(out_dir.rglob("丁*/*.docx")) == []
    assert list(root.rglob("*.docx")) == []  # -o: nothing written into the departments' folders
    docx = next((out_dir / "甲司法局").glob("*.docx"))
    assert docx.name == "某县甲司法局2025年政府信息公开工作年度报告.docx"
    assert paragraphs(docx)[0] == "某县甲司法局"

    # The county workbook: the two error-free departments added up, passing every consistency rule.
    meta, stats, problems = reader.read(out_dir / "汇总统计表.xlsx")
    assert {p.rule for p in problems} <= {"FACT"}  # only the facts are left for the county office
    assert meta.year == 2025
    for key in schema.VALUE_KEYS:
        assert stats.values[key] == first[key] + second[key], key
    assert stats.values["t2_fees"] == Decimal("4166.241619") * 3
    assert [p for p in check(Report(meta, stats, Narrative())) if p.is_error] == []

    assert "丙水利局" in out and "T3-BAL" in out and "通过 1 个，有警告 1 个，有错误 2 个" in out


def test_all_passing_exits_0_with_plain_progress_lines(tmp_path, department, cli):
    root = tmp_path / "全县"
    department(root, "甲司法局")
    department(root, "乙教育局", values=doubled_values())
    code, out, err = cli("batch", root)
    assert code == 0, out + err
    progress = [line for line in out.splitlines() if line.startswith("[")]
    assert [line[:6] for line in progress] == ["[1/2] ", "[2/2] "]  # in order of finishing
    assert sorted(line[6:] for line in progress) == ["乙教育局：通过", "甲司法局：通过"]
    assert "\r" not in out  # no progress bar when stdout is not a terminal
    # By default each report goes beside its workbook, the summaries into the folder given.
    assert len(list((root / "甲司法局").glob("*.docx"))) == 1
    assert (root / "汇总.xlsx").exists() and (root / "汇总统计表.xlsx").exists()
    # A second run over the same folder sees the same two departments.
    code, out, _ = cli("batch", root, "-j", "1")
    assert code == 0 and "共 2 个部门" in out


def test_output_folder_inside_dir_is_not_a_department(tmp_path, department, cli):
    root = tmp_path / "全县"
    department(root, "甲司法局")
    for _ in range(2):
        code, out, _ = cli("batch", root, "-o", root / "报告")
        assert code == 0 and "共 1 个部门" in out


def test_folder_problems_name_the_department_and_the_fix(tmp_path, department, cli):
    root = tmp_path / "全县"
    two = department(root, "甲司法局")
    shutil.copy(two / "统计表.xlsx", two / "统计表 - 副本.xlsx")
    (two / "统计表.xlsx").rename(two / "2025统计.xlsx")
    (root / "乙空文件夹").mkdir()
    code, out, _ = cli("batch", root)
    assert code == 1
    assert "文件夹“甲司法局”中有 2 个统计表（2025统计.xlsx、统计表 - 副本.xlsx），不知道用哪一个" in out
    assert "文件夹“乙空文件夹”中没有统计表（.xlsx 文件）" in out
    assert "没有无错误的部门，没有生成汇总统计表" in out
    assert not (root / "汇总统计表.xlsx").exists()


def test_missing_or_empty_dir_is_a_chinese_error(tmp_path, cli):
    code, _, err = cli("batch", tmp_path / "没有")
    assert code == 1 and "找不到文件夹" in err
    code, _, err = cli("batch", tmp_path)
    assert code == 1 and "没有部门文件夹" in err


def test_a_report_given_to_batch_is_named_as_a_file(tmp_path, cli):
    report = tmp_path / "县教育局.docx"
    report.write_bytes(b"PK\x03\x04")
    code, out, err = cli("batch", report)
    assert code == 1 and "找不到" not in err and not out
    assert "错误 [FILE] 县教育局.docx：县教育局.docx 是文件，不是文件夹：batch 要给存放各部门报告或部门文件夹的那个文件夹" in err
    assert "检查这一份报告请用 reportgen check " in err and "县教育局.docx" in err.rsplit("reportgen check", 1)[1]


def _assert_clean(tree: Path) -> list[Path]:
    """No temporary files anywhere; every .docx present is a whole, readable report."""
    assert list(tree.rglob(".~*")) == []
    docs = list(tree.rglob("*.docx"))
    for doc in docs:
        with zipfile.ZipFile(doc) as z:
            assert z.testzip() is None
        assert paragraphs(doc)[0].startswith("某县")
    return docs


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupt_cancels_the_rest_and_leaves_no_partial_files(tmp_path, jobs, department):
    root = tmp_path / "全县"
    names = [f"部门{i:02d}" for i in range(8)]
    for name in names:
        department(root, name)
    # What a worker killed mid-write leaves behind: removed on interrupt.
    (root / names[-1] / ".~某县部门07202.tmp").write_bytes(b"PK\x03\x04half")

    seen: list[str] = []

    def interrupt_after_first(result, done, total):
        seen.append(result.name)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run(root, jobs=jobs, on_result=interrupt_after_first)
    docs = _assert_clean(root)
    assert seen and len(docs) < len(names)  # pending departments were cancelled
    assert not (root / "汇总.xlsx").exists() and not (root / "汇总统计表.xlsx").exists()


def test_ctrl_c_exits_130_with_a_chinese_message(tmp_path, monkeypatch, department, cli):
    from reportgen.cli import views as batchview

    root = tmp_path / "全县"
    for i in range(4):
        department(root, f"部门{i}")

    def interrupt(self, result, done, total):
        self.done = done
        raise KeyboardInterrupt

    monkeypatch.setattr(batchview.ProgressView, "update", interrupt)
    code, out, err = cli("batch", root)
    assert code == 130
    assert "已中断" in err and "没有留下写了一半的文件" in err and "Traceback" not in out + err
    _assert_clean(root)


def test_start_method_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(worker.START_METHOD_ENV, raising=False)
    assert worker.context() is None  # the platform's default
    monkeypatch.setenv(worker.START_METHOD_ENV, "spawn")
    assert worker.context().get_start_method() == "spawn"
    monkeypatch.setenv(worker.START_METHOD_ENV, "thread")  # not a start method: the default
    assert worker.context() is None


def test_spawned_workers_build_every_department(tmp_path, monkeypatch, department):
    """The Windows path on Linux: workers are fresh interpreters that import reportgen themselves.

    A forked worker would inherit the parent's patched process_department and fail every
    department; a spawned one imports the real function, so all reports are built.
    """
    root = tmp_path / "全县"
    department(root, "甲司法局")
    department(root, "乙教育局", values=doubled_values())
    department(root, "丙水利局", values=unbalanced_values())
    monkeypatch.setenv(worker.START_METHOD_ENV, "spawn")
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)  # a pool even on a one-core machine

    def inherited_only_by_fork(*args, **kwargs):
        raise RuntimeError("forked, not spawned")

    monkeypatch.setattr(batch, "process_department", inherited_only_by_fork)
    result = batch.run(root, jobs=2)
    statuses = {r.name: r.status for r in result.results}
    assert statuses == {"甲司法局": results.PASSED, "乙教育局": results.PASSED, "丙水利局": results.ERRORS}
    assert "T3-BAL" in {p.rule for r in result.results for p in r.problems}
    assert len(list(root.rglob("*.docx"))) == 2
    assert summary_rows(root / "汇总.xlsx")["甲司法局"]["状态"] == results.PASSED


def test_a_review_summary_that_cannot_be_written_is_told_in_chinese(tmp_path, monkeypatch, cli):
    import errno

    from reportgen.county import review

    def full(results, out_dir, *listing_and_notes, **pages):
        raise OSError(errno.ENOSPC, "No space left on device", str(out_dir / "汇总.xlsx"))

    (tmp_path / "县教育局.docx").write_bytes(b"not a report")
    monkeypatch.setattr(review.summary, "write_summaries", full)
    code, _, err = cli("batch", tmp_path)
    assert code == 1
    assert f"无法写入 {tmp_path / '汇总.xlsx'}：磁盘空间已满" in err and "No space" not in err


def test_a_failed_summary_leaves_no_temporary_file(tmp_path, monkeypatch, department, cli):
    """Every file batch writes goes through the one atomic writer: a disk that fills while the county
    workbook is saved leaves neither a half-written workbook nor a temporary file."""
    import errno

    from openpyxl import Workbook

    root = tmp_path / "全县"
    department(root, "甲司法局")
    save = Workbook.save

    def full_disk_for_the_county_sum(self, filename):
        if COUNTY_NAME.removesuffix(".xlsx") not in str(filename):
            return save(self, filename)
        open(filename, "wb").write(b"PK\x03\x04half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full_disk_for_the_county_sum)
    code, _, err = cli("batch", root, "-j", "1")
    assert code == 1 and "磁盘空间已满" in err
    assert (root / "汇总.xlsx").is_file() and not (root / COUNTY_NAME).exists()
    assert [p.name for p in root.rglob("*") if p.name.startswith(".~") or p.suffix == ".tmp"] == []
