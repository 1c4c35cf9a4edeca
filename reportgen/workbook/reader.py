"""Read the clerk's statistics workbook back, with problems naming sheet!cell.

Values are read at the fixed positions the schema gives, and the labels beside them are verified
first, so a shifted row gives an error, never a wrong number.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from reportgen.core import safexml, schema
from reportgen.core.cellvalues import (
    EXAMPLE_YEAR,
    BadValue,
    clean_text,
    example_date,
    excel_date,
    parse_amount,
    parse_count,
    parse_date,
    parse_year,
    parse_yes_no,
)
from reportgen.core.model import Meta, Stats
from reportgen.core.problems import InputError, Problem, error, existing_file
from reportgen.core.text import squash
from reportgen.workbook import xlsx as xlsxread

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024  # a filled workbook is ~30 KB; anything this big is not ours
MAX_SHEET_ROWS = 2000

_HINT_SAVE_AS = "请在 Excel 或 WPS 中打开它，选“另存为”→“Excel 工作簿(*.xlsx)”，再用新文件重试"


def _open(path: Path) -> xlsxread.Book:
    """Open the workbook, turning every way a file can be wrong into one Chinese InputError."""
    from reportgen.core import filekind

    name = path.name
    size = existing_file(path, "统计表文件")
    if size == 0:
        raise InputError(error("FILE", name, "", "文件是空的（0字节），可能没有保存完整。" + _HINT_SAVE_AS))
    if size > MAX_WORKBOOK_BYTES:
        raise InputError(
            error("LIMIT", name, "", f"文件有 {size // (1024 * 1024)} MB，超过统计表的上限 20 MB：请使用 reportgen init 生成的统计表")
        )
    try:
        kind = filekind.identify(path)
    except OSError as exc:
        from reportgen.core.oserrors import describe

        raise InputError(error("FILE", name, "", f"无法读取文件：{describe(exc, reading=True)}")) from None
    if kind.key in (filekind.XLS, filekind.ODS):
        return _open_values_only(path, kind)
    if kind.key != filekind.XLSX:
        raise InputError(error("FILE", name, "", not_a_workbook(kind)))
    _check_zip(path)
    try:
        return xlsxread.load(path)
    except safexml.UnsafeXML:
        raise InputError(
            error("FILE", name, "", "文件中含有不允许的XML声明（可能是恶意构造的文件），已拒绝读取。" + _HINT_SAVE_AS)
        ) from None
    except (zipfile.BadZipFile, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno is not None:  # the disk, not the file
            from reportgen.core.oserrors import describe

            raise InputError(error("FILE", name, "", f"无法读取文件：{describe(exc, reading=True)}")) from None
        raise InputError(error("FILE", name, "", "文件已损坏或不完整，无法打开。" + _HINT_SAVE_AS)) from None
    except Exception:  # a missing part, XML that does not parse
        raise InputError(error("FILE", name, "", "文件已损坏或不完整，无法打开。" + _HINT_SAVE_AS)) from None


_PASSWORD = (
    "工作簿设置了打开密码，无法读取：请先取消密码（Excel：“文件”→“信息”→“保护工作簿”→“用密码进行加密”，清空密码；"
    "WPS：“文件”→“文档加密”），保存后再试"
)


def not_a_workbook(kind) -> str:
    """What the file is instead of a workbook, and what to do."""
    from reportgen.core import filekind as fk

    what = kind.what
    if kind.key == fk.ENCRYPTED:
        return _PASSWORD
    if kind.key == fk.DAMAGED:
        return "文件已损坏或不完整（不是完整的 .xlsx 压缩包）。" + _HINT_SAVE_AS
    if kind.key == fk.XLSX_STRICT:
        return (
            f"这是{what}，无法读取。请在 Excel 中打开它，选“另存为”，保存类型选“Excel 工作簿(*.xlsx)”"
            "（不要选“Strict Open XML 电子表格”），再用新文件重试"
        )
    if kind.key in fk.DOCUMENTS:
        return (
            f"这不是统计表，而是{what}（例如去年的报告或正文）。"
            "这里应给出 reportgen init 生成的统计表（.xlsx）；去年的数字请填入统计表，正文（.txt 或 Word 文档）写在统计表之后"
        )
    if kind.key in (fk.PDF, fk.IMAGE):
        return f"这不是 Excel 工作簿(.xlsx)，而是{what}，其中的表格无法读取。请把数字填入 reportgen init 生成的统计表"
    if kind.key in (fk.TEXT, fk.CSV, fk.HTML, fk.XML2003, fk.XLSB):
        return f"这不是 Excel 工作簿(.xlsx)，而是{what}。" + _HINT_SAVE_AS
    return f"这不是 Excel 工作簿(.xlsx)，而是{what}。请使用 reportgen init 生成的统计表"


def _open_values_only(path: Path, kind) -> xlsxread.Book:
    """.xls / .et / .ods: values only (see valuebook)."""
    from reportgen.core import filekind
    from reportgen.workbook import calamine

    try:
        if kind.key == filekind.ODS:
            safexml.check_package(path)  # the same refusal of DTDs as for .xlsx parts
        return calamine.load(path, ods=kind.key == filekind.ODS)
    except safexml.UnsafeXML:
        raise InputError(
            error("FILE", path.name, "", "文件中含有不允许的XML声明（可能是恶意构造的文件），已拒绝读取。" + _HINT_SAVE_AS)
        ) from None
    except calamine.Encrypted:
        raise InputError(error("FILE", path.name, "", _PASSWORD)) from None
    except Exception:  # the library's own errors for a damaged file
        raise InputError(
            error("FILE", path.name, "", f"文件看起来是{kind.what}，但已损坏或不完整，无法打开。" + _HINT_SAVE_AS)
        ) from None


MAX_PART_BYTES = 8 * 1024 * 1024  # one worksheet of ours is ~20 KB uncompressed
MAX_TOTAL_BYTES = 40 * 1024 * 1024


def _check_zip(path: Path) -> None:
    """Refuse, from the zip directory alone, workbooks far too big to be ours (a million filled
    rows, zip bombs) before any XML is parsed: quick and in bounded memory."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(error("FILE", name, "", "文件已损坏或不完整（不是完整的 .xlsx 压缩包）。" + _HINT_SAVE_AS)) from None
    if "EncryptedPackage" in {i.filename for i in infos}:
        raise InputError(error("FILE", name, "", "工作簿设置了打开密码，无法读取：请在 Excel/WPS 中取消密码后保存再试"))
    biggest = max(infos, key=lambda i: i.file_size, default=None)
    total = sum(i.file_size for i in infos)
    if len(infos) > 500 or total > MAX_TOTAL_BYTES or (biggest is not None and biggest.file_size > MAX_PART_BYTES):
        raise InputError(
            error(
                "LIMIT",
                name,
                "",
                f"工作簿内容过大（解压后约 {total // (1024 * 1024)} MB，最大的部分 {biggest.filename if biggest else ''}），"
                "远超年度报告统计表的规模：可能填入了大量多余的行列。请删除多余内容，或把数字填回 reportgen init 生成的统计表",
            )
        )


