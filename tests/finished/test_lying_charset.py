"""Saved pages whose declared charset lies (issue 25 item 7): GBK bytes under <meta charset="utf-8">
and UTF-8 bytes under charset=gb2312 are read by what the bytes are, and the report passes."""

from __future__ import annotations

import pytest

from .. import finished_corpus as C
from ..county.reviewer_folders import VALUES


@pytest.mark.parametrize("encoding, says", [("gb18030", "utf-8"), ("utf-8", "gb2312"), ("utf-8", "GBK")])
def test_a_page_is_read_by_its_bytes_not_its_declaration(tmp_path, cli, encoding, says):
    page = C.write_html(tmp_path / "年报.html", C.standard_tables(VALUES), agency="某县司法局", encoding=encoding)
    declared = "gb2312" if encoding == "gb18030" else encoding
    page.write_bytes(page.read_bytes().replace(f"charset={declared}".encode("ascii"), f"charset={says}".encode("ascii")))
    assert f"charset={says}".encode("ascii") in page.read_bytes()
    run = cli("check", page)
    assert run.code == 0, run.out + run.err
    assert run.out.splitlines() == ["检查通过，没有发现问题。"]


def test_utf8_bytes_that_are_also_valid_gb18030_are_read_as_utf8():
    """Runs of an even number of CJK characters in UTF-8 are valid GB18030 byte pairs: the
    declaration (gb2312) once won and the page became mojibake."""
    from reportgen.finished.html import decode

    page = '<html><head><meta charset="gb2312"></head><body><p>政府信息公开工作年度报告</p></body></html>'
    assert page.encode("utf-8").decode("gb18030")  # the trap: valid either way
    assert decode(page.encode("utf-8")) == page
    gbk = page.replace("gb2312", "utf-8")
    assert decode(gbk.encode("gb18030")) == gbk  # GBK bytes saying utf-8
