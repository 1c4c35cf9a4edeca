"""LibreOffice as a tool: which one, its processes (own group, stopped whole, a log file), and office files (.doc, .wps, .rtf, .odt, .docm) converted to .docx for the readers. Imports core only."""
