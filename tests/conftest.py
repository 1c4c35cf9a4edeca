"""Shared helpers: paths, reading a built .docx the way a reviewer would, filling workbooks, the
clerk's two files (`clerk_files`, `department`), running the CLI (`cli`), and the markers of tests
that need LibreOffice or Chromium (skipped in one place when the program is missing)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import unicodedata
import zipfile
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pytest
from lxml import etree

from reportgen.core import schema
from reportgen.core.folders import NARRATIVE_NAME, WORKBOOK_NAME
from reportgen.core.model import Meta
from reportgen.workbook import writer

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
SAMPLE_XLSX = INPUTS / "统计表.xlsx"
SAMPLE_TXT = INPUTS / "正文.txt"
# The published report's text (taken from the published document), which the sample reproduces.
SEED = ROOT / "tests" / "data" / "huzhu-sifaju-2025.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def norm(text: str) -> str:
    """Compare text as a reader does: NFKC (full/half-width alike), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def document_xml(docx: Path) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read("word/document.xml"))


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t"))


def body_items(docx: Path) -> list[tuple[str, object]]:
    """('p', text) for each body paragraph and ('table', grid) for each table, in document order."""
    body = document_xml(docx).find(W + "body")
    out: list[tuple[str, object]] = []
    for child in body:
        if child.tag == W + "p":
            out.append(("p", text_of(child)))
        elif child.tag == W + "tbl":
            out.append(("table", table_grid(child)))
    return out


def paragraphs(docx: Path) -> list[str]:
    return [t for kind, t in body_items(docx) if kind == "p" and t.strip()]  # type: ignore[misc]


def tables(docx: Path) -> list[dict[tuple[int, int], str]]:
    return [g for kind, g in body_items(docx) if kind == "table"]  # type: ignore[misc]


