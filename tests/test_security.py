"""Security headers, CSRF, and keeping the user's text when a form or session expired."""
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import School

from .conftest import CSRF_PATTERN, PASSWORD


def test_security_headers_on_every_response(client, as_teacher):
    for response in (client.get("/auth/login"), as_teacher.get("/"),
                     client.get("/no/such/page")):
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["Cache-Control"] == "no-store"


def test_session_cookie_flags(client, teacher):
    response = client.login(teacher.email)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in this test


def test_cookies_secure_over_https(client, teacher):
    page = client.get("/auth/forgot", base_url="https://tandem.test")
    assert "Strict-Transport-Security" in page.headers
    response = client.post("/auth/login", base_url="https://tandem.test", data={
        "email": teacher.email, "password": PASSWORD, "csrf_token": _token(page),
        "remember": "y"}, headers={"Referer": "https://tandem.test/auth/forgot"})
    assert response.status_code == 302  # signed in (HTTPS posts need a Referer for CSRF)
    cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("remember_token=") for c in cookies)
    assert cookies and all("Secure" in c for c in cookies)


def _token(response) -> str:
    return CSRF_PATTERN.search(response.get_data(as_text=True)).group(1)


def test_csrf_refused_without_token(as_admin):
    response = as_admin.post("/admin/schools", data={"name": "Sneaky School"}, csrf=False)
    assert response.status_code == 400
    assert db.session.scalar(select(School).where(School.name == "Sneaky School")) is None


def test_csrf_refused_for_htmx_without_header(as_admin):
    response = as_admin.post("/admin/schools", data={"name": "Sneaky School"}, csrf=False,
                             headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "data-message" in response.get_data(as_text=True)
    assert db.session.scalar(select(School).where(School.name == "Sneaky School")) is None


def test_htmx_token_in_header_is_accepted(as_admin):
    token = as_admin.csrf_token()
    response = as_admin.post("/admin/schools", data={"name": "Header School"}, csrf=False,
                             headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code in (200, 302)
    assert db.session.scalar(select(School).where(School.name == "Header School"))


def test_expired_token_keeps_the_text(as_admin):
    text = "Riverside <Annex> & \"Portable\" classrooms"
    response = as_admin.post("/admin/schools", data={"name": text, "csrf_token": "stale"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Riverside &lt;Annex&gt; &amp; &#34;Portable&#34; classrooms" in page
    assert 'name="name"' in page and "Send again" in page
    # Sending the re-shown form (it has a fresh token) saves it.
    resend = as_admin.post("/admin/schools", data={"name": text})
    assert resend.status_code == 302
    assert db.session.scalar(select(School).where(School.name == text))


def test_expired_session_keeps_the_text_through_sign_in(client, admin, school):
    text = "Line one of a long explanation\nline two"
    # Signed out (session gone): the posted form comes back on the sign-in page.
    response = client.post(f"/admin/schools/{school.id}/rename", data={"name": text})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Sign in" in page and 'name="_carry:name"' in page
    # Signing in shows the text again, ready to send.
    after = client.post("/auth/login", data={
        "email": admin.email, "password": PASSWORD,
        "_carry_action": f"/admin/schools/{school.id}/rename", "_carry:name": text})
    assert after.status_code == 200
    assert "Line one of a long explanation" in after.get_data(as_text=True)
    assert client.post(f"/admin/schools/{school.id}/rename", data={"name": "Riverside West"}
                       ).status_code == 302
    db.session.refresh(school)
    assert school.name == "Riverside West"


def test_carry_action_cannot_point_off_site(client, admin):
    page = client.post("/auth/login", data={
        "email": admin.email, "password": PASSWORD,
        "_carry_action": "//evil.example/steal", "_carry:name": "x"})
    assert page.status_code == 302 and "evil" not in page.location


def test_login_next_must_be_local(client, teacher):
    response = client.post("/auth/login?next=https://evil.example/", data={
        "email": teacher.email, "password": PASSWORD})
    assert response.location == "/"


def test_user_text_is_escaped_in_pages(as_admin, school):
    as_admin.post(f"/admin/schools/{school.id}/rename",
                  data={"name": "<script>alert(1)</script>"})
    page = as_admin.get("/admin/schools").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_friendly_error_pages(app, as_teacher, monkeypatch):
    assert "We could not find that page" in as_teacher.get("/nowhere").get_data(as_text=True)
    assert "do not have access" in as_teacher.get("/admin/audit").get_data(as_text=True)

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "main.home", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = as_teacher.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    assert "boom" not in response.get_data(as_text=True)


def test_stale_token_on_htmx_save_hands_a_new_one(as_admin):
    response = as_admin.post("/admin/schools", data={"name": "Kept"}, csrf=False,
                             headers={"HX-Request": "true", "X-CSRFToken": "stale"})
    assert response.status_code == 400
    fresh = response.headers["X-CSRF-Token"]
    again = as_admin.post("/admin/schools", data={"name": "Kept"}, csrf=False,
                          headers={"HX-Request": "true", "X-CSRFToken": fresh})
    assert again.status_code in (200, 302)
    assert db.session.scalar(select(School).where(School.name == "Kept"))


def test_htmx_save_after_sign_out_is_refused_with_a_message(client, partnership):
    response = client.post(f"/partnerships/{partnership.id}/objective",
                           data={"objective": "typed text", "autosave": "1", "version": "0"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert "Your text is still in the form" in response.get_data(as_text=True)


def test_next_with_control_characters_cannot_leave_the_site(client, teacher):
    for target in ("/%09/evil.example", "/%0d/evil.example", "/ /evil.example",
                   "https://evil.example/"):
        response = client.post(f"/auth/login?next={target}", data={
            "email": teacher.email, "password": PASSWORD})
        assert response.status_code == 302 and response.location == "/", target


def test_names_with_line_breaks_do_not_break_mail(as_admin, teacher, school):
    as_admin.post(f"/admin/staff/{teacher.id}/edit", data={
        "name": "Ana\nTeacher", "email": teacher.email, "role": "teacher",
        "school_id": school.id})
    db.session.refresh(teacher)
    assert teacher.name == "Ana Teacher"
    from webapp import mail

    assert as_admin.post(f"/admin/staff/{teacher.id}/invite").status_code == 302
    assert mail.read_outbox()[0].subject == "You are invited to Tandem"
