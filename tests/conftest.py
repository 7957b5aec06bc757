"""Fixtures: one app per test session (SQLite, or PostgreSQL when
TANDEM_TEST_DATABASE_URL is set), tables emptied between tests, a client per role."""
from __future__ import annotations

import contextvars
import os
import re
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from webapp import create_app
from webapp.extensions import db

from . import factories

PASSWORD = "a long and unguessable test passphrase"
CSRF_PATTERN = re.compile(r'"X-CSRFToken": "([^"]+)"')


def _database_url(tmp_root: Path, worker: str) -> str:
    """A database of this test worker's own (xdist runs workers in parallel)."""
    base = os.environ.get("TANDEM_TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_root / f'tandem-{worker}.sqlite3'}"
    url = make_url(base)
    name = f"{url.database}_{worker}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def app(tmp_path_factory, worker_id):
    root = tmp_path_factory.mktemp("instance")
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test secret key",
        "INSTANCE_PATH": str(root),
        "SQLALCHEMY_DATABASE_URI": _database_url(root, worker_id),
        "BASE_URL": "http://tandem.test",
    })
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(request, app):
    """Each test starts with empty tables, a fresh outbox and default settings."""
    saved = dict(app.config)
    ctx = app.app_context()
    ctx.push()
    yield
    db.session.remove()
    with db.engine.begin() as conn:
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        if conn.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)
                              + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))
    outbox = Path(app.instance_path) / "outbox"
    for message in outbox.glob("*.eml"):
        message.unlink()
    app.config.clear()
    app.config.update(saved)
    ctx.pop()


class Client(FlaskClient):
    """A test client that sends a valid CSRF token with every POST (unless csrf=False).

    Each request runs in a context of its own, as in production: the test's app
    context (and its `g` and database session) is not shared with the request.
    """

    def open(self, *args, **kwargs):
        # End the test's own transaction first: on SQLite it may hold the write lock.
        if has_app_context():
            db.session.commit()
        return contextvars.Context().run(super().open, *args, **kwargs)

    def post(self, *args, csrf: bool = True, **kwargs):
        if csrf:
            data = kwargs.get("data", {})
            if isinstance(data, dict) and "csrf_token" not in data:
                # A copy: never leave this session's token in the caller's dict.
                kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        return super().post(*args, **kwargs)

    def csrf_token(self) -> str:
        page = self.get("/auth/forgot").get_data(as_text=True)
        return CSRF_PATTERN.search(page).group(1)

    def login(self, email: str, password: str = PASSWORD, **extra):
        return self.post("/auth/login", data={"email": email, "password": password, **extra})


@pytest.fixture
def client(app) -> Client:
    app.test_client_class = Client
    return app.test_client()


@pytest.fixture
def district():
    return factories.DistrictFactory()


@pytest.fixture
def school(district):
    return factories.SchoolFactory(district=district, name="Riverside Elementary")


@pytest.fixture
def other_school(district):
    return factories.SchoolFactory(district=district, name="Lakeview Middle School")


@pytest.fixture
def teacher(school):
    return factories.UserFactory(school=school, name="Ana Teacher")


@pytest.fixture
def other_teacher(other_school):
    return factories.UserFactory(school=other_school, name="Omar Elsewhere")


@pytest.fixture
def principal(school):
    return factories.PrincipalFactory(school=school, name="Pat Principal")


@pytest.fixture
def other_principal(other_school):
    return factories.PrincipalFactory(school=other_school, name="Quinn Otherprincipal")


@pytest.fixture
def admin(district):
    return factories.AdminFactory(district=district, name="Dana Admin")


def _signed_in(app, user) -> Client:
    app.test_client_class = Client
    client = app.test_client()
    response = client.login(user.email)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def as_teacher(app, teacher):
    return _signed_in(app, teacher)


@pytest.fixture
def as_principal(app, principal):
    return _signed_in(app, principal)


@pytest.fixture
def as_admin(app, admin):
    return _signed_in(app, admin)


@pytest.fixture
def signed_in(app):
    """Sign in any user: signed_in(user) -> client."""
    return lambda user: _signed_in(app, user)


@pytest.fixture
def program(district):
    return factories.program_for(district)


@pytest.fixture
def partner(school):
    return factories.UserFactory(school=school, name="Ben Partner")


@pytest.fixture
def partnership(program, teacher, partner):
    """A formed pair: teacher started it, partner accepted."""
    return factories.partnership_for(program, teacher, partner)
