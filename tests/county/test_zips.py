"""A zip a department mailed is reviewed like a folder: members named 报告包.zip/公安局.docx, GBK
names from Chinese Windows read right, a zip inside opened, and the attacks refused with a reason."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from reportgen.core import archives, folders

from .reviewer_folders import VALUES, report, unbalanced

ATTACK = "可能是恶意文件，请向报送单位核实，或解压后只给出其中的报告"


def _gbk_names(path: Path, names: list[str]) -> None:
    """The zip's members named as Chinese Windows' zip names them: in GBK, without the UTF-8 flag
    (0x800). Written with ASCII stand-ins of the same byte length (zipfile writes UTF-8 for any other
    name), then the stand-ins' bytes replaced in the local headers and the central directory."""
    raw = path.read_bytes()
    for i, name in enumerate(names):
        stand_in = _stand_in(i, name)
        assert raw.count(stand_in) == 2
        raw = raw.replace(stand_in, name.encode("gbk"))
    path.write_bytes(raw)
    with zipfile.ZipFile(path) as zf:
        assert not any(info.flag_bits & 0x800 for info in zf.infolist())


def _stand_in(i: int, name: str) -> bytes:
    length = len(name.encode("gbk"))
    return (f"{i}" + "~" * length)[:length].encode("ascii")


def _reports(tmp_path: Path) -> dict[str, bytes]:
    made = tmp_path / "made"
    files = {
        "公安局.docx": report(made / "公安局.docx", "某县公安局"),
        "乡镇/甲镇.html": report(made / "乡镇" / "甲镇.html", "某县甲镇人民政府", values=unbalanced()),
        "民政局.docx": report(made / "民政局.docx", "某县民政局"),
    }
    return {name: path.read_bytes() for name, path in files.items()}


def _package(tmp_path: Path) -> Path:
    """报告包.zip (GBK names) holding 公安局.docx, 乡镇/甲镇.html and 补报.zip (UTF-8 names) with 民政局.docx."""
    data = _reports(tmp_path)
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("民政局.docx", data["民政局.docx"])
    path = tmp_path / "审核" / "报告包.zip"
    path.parent.mkdir()
    names = ["公安局.docx", "乡镇/甲镇.html", "补报.zip"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, member) in enumerate(zip(names, (data["公安局.docx"], data["乡镇/甲镇.html"], inner.getvalue()))):
            zf.writestr(_stand_in(i, name).decode("ascii"), member)
        zf.writestr("__MACOSX/._x.docx", b"\x00\x05\x16\x07")
    _gbk_names(path, names)
    return path


def test_a_zip_in_a_folder_is_checked_as_a_folder_with_gbk_names_and_a_zip_inside(tmp_path, cli):
    path = _package(tmp_path)
    report(path.parent / "县政府办.docx", "某县人民政府办公室")
    code, out, _ = cli("check", path.parent)
    assert code == 1
    lines = out.splitlines()
    assert "县政府办.docx 某县人民政府办公室：通过" in lines
    assert "报告包.zip/公安局.docx 某县公安局：通过" in lines
    assert "报告包.zip/乡镇/甲镇.html 某县甲镇人民政府：有错误（2 个错误，0 个提醒）" in lines
    assert "报告包.zip/补报.zip/民政局.docx 某县民政局：通过" in lines
    assert "共 4 份报告：通过 3 份，有警告 0 份，有错误 1 份。" in lines
    # the member's problems name it as its row does, so two members of one name in two zips differ
    problems = lines[lines.index("报告包.zip/乡镇/甲镇.html 某县甲镇人民政府：有错误（2 个错误，0 个提醒）") + 1 :][:2]
    assert all(x.startswith("  错误 [") and "] 报告包.zip/乡镇/甲镇.html " in x for x in problems), problems
    assert "没有检查" not in out and "__MACOSX" not in out