def table_grid(tbl) -> dict[tuple[int, int], str]:
    """{(row, grid column): text} of the cells that start there (merge continuations omitted)."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(tbl.findall(W + "tr")):
        col = 0
        for tc in tr.findall(W + "tc"):
            tc_pr = tc.find(W + "tcPr")
            span, continued = 1, False
            if tc_pr is not None:
                gs = tc_pr.find(W + "gridSpan")
                span = int(gs.get(W + "val")) if gs is not None else 1
                vm = tc_pr.find(W + "vMerge")
                continued = vm is not None and vm.get(W + "val") in (None, "continue")
            if not continued:
                grid[(r, col)] = text_of(tc)
            col += span
    return grid


def sample_meta(**changes) -> Meta:
    meta = Meta(agency="某某市某某区人民政府办公室", signature="某某区政府办", date=dt.date(2026, 1, 26), year=2025)
    for k, v in changes.items():
        setattr(meta, k, v)
    return meta


def nonzero_values() -> dict[str, int | Decimal]:
    """A balanced, non-zero data set: every input cell distinct, T3 identities hold per column."""
    values: dict[str, int | Decimal] = {}
    for i, (row, _) in enumerate(schema.T2_ROWS[:2]):
        for j, (col, _) in enumerate(schema.T2_DOC_COLS):
            values[f"t2_{row}_{col}"] = 3 + 4 * i + j
    values.update(t2_licensing=128, t2_penalty=1534, t2_coercion=27, t2_fees=Decimal("4166.241619"))
    for j, col in enumerate(schema.T3_PART_COLS):
        done = 0
        for r, row in enumerate(schema.T3_RESULT_PARTS):
            values[f"t3_{row}_{col}"] = (r % 7) + j + 1
            done += (r % 7) + j + 1
        values[f"t3_carried_in_{col}"] = 5 + j
        values[f"t3_carried_out_{col}"] = 9 + 2 * j
        values[f"t3_new_{col}"] = done + 9 + 2 * j - (5 + j)
    for b, (block, _) in enumerate(schema.T4_BLOCKS):
        for c, col in enumerate(schema.T4_PART_COLS):
            values[f"t4_{block}_{col}"] = 1 + b * 4 + c
    return values


def write_workbook(path: Path, meta: Meta | None = None, values=None) -> Path:
    writer.write(path, meta or sample_meta(), values if values is not None else nonzero_values())
    return path


@pytest.fixture
def sample_copy(tmp_path: Path) -> tuple[Path, Path]:
    """The sample inputs copied into a temporary folder (tests never write into inputs/)."""
    xlsx, txt = tmp_path / "统计表.xlsx", tmp_path / "正文.txt"
    shutil.copy(SAMPLE_XLSX, xlsx)
    shutil.copy(SAMPLE_TXT, txt)
    return xlsx, txt


# --- programs some tests need: a marker on the test, the skip (or on CI the failure) here -------


@lru_cache(maxsize=None)
def find_soffice() -> str | None:
    from reportgen.render.pdf import find_soffice as find

    return find()


@lru_cache(maxsize=None)
def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


# axe-core (npm), installed by .ci/run: REPORTGEN_AXE names its axe.min.js, else /opt/axe's.
AXE_ENV, AXE_DEFAULT = "REPORTGEN_AXE", "/opt/axe/node_modules/axe-core/axe.min.js"


def find_axe() -> Path | None:
    path = Path(os.environ.get(AXE_ENV) or AXE_DEFAULT)
    return path if path.is_file() else None


@lru_cache(maxsize=None)
def find_fc_match() -> str | None:
    return shutil.which("fc-match")


# A second LibreOffice the page is also measured in (.ci/run unpacks the current release and sets
# it): the layout, Word-native and PDF-text tests run once per installation, through `office`.
SOFFICE_ALT_ENV = "REPORTGEN_SOFFICE_ALT"


@lru_cache(maxsize=None)
def office_version(soffice: str) -> str:
    """"25.2" from `soffice --version` ("LibreOffice 25.2.3.2 …"), or "" if it does not answer."""
    from reportgen.office.soffice import soffice_version

    return soffice_version(soffice) or ""


def offices() -> list:
    """The installations to measure in: the one the product finds, then REPORTGEN_SOFFICE_ALT."""
    found = [("", find_soffice())]
    alt = os.environ.get(SOFFICE_ALT_ENV, "")
    if alt:
        found.append((alt, alt))
    return [
        pytest.param(setting, id="lo" + (office_version(program) if program and os.path.isfile(program) else "-missing"))
        for setting, program in found
    ]


@pytest.fixture(scope="module", params=offices())
def office(request):
    """Each LibreOffice in turn (REPORTGEN_SOFFICE set to it for the module's PDFs); its version."""
    from reportgen.office.soffice import ENV as SOFFICE_ENV

    with pytest.MonkeyPatch.context() as patch:
        if request.param:
            if not os.path.isfile(request.param):
                pytest.fail(f"{SOFFICE_ALT_ENV}={request.param} is not a program (.ci/run unpacks LibreOffice there)")
            patch.setenv(SOFFICE_ENV, request.param)
        program = request.param or find_soffice()
        yield office_version(program) if program else ""


NEEDED_PROGRAMS = {  # marker: the program, and how to find it
    "libreoffice": ("LibreOffice", find_soffice),
    "chromium": ("Chromium", find_chromium),
    "fontconfig": ("fontconfig (fc-match)", find_fc_match),
    "pandoc": ("pandoc", lambda: shutil.which("pandoc")),
    "ghostscript": ("Ghostscript (gs)", lambda: shutil.which("gs")),
    "poppler": ("poppler-utils (pdftocairo)", lambda: shutil.which("pdftocairo")),
    "axe": ("axe-core (npm install --prefix /opt/axe axe-core@4)", find_axe),
    "ocr": ("the ocr extra (pip install -e '.[test,ocr]': RapidOCR, pypdfium2)", lambda: ocr_available()),
}


@lru_cache(maxsize=None)
def ocr_available() -> bool:
    from reportgen.finished.ocr import available

    return available()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked `libreoffice`, `chromium`, `fontconfig`, `pandoc`, `ghostscript`, `poppler`, `axe` or
    `ocr` is skipped when the program is missing; on CI (.ci/run installs them) it fails instead, so that
    nothing is skipped there."""
    for marker, (program, find) in NEEDED_PROGRAMS.items():
        if item.get_closest_marker(marker) is not None and not find():
            if os.environ.get("CI") == "true":
                pytest.fail(f"{program} is required on CI (.ci/run installs it)")
            pytest.skip(f"{program} not installed")
    if item.get_closest_marker("posix") is not None and os.name == "nt":
        pytest.skip("POSIX only (pseudo-terminal or permission bits)")


SEED_TABLE_SPLITS = {"三、": "三、本年度办理结果"}  # vertical merge split by the PDF text extraction


def seed_parts() -> tuple[list[str], list[list[str]]]:
    """The seed report as (paragraphs outside tables, token lists of its three tables).

    Line breaks inside a paragraph are page-break artefacts of the published file: a long line
    that does not end a sentence continues on the next non-blank line.
    """
    lines = [ln.strip() for ln in SEED.read_text(encoding="utf-8").split("\n")]
    lines = [ln for ln in lines if ln]
    section_re = re.compile(r"^([一二三四五六])、(.{2,30})$")
    paras: list[str] = []
    table_tokens: list[list[str]] = []
    current_table: list[str] | None = None
    for ln in lines:
        m = section_re.match(ln)
        if m and m.group(1) + "、" + m.group(2) in [s.heading for s in schema.SECTIONS]:
            current_table = [] if schema.SECTIONS[["一二三四五六".index(m.group(1))][0]].table else None
            if current_table is not None:
                table_tokens.append(current_table)
            paras.append(ln)
            continue
        if current_table is not None:
            current_table.extend(tok.strip() for tok in ln.split("\t") if tok.strip())
            continue
        if paras and len(paras[-1]) > 30 and paras[-1][-1] not in "。：；！？" and not section_re.match(paras[-1]):
            paras[-1] += ln
        else:
            paras.append(ln)
    return paras, table_tokens


def libreoffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert SRC with headless LibreOffice (its own throwaway profile) and return the result.

    Converting an .xlsx to .xlsx makes LibreOffice load, recalculate and save it, as a clerk's
    spreadsheet program would.
    """
    import subprocess
    import tempfile

    from reportgen.render.pdf import find_soffice as find  # not cached: `office` may choose another

    soffice = find()
    assert soffice, "a test that converts with LibreOffice is marked @pytest.mark.libreoffice"
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
        proc = subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", str(outdir), str(src)],
            capture_output=True, timeout=180,
        )  # fmt: skip
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert proc.returncode == 0 and out.exists(), proc.stderr.decode("utf-8", "replace")
    return out


