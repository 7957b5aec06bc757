#!/usr/bin/env bash
# Run the test suite: install Tandem with its test extras into .venv, make sure the Debian
# packages the tests use are there (Chromium, poppler-utils, Java and npm for the Nu HTML
# Checker), fetch the checker's vnu.jar into .venv/ once, run pytest on every core
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
# The Nu HTML Checker (tests/test_html_valid.py): npm package vnu-jar, pinned, its jar
# cached outside git in .venv/ (32 MB); it runs on Java.
vnu_version="26.9.27"
vnu_sha256="22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47"
vnu_jar=".venv/vnu-$vnu_version/vnu.jar"

missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v java >/dev/null || missing+=(default-jre-headless)
[ -f "$vnu_jar" ] || command -v npm >/dev/null || missing+=(npm)
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

if [ ! -f "$vnu_jar" ]; then
  echo "Fetching the Nu HTML Checker (npm package vnu-jar@$vnu_version) ..."
  unpack="$(mktemp -d)"
  (cd "$unpack" && npm pack --silent "vnu-jar@$vnu_version" >/dev/null && tar -xzf vnu-jar-*.tgz)
  echo "$vnu_sha256  $unpack/package/build/dist/vnu.jar" | sha256sum --check --quiet || {
    echo "vnu.jar from vnu-jar@$vnu_version does not have the expected SHA-256." >&2
    rm -rf "$unpack"
    exit 1
  }
  mkdir -p "$(dirname "$vnu_jar")"
  mv "$unpack/package/build/dist/vnu.jar" "$vnu_jar"
  rm -rf "$unpack"
fi
export TANDEM_VNU_JAR="$PWD/$vnu_jar"

exec .venv/bin/python -m pytest -n auto "$@"
