"""Render a Report into the template: sandboxed docxtpl, GB/T 9704 touches, atomic deterministic save."""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import re
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from . import layout as L
from . import schema
from .model import Block, Report
from .ooxml import escape, w, zip_parts
from .problems import InputError, error
from .template import DATE, DEFAULT_TEMPLATE, DOC_NO, ORG_MARK, SIGNATURE


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
    """A DocxTemplate whose XML patching (docxtpl's regex clean-up of the tags) runs once per source."""
    from docxtpl import DocxTemplate

    class _Template(DocxTemplate):
        def patch_xml(self, src_xml):
            return _patched_xml(src_xml)

        def map_tree(self, tree):
            self.docx = _with_body(self.docx, tree)

    st = template_path.stat()
    return _Template(io.BytesIO(_template_bytes(str(template_path.resolve()), st.st_mtime_ns, st.st_size)))


_XMLNS = re.compile(r' (?P<name>xmlns(?::[\w.-]+)?)="(?P<uri>[^"]*)"')


def _with_body(document, body):
    """The document with `body` in place of its template body, as docxtpl's map_tree, faster.

    docxtpl does `root.replace(old_body, body)`; lxml then re-homes the removed template body node
    by node, 16 ms of a 50 ms render. Parsing the document text with the new body spliced in gives
    the same XML (same parser settings as the rendered body's, python-docx's element classes).
    """
    from docx.document import Document
    from docx.oxml.parser import element_class_lookup
    from lxml import etree

    part = document.part
    root = part.element
    xml = etree.tostring(root, encoding="unicode")
    start, end = xml.index("<w:body"), xml.rindex("</w:body>") + len("</w:body>")
    body_xml = etree.tostring(body, encoding="unicode")
    # As lxml does when it moves a node: drop the body's namespace declarations the root already makes.
    tag_end = body_xml.index(">")
    declared = {("xmlns" if p is None else f"xmlns:{p}"): uri for p, uri in root.nsmap.items()}
    start_tag = _XMLNS.sub(lambda m: "" if declared.get(m["name"]) == m["uri"] else m[0], body_xml[:tag_end])
    xml = xml[:start] + start_tag + body_xml[tag_end:] + xml[end:]
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    parser.set_element_class_lookup(element_class_lookup)
    part._element = etree.fromstring(xml, parser)
    return Document(part._element, part)


@functools.lru_cache(maxsize=32)
def _patched_xml(src_xml: str) -> str:
    from docxtpl import DocxTemplate

    return DocxTemplate.patch_xml(None, src_xml)  # type: ignore[arg-type] - it does not use self


def _blocks(blocks: list[Block]) -> list[dict[str, str]]:
    return [{"kind": b.kind, "text": b.text, "head": b.head} for b in blocks]


