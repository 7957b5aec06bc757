#!/usr/bin/env bash
# Run the test suite: install Tandem with its test extras into .venv, make sure Debian's
# Chromium is there for the browser tests, run pytest on every core (pytest-xdist).
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

# The browser tests drive Debian's Chromium; Playwright never downloads a browser here.
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "Chromium is missing at $chromium; the browser tests need it." >&2
    echo "Install it with: sudo apt-get install chromium   (not 'playwright install')" >&2
    exit 1
  fi
fi

exec .venv/bin/python -m pytest -n auto "$@"
