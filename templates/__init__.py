"""The built-in red-header template, installed as the package reportgen.templates.

Offices restyle templates/report.docx (or pass their own with --template); setuptools maps this
folder onto reportgen.templates so that every installation carries the file.
"""
