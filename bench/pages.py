"""How many SQL statements and how much time every page takes, at demo size and at
district size, against two baseline apps measured in the same run (issue #13).

    .venv/bin/python bench/pages.py [--teachers 2000] [--schools 20] [--partnerships 1000]
        [--requests 15] [--sizes demo,large] [--pages SUBSTRING[,SUBSTRING]] [--seed 13]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/NAME] [--gunicorn]

Each size gets a fresh database (SQLite in a temp dir, or <NAME>_<size> on the
PostgreSQL server of --database-url, created and dropped here), migrated with
flask_migrate: "demo" is webapp.demo.create(), "large" a synthetic district built by
bench/district.py. Every GET rule of the URL map (not static) is opened by every role
(anonymous, teacher, principal, district administrator) on the ids of one program's
featured partnership (Partners in Practice first, then the other programs); a page that
answers 200 (or only ever redirects) is measured; one that writes to the database on
GET is reported, not measured. A page whose response varies on HX-Request is measured
a second time as the HTMX partial. Per page: statements in one request (counted on
db.engine), the median of --requests timed requests through the Flask test client
(signed in by posting to /auth/login; one warm-up first), requests per second, and the
process's CPU per request (time.process_time). The baselines, a bare Flask "hello" app
and a Flask app that renders a ~10 KB Jinja template after one SQLite query, go through
their own test clients, each of their requests timed in turn with each of the page's, so
the ratio compares the same moments of a shared machine. --gunicorn also serves every
page and both baselines under gunicorn with docs/deploy/tandem.service's settings
(3 workers), loaded from 3 loopback clients, with the workers' CPU per request.
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, render_template
from jinja2 import DictLoader
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import district  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402

ROLES = ("anon", "teacher", "principal", "admin")
CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')
WRITES = ("INSERT", "UPDATE", "DELETE")
GOALS_MS = {("main.home", "principal"): 100, ("dashboard.index", "principal"): 100,
            ("dashboard.district", "admin"): 150}
MAX_MS, TEACHER_SHARE = 300, 50
SECRET_KEY = "bench secret key"
# Why a URL parameter has no value, where the bare name does not say it.
MISSING = {
    ("dashboard.deadline_tick", "key"): "no program has a hand-ticked (manual) deadline",
    ("records.built_packet", "token"): "needs the token of a packet a worker has built",
    ("progress.download", "job_id"): "an anonymous visitor has no job",
    ("partnerships.weekly_week", "week"): "no program with weekly reflections",
    ("records.scan", "version_id"): "no filed record",
}
# Why a page answers 404 to everyone here.
NOTES = {
    "progress.download": "the featured jobs are still running: no file yet",
    "records.scan": "no record was filed on paper, so there is no scan",
    "admin.template_preview": "needs the ?token= of a Word template being uploaded",
}


@dataclass
class Measure:
    status: int
    statements: int
    median_ms: float
    per_second: float
    cpu_ms: float
    size_kb: float
    # The baselines' requests/s, their requests timed in turns with the page's.
    baselines: dict = field(default_factory=dict)

    def share(self, baseline: str = "template+query") -> float:
        """The page's throughput as a percentage of a baseline's."""
        return 100 * self.per_second / self.baselines[baseline]


@dataclass
class Found:
    """One size's pages: measures by (endpoint, variant, role), and what was not."""
    pages: dict = field(default_factory=dict)   # key -> (Measure, program model)
    writes: dict = field(default_factory=dict)  # key -> tables written
    errors: dict = field(default_factory=dict)  # key -> url of a 500
    missing: dict = field(default_factory=dict)  # (endpoint, variant) -> reasons
    tried: set = field(default_factory=set)     # every (endpoint, variant)
    replay: dict = field(default_factory=dict)  # key -> (session cookie, url, headers)
    served: dict = field(default_factory=dict)  # key -> (requests/s, worker CPU ms) gunicorn
    paired: dict | None = None                  # the baselines' requests, {name: call}


# --- counting and timing ----------------------------------------------------------------

class Statements:
    """The statements the engine runs during one call."""

    def __init__(self):
        self.seen: list[str] | None = None

    def listen(self, engine) -> None:
        event.listen(engine, "before_cursor_execute", self._add)

    def _add(self, _conn, _cursor, statement, *_args):
        if self.seen is not None:
            self.seen.append(statement)

    def during(self, call):
        self.seen = []
        try:
            return call(), self.seen
        finally:
            self.seen = None


