"""`make bench`: how fast reportgen is on this machine. A benchmark that prints figures, not a test.

(a) `python -m reportgen build` on the sample (inputs/统计表.xlsx, inputs/正文.txt), whole process,
    median of --runs runs, against a minimal script that only renders and saves the same template
    (templates/report.docx) with docxtpl, run the same way in the same session; runs are interleaved
    so that load from other users of the machine hits both alike.
(b) `python -m reportgen batch` over --departments departments generated here (varied, balanced numbers).
(c) peak memory (max RSS) of one build process.
(d) `python -m reportgen check 文件夹` over 100 finished reports (the .docx of (b)), as the county reviewer runs it.
(e) when `make bundle` has built dist/reportgen: its size, and the time of its `reportgen --version`
    (start-up) and `build` of the sample against the venv's, median of 5 interleaved runs.
(f) with LibreOffice: `batch --pdf` over the same departments, one office process per core, against
    the same batch with one office process (REPORTGEN_PDF_PROCESSES=1) in the same run, and one cold
    `build --pdf`-style conversion of a single report.
(h) with LibreOffice: reading text PDFs (the PDFs of (f)): one report read and checked in-process,
    median of --runs runs, against its .docx; `check 文件夹` over all of them, whole process.
(i) with LibreOffice and the ocr extra: a scanned report (the first PDF of (f), every page
    scanned as tests/finished/scans.py does: grey, turned 1.2°, JPEG) checked by
    `reportgen check 扫描件.pdf`, whole process: wall and CPU seconds, pages, peak memory.
(j) with LibreOffice: old Word files: 20 reports of (b) saved as .doc (not timed), then
    `reportgen check 文件夹` over them, whole process: one office process converts them all.
(g) the similarity of texts, in-process: REPEAT over --departments pairs (this year's text an edited
    copy of last year's) and SIMILAR over a folder of --departments departments (texts drawn from a
    pool of real-style sentences, two of them copies): the time these rules add to a batch.

    python3 scripts/bench.py [--runs 11] [--departments 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen import api
from reportgen.core import schema
from reportgen.core.model import Meta
from reportgen.render.docx import context
from reportgen.workbook import writer

SAMPLE_XLSX, SAMPLE_TXT = ROOT / "inputs" / "统计表.xlsx", ROOT / "inputs" / "正文.txt"
TEMPLATE = ROOT / "templates" / "report.docx"
TARGET_RATIO, TARGET_BATCH_S, TARGET_RSS_MB, TARGET_BATCH_PDF_S = 1.5, 10.0, 150.0, 90.0
TARGET_PDF_PARALLEL_RATIO = 0.6  # batch --pdf with one office per core against one office process
TARGET_PDF_READ_S, TARGET_PDF_FOLDER_S = 0.5, 60.0  # a text PDF read and checked; a folder of 200 of them
TARGET_SCAN_S_PER_6_PAGES, TARGET_DOC_S = 30.0, 1.0  # a 6-page scan checked with OCR; a .doc of a folder, warm
OLD_WORD_FILES = 20

# The baseline: docxtpl's own render-and-save of the same template and the same data, nothing else.
BARE_SCRIPT = """\
import json, sys
from docxtpl import DocxTemplate

template, data, out = sys.argv[1:4]
tpl = DocxTemplate(template)
with open(data, encoding="utf-8") as fh:
    tpl.render(json.load(fh), autoescape=True)
