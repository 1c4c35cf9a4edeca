"""The template's styles: the IDs the builder defines and the display names the renderer looks for.

Shared by the template builder (render.template), the renderer (render.docx) and the tests, so
neither has to import the other for a name.
"""

# Paragraph styles (styleId, display name, pPr, rPr); display names are what an office sees in Word.
BODY = "GwBody"
# The headings are Word's built-in heading styles (styleId HeadingN, name "heading N", shown by
# Chinese Word as 标题 1-4), restyled to the official faces: converters (pandoc, mammoth, docling,
# a CMS's "导入 Word") know headings only by these names; custom styles came out as plain paragraphs.
H1, H2, H3, H4 = "Heading1", "Heading2", "Heading3", "Heading4"
H1_NAME, H2_NAME, H3_NAME, H4_NAME = "heading 1", "heading 2", "heading 3", "heading 4"
ORG_MARK, DOC_NO, TITLE = "GwOrgMark", "GwDocNumber", "GwTitle"
SIGNATURE, DATE = "GwSignature", "GwDate"
TABLE_TEXT, TABLE_HEAD = "GwTableText", "GwTableHead"
TABLE_TEXT_LARGE, TABLE_HEAD_LARGE = "GwTableTextLarge", "GwTableHeadLarge"
FOOTER_ODD, FOOTER_EVEN = "GwFooterOdd", "GwFooterEven"
BLANK = "GwBlank"
KAI_CHAR = "GwKaiChar"
# The display names of the paragraphs the renderer touches. Editors keep style names but may
# renumber style IDs (LibreOffice saves GwOrgMark as Style21), so the renderer finds them by name.
ORG_MARK_NAME, DOC_NO_NAME, TITLE_NAME = "发文机关标志（红头）", "发文字号", "公文标题"
SIGNATURE_NAME, DATE_NAME = "发文机关署名", "成文日期"
