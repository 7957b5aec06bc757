#!/usr/bin/env bash
# Run the test suite: install Tandem with its test extras into .venv, make sure the Debian
# packages the tests use are there (Chromium, poppler-utils), run pytest on every core
# (pytest-xdist).
#
#   bash scripts/test.sh                 everything, on SQLite
#   bash scripts/test.sh tests/browser -x
#   TANDEM_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/tandem_test bash scripts/test.sh
#
# Exits with pytest's exit code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

chromium="${TANDEM_CHROMIUM:-/usr/bin/chromium}"

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv ..."
  python3 -m venv .venv || {
    echo "Could not create .venv. On Debian/Ubuntu: apt-get install python3-venv" >&2
    exit 1
  }
fi
.venv/bin/python -m pip install -qq -e '.[test]'

# Debian packages the suite needs: Chromium for the browser tests (Playwright never
# downloads a browser here), poppler-utils (pdftotext, pdftoppm) to read generated PDFs.
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${missing[*]} for the tests ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "Missing Debian packages: ${missing[*]}; the tests need them." >&2
    echo "Install them with: sudo apt-get install ${missing[*]}   (not 'playwright install')" >&2
    exit 1
  fi
fi

exec .venv/bin/python -m pytest -n auto "$@"