def test_a_zip_given_alone_and_its_batch_summary(tmp_path, cli):
    path = _package(tmp_path)
    code, out, _ = cli("check", path)
    assert code == 1 and "报告包.zip/公安局.docx 某县公安局：通过" in out.splitlines()
    code, out, err = cli("batch", path.parent, "-o", tmp_path / "结果")
    assert code == 1, out + err
    ws = load_workbook(tmp_path / "结果" / "汇总.xlsx")["汇总"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["报告包.zip/补报.zip/民政局.docx"][2:5] == ("某县民政局", "通过", VALUES["t3_new_total"])
    assert rows["合计（没有错误的 2 个部门）"][4] == 2 * VALUES["t3_new_total"]


def test_a_dropped_zip_is_checked(tmp_path):
    from reportgen.cli import drop

    path = _package(tmp_path)
    seven = tmp_path / "审核" / "报告.7z"
    seven.write_bytes(b"7z\xbc\xaf\x27\x1c")
    steps, problems = drop.plan([str(path), str(seven)])
    assert steps == [["check", str(path)]]
    assert [p.message for p in problems] == ["这是 7z 压缩包，本程序只能打开 .zip 压缩包：请解压后再检查，或重新压缩为 .zip"]


def _zip(path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info, data)
    return path


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("公安局.docx")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def test_each_attack_is_refused_whole_with_its_reason_and_nothing_written_outside(tmp_path, cli):
    folder = tmp_path / "审核"
    data = _reports(tmp_path)["公安局.docx"]
    cases = {
        "上溯.zip": ([("公安局.docx", data), ("../../逃出.txt", b"x")],
                   f"压缩包中的 ../../逃出.txt 指向压缩包以外（“../”），没有打开这个压缩包：{ATTACK}"),
        "绝对.zip": ([("/tmp/逃出.docx", data)], f"压缩包中的 /tmp/逃出.docx 是绝对路径，会写到压缩包以外，没有打开这个压缩包：{ATTACK}"),
        "盘符.zip": ([("C:\\Windows\\逃出.docx", data)],
                   f"压缩包中的 C:\\Windows\\逃出.docx 是绝对路径，会写到压缩包以外，没有打开这个压缩包：{ATTACK}"),
        "链接.zip": ([(_symlink(), b"/etc/passwd")], "压缩包中的 公安局.docx 是符号链接，没有打开这个压缩包：请解压后只给出其中的报告"),
        "炸弹.zip": ([("公安局.docx", b"\0" * (20 * 1024 * 1024))],
                   "压缩包中的 公安局.docx 解压后有 20 MB，压缩比 {ratio} 倍，大得异常，没有打开这个压缩包："
                   "可能是恶意文件（压缩炸弹），请向报送单位核实，或解压后只给出其中的报告"),
        "成千.zip": ([(f"{i}.txt", b"") for i in range(1001)],
                   "压缩包中有 1001 个文件，多得异常（最多 1000 个），没有打开：请检查是否选错了文件，或解压后分批检查"),
    }
    for name, (members, _) in cases.items():
        _zip(folder / name, members)
    with zipfile.ZipFile(folder / "炸弹.zip") as zf:  # zlib's ratio, about 1000 times
        ratio = zf.infolist()[0].file_size / zf.infolist()[0].compress_size
    assert ratio > 500
    cases["炸弹.zip"] = (None, cases["炸弹.zip"][1].replace("{ratio}", f"{ratio:.0f}"))
    (folder / "坏的.zip").write_bytes(b"PK\x03\x04 not a zip")
    report(folder / "甲局.docx", "某县甲局")
    code, out, _ = cli("check", folder)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[:2] == ["甲局.docx 某县甲局：通过", "共 1 份报告：通过 1 份，有警告 0 份，有错误 0 份。"]
    assert lines[2] == "另有 7 个文件没有检查："
    for name, (_, why) in cases.items():
        assert f"  {name}：{why}" in lines
    assert "  坏的.zip：压缩包已损坏，或不是 zip 格式，无法打开：请重新压缩，或解压后直接给出其中的报告" in lines
    assert not (tmp_path / "逃出.txt").exists() and not Path("/tmp/逃出.docx").exists()
    code, _, err = cli("check", folder / "上溯.zip")  # given alone: an error, exit 1
    assert code == 1
    assert f"上溯.zip：{cases['上溯.zip'][1]}" in err


def test_a_zip_two_levels_deep_is_named_and_sizes_are_counted_not_trusted(tmp_path):
    innermost = io.BytesIO()
    with zipfile.ZipFile(innermost, "w") as zf:
        zf.writestr("a.docx", b"x")
    middle = io.BytesIO()
    with zipfile.ZipFile(middle, "w") as zf:
        zf.writestr("三层.zip", innermost.getvalue())
    root = tmp_path / "审核"
    _zip(root / "包.zip", [("二层.zip", middle.getvalue())])
    contents = folders.survey(root)
    assert [(contents.name(f.path), f.why) for f in contents.unused] == [
        ("包.zip/二层.zip/三层.zip", "压缩包中的压缩包里又有压缩包，套得太深，没有打开：请解压后再检查"),
    ]
    assert archives.MAX_MEMBER_BYTES < 200 * 1024 * 1024