tpl.save(out)
"""

AGENCIES = (
    "司法局", "教育局", "公安局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局",
    "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会",
    "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局",
)


def timed(cmd: list[str], env: dict | None = None, codes: tuple[int, ...] = (0,)) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, max RSS in MB) of one process and the children it waited for.

    The CPU time is printed beside the wall time because this machine is shared: when others load
    the cores, wall time grows and CPU time does not.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in codes:
        err = subprocess.run(cmd, cwd=ROOT, capture_output=True).stderr.decode("utf-8", "replace")
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: ru_maxrss in KiB


def _in_process(call, runs: int) -> float:
    """Median seconds of CALL over RUNS runs, after one warm-up."""
    call()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def department_values(rng: random.Random) -> dict[str, int | Decimal]:
    """Varied numbers that pass every consistency rule (T3 balanced per column)."""
    values: dict[str, int | Decimal] = {k: rng.randint(0, 60) for k in schema.INPUT_KEYS if k.startswith("t2_")}
    values["t2_fees"] = Decimal(rng.randint(0, 5_000_000)) / Decimal(1000)
    for col in schema.T3_PART_COLS:
        done = 0
        for row in schema.T3_RESULT_PARTS:
            values[f"t3_{row}_{col}"] = n = rng.choice((0, 0, 1, 2, 3, rng.randint(0, 40)))
            done += n
        carried_out = rng.randint(0, 10)
        carried_in = rng.randint(0, done + carried_out)
        values[f"t3_carried_in_{col}"] = carried_in
        values[f"t3_carried_out_{col}"] = carried_out
        values[f"t3_new_{col}"] = done + carried_out - carried_in
    for block, _ in schema.T4_BLOCKS:
        for col in schema.T4_PART_COLS:
            values[f"t4_{block}_{col}"] = rng.randint(0, 5)
    return values


def make_county(root: Path, n: int) -> None:
    rng = random.Random(2025)
    narrative = SAMPLE_TXT.read_text(encoding="utf-8")
    for i in range(n):
        name = f"{i + 1:03d}{AGENCIES[i % len(AGENCIES)]}"
        folder = root / name
        folder.mkdir(parents=True)
        meta = Meta(
            agency=f"互助土族自治县{AGENCIES[i % len(AGENCIES)]}" + (f"第{i // len(AGENCIES) + 1}分局" if i >= len(AGENCIES) else ""),
            date=dt.date(2026, 1, rng.randint(5, 25)),
            year=2025,
        )
        writer.write(folder / "统计表.xlsx", meta, department_values(rng))
        (folder / "正文.txt").write_text(narrative, encoding="utf-8")


BUNDLE = ROOT / "dist" / "reportgen"


def disk_mb(folder: Path) -> float:
    """Space on disk, as du counts it (allocated blocks)."""
    return sum(p.lstat().st_blocks * 512 for p in folder.rglob("*")) / 2**20


def zipped_mb(folder: Path, tmp: Path) -> float:
    """The size of the folder as the Windows download zips it (deflate)."""
    return Path(shutil.make_archive(str(tmp / "bundle"), "zip", folder.parent, folder.name)).stat().st_size / 2**20


def scan_figures(py: str, pdf: Path, tmp: Path) -> tuple[float, float, float, int] | None:
    """(i): wall and CPU seconds, peak MB and pages of `reportgen check` over PDF scanned; None
    without the ocr extra."""
    from reportgen.finished import ocr

    if not ocr.available():
        return None
    import pypdfium2

    from tests.finished.scans import scan_pdf

    scan = scan_pdf(pdf, tmp / "扫描件.pdf", angle=1.2)
    pages = len(pypdfium2.PdfDocument(scan))
    wall, cpu, mb = timed([py, "-m", "reportgen", "check", str(scan)], codes=(0, 1))  # 1: OCR misread a number
    return wall, cpu, mb, pages


def old_word_figures(py: str, pdfs: list[Path], tmp: Path) -> tuple[float, float, float]:
    """(j): wall and CPU seconds of `reportgen check` over the .docx beside PDFS saved as .doc (by
    one LibreOffice run, not timed), and the wall seconds of one .doc checked alone (a cold office)."""
    from reportgen.render.pdf import find_soffice

    folder = tmp / "old-word"
    folder.mkdir()
    docx = []
    for pdf in pdfs:
        docx.append(folder / f"{pdf.parent.name}.docx")
        shutil.copy(pdf.with_suffix(".docx"), docx[-1])
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
        subprocess.run(
            [find_soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "doc", "--outdir", str(folder), *map(str, docx)],
            capture_output=True, timeout=600, check=True,
        )  # fmt: skip
    for d in docx:
        d.unlink()
    alone = tmp / "one-old-word"
    alone.mkdir()
    shutil.copy(docx[0].with_suffix(".doc"), alone)
    cold_s, _, _ = timed([py, "-m", "reportgen", "check", str(alone / docx[0].with_suffix(".doc").name)])
    wall, cpu, _ = timed([py, "-m", "reportgen", "check", str(folder)])
    return wall, cpu, cold_s


def bundle_figures(runs: int = 5) -> None:
    exe = BUNDLE / ("reportgen.exe" if os.name == "nt" else "reportgen")
    if not exe.is_file():
        print("(e) no bundle at dist/reportgen: run `make bundle` to measure it")
        return
    venv_exe = Path(sys.executable).parent / "reportgen"  # the console script pip made in this venv
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
        zipped = zipped_mb(BUNDLE, Path(tmp))
        fonts = disk_mb(BUNDLE / "_internal" / "reportgen" / "fonts")
        print(f"(e) one-folder bundle dist/reportgen: {disk_mb(BUNDLE):.1f} MB on disk"
              f" ({fonts:.1f} MB of it the Fandol fonts), {zipped:.1f} MB zipped")
        build = ["build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(Path(tmp) / "build.docx")]
        for what, args in (("--version", ["--version"]), ("build    ", build)):
            bundle_cmd, venv_cmd = [str(exe), *args], [str(venv_exe), *args]
            timed(bundle_cmd), timed(venv_cmd)  # warm-up: disk cache
            bundle_runs, venv_runs = [], []
            for _ in range(runs):
                bundle_runs.append(timed(bundle_cmd))
                venv_runs.append(timed(venv_cmd))
            for label, results in ((f"bundle {what}", bundle_runs), (f"venv   {what}", venv_runs)):
                wall = statistics.median(r[0] for r in results) * 1000
                cpu = statistics.median(r[1] for r in results) * 1000
                print(f"      {label}     wall {wall:6.0f} ms   CPU {cpu:6.0f} ms   (median of {runs})")


def similarity_figures(n: int) -> tuple[float, float, int]:
    """(seconds for N REPEAT pairs, seconds for SIMILAR over N departments, pairs SIMILAR named)."""
    import re

    from reportgen.checks.repetition import compare, text_of
    from reportgen.county.results import DepartmentResult
    from reportgen.county.similar import find_similar
    from reportgen.narrative.parse import parse

    sample = SAMPLE_TXT.read_text(encoding="utf-8-sig")
    rng = random.Random(25)
    last_year = [parse(sample, "正文.txt")[0] for _ in range(n)]
    this_year = [parse(re.sub(r"\\d+", lambda m: str(int(m.group(0)) + rng.randint(1, 9)), sample), "正文.txt")[0] for _ in range(n)]
    meta = Meta(agency="某县司法局")
    t0 = time.perf_counter()
    for now, last in zip(this_year, last_year):  # as the batch does per pair: both texts made comparable, then compared
        compare(text_of(now, meta), text_of(last, meta))
    repeat_s = time.perf_counter() - t0
    # SIMILAR: each department's sentences put together from the parts real reports use (10^5 kinds)
    parts = (
        ("围绕", "聚焦", "紧扣", "立足", "对照", "按照", "结合", "依托", "突出", "坚持"),
        ("法治政府建设", "优化营商环境", "乡村振兴", "民生保障", "安全生产", "生态环境保护", "教育公平", "医疗卫生", "城乡建设", "社会救助"),
        ("，通过门户网站", "，依托政务新媒体", "，利用政务公开专区", "，借助新闻发布会", "，通过公开栏", "，在政府信息公开专栏", "，经由12345热线", "，通过“浙里办”平台", "，利用微信公众号", "，借助村务公开栏"),
        ("发布", "公开", "更新", "推送", "解读", "归集", "梳理", "汇编", "报送", "上线"),
        ("政策文件和解读材料", "重大项目进展", "财政预决算信息", "行政执法结果", "招投标公告", "办事指南", "民生实事进度", "督查整改情况", "权责清单", "惠企政策"),
    )
    rows = []
    for i in range(n):
        sentences = ["".join(rng.choice(p) for p in parts) + f"{rng.randint(10, 900)}条。" for _ in range(14)]
        text = "\n".join(["开头段落。", "一、总体情况", "".join(sentences[:10]), "五、存在的主要问题及改进情况", "".join(sentences[10:]), "六、其他需要报告的事项", "无。"])
        rows.append((f"部门{i}", rows[0][1] if i == 1 else text))  # one department copies another's
    results = []
    for name, text in rows:
        narrative = parse(text, "正文.txt")[0]
        results.append(DepartmentResult(name, agency=f"某县{name}", text=text_of(narrative, Meta(agency=f"某县{name}"))))
    t0 = time.perf_counter()
    pairs, _ = find_similar(results)
    similar_s = time.perf_counter() - t0
    return repeat_s, similar_s, len(pairs) // 2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=11, help="runs of each single build (median; at least 10)")
    ap.add_argument("--departments", type=int, default=200)
    args = ap.parse_args()
    py = sys.executable
    cores = os.cpu_count() or 1
    print(
        f"reportgen benchmark — Python {sys.version.split()[0]}, {cores} cores, {dt.datetime.now():%Y-%m-%d %H:%M},"
        f" load average {os.getloadavg()[0]:.2f}"
    )

    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        report, problems = api.load(SAMPLE_XLSX, SAMPLE_TXT)
        data = tmp / "context.json"
        data.write_text(json.dumps(context(report), ensure_ascii=False), encoding="utf-8")
        bare_py = tmp / "bare_docxtpl.py"
        bare_py.write_text(BARE_SCRIPT, encoding="utf-8")
        build_cmd = [py, "-m", "reportgen", "build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(tmp / "build.docx")]
        bare_cmd = [py, str(bare_py), str(TEMPLATE), str(data), str(tmp / "bare.docx")]

        # (a) one warm-up each (disk cache, .pyc), then interleaved timed runs.
        timed(bare_cmd), timed(build_cmd)
        bare_runs, build_runs = [], []
        for _ in range(args.runs):
            bare_runs.append(timed(bare_cmd))
            build_runs.append(timed(build_cmd))
        bare_s, build_s = (statistics.median(r[0] for r in runs) for runs in (bare_runs, build_runs))
        bare_cpu, build_cpu = (statistics.median(r[1] for r in runs) for runs in (bare_runs, build_runs))
        ratio, cpu_ratio = build_s / bare_s, build_cpu / bare_cpu
        # (c) the largest max RSS over those build runs (and the bare script's, for scale).
        build_mb, bare_mb = max(r[2] for r in build_runs), max(r[2] for r in bare_runs)

        # (b) the batch, whole process, over freshly generated departments.
        county = tmp / "county"
        t0 = time.perf_counter()
        make_county(county, args.departments)
        made_s = time.perf_counter() - t0
        out = tmp / "out"
        load_before = os.getloadavg()[0]
        batch_s, batch_cpu, batch_mb = timed([py, "-m", "reportgen", "batch", str(county), "-o", str(out)])
        built = len(list(out.rglob("*.docx")))
        if built != args.departments:
            sys.exit(f"batch built {built} of {args.departments} reports")

        # (f) PDFs: one cold conversion of one report, then the whole batch with --pdf.
        from reportgen.render.pdf import find_soffice, to_pdf

        pdf_s = single_pdf_s = None
        if find_soffice():
            t0 = time.perf_counter()
            to_pdf(tmp / "build.docx", tmp)
            single_pdf_s = time.perf_counter() - t0
            one_office = dict(os.environ, REPORTGEN_PDF_PROCESSES="1")
            runs = {}
            for label, env in (("one", one_office), ("per-core", None)):
                out_pdf = tmp / f"out-pdf-{label}"
                runs[label] = timed([py, "-m", "reportgen", "batch", str(county), "-o", str(out_pdf), "--pdf"], env=env)
                pdfs = len(list(out_pdf.rglob("*.pdf")))
                if pdfs != args.departments:
                    sys.exit(f"batch --pdf ({label}) made {pdfs} of {args.departments} PDFs")
            (one_s, one_cpu, _), (pdf_s, pdf_cpu, _) = runs["one"], runs["per-core"]
        shutil.rmtree(county)

        # (d) the reviewer's check of a folder of finished reports (all are read and all rules run).
        reports = tmp / "reports"
        reports.mkdir()
        for docx in sorted(out.rglob("*.docx"))[:100]:
            shutil.copy(docx, reports / f"{docx.parent.name}.docx")
        n_reports = len(list(reports.iterdir()))
        review_s, review_cpu, _ = timed([py, "-m", "reportgen", "check", str(reports)])

        # (h) text PDFs as departments send them: the PDFs (f) made, read back.
        pdf_read = scan = old_word = None
        if pdf_s is not None:
            pdf_reports = tmp / "pdf-reports"
            pdf_reports.mkdir()
            made = sorted((tmp / "out-pdf-per-core").rglob("*.pdf"))
            for pdf in made:
                shutil.copy(pdf, pdf_reports / f"{pdf.parent.name}.pdf")
            one_pdf, one_docx = made[0], made[0].with_suffix(".docx")
            import pypdfium2

            pages = len(pypdfium2.PdfDocument(one_pdf))
            pdf_read = [_in_process(lambda: api.check_report(path), args.runs) for path in (one_pdf, one_docx)]
            pdf_folder_s, pdf_folder_cpu, _ = timed([py, "-m", "reportgen", "check", str(pdf_reports)])
            scan = scan_figures(py, one_pdf, tmp)
            old_word = old_word_figures(py, made[:OLD_WORD_FILES], tmp)

    repeat_s, similar_s, similar_pairs = similarity_figures(args.departments)

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    def ms(runs: list[tuple[float, float, float]], i: int) -> str:
        values = [r[i] * 1000 for r in runs]
        return f"{statistics.median(values):6.0f} ms  (min {min(values):.0f}, max {max(values):.0f})"

    print()
    print(f"(a) build of the sample, whole process, median of {args.runs} interleaved runs:")
    print(f"      reportgen build      wall {ms(build_runs, 0)}   CPU {ms(build_runs, 1)}")
    print(f"      bare docxtpl script  wall {ms(bare_runs, 0)}   CPU {ms(bare_runs, 1)}")
    print(f"      ratio                wall {ratio:6.2f}   CPU {cpu_ratio:.2f}"
          f"   target <= {TARGET_RATIO} (wall): {verdict(ratio <= TARGET_RATIO)}")
    print(f"(b) batch of {args.departments} generated departments ({made_s:.1f} s to generate, not timed;"
          f" load average {load_before:.2f} before the run):")
    print(
        f"      reportgen batch      {batch_s:6.2f} s wall   {args.departments / batch_s:.1f} reports/s on {cores} cores"
        f"   CPU {batch_cpu:.2f} s (parent + workers)   target <= {TARGET_BATCH_S:.0f} s: {verdict(batch_s <= TARGET_BATCH_S)}"
    )
    print("(c) peak memory (max RSS) of one build process, largest of the runs of (a):")
    print(f"      reportgen build      {build_mb:6.1f} MB   (bare docxtpl script {bare_mb:.1f} MB;"
          f" batch, largest process {batch_mb:.1f} MB)   target <= {TARGET_RSS_MB:.0f} MB: {verdict(build_mb <= TARGET_RSS_MB)}")
    print(f"(d) check of a folder of {n_reports} finished reports (.docx), whole process:")
    print(f"      reportgen check      {review_s:6.2f} s wall   {review_s / n_reports * 1000:.0f} ms a report   CPU {review_cpu:.2f} s")
    bundle_figures()
    if pdf_s is None:
        print("(f) batch --pdf: skipped, LibreOffice is not installed")
    else:
        print(f"(f) batch of {args.departments} departments with PDFs (tagged PDF/A-2b):")
        print(f"      one office process       {one_s:6.1f} s wall   CPU {one_cpu:.1f} s")
        print(
            f"      one office per core      {pdf_s:6.1f} s wall   CPU {pdf_cpu:.1f} s   ratio {pdf_s / one_s:.2f}"
            f"   target <= {TARGET_PDF_PARALLEL_RATIO}: {verdict(pdf_s <= TARGET_PDF_PARALLEL_RATIO * one_s)}"
            f"   target <= {TARGET_BATCH_PDF_S:.0f} s: {verdict(pdf_s <= TARGET_BATCH_PDF_S)}"
        )
        print(f"      (one cold single conversion {single_pdf_s:.1f} s: {args.departments} of them would take"
              f" ~{single_pdf_s * args.departments:.0f} s)")
    if pdf_read is not None:
        print(f"(h) text PDFs read and checked (LibreOffice's export of (f), {pages} pages):")
        print(f"      one report, in-process   {pdf_read[0]:6.3f} s   (its .docx {pdf_read[1]:.3f} s, ratio {pdf_read[0] / pdf_read[1]:.1f})"
              f"   target <= {TARGET_PDF_READ_S} s: {verdict(pdf_read[0] <= TARGET_PDF_READ_S)}")
        print(f"      check of {len(made)} PDFs      {pdf_folder_s:6.1f} s wall   CPU {pdf_folder_cpu:.1f} s"
              f"   target <= {TARGET_PDF_FOLDER_S:.0f} s: {verdict(pdf_folder_s <= TARGET_PDF_FOLDER_S)}")
    if pdf_read is not None and scan is not None:
        scan_s, scan_cpu, scan_mb, scan_pages = scan
        per6 = scan_s / scan_pages * 6
        print(f"(i) a scanned report read by OCR and checked ({scan_pages} pages, 200 dpi), whole process:")
        print(f"      reportgen check       {scan_s:6.1f} s wall   CPU {scan_cpu:.1f} s   peak memory {scan_mb:.0f} MB"
              f"   6 pages ~{per6:.1f} s   target <= {TARGET_SCAN_S_PER_6_PAGES:.0f} s: {verdict(per6 <= TARGET_SCAN_S_PER_6_PAGES)}")
    elif pdf_read is not None:
        print("(i) scans: skipped, the ocr extra is not installed (pip install -e '.[ocr]')")
    if pdf_read is not None:
        doc_s, doc_cpu, cold_s = old_word
        warm = (doc_s - cold_s) / (OLD_WORD_FILES - 1)
        print(f"(j) check of {OLD_WORD_FILES} old Word files (.doc), one office process, whole process:")
        print(f"      reportgen check       {doc_s:6.1f} s wall   CPU {doc_cpu:.1f} s   (one .doc alone {cold_s:.1f} s)"
              f"   warm ~{warm:.2f} s a file   target <= {TARGET_DOC_S:.0f} s: {verdict(warm <= TARGET_DOC_S)}")
    print(f"(g) similarity of texts ({args.departments} departments, in-process):")
    print(f"      REPEAT, {args.departments} pairs      {repeat_s:6.3f} s   (both texts made comparable and compared)")
    print(f"      SIMILAR, one folder     {similar_s:6.3f} s   ({similar_pairs} pair named of the one planted)")
    pdf_ok = pdf_s is None or (pdf_s <= TARGET_BATCH_PDF_S and pdf_s <= TARGET_PDF_PARALLEL_RATIO * one_s)
    return 0 if ratio <= TARGET_RATIO and batch_s <= TARGET_BATCH_S and build_mb <= TARGET_RSS_MB and pdf_ok else 1


if __name__ == "__main__":
    sys.exit(main())
