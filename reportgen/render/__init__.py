"""The document: template builder, table filler, layout numbers, web page, PDF, the template sandbox. Imports core only; never the readers."""
