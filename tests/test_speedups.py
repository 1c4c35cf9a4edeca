"""The start-up and per-process caches change no output: same inputs, same bytes, cold or warm."""

import subprocess
import sys

import pytest

from reportgen import api

from .conftest import ROOT, SAMPLE_TXT, SAMPLE_XLSX, sample_meta, write_workbook


def test_warm_builds_equal_a_cold_build_byte_for_byte(tmp_path):
    cold = tmp_path / "cold.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "reportgen", "build", str(SAMPLE_XLSX), str(SAMPLE_TXT), "-o", str(cold)],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    warm = [api.build(SAMPLE_XLSX, SAMPLE_TXT, out=tmp_path / f"warm{i}.docx").output for i in range(2)]
    assert warm[0].read_bytes() == warm[1].read_bytes() == cold.read_bytes()


def test_cached_template_does_not_leak_between_reports(tmp_path):
    """The compiled template is shared: a second report must carry its own data only."""
    from .conftest import paragraphs

    a = write_workbook(tmp_path / "a.xlsx", sample_meta(agency="甲县档案馆"))
    b = write_workbook(tmp_path / "b.xlsx", sample_meta(agency="乙县统计局"))
    ra = api.build(a, SAMPLE_TXT, out=tmp_path / "a.docx")
    rb = api.build(b, SAMPLE_TXT, out=tmp_path / "b.docx")
    assert ra.ok and rb.ok
    assert paragraphs(ra.output)[0] == "甲县档案馆" and paragraphs(rb.output)[0] == "乙县统计局"
    assert not any("甲县" in p for p in paragraphs(rb.output))


def test_check_and_build_never_import_openpyxl(tmp_path):
    """Reading is xlsxread's job: openpyxl's import alone costs 60–110 ms of a build."""
    code = (
        "import sys; from reportgen.cli.commands import main;"
        "rc = main(['build', sys.argv[1], sys.argv[2], '-o', sys.argv[3]]);"
        "assert rc == 0 and 'openpyxl' not in sys.modules, sorted(m for m in sys.modules if 'openpyxl' in m)[:3];"
        "print('ok')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(SAMPLE_XLSX), str(SAMPLE_TXT), str(tmp_path / "r.docx")],
        capture_output=True, text=True, cwd=ROOT, encoding="utf-8",
    )  # fmt: skip
    assert proc.stdout.strip().endswith("\nok"), proc.stderr


def test_cli_hides_numpy_and_pillow_from_openpyxl_only():
    pytest.importorskip("numpy")
    pytest.importorskip("PIL")
    code = (
        "import sys; from reportgen.cli.openpyxl_lean import import_openpyxl_without_extras as f; f();"
        "assert 'openpyxl' in sys.modules and 'numpy' not in sys.modules and 'PIL' not in sys.modules;"
        "import numpy, PIL.Image; print('ok')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_a_picture_in_the_workbook_is_dropped_unread(tmp_path):
    """With Pillow hidden, openpyxl skips pictures; the numbers are read as ever."""
    pytest.importorskip("PIL")
    from openpyxl import load_workbook
    from openpyxl.drawing.image import Image
    from PIL import Image as PILImage

    png = tmp_path / "logo.png"
    PILImage.new("RGB", (4, 4), "red").save(png)
    xlsx = write_workbook(tmp_path / "统计表.xlsx")
    wb = load_workbook(xlsx)
    wb["基本信息"].add_image(Image(str(png)), "D2")
    wb.save(xlsx)
    code = (
        "import sys; from reportgen.cli.openpyxl_lean import import_openpyxl_without_extras as f; f();"
        "from reportgen.workbook import reader; m, s, p = reader.read(sys.argv[1]);"
        "print(m.agency, s.values['t2_licensing'], [str(x) for x in p if x.is_error])"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(xlsx)], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() == "某某市某某区人民政府办公室 128 []", proc.stderr


LIBRARY_CLASSES = {"DocxTemplate", "Document", "PackageWriter", "Part", "XmlPart", "DocumentPart"}


def test_product_code_uses_only_public_library_names():
    """No private names (`_x`) of docxtpl, python-docx, openpyxl, lxml, jinja2 or click, and no
    subclass of a document class whose undocumented methods it would override: a version bump of a
    library must not break the product."""
    import ast

    offenders = []
    modules = sorted((ROOT / "reportgen").rglob("*.py"))  # every subpackage, however deep
    assert len(modules) > 40
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # our own modules, under whatever name this file imports them: `_x` of ours is allowed
        own = {"self", "cls"} | {
            a.asname or a.name.split(".")[-1]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportgen")
            for a in node.names
        }
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                if not (isinstance(node.value, ast.Name) and node.value.id in own):
                    offenders.append(f"{where}:{node.lineno} .{node.attr}")
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and not (node.module or "").startswith("reportgen"):
                offenders += [f"{where}:{node.lineno} import {a.name}" for a in node.names if a.name.startswith("_")]
            elif isinstance(node, ast.ClassDef):
                offenders += [f"{where}:{node.lineno} subclass of {ast.unparse(b)}" for b in node.bases if ast.unparse(b).split(".")[-1] in LIBRARY_CLASSES]
    assert offenders == []


def test_render_is_deterministic_and_leaves_no_state(tmp_path):
    from reportgen.render.sandbox import render_bytes

    from .conftest import nonzero_values

    xlsx = write_workbook(tmp_path / "w.xlsx", sample_meta(seal=True, preprinted=True, agency="某县档案馆"), nonzero_values())
    a, _ = api.load(SAMPLE_XLSX, SAMPLE_TXT)
    b, _ = api.load(xlsx, SAMPLE_TXT)
    first = render_bytes(a)
    assert render_bytes(b) != first
    assert render_bytes(a) == first


@pytest.mark.parametrize(
    "changes", [{}, {"seal": True, "preprinted": True, "agency": "某某省某某市某某区人民政府办公室政务公开与政务服务管理中心"}]
)
def test_tables_filled_outside_docxtpl_give_the_same_bytes(tmp_path, changes):
    """The built-in template's fast path (tablefill) equals docxtpl rendering the whole template."""
    from decimal import Decimal

    from reportgen.core.resources import DEFAULT_TEMPLATE
    from reportgen.render.docx import render_template

    from .conftest import nonzero_values

    values = nonzero_values() | {"t2_fees": Decimal("4166.241619")}
    for xlsx in (SAMPLE_XLSX, write_workbook(tmp_path / "w.xlsx", sample_meta(**changes), values)):
        report, problems = api.load(xlsx, SAMPLE_TXT)
        assert not problems
        plain = render_template(report, DEFAULT_TEMPLATE, check_names=False, fast_tables=False)
        assert render_template(report, DEFAULT_TEMPLATE, check_names=False, fast_tables=True) == plain
