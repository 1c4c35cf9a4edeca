"""reportgen: 政府信息公开工作年度报告 from a statistics workbook and a narrative text file.

    from reportgen import init, load, check, build
    result = build("统计表.xlsx", "正文.txt", out="报告.docx", html=True)

See reportgen.api for the functions and the README's developer notes for the data flow.
"""

from reportgen.api import (
    BuildResult,
    InitResult,
    build,
    check,
    check_all,
    check_report,
    init,
    load,
    load_previous,
    load_workbook,
)

__all__ = [
    "init",
    "load",
    "check",
    "check_all",
    "check_report",
    "build",
    "load_workbook",
    "load_previous",
    "BuildResult",
    "InitResult",
]
__version__ = "0.1.0"
