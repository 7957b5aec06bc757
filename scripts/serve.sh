#!/usr/bin/env bash
# Quick start: install Tandem into .venv, bring the database up to date, fill a demo
# district on the first run, start the background worker (mail, reminders, packets) and
# serve the app on http://127.0.0.1:${PORT:-5000}. Ctrl-C stops both.
#
#   bash scripts/serve.sh            (PORT=8000 bash scripts/serve.sh for another port)
#
# Settings come from TANDEM_* environment variables (TANDEM_DATABASE_URL, ...); without
# them the data lives in instance/ (SQLite) and mail is written to the Outbox page.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port="${PORT:-5000}"

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv (first run) ..."
  python3 -m venv .venv || {
    echo "Could not create .venv. On Debian/Ubuntu: apt-get install python3-venv" >&2
    exit 1
  }
fi
echo "Installing Tandem and its dependencies into .venv ..."
.venv/bin/python -m pip install -qq -e .

flask() { .venv/bin/flask --app webapp "$@"; }

flask db upgrade

accounts=$(.venv/bin/python -c '
from sqlalchemy import func, select
from webapp import create_app
from webapp.extensions import db
from webapp.models import User
with create_app().app_context():
    print(db.session.scalar(select(func.count()).select_from(User)))
')

echo
if [ "$accounts" = 0 ]; then
  # Prints every demo login with its (random) password: keep this output.
  flask demo
else
  echo "The database has $accounts accounts already, so no demo was added."
  echo "If it is the demo: its accounts from the first run still work, with the password"
  echo "that 'flask --app webapp demo' printed then, for example"
  echo "  xavier.moreau@demo.tandem.school   (district administrator)"
  echo "  ursula.grant@demo.tandem.school    (principal)"
  echo "  ana.gomez@demo.tandem.school       (teacher)"
  echo "Forgot it? Sign-in links: .venv/bin/flask --app webapp invite --email EMAIL"
fi
# The background worker: sends mail, reminders (hourly), builds packets. It stops with
# this script; `flask --app webapp worker-status` tells whether one is running.
.venv/bin/flask --app webapp worker --threads 2 &
worker_pid=$!
trap 'kill -INT "$worker_pid" 2>/dev/null; wait "$worker_pid" 2>/dev/null' EXIT

echo
echo "Tandem: http://127.0.0.1:${port}  (Ctrl-C stops it and its worker)"
echo

.venv/bin/flask --app webapp run --host 127.0.0.1 --port "$port"
