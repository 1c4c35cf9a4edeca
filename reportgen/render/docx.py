"""Render a Report into the template: sandboxed docxtpl, GB/T 9704 touches, atomic deterministic save."""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from reportgen.core import schema
from reportgen.core.model import Block, Report
from reportgen.core.ooxml import PPR_ORDER, RPR_ORDER, child, deterministic_zip, qn
from reportgen.core.problems import InputError, error
from reportgen.render import layout as L
from reportgen.render.styles import DATE_NAME, DOC_NO_NAME, ORG_MARK_NAME, SIGNATURE_NAME


def jinja_env() -> SandboxedEnvironment:
    """Untrusted templates and data: no attribute tricks, escaped text, missing names are errors."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


class _CompilingOnceEnvironment(SandboxedEnvironment):
    """The sandbox, compiling each template source once per process.

    docxtpl hands every part's patched XML to `from_string`; compiling it is half the render time.
    A compiled jinja Template keeps no state between renders, so reusing it changes no output.
    """

    @functools.lru_cache(maxsize=32)  # noqa: B019 - one long-lived instance per process
    def _compiled(self, source: str):
        return super().from_string(source)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - jinja's signature
        if globals is None and template_class is None and isinstance(source, str):
            return self._compiled(source)
        return super().from_string(source, globals, template_class)


@functools.lru_cache(maxsize=1)
def _render_env() -> SandboxedEnvironment:
    return _CompilingOnceEnvironment(autoescape=True, undefined=StrictUndefined)


@functools.lru_cache(maxsize=8)
def _template_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    """The template file, read once per process (keyed on its stat, so an edited file is re-read)."""
    return Path(path).read_bytes()


def _docx_template(template_path: Path):
    from docxtpl import DocxTemplate

    st = template_path.stat()
    return DocxTemplate(io.BytesIO(_template_bytes(str(template_path.resolve()), st.st_mtime_ns, st.st_size)))


def _blocks(blocks: list[Block]) -> list[dict[str, str]]:
    return [{"kind": b.kind, "text": b.text, "head": b.head} for b in blocks]


def context(report: Report) -> dict[str, object]:
    """Plain data only (str, list, dict): nothing in the context leads back to Python objects."""
    meta, stats, narrative = report.meta, report.stats, report.narrative
    ctx: dict[str, object] = {
        "agency": meta.agency,
        "doc_number": meta.doc_number,
        "title": "\n".join(L.balanced_title_lines(report.title, agency=meta.agency)),
        "signature": meta.signature or meta.agency,
        "date": meta.date_text,
        "year": str(meta.year or ""),
        "seal": meta.seal,
        "preprinted": meta.preprinted,
        "opening": _blocks(narrative.opening),
        "sections": {key: _blocks(blocks) for key, blocks in narrative.sections.items()},
    }
    for key in schema.VALUE_KEYS:
        ctx[key] = stats.display(key)
    return ctx


def _text_width(text: str) -> int:
    """Width in twips of 3号 text with -0.25 pt spacing."""
    return round(L.text_width_em(text) * L.CHAR_PITCH)


def signature_indents(signature: str, date: str, seal: bool) -> tuple[int, int]:
    """Right indents (twips) of the 署名 and 成文日期 lines per GB/T 9704 7.3.5."""
    s, d = _text_width(signature), _text_width(date)
    char = L.CHAR_PITCH
    if seal:  # 7.3.5.1: date right-indented 4 characters, the name centred over the date
        date_right = L.SIG_DATE_RIGHT_CHARS_SEAL * char
        sig_right = date_right + (d - s) // 2
        if sig_right < L.SIG_RIGHT_CHARS_NO_SEAL * char:  # a name too long to centre over the date there:
            sig_right = L.SIG_RIGHT_CHARS_NO_SEAL * char  # the longer line 2 characters in, the date centred
            date_right = sig_right + (s - d) // 2  # under it (the seal still covers both)
        return sig_right, date_right
    # 7.3.5.2: name right-indented 2, the date's first character 2 characters right of the name's;
    # when the date is the longer, the date is right-indented 2 and the name moves left to match.
    sig_right = L.SIG_RIGHT_CHARS_NO_SEAL * char
    date_right = sig_right + s - L.SIG_DATE_SHIFT_CHARS * char - d
    if date_right < L.SIG_RIGHT_CHARS_NO_SEAL * char:
        date_right = L.SIG_RIGHT_CHARS_NO_SEAL * char
        sig_right = date_right + d + L.SIG_DATE_SHIFT_CHARS * char - s
    return sig_right, date_right


# Paragraphs the data touches, found by style *name* (editors keep names, not IDs).
ANCHORS = (ORG_MARK_NAME, DOC_NO_NAME, SIGNATURE_NAME, DATE_NAME)


def _ppr(p):
    from lxml import etree

    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    return ppr


def _style_of(p) -> str | None:
    ppr = p.find(qn("w:pPr"))
    ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return ps.get(qn("w:val")) if ps is not None else None


def _set_ind_right(p, twips: int) -> None:
    child(_ppr(p), "ind", PPR_ORDER).set(qn("w:right"), str(twips))


def _set_keep_next(p) -> None:
    child(_ppr(p), "keepNext", PPR_ORDER)


def _set_line(p, twips: int) -> None:
    spacing = child(_ppr(p), "spacing", PPR_ORDER)
    spacing.set(qn("w:line"), str(twips))
    spacing.set(qn("w:lineRule"), "exact")


def _style_ids(document) -> dict[str, str]:
    """Style name -> style ID, for the paragraph styles of the document (python-docx's public styles API)."""
    from docx.enum.style import WD_STYLE_TYPE

    return {s.name: s.style_id for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}


def _style_border(document, style_id: str):
    """The bottom border (w:pBdr) a paragraph style gives, following basedOn; None without one."""
    styles = {s.style_id: s for s in document.styles}
    seen = set()
    while style_id in styles and style_id not in seen:
        seen.add(style_id)
        el = styles[style_id].element
        ppr = el.find(qn("w:pPr"))
        pbdr = ppr.find(qn("w:pBdr")) if ppr is not None else None
        if pbdr is not None and pbdr.find(qn("w:bottom")) is not None:
            return pbdr
        based = el.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return None


def anchor_paragraphs(document) -> dict[str, list]:
    """The paragraphs of each ANCHORS style (found by name), in document order; one pass over the body."""
    ids = _style_ids(document)
    by_id: dict[str, list] = {ids[name]: [] for name in ANCHORS if name in ids}
    for p in document.element.body.iter(qn("w:p")):
        style = _style_of(p)
        if style in by_id:
            by_id[style].append(p)
    return {name: by_id.get(ids.get(name, ""), []) for name in ANCHORS}


def _org_mark(p, report: Report) -> None:
    """The header: full size on one line, condensed, or two balanced lines (layout.org_mark_layout)."""
    from copy import deepcopy

    from lxml import etree

    meta = report.meta
    lines, half_points, scale = L.org_mark_layout(meta.agency)
    runs = p.findall(qn("w:r"))
    template_rpr = runs[0].find(qn("w:rPr")) if runs else None
    for r in runs:
        p.remove(r)
    rpr = deepcopy(template_rpr) if template_rpr is not None else etree.Element(qn("w:rPr"))
    if half_points != L.SZ_ORG_MARK_MAX:
        for tag in ("sz", "szCs"):
            child(rpr, tag, RPR_ORDER).set(qn("w:val"), str(half_points))
        _set_line(p, round(half_points * 10 * L.ORG_MARK_LINE_FACTOR))
    if scale != 100:
        child(rpr, "w", RPR_ORDER).set(qn("w:val"), str(scale))
    for i, line in enumerate(lines):
        r = etree.SubElement(p, qn("w:r"))
        if len(rpr):
            r.append(deepcopy(rpr))
        if i:
            etree.SubElement(r, qn("w:br"))
        t = etree.SubElement(r, qn("w:t"))
        # Pre-printed red-header paper: keep the space, print nothing.
        t.text = "" if meta.preprinted else line


def _finish(document, report: Report, name: str = "") -> None:
    """The touches that depend on the data: header size, the rule, signature indents, page keeping."""
    from copy import deepcopy

    anchors = anchor_paragraphs(document)
    missing = [name for name, found in anchors.items() if not found]
    if missing:
        raise InputError(
            error(
                "TEMPLATE",
                name,
                "",
                "模板中找不到以下样式的段落：" + "、".join(missing)
                + "。程序靠样式名称找到红头、分隔线和落款，请在 Word 中恢复这些样式名称（可从内置模板 templates/report.docx 复制段落）",
            )
        )
    ids = _style_ids(document)
    meta = report.meta
    body = document.element.body
    org_mark, doc_no = anchors[ORG_MARK_NAME][0], anchors[DOC_NO_NAME][0]
    signature, date = anchors[SIGNATURE_NAME][-1], anchors[DATE_NAME][-1]
    _org_mark(org_mark, report)

    own = doc_no.find(qn("w:pPr")).find(qn("w:pBdr")) if doc_no.find(qn("w:pPr")) is not None else None
    border = own if own is not None else _style_border(document, ids[DOC_NO_NAME])
    if border is not None:
        if not meta.doc_number:
            # No 发文字号 (usual for an annual report): the rule goes under the header itself.
            ppr = _ppr(org_mark)
            old = ppr.find(qn("w:pBdr"))
            if old is not None:
                ppr.remove(old)
            child(ppr, "pBdr", PPR_ORDER).append(deepcopy(border.find(qn("w:bottom"))))
            target = ppr.find(qn("w:pBdr"))
            doc_no.getparent().remove(doc_no)
        elif own is None:
            target = child(_ppr(doc_no), "pBdr", PPR_ORDER)
            target.append(deepcopy(border.find(qn("w:bottom"))))
        else:
            target = own
        if meta.preprinted:
            # Pre-printed red-header paper: the same geometry, but no ink (white prints nothing).
            target.find(qn("w:bottom")).set(qn("w:color"), "FFFFFF")
            target.find(qn("w:bottom")).set(qn("w:sz"), "2")
    elif not meta.doc_number:
        doc_no.getparent().remove(doc_no)

    sig_right, date_right = signature_indents(meta.signature or meta.agency, meta.date_text, meta.seal)
    _set_ind_right(signature, sig_right)
    _set_ind_right(date, date_right)
    _set_keep_next(signature)
    # 7.3.5.5: keep the last lines of text on the signature's page.
    top = [p for p in body if p.tag == qn("w:p")]
    if signature in top:
        j = top.index(signature) - 1
        while j >= 0 and not "".join(t.text or "" for t in top[j].iter(qn("w:t"))).strip():
            _set_keep_next(top[j])
            j -= 1
        if j >= 0:
            _set_keep_next(top[j])


def _set_properties(document, report: Report) -> None:
    """Document properties through python-docx: title, the agency as author, the date of the report."""
    date = report.meta.date or dt.date(2000, 1, 1)
    stamp = dt.datetime(date.year, date.month, date.day)
    props = document.core_properties
    props.title = report.title
    props.author = props.last_modified_by = report.meta.agency
    props.revision = 1
    props.language = "zh-CN"
    props.created = props.modified = stamp


# Names an office's own template must use: every value cell, and the parts every report has.
REQUIRED_NAMES = frozenset(schema.VALUE_KEYS) | {"title", "signature", "date", "sections"}


def _template_problem(name: str, exc: Exception) -> InputError:
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    text = str(exc)
    if isinstance(exc, SecurityError) or "__" in text or "unsafe" in text:
        message = "模板中有试图访问程序内部的标记（例如 __class__、__globals__），已拒绝，没有执行任何内容。请删除这些标记"
    elif isinstance(exc, UndefinedError):
        message = f"模板使用了数据中没有的内容（{text}）：请检查模板中的 {{{{ }}}} 标记拼写"
    elif isinstance(exc, TemplateSyntaxError):
        message = f"模板中的 {{{{ }}}} 或 {{% %}} 标记写法有误（{text}）：请检查括号是否成对"
    else:
        message = f"模板无法使用（{type(exc).__name__}）"
    return InputError(error("TEMPLATE", name, "", message))


def _check_template_names(tpl, env, name: str) -> None:
    """An office's own template: report placeholders it lacks and names the data does not have."""
    known = set(REQUIRED_NAMES) | {"agency", "doc_number", "year", "seal", "preprinted", "opening"}
    used = set(tpl.get_undeclared_template_variables(jinja_env=env))
    problems = []
    unknown = sorted(used - known)
    if unknown:
        problems.append(error("TEMPLATE", name, "", f"模板使用了数据中没有的名称：{'、'.join(unknown)}。请改正拼写或删除这些标记"))
    missing = sorted(REQUIRED_NAMES - used, key=lambda n: (n in schema.VALUE_KEYS, n))
    if missing:
        shown = "、".join(missing[:12]) + ("等" if len(missing) > 12 else "")
        problems.append(
            error("TEMPLATE", name, "", f"模板缺少 {len(missing)} 个必需的标记：{shown}。请从内置模板 templates/report.docx 复制相应的表格或段落")
        )
    if problems:
        raise InputError(*problems)


MEMORY_MESSAGE = (
    "模板渲染占用的内存超过上限，已停止，没有生成报告。模板中可能有产生大量内容的循环或表达式"
    "（例如把文字重复几十亿次），请删除或简化后重试"
)


def render_template(report: Report, template_path: Path, check_names: bool = True, fast_tables: bool = False) -> bytes:
    """The report rendered into TEMPLATE_PATH. fast_tables: the built-in template only (tablefill)."""
    from reportgen.render import tablefill

    name = template_path.name
    env = jinja_env()
    ctx = context(report)
    try:
        if fast_tables:
            from docxtpl import DocxTemplate

            st = template_path.stat()
            without_tables, tables = tablefill.split(_template_bytes(str(template_path.resolve()), st.st_mtime_ns, st.st_size))
            tpl = DocxTemplate(io.BytesIO(without_tables))
        else:
            tpl = _docx_template(template_path)
        if check_names:
            _check_template_names(tpl, env, name)
        tpl.render(ctx, jinja_env=_render_env(), autoescape=True)
        if fast_tables:
            tablefill.put_back(tpl.docx.element.body, tables, ctx)
    except InputError:
        raise
    except TemplateError as exc:
        raise _template_problem(name, exc) from None
    except (MemoryError, OverflowError):  # `{{ 'x' * 4000000000 }}`: the template's, not the file's
        raise InputError(error("TEMPLATE", name, "", MEMORY_MESSAGE)) from None
    except Exception as exc:  # not a .docx, a damaged zip, XML errors in the parts
        raise InputError(
            error("TEMPLATE", name, "", f"模板文件不是有效的 Word 文档（{type(exc).__name__}）：请在 Word 中另存为 .docx 后重试")
        ) from None
    _finish(tpl.docx, report, name)
    _set_properties(tpl.docx, report)
    buf = io.BytesIO()
    tpl.save(buf)
    return deterministic_zip(buf.getvalue())
