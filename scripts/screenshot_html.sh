#!/bin/sh
# Build the sample's web page (build --html) and photograph it with headless Chromium: docs/report-html.png.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT
"$PYTHON" -m reportgen build inputs/统计表.xlsx inputs/正文.txt -o "$work/report.docx" --html
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$PWD/docs/report-html.png" --window-size=1000,3440 "file://$work/report.html"