def timed(calls: list, requests: int) -> list[tuple[list[float], list[float]]]:
    """Wall and CPU seconds of each request of each call; the calls take turns, so a
    change in the machine's load touches them alike."""
    times = [([], []) for _ in calls]
    for _ in range(requests):
        for call, (walls, cpus) in zip(calls, times):
            wall, cpu = time.perf_counter(), time.process_time()
            call()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    return times


def measure(client, url: str, headers: dict, requests: int, counter: Statements | None,
            paired: dict | None = None):
    """(Measure, tables written): one warm-up, one counted request, then timed ones,
    each followed by one request of each `paired` baseline ({name: call})."""
    def get():
        return client.get(url, headers=headers)

    get()
    response, statements = counter.during(get) if counter else (get(), [])
    written = sorted({_table(s) for s in statements if s.lstrip().upper().startswith(WRITES)})
    if written:
        return None, written
    paired = paired or {}
    (walls, cpus), *others = timed([get, *paired.values()], requests)
    return Measure(response.status_code, len(statements), statistics.median(walls) * 1000,
                   requests / sum(walls), statistics.median(cpus) * 1000,
                   len(response.data) / 1024,
                   {name: requests / sum(times[0])
                    for name, times in zip(paired, others)}), []


def _table(statement: str) -> str:
    words = statement.replace('"', "").split()
    for n, word in enumerate(words[:-1]):
        if word.upper() in ("INTO", "UPDATE", "FROM"):
            return words[n + 1]
    return words[0]


# --- the baselines ------------------------------------------------------------------------

BASELINE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ title }}</title><link rel="stylesheet" href="/static/app.css"></head><body>
<header><nav>{% for link in links %}<a href="/{{ link }}">{{ link|title }}</a> {% endfor %}
</nav></header><main><h1>{{ title }}</h1>
<p>{{ intro }}</p>
<table><thead><tr><th>Name</th><th>School</th><th>Step</th><th>Due</th><th>Note</th></tr>
</thead><tbody>{% for row in rows %}<tr><td><a href="/p/{{ row[0] }}">{{ row[1] }}</a></td>
<td>{{ row[2] }}</td><td>{{ row[3] }}</td><td>{{ row[4] }}</td><td>{{ row[5] }}</td></tr>
{% endfor %}</tbody></table></main><footer>{{ intro }}</footer></body></html>"""


def hello_app() -> Flask:
    app = Flask("hello")
    app.add_url_rule("/", "hello", lambda: "Hello, World!")
    return app


def baseline_database(folder: Path) -> Path:
    """The template+query baseline's SQLite file: 40 rows of five columns."""
    path = folder / "baseline.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE row (id INTEGER PRIMARY KEY, name, school, step, due, note)")
        con.executemany("INSERT INTO row (name, school, step, due, note) VALUES (?,?,?,?,?)",
                        [(f"Teacher {n} & Partner {n}", "Riverside Elementary", "Cycles",
                          "2026-12-01", district.SENTENCES[n % 7]) for n in range(40)])
    return path


def template_app(path: str) -> Flask:
    """Renders BASELINE_PAGE (about 10 KB) after one query of the SQLite file at `path`,
    a connection per request as in Flask's tutorial."""
    app = Flask("template")
    app.jinja_loader = DictLoader({"page.html": BASELINE_PAGE})

    def page():
        con = sqlite3.connect(path)
        try:
            rows = con.execute("SELECT id, name, school, step, due, note FROM row").fetchall()
        finally:
            con.close()
        return render_template("page.html", title="Partnerships", rows=rows,
                               links=["home", "dashboard", "visits", "calendar", "staff"],
                               intro=" ".join(district.SENTENCES))
    app.add_url_rule("/", "page", page)
    return app


def baselines(apps: dict[str, Flask], requests: int) -> dict[str, Measure]:
    return {name: measure(app.test_client(), "/", {}, requests, None)[0]
            for name, app in apps.items()}


# --- databases and apps -------------------------------------------------------------------

