"""Signing in and out, sessions, throttling, invitations and resets."""
import re

from sqlalchemy import select

from webapp import mail
from webapp.extensions import db
from webapp.models import AuditEvent, User

from .conftest import PASSWORD

NEW_PASSWORD = "tandem bicycle over the river bridge"


def events(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_login_and_home(client, teacher):
    response = client.login(teacher.email.upper())
    assert response.status_code == 302
    home = client.get("/")
    assert "Welcome, Ana Teacher" in home.get_data(as_text=True)
    assert events("sign_in")[0].subject == teacher.email


def test_same_message_for_unknown_email_and_wrong_password(client, teacher):
    wrong = client.login(teacher.email, "not the right password at all").get_data(as_text=True)
    unknown = client.login("nobody@example.org", PASSWORD).get_data(as_text=True)
    message = "The email or password is not right."
    assert message in wrong and message in unknown
    assert len(events("sign_in_failed")) == 2


def test_login_keeps_typed_email(client, teacher):
    page = client.login(teacher.email, "wrong password here").get_data(as_text=True)
    assert f'value="{teacher.email}"' in page


def test_repeated_failures_are_throttled_per_account(client, teacher, app):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 3
    for _ in range(3):
        client.login(teacher.email, "wrong password here")
    # Even the right password is refused while throttled.
    page = client.login(teacher.email).get_data(as_text=True)
    assert "Too many failed sign-ins" in page
    assert client.get("/").status_code == 302
    assert events("sign_in_throttled")


def test_throttled_per_address_across_accounts(client, teacher, app):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 4
    for n in range(4):
        client.login(f"guess{n}@example.org", "wrong password here")
    assert "Too many failed sign-ins" in client.login(teacher.email).get_data(as_text=True)


def test_session_cookie_copied_before_logout_no_longer_works(app, as_teacher):
    stolen = as_teacher.get_cookie("session").value
    assert as_teacher.post("/auth/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/").status_code == 302  # sent to sign in


def test_remember_cookie_copied_before_logout_no_longer_works(app, client, teacher):
    client.login(teacher.email, remember="y")
    remember = client.get_cookie("remember_token").value
    client.post("/auth/logout")
    thief = app.test_client()
    thief.set_cookie("remember_token", remember)
    assert thief.get("/").status_code == 302


def test_password_change_ends_other_sessions(app, teacher, signed_in):
    laptop, phone = signed_in(teacher), signed_in(teacher)
    response = laptop.post("/auth/password", data={
        "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 200  # the changing session carries on


def test_deactivation_ends_sessions(app, as_admin, teacher, signed_in):
    teacher_client = signed_in(teacher)
    as_admin.post(f"/admin/staff/{teacher.id}/deactivate")
    assert teacher_client.get("/").status_code == 302
    assert events("user_deactivated")
    assert "not right" in teacher_client.login(teacher.email).get_data(as_text=True)


def test_idle_session_times_out(app, as_teacher):
    with as_teacher.session_transaction() as session:
        session["seen"] -= app.config["IDLE_TIMEOUT_MINUTES"] * 60 + 5
    assert as_teacher.get("/").status_code == 302


def test_new_session_at_login(client, teacher):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.login(teacher.email)
    with client.session_transaction() as session:
        assert "planted" not in session


def _link_from_outbox() -> str:
    body = mail.read_outbox()[0].body
    return re.search(r"http://tandem\.test(/auth/set-password/\S+)", body).group(1)


def test_invitation_link_sets_password_once(client, as_admin, school):
    as_admin.post("/admin/staff/new", data={
        "name": "Nia New", "email": "Nia.New@example.org", "role": "teacher",
        "school_id": school.id, "grade_band": "K-2", "subject": "Art",
        "years_in_district": "1", "send_invitation": "y"})
    link = _link_from_outbox()
    assert "Welcome to Tandem, Nia New" in client.get(link).get_data(as_text=True)
    weak = client.post(link, data={"password": "password1234", "confirm": "password1234"})
    assert "too common" in weak.get_data(as_text=True)
    short = client.post(link, data={"password": "short", "confirm": "short"})
    assert "at least 12 characters" in short.get_data(as_text=True)
    done = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.get(link).status_code == 410  # single use
    assert client.login("nia.new@example.org", NEW_PASSWORD).status_code == 302


def test_invitation_expires_after_seven_days(client, as_admin, teacher):
    from datetime import timedelta

    from webapp.models import AuthToken

    as_admin.post(f"/admin/staff/{teacher.id}/invite")
    link = _link_from_outbox()
    token = db.session.scalars(select(AuthToken)).one()
    assert token.expires_at - token.created_at == timedelta(days=7)
    token.expires_at = token.created_at - timedelta(seconds=1)
    db.session.commit()
    assert client.get(link).status_code == 410


def test_password_reset_same_answer_for_unknown(client, teacher):
    known = client.post("/auth/forgot", data={"email": teacher.email}, follow_redirects=True)
    unknown = client.post("/auth/forgot", data={"email": "ghost@example.org"},
                          follow_redirects=True)
    assert "If" in known.get_data(as_text=True) and "If" in unknown.get_data(as_text=True)
    assert len(mail.read_outbox()) == 1
    link = _link_from_outbox()
    assert client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
                       ).status_code == 302
    assert client.login(teacher.email, NEW_PASSWORD).status_code == 302


def test_password_may_not_contain_own_name(client, as_admin, teacher):
    as_admin.post(f"/admin/staff/{teacher.id}/invite")
    link = _link_from_outbox()
    guessable = teacher.email
    page = client.post(link, data={"password": guessable, "confirm": guessable})
    assert page.status_code == 200
    assert "easy to guess" in page.get_data(as_text=True) or "too common" in page.get_data(as_text=True)


def test_email_unique_case_insensitively(as_admin, teacher, school):
    page = as_admin.post("/admin/staff/new", data={
        "name": "Copy", "email": teacher.email.upper(), "role": "teacher",
        "school_id": school.id}).get_data(as_text=True)
    assert "already has this email" in page
    assert db.session.scalar(select(User).where(User.name == "Copy")) is None


def test_throttle_state_in_redis_is_shared(app, client, school):
    """With TANDEM_REDIS_URL the counts live in Redis, shared by every app process."""
    import uuid

    import redis

    from webapp.models import LoginFailure

    from . import factories

    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 2
    app.extensions.pop("tandem_redis", None)
    user = factories.UserFactory(school=school, email=f"redis-{uuid.uuid4().hex}@example.org")
    try:
        for _ in range(2):
            client.login(user.email, "wrong password here")
        assert db.session.scalars(select(LoginFailure)).all() == []  # not in the database
        keys = redis.Redis.from_url(app.config["REDIS_URL"]).keys(f"tandem:*{user.email}")
        assert keys
        # Another "process" (a fresh client, a fresh Redis connection) sees the same state.
        app.extensions.pop("tandem_redis", None)
        other = app.test_client()
        assert "Too many failed sign-ins" in other.post("/auth/login", data={
            "email": user.email, "password": PASSWORD,
            "csrf_token": other.csrf_token()}).get_data(as_text=True)
    finally:
        app.extensions.pop("tandem_redis", None)
