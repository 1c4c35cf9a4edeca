"""A page saved "网页，全部" (县文旅局.html with 县文旅局_files/) brings its own folder of pictures,
styles and frames: the folder belongs to the page, is never a report nor unchecked files, one line."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from reportgen.core import folders

from .reviewer_folders import report

NOTE = " 的附属文件（图片、样式等），随网页一起，不是报告，没有单独检查"


def _saved_whole(root: Path, stem: str, agency: str, suffix: str, ending: str) -> Path:
    """A page as a browser saves it whole: the page, and beside it its folder holding a frame page,
    styles, scripts and pictures (the frame an html file that is no report)."""
    page = report(root / f"{stem}{suffix}", agency)
    own = root / f"{stem}{ending}"
    (own / "images").mkdir(parents=True)
    (own / "frame.htm").write_text("<html><body><p>网站导航</p></body></html>", encoding="utf-8")
    (own / "style.css").write_text("body{font-family:SimSun}", encoding="utf-8")
    (own / "jquery.min.js").write_text("/*! jQuery */", encoding="utf-8")
    (own / "images" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return page


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "网页报告"
    _saved_whole(root, "县文旅局", "某县文化和旅游局", ".html", "_files")  # IE, Chrome, Edge
    _saved_whole(root, "县民政局", "某县民政局", ".htm", ".files")  # old Office "另存为网页"
    _saved_whole(root / "乡镇", "甲镇", "某县甲镇人民政府", ".html", "_文件")  # a Chinese browser
    return root


def test_survey_takes_each_page_folder_as_the_pages_and_never_looks_inside(tmp_path):
    root = _folder(tmp_path)
    (root / "其他_files").mkdir()  # no page of that name beside it: an ordinary (empty) folder
    contents = folders.survey(root)
    assert [(contents.name(f.path), f.role, f.why) for f in contents.found] == [
        ("县文旅局.html", folders.FINISHED, ""),
        ("县民政局.htm", folders.FINISHED, ""),
        ("乡镇/甲镇.html", folders.FINISHED, ""),
        ("乡镇/甲镇_文件", folders.RESOURCES, "网页 甲镇.html" + NOTE),
        ("县文旅局_files", folders.RESOURCES, "网页 县文旅局.html" + NOTE),
        ("县民政局.files", folders.RESOURCES, "网页 县民政局.htm" + NOTE),
        ("其他_files", folders.UNUSED, "空文件夹"),  # empty folders are named last
    ]


def test_check_lists_one_line_per_page_folder_and_nothing_unchecked(tmp_path, cli):
    """Before: 县文旅局_files/frame.htm was an error NOT-REPORT, exit 1, and each css/js/png was unchecked."""
    code, out, _ = cli("check", _folder(tmp_path))
    assert code == 0, out
    assert out.splitlines() == [
        "县文旅局.html 某县文化和旅游局：通过",
        "县民政局.htm 某县民政局：通过",
        "乡镇/甲镇.html 某县甲镇人民政府：通过",
        "共 3 份报告：通过 3 份，有警告 0 份，有错误 0 份。",
        "乡镇/甲镇_文件/：网页 甲镇.html" + NOTE,
        "县文旅局_files/：网页 县文旅局.html" + NOTE,
        "县民政局.files/：网页 县民政局.htm" + NOTE,
    ]
    assert "没有检查：" not in out and "frame.htm" not in out and "logo.png" not in out


def test_batch_lists_the_page_folder_in_one_row_of_the_file_list(tmp_path, cli):
    root = _folder(tmp_path)
    code, out, err = cli("batch", root, "-o", tmp_path / "结果")
    assert code == 0, out + err
    assert "县文旅局_files/：网页 县文旅局.html" + NOTE in out.splitlines()
    assert "另有" not in out
    listing = list(load_workbook(tmp_path / "结果" / "汇总.xlsx")["文件清单"].iter_rows(min_row=2, values_only=True))
    assert ("县文旅局_files/", "网页 县文旅局.html" + NOTE) in listing
    assert ("县民政局.files/", "网页 县民政局.htm" + NOTE) in listing
    assert not [name for name, _ in listing if name.endswith((".css", ".js", ".png", "frame.htm"))]
    assert len(listing) == 6  # three pages and their three folders
