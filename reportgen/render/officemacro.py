"""A LibreOffice profile of our own holding the Basic macro that converts .docx files to PDF, and our font table.

Why a macro and not `soffice --convert-to pdf`: LibreOffice's Word import ignores w:autoSpaceDE/DN
(its DomainMapper drops them, 7.4 to 25.2), so it keeps its own "spacing between Asian and
non-Asian text" (ParaIsCharacterDistance, about 0.2 character) between digits and Chinese:
"2026 年 1 月" in the signature block, one character off GB/T 9704 7.3.5.2. Word and WPS honour the
document's autoSpace off. The macro opens each .docx, turns that spacing off in every paragraph
style and paragraph, as the document asks, and exports with the PDF filter's options. It changes
only LibreOffice's copy in memory: the clerk's .docx is never touched.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

LIBRARY, MODULE = "Reportgen", "Convert"

# Main(folder, first, last): (numbers passed as strings: a macro URL's numbers hang it) folder/NNNNN.docx -> folder/out/NNNNN.pdf for first..last; a file
# that fails is skipped (no PDF: the caller names it), the others go on; then LibreOffice quits.
_BASIC = """\
Sub Main(folder As String, firstNo As String, lastNo As String)
    Dim i As Long
    For i = CLng(firstNo) To CLng(lastNo)
        ConvertOne(folder & "/" & Format(i, "00000") & ".docx", folder & "/out/" & Format(i, "00000") & ".pdf")
    Next i
    StarDesktop.terminate()
End Sub

Sub ConvertOne(src As String, dst As String)
    Dim doc As Object
    On Error Goto Failed
    Dim load(0) As New com.sun.star.beans.PropertyValue
    load(0).Name = "Hidden" : load(0).Value = True
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, load())
    Dim styles As Object, i As Long
    styles = doc.StyleFamilies.getByName("ParagraphStyles")
    For i = 0 To styles.Count - 1
        styles.getByIndex(i).ParaIsCharacterDistance = False
    Next i
    Dim paras As Object, para As Object
    paras = doc.Text.createEnumeration()
    Do While paras.hasMoreElements()
        para = paras.nextElement()
        If para.supportsService("com.sun.star.text.Paragraph") Then para.ParaIsCharacterDistance = False
    Loop
    Dim fd({last_option}) As New com.sun.star.beans.PropertyValue
{filter_data}
    Dim store(1) As New com.sun.star.beans.PropertyValue
    store(0).Name = "FilterName" : store(0).Value = "writer_pdf_Export"
    store(1).Name = "FilterData" : store(1).Value = fd()
    doc.storeToURL(ConvertToURL(dst), store())
    doc.close(True)
    Exit Sub
Failed:
    If Not IsNull(doc) Then doc.close(True)
End Sub
"""


def _basic_value(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return f"CLng({value})"
    return '"' + value.replace('"', '""') + '"'


def basic_source(filter_data: dict[str, bool | int | str]) -> str:
    """The macro's Basic text, with the PDF export filter's options written in."""
    lines = "\n".join(
        f'    fd({i}).Name = "{name}" : fd({i}).Value = {_basic_value(value)}' for i, (name, value) in enumerate(filter_data.items())
    )
    return _BASIC.replace("{last_option}", str(len(filter_data) - 1)).replace("{filter_data}", lines)


_DOCTYPE = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {root} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "{dtd}">\n'


_SUBSTITUTION = "/org.openoffice.Office.Common/Font/Substitution"


def _prop(name: str, value: bool | str) -> str:
    text = ("true" if value else "false") if isinstance(value, bool) else escape(value)
    return f'<prop oor:name="{name}" oor:op="fuse"><value>{text}</value></prop>'


def registry_items(fonts: dict[str, str]) -> str:
    """registrymodifications.xcu: the profile set up, and the font replacement table (Tools >
    Options > Fonts): each font name in FONTS always replaced by its face, on screen and in the PDF."""
    items = [f'<item oor:path="/org.openoffice.Setup/Office">{_prop("ooSetupInstCompleted", True)}</item>']
    if fonts:
        items.append(f'<item oor:path="{_SUBSTITUTION}">{_prop("Replacement", True)}</item>')
    for i, (name, face) in enumerate(fonts.items()):
        items.append(
            f'<item oor:path="{_SUBSTITUTION}/FontPairs"><node oor:name="_{i}" oor:op="replace">'
            + _prop("Always", True) + _prop("OnScreenOnly", False) + _prop("ReplaceFont", name)
            + _prop("SubstituteFont", face) + "</node></item>"
        )  # fmt: skip
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        + "\n".join(items) + "\n</oor:items>\n"
    )  # fmt: skip


def write_profile(profile: Path, filter_data: dict[str, bool | int | str], fonts: dict[str, str] | None = None) -> str:
    """Make PROFILE a LibreOffice user installation holding the macro and FONTS as its font
    replacement table (official name -> installed face); return its URI for -env:UserInstallation.
    `ooSetupInstCompleted` tells LibreOffice the profile is set up, or its first start would copy
    its presets over user/basic and drop our library."""
    user = profile / "user"
    library = user / "basic" / LIBRARY
    library.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(registry_items(fonts or {}), encoding="utf-8")
    (user / "basic" / "script.xlc").write_text(
        _DOCTYPE.format(root="library:libraries", dtd="libraries.dtd")
        + '<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<library:library library:name="{LIBRARY}" xlink:href="$(USER)/basic/{LIBRARY}/script.xlb/" '
        'xlink:type="simple" library:link="false"/></library:libraries>\n',
        encoding="utf-8",
    )
    (library / "script.xlb").write_text(
        _DOCTYPE.format(root="library:library", dtd="library.dtd")
        + f'<library:library xmlns:library="http://openoffice.org/2000/library" library:name="{LIBRARY}" '
        f'library:readonly="false" library:passwordprotected="false"><library:element library:name="{MODULE}"/>'
        "</library:library>\n",
        encoding="utf-8",
    )
    (library / f"{MODULE}.xba").write_text(
        _DOCTYPE.format(root="script:module", dtd="module.dtd")
        + f'<script:module xmlns:script="http://openoffice.org/2000/script" script:name="{MODULE}" '
        f'script:language="StarBasic">{escape(basic_source(filter_data))}</script:module>\n',
        encoding="utf-8",
    )
    return profile.resolve().as_uri()


def macro_url(folder: Path, first: int, last: int) -> str:
    """The command-line argument that runs the macro over folder's files first..last."""
    path = str(folder.resolve()).replace('"', '""')
    return f'macro:///{LIBRARY}.{MODULE}.Main("{path}","{first}","{last}")'