def _norm_label(text: object) -> str:
    """A label as compared with the schema's: squashed, without the writer's “（必填）” mark."""
    return squash(clean_text(text)).replace("（必填）", "")


def read(path: str | os.PathLike) -> tuple[Meta, Stats, list[Problem]]:
    """Read a workbook. Raises InputError when the file cannot be used at all."""
    path = Path(path)
    wb = _open(path)
    name = path.name
    problems: list[Problem] = []
    if not wb.sheetnames:
        raise InputError(error("SHEET", name, "", "工作簿中没有可以读取的工作表（可能只有图表）。请使用 reportgen init 生成的统计表"))
    missing = [s for s in (schema.FACTS_SHEET, *(t.sheet for t in schema.TABLES)) if s not in wb.sheetnames]
    for sheet in missing:
        problems.append(
            error(
                "SHEET",
                name,
                sheet,
                f"缺少工作表“{sheet}”（现有：{'、'.join(wb.sheetnames)}）。工作表不能改名或删除，请用 reportgen init 生成的统计表",
            )
        )
    for ws in wb.sheets.values():
        if ws.max_row > MAX_SHEET_ROWS:
            raise InputError(
                error("LIMIT", name, ws.name, f"工作表有 {ws.max_row} 行，远超统计表的行数：请删除多余的行，或使用 reportgen init 生成的统计表")
            )
    meta = _read_meta(wb, name, problems) if schema.FACTS_SHEET in wb.sheetnames else Meta()
    stats = Stats()
    for table in schema.TABLES:
        if table.sheet not in wb.sheetnames:
            continue
        ws = wb[table.sheet]
        if not _labels_ok(ws, table, name, problems):
            continue
        _merges_ok(ws, table, name, problems)
        for cell in table.value_cells():
            key = cell.key
            assert key is not None
            ref = schema.excel_ref(cell)
            where = f"{table.sheet}!{ref}"
            stats.where[key] = where
            raw = ws.value(ref)
            # A formula without a cached value (a file filled by a script): totals we compute anyway.
            if raw is None and key not in schema.TOTAL_BY_KEY:
                formula = ws.formula(ref)
                if formula:
                    problems.append(
                        error("FORMULA", name, where, f"公式 {formula} 没有计算结果。请用 Excel 或 WPS 打开后保存一次再运行，或直接填写数字")
                    )
                    continue
            try:
                if schema.kind_of(key) == schema.AMOUNT:
                    amount, text = parse_amount(raw)
                    stats.values[key] = amount
                    stats.text[key] = text
                    continue
                number = parse_count(raw)
            except BadValue as exc:
                problems.append(error("NUM", name, where, str(exc)))
                continue
            if key in schema.TOTAL_BY_KEY:
                if raw is not None and not (isinstance(raw, str) and not raw.strip()):
                    stats.entered_totals[key] = (number, where)
            else:
                stats.values[key] = number
    stats.values = schema.compute_totals(stats.values)  # type: ignore[arg-type]
    return meta, stats, problems


