# reportgen: the two commands of the README are `make run` and `make test`.
# Both create the virtualenv .venv and install the project into it on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test template sample screenshot bench bundle clean

run: $(STAMP)
	mkdir -p output
	$(PY) -m reportgen build inputs/统计表.xlsx inputs/正文.txt -o output/互助土族自治县司法局2025年政府信息公开工作年度报告.docx

test: $(STAMP)
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

# Rebuild templates/report.docx from the schema (a test checks the committed file is current).
template: $(STAMP)
	$(PY) -m reportgen.render.template templates/report.docx

# Rebuild inputs/统计表.xlsx (the sample's statistics) after a schema change.
sample: $(STAMP)
	$(PY) scripts/make_sample_workbook.py

# Photograph the sample's web page (build --html) with headless Chromium: docs/report-html.png.
screenshot: $(STAMP)
	PYTHON=$(PY) scripts/screenshot_html.sh

bench: $(STAMP)
	$(PY) scripts/bench.py

# The one-folder bundle dist/reportgen/ for clerks without Python (PyInstaller, packaging/reportgen.spec);
# builds in its own venv build/bundle-venv. The Windows zip is built the same way by GitHub Actions.
bundle:
	$(PYTHON) packaging/build_bundle.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,ocr]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) output .pytest_cache build dist *.egg-info
