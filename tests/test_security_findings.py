"""The security findings of issue #8 (points 21-33), one test or more per finding."""
import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.ids import MAX_ID
from webapp.models import AuditEvent

from .conftest import CSRF_PATTERN, PASSWORD

HUGE = str(MAX_ID + 1)
NEW_PASSWORD = "tandem bicycle over the river bridge"


def events(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def _token(response) -> str:
    return CSRF_PATTERN.search(response.get_data(as_text=True)).group(1)


# --- 22: the remember-me cookie is Secure over HTTPS --------------------------------

def test_remember_cookie_is_secure_over_https(client, teacher):
    page = client.get("/auth/login", base_url="https://tandem.test")
    # Flask-WTF checks the Referer of HTTPS posts, as a browser would send it.
    response = client.post("/auth/login", base_url="https://tandem.test", data={
        "email": teacher.email, "password": PASSWORD, "csrf_token": _token(page),
        "remember": "y"}, headers={"Referer": "https://tandem.test/auth/login"})
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    remember = [c for c in cookies if c.startswith("remember_token=")]
    assert remember, cookies
    assert all("; Secure" in c for c in cookies), cookies


# --- 26: long new passwords ----------------------------------------------------------

@pytest.mark.parametrize("length", [73, 100, 256])
def test_long_new_password_is_accepted(as_teacher, length):
    password = ("wandering otters juggle " * 12)[:length - 4] + " 7q!"
    response = as_teacher.post("/auth/password", data={
        "current": PASSWORD, "password": password, "confirm": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def test_too_long_new_password_is_refused_with_a_message(as_teacher):
    password = "wandering otters juggle " * 11  # 264 characters
    response = as_teacher.post("/auth/password", data={
        "current": PASSWORD, "password": password, "confirm": password})
    assert response.status_code == 200
    assert "Use at most 256 characters." in response.get_data(as_text=True)


# --- 29: ids too large for the database ----------------------------------------------

def test_every_int_route_answers_404_for_a_huge_id(app, as_admin):
    checked = 0
    for rule in app.url_map.iter_rules():
        if not any(type(c).__name__ == "BoundedIntConverter" for c in rule._converters.values()):
            continue
        values = {}
        for name, converter in rule._converters.items():
            if type(converter).__name__ == "BoundedIntConverter":
                values[name] = HUGE
            elif hasattr(converter, "items"):  # any(...): its first choice
                values[name] = sorted(converter.items)[0]
            else:
                values[name] = "x"
        path = _fill(rule.rule, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = as_admin.open(path, method=method)
            assert response.status_code == 404, (method, path, response.status_code)
            checked += 1
    assert checked > 20


def _fill(template: str, values: dict) -> str:
    import re

    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: values[m.group(1)], template)


def test_huge_ids_in_query_strings_and_forms(as_admin, as_teacher, partnership):
    assert as_admin.get(f"/admin/staff?school={HUGE}").status_code == 200
    assert as_admin.get(f"/dashboard/?school={HUGE}").status_code == 302
    assert as_admin.get(f"/admin/audit?page={HUGE}").status_code == 200
    response = as_teacher.post(f"/partnerships/{partnership.id}/invitations",
                               data={"user_id": HUGE})
    assert response.status_code in (302, 200)


# --- 30: "send it again" needs an exact same-origin Origin/Referer ------------------

def test_expired_form_from_a_lookalike_origin_is_not_offered_again(as_admin):
    for origin in ("http://localhost.evil.example", "http://localhost:8080"):
        response = as_admin.post("/admin/schools", data={"name": "Lookalike School"},
                                 csrf=False, headers={"Origin": origin})
        assert response.status_code == 400
        assert "Lookalike School" not in response.get_data(as_text=True), origin


def test_expired_form_from_our_own_origin_is_offered_again(as_admin):
    response = as_admin.post("/admin/schools", data={"name": "Our Own School"}, csrf=False,
                             headers={"Referer": "http://localhost/admin/schools"})
    assert response.status_code == 400
    assert "Our Own School" in response.get_data(as_text=True)


# --- 21: links in mail never come from an unchecked Host / X-Forwarded-Host ---------

def _reset_link_after_request(client, teacher, **kwargs) -> str:
    from webapp import mail

    response = client.post("/auth/forgot", data={"email": teacher.email}, **kwargs)
    assert response.status_code == 302
    [message] = mail.read_outbox()
    return next(line for line in message.body.splitlines() if "/auth/set-password/" in line)


@pytest.fixture
def no_base_url(app):
    app.config["BASE_URL"] = None
    app.config["WTF_CSRF_ENABLED"] = False  # the client's token belongs to localhost


def test_reset_link_ignores_a_poisoned_host_header(app, client, teacher, no_base_url, caplog):
    link = _reset_link_after_request(client, teacher, headers={"Host": "evil.example"})
    assert link.startswith("http://localhost:5000/auth/set-password/")
    assert "evil.example" not in link
    assert "TANDEM_BASE_URL" in caplog.text


def test_reset_link_ignores_forwarded_host_behind_a_proxy(app, client, teacher, no_base_url,
                                                          monkeypatch):
    from werkzeug.middleware.proxy_fix import ProxyFix

    app.config["TRUSTED_PROXIES"] = 1
    monkeypatch.setattr(app, "wsgi_app", ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1))
    link = _reset_link_after_request(client, teacher, headers={
        "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"})
    assert "evil.example" not in link


def test_trusted_hosts_give_links_to_the_request_host_and_refuse_others(app, client, teacher,
                                                                       no_base_url):
    app.config["TRUSTED_HOSTS"] = ["tandem.example.org", "localhost"]
    link = _reset_link_after_request(client, teacher, headers={"Host": "tandem.example.org"})
    assert link.startswith("http://tandem.example.org/auth/set-password/")
    refused = client.post("/auth/forgot", data={"email": teacher.email},
                          headers={"Host": "evil.example"})
    assert refused.status_code == 400


def test_trusted_hosts_setting_is_read_from_the_environment(monkeypatch, tmp_path):
    from webapp import create_app

    monkeypatch.setenv("TANDEM_TRUSTED_HOSTS", "tandem.example.org, .district.example")
    monkeypatch.setenv("TANDEM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("TANDEM_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    fresh = create_app()
    assert fresh.config["TRUSTED_HOSTS"] == ["tandem.example.org", ".district.example"]


# --- 23: the password check holds no write transaction ------------------------------

def test_password_check_runs_outside_any_write_transaction(app, client, teacher, monkeypatch):
    import sqlite3

    from webapp.auth import signin

    checks = []
    real_verify = signin.verify_password

    def watched_verify(password_hash, password):
        wrote = None
        if db.engine.dialect.name == "sqlite":
            # Another process saving meanwhile must not wait for this check.
            other = sqlite3.connect(db.engine.url.database, timeout=0.2)
            try:
                other.execute("UPDATE district SET name = name")
                other.commit()
                wrote = True
            except sqlite3.OperationalError:
                wrote = False
            finally:
                other.close()
        checks.append((db.session().in_transaction(), wrote))
        return real_verify(password_hash, password)

    monkeypatch.setattr(signin, "verify_password", watched_verify)
    assert client.login(teacher.email, "not the right password").status_code == 200
    assert client.login(teacher.email).status_code == 302
    assert len(checks) == 2
    for in_transaction, wrote in checks:
        assert not in_transaction
        assert wrote in (True, None)


# --- 24: a locked-out owner gets back in -----------------------------------------------

def _guess(app, email, times):
    attacker = app.test_client()
    for _ in range(times):
        attacker.login(email, "a wrong guess of a password")
    return attacker


def test_owner_with_device_cookie_signs_in_while_the_account_is_locked(app, client, teacher):
    assert client.login(teacher.email).status_code == 302  # earlier on this browser
    client.post("/auth/logout")
    _guess(app, teacher.email, 5)
    assert "Too many failed sign-ins" in app.test_client().login(teacher.email).get_data(
        as_text=True)  # a browser without the cookie is refused
    assert client.login(teacher.email).status_code == 302


def test_owner_with_device_cookie_signs_in_behind_a_busy_school_address(app, client, teacher):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 4
    assert client.login(teacher.email).status_code == 302
    client.post("/auth/logout")
    for n in range(4):  # everyone at the school shares 127.0.0.1 here
        app.test_client().login(f"someone{n}@example.org", "a wrong guess of a password")
    assert client.login(teacher.email).status_code == 302


def test_device_cookie_is_throttled_on_its_own(app, client, teacher):
    assert client.login(teacher.email).status_code == 302
    client.post("/auth/logout")
    for _ in range(5):
        client.login(teacher.email, "a wrong guess of a password")
    assert "Too many failed sign-ins" in client.login(teacher.email).get_data(as_text=True)


def test_device_cookie_of_another_account_or_forged_does_not_help(app, client, teacher,
                                                                 partner):
    from webapp import devices

    assert client.login(partner.email).status_code == 302
    client.post("/auth/logout")
    _guess(app, teacher.email, 5)
    assert client.login(teacher.email).status_code == 200  # partner's cookie: refused
    forged = app.test_client()
    forged.set_cookie(devices.COOKIE, "eyJlbWFpbCI6ImEifQ.forged", path="/auth/")
    assert forged.login(teacher.email).status_code == 200


def test_locked_account_gets_its_reset_mail_and_a_new_password_unlocks(app, client, teacher):
    from webapp import mail

    _guess(app, teacher.email, 5)
    client.post("/auth/forgot", data={"email": teacher.email})
    [message] = mail.read_outbox()
    link = next(line for line in message.body.splitlines() if "/auth/set-password/" in line)
    assert client.post(link.replace("http://tandem.test", ""), data={
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    assert client.login(teacher.email, NEW_PASSWORD).status_code == 302


# --- 27: the reset page does the same work for known and unknown emails -----------------

def test_reset_request_does_the_same_work_for_known_and_unknown_emails(client, teacher,
                                                                      monkeypatch):
    import secrets

    from webapp.auth import accounts

    calls = []
    for owner, name in ((secrets, "token_urlsafe"), (accounts, "_digest"),
                        (accounts, "set_password_link")):
        real = getattr(owner, name)
        monkeypatch.setattr(owner, name, lambda *a, _real=real, _name=name, **k: (
            calls.append(_name), _real(*a, **k))[1])

    def work_for(email):
        calls.clear()
        assert client.post("/auth/forgot", data={"email": email}).status_code == 302
        return sorted(calls)

    known, unknown = work_for(teacher.email), work_for("ghost@example.org")
    assert known == unknown
    assert "set_password_link" in known and "_digest" in known


# --- 28: the current password on the password page is throttled and audited -----------

def test_current_password_check_is_throttled_and_audited(as_teacher):
    for _ in range(5):
        page = as_teacher.post("/auth/password", data={
            "current": "not my password at all", "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD}).get_data(as_text=True)
        assert "This is not your current password." in page
    assert len(events("password_change_failed")) == 5
    page = as_teacher.post("/auth/password", data={
        "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert page.status_code == 200
    assert "Too many wrong passwords" in page.get_data(as_text=True)
    assert events("password_change_throttled")



# --- 31: a burst of parallel guesses checks no more passwords than the limit ----------

def _parallel_guesses(app, email, monkeypatch, guesses=10) -> int:
    import threading
    import time

    from webapp.auth import signin

    checked = []
    real_verify = signin.verify_password

    def slow_verify(password_hash, password):
        checked.append(1)
        time.sleep(0.2)  # widen the window between counting and recording
        return real_verify(password_hash, password)

    monkeypatch.setattr(signin, "verify_password", slow_verify)
    clients = [app.test_client() for _ in range(guesses)]
    tokens = [c.csrf_token() for c in clients]
    start = threading.Barrier(guesses)

    def guess(c, token):
        start.wait()
        c.post("/auth/login", data={"email": email, "password": "wrong guess of a password",
                                    "csrf_token": token})

    threads = [threading.Thread(target=guess, args=pair) for pair in zip(clients, tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(checked)


def test_parallel_failed_sign_ins_check_at_most_the_limit(app, client, teacher, monkeypatch):
    db.session.commit()
    assert _parallel_guesses(app, teacher.email, monkeypatch) == 5
    assert len(events("sign_in_failed")) == 5


def test_parallel_failed_sign_ins_with_redis_check_at_most_the_limit(app, client, school,
                                                                   monkeypatch):
    import uuid

    from . import factories

    import redis

    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    app.extensions.pop("tandem_redis", None)
    # Earlier runs' failures from this test address would count against it.
    redis.Redis.from_url(app.config["REDIS_URL"]).delete("tandem:login-failures:address:127.0.0.1")
    user = factories.UserFactory(school=school, email=f"burst-{uuid.uuid4().hex}@example.org")
    try:
        assert _parallel_guesses(app, user.email, monkeypatch) == 5
    finally:
        app.extensions.pop("tandem_redis", None)


# --- 25: roster preview: no write lock while parsing, oversize files refused -----------

ROSTER_HEADER = "name,email,school,role\n"


def _upload_roster(client, text):
    import io

    return client.post("/admin/roster", data={"roster": (io.BytesIO(text.encode()), "r.csv")},
                       content_type="multipart/form-data")


def _roster(school, rows):
    return ROSTER_HEADER + "".join(
        f"Teacher {n},teacher{n}@example.org,{school.name},teacher\n" for n in range(rows))


def test_roster_preview_parses_without_the_write_lock(as_admin, school, monkeypatch):
    import sqlite3

    from webapp.admin import roster

    if db.engine.dialect.name != "sqlite":
        pytest.skip("only SQLite has a database-wide write lock")
    writes = []
    real_check = roster._check_row

    def check_while_someone_saves(*args):
        if not writes:
            other = sqlite3.connect(db.engine.url.database, timeout=0.2)
            try:
                other.execute("UPDATE district SET name = name")
                other.commit()
                writes.append(True)
            except sqlite3.OperationalError:
                writes.append(False)
            finally:
                other.close()
        return real_check(*args)

    monkeypatch.setattr(roster, "_check_row", check_while_someone_saves)
    response = _upload_roster(as_admin, _roster(school, 3))
    assert response.status_code == 200 and "Teacher 2" in response.get_data(as_text=True)
    assert writes == [True]


def test_roster_with_a_huge_cell_is_refused_at_the_file_field(as_admin, school):
    text = ROSTER_HEADER + f'"{"x" * 200_000}",big@example.org,{school.name},teacher\n'
    response = _upload_roster(as_admin, text)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Line 2 cannot be read" in page


def test_roster_with_too_many_rows_is_refused_at_the_file_field(as_admin, school,
                                                                monkeypatch):
    from webapp.admin import roster

    assert roster.MAX_ROWS == 20_000
    monkeypatch.setattr(roster, "MAX_ROWS", 50)
    page = _upload_roster(as_admin, _roster(school, 51)).get_data(as_text=True)
    assert "The file has more than 50 rows." in page
    assert "Teacher 1" not in page
    assert "Teacher 1" in _upload_roster(as_admin, _roster(school, 50)).get_data(as_text=True)


# --- 33: database unavailable: the app's message, 503, for HTMX and full pages ---------

def _database_down(*args, **kwargs):
    from sqlalchemy.exc import OperationalError

    raise OperationalError("SELECT 1", {}, Exception("connection refused"))


def test_htmx_request_while_the_database_is_down_gets_the_message(app, as_teacher,
                                                                   monkeypatch):
    monkeypatch.setitem(app.view_functions, "main.home", _database_down)
    response = as_teacher.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "data-message" in page and "try again in a minute" in page
    assert "<html" not in page and "connection refused" not in page


def test_full_page_while_the_database_is_down_gets_the_message(app, client, monkeypatch):
    monkeypatch.setitem(app.view_functions, "auth.forgot_password", _database_down)
    response = client.get("/auth/forgot")
    assert response.status_code == 503
    assert "Tandem cannot reach its database" in response.get_data(as_text=True)


# --- 32: audit log and outbox scoped to the reader's district ---------------------------

@pytest.fixture
def other_district_admin():
    from . import factories

    other = factories.DistrictFactory(name="Far Away Division")
    return factories.AdminFactory(district=other, name="Zed Faraway")


def test_audit_events_carry_the_district(client, teacher, admin, other_district_admin):
    client.login(teacher.email, "a wrong guess of a password")  # anonymous, known account
    client.login("nobody@example.org", "a wrong guess of a password")
    client.login(teacher.email)
    by_subject = {(e.action, e.subject): e.district_id for e in db.session.scalars(
        select(AuditEvent))}
    assert by_subject[("sign_in_failed", teacher.email)] == teacher.district_id
    assert by_subject[("sign_in", teacher.email)] == teacher.district_id
    assert by_subject[("sign_in_failed", "nobody@example.org")] is None


def test_audit_page_shows_only_the_readers_district(app, signed_in, teacher, admin,
                                                    other_district_admin):
    app.test_client().login(teacher.email, "a wrong guess of a password")
    app.test_client().login(other_district_admin.email, "a wrong guess of a password")
    ours = signed_in(admin).get("/admin/audit?action=sign_in_failed").get_data(as_text=True)
    theirs = signed_in(other_district_admin).get(
        "/admin/audit?action=sign_in_failed").get_data(as_text=True)
    assert teacher.email in ours and other_district_admin.email not in ours
    assert other_district_admin.email in theirs and teacher.email not in theirs


def test_outbox_shows_only_the_readers_district_and_hides_admin_links(
        app, signed_in, admin, teacher, other_district_admin):
    from . import factories

    colleague = factories.AdminFactory(district=admin.district, name="Cora Coadmin")
    for person in (teacher, colleague, other_district_admin, admin):
        app.test_client().post("/auth/forgot", data={"email": person.email})
    page = signed_in(admin).get("/admin/outbox").get_data(as_text=True)
    assert teacher.email in page and colleague.email in page
    assert other_district_admin.email not in page
    # Teachers' links are passed on by the administrator; a colleague's is not theirs.
    assert page.count("/auth/set-password/") == 2  # the teacher's and their own
    assert "link hidden — ask them to request a new one" in page


def test_own_link_is_hidden_in_the_outbox_once_used(app, client, signed_in, admin):
    from webapp import mail

    client.post("/auth/forgot", data={"email": admin.email})
    [message] = mail.read_outbox()
    link = next(line for line in message.body.splitlines() if "/auth/set-password/" in line)
    client.post(link.replace("http://tandem.test", ""),
                data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    reader = app.test_client()
    assert reader.login(admin.email, NEW_PASSWORD).status_code == 302
    page = reader.get("/admin/outbox").get_data(as_text=True)
    assert "/auth/set-password/" not in page
    assert "link used or expired" in page


# --- 33: a built packet re-checks access and content at download -----------------------

def test_built_packet_is_not_downloadable_after_sharing_is_turned_off(as_principal, teacher,
                                                                      partnership):
    import re

    from webapp.models import CycleEntry

    partnership.objective = "Shared objective"
    partnership.share_cycles_with_principal = True
    partnership.cycles.append(CycleEntry(author=teacher, met_on=partnership.program.start_date,
                                         reflected="Shared for now", version=1))
    db.session.commit()
    component = as_principal.post(f"/records/partnerships/{partnership.id}/packet",
                                  headers={"HX-Request": "true"}).get_data(as_text=True)
    link = re.search(r'href="(/records/packets/[^"]+)"', component).group(1)
    assert as_principal.get(link).status_code == 200  # unchanged: still downloadable
    partnership.share_cycles_with_principal = False
    db.session.commit()
    refused = as_principal.get(link)
    assert refused.status_code == 302 and "application/pdf" not in refused.content_type
    page = as_principal.get(refused.location).get_data(as_text=True)
    assert "build the packet again" in page


def test_built_packet_stays_good_after_midnight(app, as_principal, partnership):
    """The print date is not part of what a packet holds: built at 23:59, it is still
    downloadable at 00:01 (within the hour it is kept)."""
    import re
    from datetime import timedelta

    partnership.objective = "Shared objective"
    db.session.commit()
    app.config["TODAY"] = partnership.program.start_date + timedelta(days=30)
    component = as_principal.post(f"/records/partnerships/{partnership.id}/packet",
                                  headers={"HX-Request": "true"}).get_data(as_text=True)
    link = re.search(r'href="(/records/packets/[^"]+)"', component).group(1)
    app.config["TODAY"] = partnership.program.start_date + timedelta(days=31)
    response = as_principal.get(link)
    assert response.status_code == 200 and response.content_type == "application/pdf"


def test_built_packet_is_refused_once_access_is_gone(as_teacher, partnership, teacher):
    import re

    from webapp.models import Membership

    partnership.objective = "Shared objective"
    db.session.commit()
    component = as_teacher.post(f"/records/partnerships/{partnership.id}/packet",
                                headers={"HX-Request": "true"}).get_data(as_text=True)
    link = re.search(r'href="(/records/packets/[^"]+)"', component).group(1)
    db.session.execute(db.delete(Membership).where(Membership.user_id == teacher.id))
    db.session.commit()
    assert as_teacher.get(link).status_code in (403, 404)
