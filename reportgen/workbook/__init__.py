"""The clerk's statistics workbook: .xlsx/.xls/.et/.ods readers, the writer, sheet aids. Imports core only."""
