"""Package discovery only; everything else is in pyproject.toml.

Every subpackage of reportgen is found (none can be forgotten in a list), and reportgen.templates,
which lives at the top of the checkout (templates/, where offices find the template), is added:
setuptools' declarative `packages.find` cannot add a package mapped from another folder.
"""

from setuptools import find_packages, setup

setup(packages=find_packages(include=["reportgen", "reportgen.*"]) + ["reportgen.templates"])
