"""Start-up cost of our own processes (the command line and the batch workers).

openpyxl imports numpy, when it is installed, only so that numpy scalars may be written as cell
values. reportgen never writes any, and numpy takes longer to import than openpyxl itself (50–100 ms
of a 0.5 s build). In processes we own, openpyxl is imported with numpy hidden; numpy stays
importable for anything else. A program using reportgen as a library is left alone.
"""

from __future__ import annotations

import sys


def import_openpyxl_without_numpy() -> None:
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return  # too late, or numpy is wanted anyway: nothing to save
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` raise ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]
