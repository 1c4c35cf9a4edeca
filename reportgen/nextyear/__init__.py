"""Starting this year's files from last year's (init --from). Imports core, the readers and finished."""
