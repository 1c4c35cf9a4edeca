"""The command line: click commands, views that print results (text, --json, progress), console, doctor. The only home of click."""