# A narrative that quotes nothing and says what the soft rules ask for: with clean_values() a
# report that passes without a single warning.
CLEAN_NARRATIVE = "\n".join(
    [
        "开头段落。",
        "一、总体情况",
        "本年度工作平稳。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "一是解读不够通俗。下一步，我们将加强政策解读。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
)


def guided_narrative() -> str:
    """init's blank 正文.txt (guide lines left in) with one paragraph written under 一、总体情况:
    the least a clerk must write (issue 17: the guide lines alone are no narrative)."""
    from reportgen.narrative.parse import blank_text

    return blank_text().replace("一、总体情况\r\n", "一、总体情况\r\n本年度工作平稳。\r\n", 1)


def clean_values() -> dict[str, int | Decimal]:
    """nonzero_values() without 规章 figures (a district body makes none: rule T2-RULES)."""
    return nonzero_values() | {f"t2_rules_{c}": 0 for c, _ in schema.T2_DOC_COLS}


# --- the clerk's two files, and running the CLI ---------------------------------------------------


@pytest.fixture
def clerk_files(tmp_path: Path):
    """A factory: write a clerk's 统计表.xlsx and 正文.txt into FOLDER (default tmp_path) and return
    (xlsx, txt). By default the report they make passes without a warning (sample_meta(),
    clean_values(), CLEAN_NARRATIVE); `edit(wb)` changes the workbook with openpyxl before it is
    saved again."""

    def write(folder: Path | None = None, *, meta: Meta | None = None, values=None, text: str = CLEAN_NARRATIVE, edit=None):
        folder = tmp_path if folder is None else Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        xlsx = write_workbook(folder / WORKBOOK_NAME, meta or sample_meta(), clean_values() if values is None else values)
        if edit is not None:
            from openpyxl import load_workbook

            wb = load_workbook(xlsx)
            edit(wb)
            wb.save(xlsx)
        txt = folder / NARRATIVE_NAME
        txt.write_text(text, encoding="utf-8")
        return xlsx, txt

    return write


@pytest.fixture
def department(clerk_files):
    """A factory: a county department's folder ROOT/NAME holding its clerk_files, the agency named
    某县NAME unless given; returns the folder."""

    def make(root: Path, name: str, agency: str | None = None, values=None, text: str = CLEAN_NARRATIVE) -> Path:
        xlsx, _ = clerk_files(root / name, meta=sample_meta(agency=agency or f"某县{name}"), values=values, text=text)
        return xlsx.parent

    return make


class CliRun(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Run `reportgen ARGS…` in this process (arguments turned into strings): (exit code, stdout,
    stderr) of what it printed. Whatever the input, the clerk never sees a traceback."""
    from reportgen.cli.commands import main

    def run(*args) -> CliRun:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out
        return CliRun(code, captured.out, captured.err)

    return run


def assert_look_in_styles(docx: Path) -> None:
    """The look is in the styles: every style's fonts name ascii, hAnsi, eastAsia and cs (no theme
    fallback), and runs in the body and footers carry no fonts, colours or spacing of their own;
    only the header's size and character width may be set per report (they depend on the name)."""
    with zipfile.ZipFile(docx) as z:
        styles = z.read("word/styles.xml").decode()
        assert 'w:eastAsia="zh-CN"' in styles
        fonts = re.findall(r"<w:rFonts [^>]*>", styles)
        assert len(fonts) >= 8
        for f in fonts:
            assert re.search(r'w:ascii="[^"]+" w:hAnsi="[^"]+" w:eastAsia="[^"]+" w:cs="[^"]+"', f), f
        assert "Theme" not in styles
        for part in ("word/document.xml", "word/footer1.xml", "word/footer2.xml"):
            root = etree.fromstring(z.read(part))
            runs = list(root.iter(W + "r"))
            assert runs, part
            for r in runs:
                rpr = r.find(W + "rPr")
                allowed = {"rStyle"} | ({"sz", "szCs", "w"} if _in_header(r) else set())
                props = {etree.QName(c).localname for c in rpr} if rpr is not None else set()
                assert props <= allowed, (part, text_of(r), props)


def _in_header(run) -> bool:
    ppr = run.getparent().find(W + "pPr")
    style = ppr.find(W + "pStyle") if ppr is not None else None
    return style is not None and style.get(W + "val") == "GwOrgMark"