"""reportgen: 政府信息公开工作年度报告 from a statistics workbook and a narrative text file."""

from .api import BuildResult, build, check, check_all, load, load_previous

__all__ = ["load", "check", "check_all", "load_previous", "build", "BuildResult"]
__version__ = "0.1.0"