def context(report: Report) -> dict[str, object]:
    """Plain data only (str, list, dict): nothing in the context leads back to Python objects."""
    meta, stats, narrative = report.meta, report.stats, report.narrative
    ctx: dict[str, object] = {
        "agency": meta.agency,
        "doc_number": meta.doc_number,
        "title": "\n".join(L.balanced_title_lines(report.title)),
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
        return max(0, date_right + (d - s) // 2), date_right
    # 7.3.5.2: name right-indented 2, the date's first character 2 characters right of the name's;
    # when the date is the longer, the date is right-indented 2 and the name moves left to match.
    sig_right = L.SIG_RIGHT_CHARS_NO_SEAL * char
    date_right = sig_right + s - L.SIG_DATE_SHIFT_CHARS * char - d
    if date_right < L.SIG_RIGHT_CHARS_NO_SEAL * char:
        date_right = L.SIG_RIGHT_CHARS_NO_SEAL * char
        sig_right = date_right + d + L.SIG_DATE_SHIFT_CHARS * char - s
    return sig_right, date_right


def _style_of(p) -> str | None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        return None
    ps = ppr.find(w("pStyle"))
    return ps.get(w("val")) if ps is not None else None


def _set_ind_right(p, twips: int) -> None:
    from lxml import etree

    ppr = p.find(w("pPr"))
    ind = ppr.find(w("ind"))
    if ind is None:
        ind = etree.SubElement(ppr, w("ind"))
        jc = ppr.find(w("jc"))
        if jc is not None:  # schema order: ind before jc
            jc.addprevious(ind)
    ind.set(w("right"), str(twips))


def _set_keep_next(p) -> None:
    from lxml import etree

    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, w("pPr"))
        p.insert(0, ppr)
    if ppr.find(w("keepNext")) is None:
        kn = etree.Element(w("keepNext"))
        ps = ppr.find(w("pStyle"))
        if ps is not None:
            ps.addnext(kn)
        else:
            ppr.insert(0, kn)


def _set_line(p, twips: int) -> None:
    from lxml import etree

    ppr = p.find(w("pPr"))
    spacing = ppr.find(w("spacing"))
    if spacing is None:
        spacing = etree.SubElement(ppr, w("spacing"))
        for later in ("ind", "jc"):  # schema order: spacing before ind and jc
            el = ppr.find(w(later))
            if el is not None:
                el.addprevious(spacing)
                break
    spacing.set(w("line"), str(twips))
    spacing.set(w("lineRule"), "exact")


def _finish(body, report: Report) -> None:
    """The touches that depend on the data: header size, signature indents, page keeping."""
    from lxml import etree

    meta = report.meta
    paragraphs = body.findall(w("p"))
    org_mark = None
    for i, p in enumerate(paragraphs):
        style = _style_of(p)
        if style == ORG_MARK:
            org_mark = p
            half_points = L.org_mark_size(meta.agency)
            size = str(half_points)
            _set_line(p, round(half_points * 10 * L.ORG_MARK_LINE_FACTOR))
            for r in p.findall(w("r")):
                rpr = r.find(w("rPr"))
                for tag in ("sz", "szCs"):
                    el = rpr.find(w(tag))
                    if el is None:
                        el = etree.SubElement(rpr, w(tag))
                    el.set(w("val"), size)
                if meta.preprinted:  # pre-printed red-header paper: keep the space, print nothing
                    for t in r.findall(w("t")):
                        t.text = ""
        elif style == DOC_NO:
            pbdr = p.find(w("pPr")).find(w("pBdr"))
            if meta.preprinted:
                # Pre-printed red-header paper: the same geometry, but no ink (white prints nothing).
                pbdr.find(w("bottom")).set(w("color"), "FFFFFF")
                pbdr.find(w("bottom")).set(w("sz"), "2")
            if not meta.doc_number and org_mark is not None:
                # No 发文字号 (usual for an annual report): the rule goes under the header itself.
                org_mark.find(w("pPr")).find(w("pStyle")).addnext(pbdr)
                p.getparent().remove(p)
        elif style == SIGNATURE:
            sig_right, date_right = signature_indents(meta.signature or meta.agency, meta.date_text, meta.seal)
            _set_ind_right(p, sig_right)
            if i + 1 < len(paragraphs) and _style_of(paragraphs[i + 1]) == DATE:
                _set_ind_right(paragraphs[i + 1], date_right)
            _set_keep_next(p)
            # 7.3.5.5: keep the last lines of text on the signature's page.
            j = i - 1
            while j >= 0 and not "".join(paragraphs[j].itertext()).strip():
                _set_keep_next(paragraphs[j])
                j -= 1
            if j >= 0:
                _set_keep_next(paragraphs[j])


def _core_xml(report: Report) -> bytes:
    date = report.meta.date or dt.date(2000, 1, 1)
    stamp = f"{date.isoformat()}T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(report.title)}</dc:title><dc:creator>{escape(report.meta.agency)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(report.meta.agency)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        "<dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")


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


def render_bytes(report: Report, template: str | os.PathLike | None = None) -> bytes:
    """The finished .docx as bytes. Raises InputError for a template that cannot be used."""
    template_path = Path(template) if template else DEFAULT_TEMPLATE
    name = template_path.name
    env = jinja_env()
    try:
        tpl = _docx_template(template_path)
        if template is not None:
            _check_template_names(tpl, env, name)
        tpl.render(context(report), jinja_env=_render_env(), autoescape=True)
    except InputError:
        raise
    except TemplateError as exc:
        raise _template_problem(name, exc) from None
    except Exception as exc:  # not a .docx, a damaged zip, XML errors in the parts
        raise InputError(
            error("TEMPLATE", name, "", f"模板文件不是有效的 Word 文档（{type(exc).__name__}）：请在 Word 中另存为 .docx 后重试")
        ) from None
    _finish(tpl.docx.element.body, report)
    parts = _package_parts(tpl.docx)
    parts["docProps/core.xml"] = _core_xml(report)
    return zip_parts(parts)


def _package_parts(document) -> dict[str, bytes]:
    """The parts python-docx would save, by name in its order, unzipped: we zip once, deterministically,
    instead of letting python-docx compress everything only to unpack and compress it again."""
    from docx.opc.pkgwriter import PackageWriter

    class Collect(dict):
        def write(self, pack_uri, blob):
            self[pack_uri.membername] = blob

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    out = Collect()
    PackageWriter._write_content_types_stream(out, package.parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, package.parts)
    return dict(out)


def write_atomic(data: bytes, out: Path) -> None:
    """Write to a temporary file beside `out`, then rename: never a half-written report (see outfile)."""
    from .outfile import write_atomic as write

    write(data, out)
