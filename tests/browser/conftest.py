"""Browser fixtures: the session's app on a live server, Debian's Chromium, axe checks.

Playwright never downloads a browser here: it drives /usr/bin/chromium (apt package
`chromium`). A machine without it fails these tests loudly instead of skipping them.
"""
from __future__ import annotations

import os
import threading
from functools import cache
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from webapp.extensions import db

CHROMIUM = os.environ.get("TANDEM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_SOURCE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}


class QuietRequestHandler(WSGIRequestHandler):
    """Logs errors but not every request (pytest would show hundreds of lines)."""

    def log_request(self, code="-", size="-") -> None:
        pass


class InFlight:
    """WSGI middleware that counts the requests being served, so a test can wait until
    the browser's last requests are done before its tables are emptied (a request still
    running then met TRUNCATE: deadlocks on PostgreSQL, a user gone mid-sign-in)."""

    def __init__(self, app):
        self._app = app
        self._count = 0
        self._idle = threading.Condition()

    def __call__(self, environ, start_response):
        with self._idle:
            self._count += 1
        try:
            result = self._app(environ, start_response)
            try:
                yield from result
            finally:
                if hasattr(result, "close"):
                    result.close()
        finally:
            with self._idle:
                self._count -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._count == 0, timeout=timeout)


class LiveServer:
    """The test app served over HTTP on 127.0.0.1 from a background thread."""

    def __init__(self, app):
        self.in_flight = InFlight(app)
        self._server = make_server("127.0.0.1", 0, self.in_flight, threaded=True,
                                   request_handler=QuietRequestHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __call__(self, path: str = "/") -> str:
        return self.url + path

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(app):
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _live_server_for_the_test(app, live_server, monkeypatch):
    """Links in mail lead to the live server (restored after the test). After the test
    (its browser context closed first), wait for requests still being served: the
    tables are emptied next."""
    monkeypatch.setitem(app.config, "BASE_URL", live_server.url)
    yield
    assert live_server.in_flight.wait_idle(timeout=30), (
        "The live server was still serving a request 30 s after the test ended")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. The browser tests use Debian's Chromium: "
            "run `apt-get install chromium` (never `playwright install`).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class ConsoleLog:
    """Console errors and failed page scripts seen during one test."""

    def __init__(self):
        self.errors: list[str] = []

    def on_console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def on_page_error(self, error) -> None:
        self.errors.append(f"uncaught: {error}")

    @property
    def csp_violations(self) -> list[str]:
        return [e for e in self.errors if "Content Security Policy" in e]


@pytest.fixture
def console():
    return ConsoleLog()


def _new_context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(5_000)
    return context


def _watched_page(context, console):
    page = context.new_page()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    return page


def _assert_no_csp_violation(console) -> None:
    assert not console.csp_violations, (
        "The page broke the Content-Security-Policy:\n" + "\n".join(console.csp_violations)
    )


@pytest.fixture
def page(browser, live_server, console):
    """A fresh page with its own cookies; the test fails if the page broke the CSP."""
    context = _new_context(browser, live_server)
    yield _watched_page(context, console)
    context.close()
    _assert_no_csp_violation(console)


@pytest.fixture
def phone_page(browser, live_server, console):
    """Like `page`, in a phone's viewport (390x844, touch)."""
    context = _new_context(browser, live_server, viewport=PHONE, is_mobile=True,
                           has_touch=True)
    yield _watched_page(context, console)
    context.close()
    _assert_no_csp_violation(console)


def release_database() -> None:
    """End the test's own transaction: on SQLite it may hold the write lock the live
    server's requests wait for. Call it after using factories, before browsing."""
    db.session.commit()


@cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def assert_accessible(page) -> None:
    """Run axe-core on the page; fail on any serious or critical violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate(), not add_script_tag(): the CSP forbids inline scripts.
        page.evaluate(_axe_source())
    results = page.evaluate("axe.run()")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    report = [
        f"{v['id']} ({v['impact']}): {v['help']}\n    "
        + "\n    ".join(" ".join(map(str, node["target"])) for node in v["nodes"])
        for v in blocking
    ]
    assert not blocking, f"axe found problems on {page.url}:\n" + "\n".join(report)


def sign_in(page, email: str, password: str | None = None) -> None:
    """Sign in through the form and wait until the signed-in page is there (its sign-out
    form: on a phone the button sits in the folded Menu). Whoever is signed in on the
    page signs out first."""
    from playwright.sync_api import expect

    from ..conftest import PASSWORD

    if page.locator("form[action$='/auth/logout']").count():
        sign_out(page)
    page.goto("/auth/login")
    # A CI machine running two suites can take more than the default 5 s to show it.
    page.get_by_label("Email").fill(email, timeout=20_000)
    page.get_by_label("Password", exact=True).fill(password or PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("form[action$='/auth/logout']")).to_be_attached()


def sign_out(page) -> None:
    """Sign out with the page's own button (in the folded Menu on a phone). Not by
    clearing cookies: a response still on its way re-set the old session cookie, and the
    next sign-in page redirected to the old user's home. Signing out ends the session on
    the server, so a late cookie is worthless."""
    from playwright.sync_api import expect

    import time

    page.wait_for_load_state("load")  # the stylesheet decides whether the Menu shows
    # And htmx has settled what it swapped in last (CI once clicked during a swap).
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
    menu, button = page.locator("details.nav-menu"), page.get_by_role("button", name="Sign out")
    give_up = time.monotonic() + 20  # a loaded CI machine can be slow to lay the page out
    while not button.is_visible() and time.monotonic() < give_up:
        if menu.locator("summary").is_visible() and not menu.evaluate("d => d.open"):
            menu.locator("summary").click()
        page.wait_for_timeout(100)
    button.click(timeout=20_000)
    expect(page.get_by_label("Email")).to_be_visible()