@contextmanager
def database(url: str | None, size: str, folder: Path):
    """A fresh, empty database for one size; dropped afterwards (PostgreSQL)."""
    if not url:
        yield f"sqlite:///{folder / f'{size}.sqlite3'}"
        return
    base = make_url(url)
    name = f"{base.database}_{size}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def run(sql: str) -> None:
        with admin.connect() as conn:
            conn.execute(text(sql))

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def tandem(url: str, folder: Path) -> Flask:
    app = create_app({"TESTING": False, "SECRET_KEY": SECRET_KEY,
                      "INSTANCE_PATH": str(folder), "SQLALCHEMY_DATABASE_URI": url,
                      "BASE_URL": "http://tandem.test"})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    return app


def fill(app: Flask, size: str, args) -> tuple[list[district.Featured], str]:
    """Build the size's district; its featured objects and the password of every user."""
    from webapp import clock, demo
    from webapp.passwords import hash_password

    with app.app_context():
        started = time.perf_counter()
        if size == "demo":
            demo.create(district.PASSWORD)
            made = "the demo district (webapp.demo.create)"
        else:
            counts = district.build(teachers=args.teachers, schools=args.schools,
                                    partnerships=args.partnerships, seed=args.seed,
                                    today=clock.today(),
                                    password_hash=hash_password(district.PASSWORD))
            made = ", ".join(f"{n} {what}" for what, n in counts.items())
        db.session.commit()
        print(f"[{size}] built {made} in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
        return district.featured(clock.today()), made


# --- signing in ---------------------------------------------------------------------------

class Clients:
    """A test client per user, signed in by posting the login form (anon: none)."""

    def __init__(self, app: Flask):
        self.app, self.clients = app, {}

    def of(self, user_id: int | None):
        if user_id not in self.clients:
            self.clients[user_id] = self._signed_in(user_id)
        return self.clients[user_id]

    def _signed_in(self, user_id: int | None):
        client = self.app.test_client()
        if user_id is None:
            return client
        from webapp.models import User

        with self.app.app_context():
            email = db.session.get(User, user_id).email
        token = CSRF.search(client.get("/auth/forgot").get_data(as_text=True)).group(1)
        response = client.post("/auth/login", data={
            "email": email, "password": district.PASSWORD, "csrf_token": token})
        if response.status_code != 302:
            raise SystemExit(f"cannot sign in as {email}: {response.status_code}")
        return client


# --- which pages, opened on what ----------------------------------------------------------

def get_rules(app: Flask, wanted: list[str]):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if "GET" in rule.methods and rule.endpoint != "static" and (
                not wanted or any(w in rule.endpoint or w in rule.rule for w in wanted)):
            yield rule


def variants(rule) -> list[dict]:
    """One set of fixed values per choice of the rule's any(...) parts."""
    choices = {name: sorted(conv.items) for name, conv in rule._converters.items()
               if hasattr(conv, "items") and isinstance(conv.items, set)}
    return [dict(zip(choices, picked)) for picked in itertools.product(*choices.values())]


def viewer_and_overrides(endpoint: str, role: str, feat: district.Featured):
    """Who opens the page, and ids the page needs in place of the featured ones; or why
    nobody can."""
    viewers = {"anon": None, "teacher": feat.teacher_id, "principal": feat.principal_id,
               "admin": feat.admin_id}
    viewer, values = viewers[role], {}
    pair = {"partnerships.invitation": feat.invitation, "partnerships.abandon": feat.unjoined,
            "dashboard.change_match": feat.suggested_id and (feat.suggested_id, None),
            }.get(endpoint, ())
    if pair is None:
        return None, None, "no partnership in that state"
    if pair:
        values["partnership_id"] = pair[0]
        viewer = pair[1] if role == "teacher" and pair[1] else viewer
    return viewer, values, None


def candidates(name: str, endpoint: str, values: dict, feat: district.Featured,
               viewer: int | None) -> list:
    """Values to try for one URL parameter ([]: none in this district)."""
    found = {
        "partnership_id": feat.partnership_id, "visit_id": feat.visit_id,
        "school_id": feat.school_id, "user_id": feat.teacher_id,
        "teacher_id": feat.teacher_id, "program_id": feat.program_id,
        "target_id": feat.target_id, "entry_id": feat.entry_id,
        "job_id": feat.jobs.get(viewer), "year": feat.score_year,
        "version_id": feat.filed[0] if feat.filed else None,
        "code": feat.filed[1] if feat.filed else None,
        "token": feat.tokens.get(endpoint),
        "object_id": feat.visit_id if values.get("which") == "visit" else feat.partnership_id,
    }
    if name == "week":
        return feat.weeks
    if name == "key":
        return feat.deadline_keys
    value = found.get(name)
    return [] if value is None else [value]


def urls(app: Flask, rule, fixed: dict, role: str, feat: district.Featured):
    """(viewer, url) pairs to try for this rule, variant and role; or a reason."""
    viewer, values, reason = viewer_and_overrides(rule.endpoint, role, feat)
    if reason:
        return [], reason
    if role != "anon" and viewer is None:
        return [], f"no {role} here"
    values = {**fixed, **values}
    lists = {}
    for name in sorted(rule.arguments - values.keys()):
        lists[name] = candidates(name, rule.endpoint, values, feat, viewer)[:3]
        if not lists[name]:
            return [], MISSING.get((rule.endpoint, name), f"no {name} for it")
    query = {"q": feat.colleague_query} if rule.endpoint == "partnerships.colleagues" else {}
    made = []
    with app.test_request_context():
        from flask import url_for

        for picked in itertools.product(*lists.values()):
            made.append((viewer, url_for(rule.endpoint, **values,
                                         **dict(zip(lists, picked)), **query)))
    return made, None


def opened(response) -> str:
    """'page', 'redirect' or 'refused' (4xx, or sent to sign in), or 'error'."""
    if response.status_code >= 500:
        return "error"
    if response.status_code in (301, 302, 303, 307, 308):
        return "refused" if "/auth/login" in response.location else "redirect"
    return "page" if response.status_code < 300 else "refused"


# --- measuring one size -------------------------------------------------------------------

def measure_size(app: Flask, featured: list[district.Featured], args, paired) -> Found:
    counter, clients, found = Statements(), Clients(app), Found(paired=paired)
    with app.app_context():
        counter.listen(db.engine)
    for rule in get_rules(app, args.pages):
        for fixed in variants(rule):
            label = ", ".join(f"{v}" for v in fixed.values())
            found.tried.add((rule.endpoint, label))
            pages = {}
            for role in ROLES:
                hit = first_opened(app, rule, fixed, role, featured, clients, found, label)
                if hit:
                    pages[role] = hit
            if any(kind == "page" for kind, *_ in pages.values()):
                pages = {r: hit for r, hit in pages.items() if hit[0] == "page"}
            for role, (_, viewer, url, feat, vary) in pages.items():
                record(found, (rule.endpoint, label, role), clients.of(viewer), url, feat,
                       {}, counter, args.requests)
                if vary:  # the HTMX partial of the same page
                    record(found, (rule.endpoint, f"{label} partial".strip(), role),
                           clients.of(viewer), url, feat, {"HX-Request": "true"}, counter,
                           args.requests)
    return found


def first_opened(app, rule, fixed, role, featured, clients, found, label):
    """The first featured program whose ids open the page for this role:
    (kind, viewer, url, featured, varies on HX-Request), or None."""
    for feat in featured:
        tries, reason = urls(app, rule, fixed, role, feat)
        if reason:
            found.missing.setdefault((rule.endpoint, label), set()).add(reason)
        for viewer, url in tries:
            response = clients.of(viewer).get(url)
            kind = opened(response)
            if kind == "refused":
                found.missing.setdefault((rule.endpoint, label), set()).add(
                    f"{role} gets {response.status_code}")
            if kind == "error":
                found.errors[(rule.endpoint, label, role)] = url
            if kind in ("page", "redirect"):
                vary = "HX-Request" in response.headers.get("Vary", "")
                return kind, viewer, url, feat, vary
    return None


def record(found: Found, key, client, url, feat, headers, counter, requests) -> None:
    print(f"  {key[0]} {key[1]} {key[2]}: {url}", file=sys.stderr)
    result, written = measure(client, url, headers, requests, counter, found.paired)
    if written:
        found.writes[key] = written
    else:
        found.pages[key] = (result, feat.model)
        cookie = client.get_cookie("session")
        found.replay[key] = (cookie.value if cookie else None, url, headers)


# --- under gunicorn (--gunicorn) ----------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = ["--workers", "3", "--timeout", "60", "--access-logfile", "-"]  # tandem.service's


class Served:
    """An app under gunicorn with Tandem's service settings, on a free loopback port."""

    def __init__(self, spec: str, env: dict | None = None):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *GUNICORN, "--bind", f"127.0.0.1:{self.port}",
             spec], cwd=ROOT, env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not self._answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise SystemExit(f"gunicorn did not start: {spec}")
            time.sleep(0.2)
        self._settle(deadline)

    def _settle(self, deadline: float) -> None:
        """Wait until every worker has booted and is idle (they import the app)."""
        used = self.workers_cpu()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.workers_cpu()
            if self.workers == 3 and now - used < 0.05:
                return
            used = now

    def _answers(self) -> bool:
        try:
            self.get("/", {})
            return True
        except OSError:
            return False

    def get(self, path: str, headers: dict) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    def workers_cpu(self) -> float:
        """CPU seconds the master's children (the workers) have used so far."""
        total, self.workers = 0.0, 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
                self.workers += 1
        return total

    def load(self, path: str, headers: dict, requests: int, clients: int = 3):
        """(requests/s, worker CPU ms per request) of `clients` loops at once."""
        for _ in range(clients):
            self.get(path, headers)
        per_client = max(1, requests // clients)
        threads = [threading.Thread(target=lambda: [self.get(path, headers)
                                                    for _ in range(per_client)])
                   for _ in range(clients)]
        cpu, started = self.workers_cpu(), time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed, done = time.perf_counter() - started, per_client * clients
        return done / elapsed, (self.workers_cpu() - cpu) / done * 1000

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def served_baselines(baseline_path: str, requests: int) -> dict[str, tuple]:
    specs = {"hello": "bench.pages:hello_app()",
             "template+query": f"bench.pages:template_app({baseline_path!r})"}
    found = {}
    for name, spec in specs.items():
        served = Served(spec)
        try:
            found[name] = served.load("/", {}, requests)
        finally:
            served.stop()
    return found


def serve_pages(found: Found, url: str, instance: Path, requests: int) -> None:
    """Every measured page again under gunicorn (wsgi:app, settings from TANDEM_*)."""
    served = Served("wsgi:app", {"TANDEM_DATABASE_URL": url, "TANDEM_INSTANCE_PATH":
                                 str(instance), "TANDEM_SECRET_KEY": SECRET_KEY,
                                 "TANDEM_BASE_URL": "http://tandem.test"})
    try:
        for key, (cookie, path, headers) in found.replay.items():
            sent = {**headers, **({"Cookie": f"session={cookie}"} if cookie else {})}
            found.served[key] = served.load(path, sent, requests)
    finally:
        served.stop()


# --- the report ---------------------------------------------------------------------------

def page_name(key) -> str:
    endpoint, label, _role = key
    return f"{endpoint} {label}".strip()


def report(sizes: dict[str, Found], served_base: float | None, built: dict[str, str],
           backend: str) -> None:
    names, last = list(sizes), list(sizes)[-1]
    keys = sorted({k for f in sizes.values() for k in f.pages},
                  key=lambda k: (ROLES.index(k[2]), k[0], k[1]))
    print(f"\nPages on {backend}; " + "; ".join(f"{s}: {b}" for s, b in built.items()))
    print("÷ tq, ÷ hello: a page's requests/s through the test client ÷ the template+query "
          "(or hello) baseline's, their requests timed in turns"
          + (f"; gunicorn ÷ tq: ÷ the baseline's {served_base:.0f} requests/s under "
             "gunicorn" if served_base else "") + ". CPU: the process's per request.\n")
    head = ["page", "role", f"statements {' → '.join(names)}", *[f"ms {s}" for s in names],
            *[f"÷ tq {s}" for s in names], f"÷ hello {names[0]}", f"CPU ms {last}"]
    if served_base:
        head += [*[f"gunicorn ÷ tq {s}" for s in names], f"worker CPU ms {last}"]
    rows = [head + ["KB"]] + [_row(key, sizes, served_base) for key in keys]
    widths = [max(len(str(r[n])) for r in rows) for n in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print(" | ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("-+-".join("-" * w for w in widths))


def _row(key, sizes: dict[str, Found], served_base: float | None) -> list:
    found = [f.pages.get(key, (None, ""))[0] for f in sizes.values()]
    served = [f.served.get(key) for f in sizes.values()]
    model = next(f.pages[key][1] for f in sizes.values() if key in f.pages)
    shown, last = next(m for m in reversed(found) if m), found[-1]
    name = page_name(key)
    if model != "partners-in-practice":
        name += f" [{model}]"
    if shown.status != 200:
        name += f" ({shown.status})"
    row = [name, key[2], " → ".join(str(m.statements) if m else "—" for m in found),
           *[f"{m.median_ms:.1f}" if m else "—" for m in found],
           *[f"{m.share():.0f} %" if m else "—" for m in found],
           f"{found[0].share('hello'):.0f} %" if found[0] else "—",
           f"{last.cpu_ms:.1f}" if last else "—"]
    if served_base:
        row += [*[f"{100 * s[0] / served_base:.0f} %" if s else "—" for s in served],
                f"{served[-1][1]:.1f}" if served[-1] else "—"]
    return row + [f"{shown.size_kb:.0f}"]


def report_skipped(sizes: dict[str, Found]) -> None:
    """Pages written to on GET, pages no role opened (and why), pages that failed."""
    measured = {(k[0], k[1]) for f in sizes.values() for k in f.pages}
    written = {k: v for f in sizes.values() for k, v in f.writes.items()}
    print("\nNot measured:")
    grouped = {}
    for (endpoint, label, role), tables in written.items():
        labels, roles = grouped.setdefault((endpoint, ", ".join(tables)), (set(), set()))
        labels.add(label)
        roles.add(role)
    for (endpoint, tables), (labels, roles) in sorted(grouped.items()):
        shown = f" [{', '.join(sorted(filter(None, labels)))}]" if any(labels) else ""
        print(f"  {endpoint}{shown}: writes to {tables} on GET (as "
              f"{', '.join(r for r in ROLES if r in roles)})")
    reasons = {}
    for found in sizes.values():
        for key, why in found.missing.items():
            reasons.setdefault(key, set()).update(why)
    for key in sorted({k for f in sizes.values() for k in f.tried}
                      - measured - {(k[0], k[1]) for k in written}):
        why = "; ".join([NOTES[key[0]]] if key[0] in NOTES else [])
        why += (" — " if why else "") + "; ".join(sorted(reasons.get(key, ())))
        print(f"  {page_name((*key, '')) }: {why or 'no role opens it'}")
    for found in sizes.values():
        for key, url in sorted(found.errors.items()):
            print(f"  ERROR 500: {page_name(key)} ({key[2]}) at {url}")


def goals(sizes: dict[str, Found], served_base: float | None, backend: str) -> None:
    size = "large" if "large" in sizes else list(sizes)[-1]
    pages = {k: m for k, (m, _) in sizes[size].pages.items()}
    print(f"\nGoals (at the {size} size, {backend}):")
    for (endpoint, role), limit in GOALS_MS.items():
        found = pages.get((endpoint, "", role))
        if found is None:
            print(f"  {endpoint} ({role}) ≤ {limit} ms: not measured")
            continue
        print(f"  {endpoint} ({role}) ≤ {limit} ms: {found.median_ms:.0f} ms — "
              f"{'met' if found.median_ms <= limit else 'NOT MET'}")
    _teacher_share("through the test client",
                   {k: m.share() for k, m in pages.items() if k[2] == "teacher"})
    if served_base:
        _teacher_share("under gunicorn", {k: rate / served_base * 100 for k, (rate, _)
                                          in sizes[size].served.items() if k[2] == "teacher"})
    slow = sorted(((m.median_ms, s, k) for s, f in sizes.items()
                   for k, (m, _) in f.pages.items() if m.median_ms > MAX_MS), reverse=True)
    note = "" if backend == "PostgreSQL" else " (measured on SQLite; the goal is PostgreSQL's)"
    print(f"  no page over {MAX_MS} ms at either size{note}: {len(slow)} over — "
          f"{'met' if not slow else 'NOT MET'}")
    for ms, s, k in slow[:10]:
        print(f"      {page_name(k)} ({k[2]}, {s}): {ms:.0f} ms")


def _teacher_share(how: str, shares: dict) -> None:
    below = sorted((share, k) for k, share in shares.items() if share < TEACHER_SHARE)
    print(f"  teacher pages ≥ {TEACHER_SHARE} % of the template+query baseline's "
          f"throughput ({how}): lowest {min(shares.values(), default=0):.0f} %, "
          f"{len(below)} of {len(shares)} below — "
          f"{'met' if shares and not below else 'NOT MET'}")
    for share, k in below[:6]:
        print(f"      {page_name(k)}: {share:.0f} %")


# --- main ---------------------------------------------------------------------------------

def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teachers", type=int, default=2000)
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--partnerships", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--sizes", default="demo,large")
    parser.add_argument("--pages", default="", help="only endpoints or rules containing "
                                                    "one of these (comma-separated)")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--gunicorn", action="store_true",
                        help="also serve each page under gunicorn (3 workers) and load it "
                             "from 3 loopback clients")
    args = parser.parse_args(argv)
    args.pages = [p for p in args.pages.split(",") if p]
    args.sizes = [s for s in args.sizes.split(",") if s]
    if not set(args.sizes) <= {"demo", "large"}:
        parser.error("--sizes takes demo and/or large")
    return args


def run_size(size: str, folder: Path, args, paired) -> tuple[Found, str]:
    """Build one size's database, measure its pages (and serve them, --gunicorn)."""
    instance = folder / size
    with database(args.database_url, size, folder) as url:
        app = tandem(url, instance)
        featured, built = fill(app, size, args)
        print(f"[{size}] featured: " + "; ".join(
            f"{f.model} partnership {f.partnership_id} at {f.step}" for f in featured),
            file=sys.stderr)
        found = measure_size(app, featured, args, paired)
        if args.gunicorn:
            serve_pages(found, url, instance, max(2 * args.requests, 30))
        with app.app_context():
            db.engine.dispose()
    return found, built


def main(argv=None) -> None:
    args = parse_args(argv)
    backend = "PostgreSQL" if args.database_url else "SQLite"
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as tmp:
        folder = Path(tmp)
        baseline_path = str(baseline_database(folder))
        apps = {"hello": hello_app(), "template+query": template_app(baseline_path)}
        runs = [baselines(apps, max(args.requests, 200))]
        served = [served_baselines(baseline_path, 300)] if args.gunicorn else []
        sizes, built = {}, {}
        clients = {name: app.test_client() for name, app in apps.items()}
        paired = {name: (lambda c=client: c.get("/")) for name, client in clients.items()}
        for size in args.sizes:
            sizes[size], built[size] = run_size(size, folder, args, paired)
        runs.append(baselines(apps, max(args.requests, 200)))
        if args.gunicorn:
            served.append(served_baselines(baseline_path, 300))
    print(f"\nLoad average (1 min) before / after: {load_before:.1f} / "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    served_base = {name: statistics.mean(run[name][0] for run in served) for name in apps
                   } if served else {}
    print("Baselines before / after the pages, requests/s (test client): " + ", ".join(
        f"{n} {runs[0][n].per_second:.0f} / {runs[1][n].per_second:.0f} "
        f"({runs[0][n].size_kb:.1f} KB)" for n in apps))
    if served:
        print("Baselines under gunicorn (3 workers, 3 clients), requests/s and worker CPU "
              "ms per request: " + ", ".join(
                  f"{n} {served[0][n][0]:.0f} / {served[1][n][0]:.0f} "
                  f"({served[0][n][1]:.2f} ms)" for n in apps))
    if served:
        tested = statistics.mean(r["hello"].per_second / r["template+query"].per_second
                                 for r in runs)
        print(f"hello ÷ template+query: {tested:.1f}× through the test client, "
              f"{served_base['hello'] / served_base['template+query']:.1f}× under gunicorn "
              "(near 1: the load loop, not the server, set the baselines' pace there, so "
              "the pages' gunicorn ratios are upper bounds)")
    report(sizes, served_base.get("template+query"), built, backend)
    report_skipped(sizes)
    goals(sizes, served_base.get("template+query"), backend)


if __name__ == "__main__":
    main()
