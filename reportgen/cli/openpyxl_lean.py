"""Start-up cost of our own processes (the command line and the batch workers).

openpyxl imports two optional packages when they are installed: numpy, only so that numpy scalars
may be written as cell values, and Pillow, to decode pictures in a workbook. reportgen writes no
numpy values and needs no pictures (without Pillow, openpyxl drops them unread: one less parser
of untrusted bytes). Together they take longer to import than openpyxl itself (60–110 ms of a
0.4 s build). The commands that write workbooks (init, batch) import openpyxl with both hidden;
they stay importable for anything else. check and build never import openpyxl (see xlsxread.py).
A program using reportgen as a library is left alone.
"""

from __future__ import annotations

import sys

HIDDEN_FROM_OPENPYXL = ("numpy", "PIL")


def import_openpyxl_without_extras() -> None:
    if "openpyxl" in sys.modules:
        return  # too late
    hidden = [name for name in HIDDEN_FROM_OPENPYXL if name not in sys.modules]  # loaded ones cost nothing more
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