def _labels_ok(ws, table: schema.Table, name: str, problems: list[Problem]) -> bool:
    for cell in table.cells:
        if cell.is_value:
            continue
        ref = schema.excel_ref(cell)
        found = ws.value(ref)
        if _norm_label(found) != _norm_label(cell.text):
            shown = clean_text(found) or "空白"
            problems.append(
                error(
                    "LAYOUT",
                    name,
                    f"{table.sheet}!{ref}",
                    f"这里应是“{cell.text}”，实际是“{shown}”。表格的行、列或文字被改动过（插入或删除了行列？），"
                    "本表的数字没有读取。请把数字填回 reportgen init 生成的统计表",
                )
            )
            return False
    return True


def _merges_ok(ws, table: schema.Table, name: str, problems: list[Problem]) -> None:
    expected = {
        (c.row + schema.TABLE_FIRST_ROW, c.col + 1, c.rowspan, c.colspan) for c in table.cells if c.rowspan > 1 or c.colspan > 1
    }
    for min_row, min_col, max_row, max_col in ws.merged:
        shape = (min_row, min_col, max_row - min_row + 1, max_col - min_col + 1)
        if shape in expected or min_row < schema.TABLE_FIRST_ROW:
            continue
        coord = f"{schema.column_letter(min_col)}{min_row}:{schema.column_letter(max_col)}{max_row}"
        for cell in table.value_cells():
            r, k = cell.row + schema.TABLE_FIRST_ROW, cell.col + 1
            if min_row <= r <= max_row and min_col <= k <= max_col:
                problems.append(
                    error(
                        "LAYOUT",
                        name,
                        f"{table.sheet}!{coord}",
                        f"单元格 {coord} 被合并，盖住了数字格 {schema.excel_ref(cell)}：请选中它们，点“取消合并单元格”，再分别填写数字",
                    )
                )
                break


def _read_meta(wb, name: str, problems: list[Problem]) -> Meta:
    ws = wb[schema.FACTS_SHEET]
    meta = Meta()
    raw: dict[str, object] = {}
    for fact in schema.FACTS:
        row = schema.fact_row(fact.key)
        label = ws.at(row, 1)
        if label is None and not fact.required and ws.at(row, 2) is None:
            continue  # an older workbook without this optional fact
        if _norm_label(label) != _norm_label(fact.label):
            problems.append(
                error(
                    "LAYOUT",
                    name,
                    f"{schema.FACTS_SHEET}!A{row}",
                    f"这里应是“{fact.label}”，实际是“{clean_text(label) or '空白'}”。请不要在基本信息表中插入或删除行",
                )
            )
            return meta
        raw[fact.key] = ws.at(row, 2)

    where = schema.fact_where
    def required(key: str, what: str) -> bool:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not clean_text(value)):
            problems.append(error("FACT", name, where(key), f"请填写{schema.FACT_BY_KEY[key].label}（{what}）"))
            return False
        return True

    if required("agency", "机关全称，印在红头上"):
        meta.agency = clean_text(raw["agency"])
    meta.signature = clean_text(raw.get("signature")) or meta.agency
    meta.title = clean_text(raw.get("title"))
    meta.doc_number = clean_text(raw.get("doc_number"))
    if required("year", f"例如 {EXAMPLE_YEAR}"):
        try:
            meta.year = parse_year(raw["year"])
        except BadValue as exc:
            problems.append(error("FACT", name, where("year"), str(exc)))
    if required("date", f"例如 {example_date(meta.year)}"):
        try:
            typed = raw["date"]
            if isinstance(typed, (int, float)) and not isinstance(typed, bool) and 30000 <= typed <= 80000:
                typed = excel_date(typed, wb.date1904)  # an Excel date (a serial number in the file)
            meta.date = parse_date(typed, meta.year)
        except BadValue as exc:
            problems.append(error("DATE", name, where("date"), str(exc)))
    for key in ("seal", "preprinted"):
        try:
            setattr(meta, key, parse_yes_no(raw.get(key)))
        except BadValue as exc:
            problems.append(error("FACT", name, where(key), str(exc)))
    kind = clean_text(raw.get("report_kind")) or "部门"
    if kind not in schema.FACT_BY_KEY["report_kind"].choices:
        problems.append(error("FACT", name, where("report_kind"), f"“{kind}”看不懂：请填“部门”或“本级政府”"))
    else:
        meta.report_kind = kind
    level = clean_text(raw.get("level"))
    if level and level not in schema.FACT_BY_KEY["level"].choices:
        choices = "、".join(f"“{c}”" for c in schema.FACT_BY_KEY["level"].choices)
        problems.append(error("FACT", name, where("level"), f"“{level}”看不懂：请填{choices}之一，或不填"))
    else:
        meta.level = level
    return meta
