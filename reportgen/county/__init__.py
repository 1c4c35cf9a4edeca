"""The county at once: batch over department folders, the reviewer's folder of finished reports, summaries. Imports api and below."""
