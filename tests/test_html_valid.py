"""Every page of every role is valid HTML (#8 point 19): the Nu HTML Checker (vnu.jar)
reads them all in one run and finds no error.

scripts/test.sh fetches the checker (npm package vnu-jar) into .venv/ and installs Java
when it is missing; TANDEM_VNU_JAR may point at another copy.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import CycleEntry, MemberStatus, Partnership, Program, Role, School, User, Visit
from webapp.reminders.send import unsubscribe_token

from .conftest import Client

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo passphrase for the checker"
STEPS = ("objective", "partner", "approach", "timeline", "cycles", "reflection")


def _vnu_jar() -> Path:
    configured = os.environ.get("TANDEM_VNU_JAR")
    found = [Path(configured)] if configured else sorted(ROOT.glob(".venv/vnu-*/vnu.jar"))
    if not found or not found[-1].is_file() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs Java and vnu.jar: run `bash scripts/test.sh` "
                    "once (it installs both), or set TANDEM_VNU_JAR.", pytrace=False)
    return found[-1]


def _client(app, email: str | None = None) -> Client:
    app.test_client_class = Client
    client = app.test_client()
    if email:
        assert client.login(email, PASSWORD).status_code == 302
    return client


def _user(role: Role, **where) -> User:
    query = select(User).where(User.role == role).filter_by(**where).order_by(User.id)
    return db.session.scalars(query).first()


def _pages(app) -> list[tuple[str, object, str, int]]:
    """(name, client, path, expected status) of the demo's pages, by role."""
    program = db.session.scalars(select(Program)).first()
    formed = [p for p in db.session.scalars(select(Partnership).order_by(Partnership.id))
              if p.is_formed and not p.completed_at]
    ours = formed[0]
    teacher = ours.members[0]
    school = db.session.get(School, teacher.school_id)
    principal = _user(Role.PRINCIPAL, school_id=school.id)
    admin = _user(Role.DISTRICT_ADMIN)
    entry = db.session.scalars(select(CycleEntry).where(CycleEntry.author_id == teacher.id)).first()
    visit = db.session.scalars(select(Visit).order_by(Visit.id)).first()
    invited = next((m for p in formed for m in p.memberships
                    if m.status == MemberStatus.INVITED), None)
    colleague = next(u for u in school_teachers(school) if u.id != teacher.id)
    complete = db.session.scalars(select(Partnership).where(
        Partnership.completed_at.is_not(None))).first()

    anon = _client(app)
    as_teacher = _client(app, teacher.email)
    as_principal = _client(app, principal.email)
    as_admin = _client(app, admin.email)
    as_teacher.post("/calendar/feed")  # the calendar page then shows the feed's address
    pages = [
        ("sign-in", anon, "/auth/login", 200),
        ("forgot password", anon, "/auth/forgot", 200),
        ("expired link", anon, "/auth/set-password/not-a-real-token", 410),
        ("not found", anon, "/no-such-page", 404),
        ("teacher home", as_teacher, "/", 200),
        ("password", as_teacher, "/auth/password", 200),
        *[(f"step {key}", as_teacher, f"/partnerships/{ours.id}/{key}", 200) for key in STEPS],
        ("overview", as_teacher, f"/partnerships/{ours.id}/", 200),
        ("colleague search without JS", as_teacher,
         f"/partnerships/{ours.id}/colleagues?q=a", 200),
        ("visit request", as_teacher, f"/visits/partnership/{ours.id}/new", 200),
        ("growth plan", as_teacher, "/dashboard/growth-plan", 200),
        ("calendar", as_teacher, "/calendar/", 200),
        ("refused", as_teacher, "/admin/schools", 403),
        ("principal home", as_principal, "/", 200),
        ("school dashboard", as_principal, "/dashboard/", 200),
        ("approvals", as_principal, "/visits/approvals", 200),
        ("check-ins", as_principal, f"/dashboard/partnerships/{ours.id}/check-ins", 200),
        ("release days", as_principal, f"/dashboard/teachers/{colleague.id}/release-days", 200),
        ("suggest a match", as_principal, "/dashboard/matches/new", 200),
        ("staff (principal)", as_principal, "/admin/staff", 200),
        ("staff member", as_principal, f"/admin/staff/{colleague.id}", 200),
        ("admin home", as_admin, "/", 200),
        ("district summary", as_admin, "/dashboard/district", 200),
        ("a school's dashboard", as_admin, f"/dashboard/schools/{school.id}", 200),
        ("schools", as_admin, "/admin/schools", 200),
        ("rename a school", as_admin, f"/admin/schools/{school.id}/rename", 200),
        ("staff", as_admin, "/admin/staff", 200),
        ("new staff member", as_admin, "/admin/staff/new", 200),
        ("edit staff member", as_admin, f"/admin/staff/{colleague.id}/edit", 200),
        ("roster import", as_admin, "/admin/roster", 200),
        ("audit log", as_admin, "/admin/audit", 200),
        ("calendar and time zone", as_admin, "/calendar/", 200),
        ("outbox", as_admin, "/admin/outbox", 200),
        ("reminder settings", as_teacher, "/reminders/settings", 200),
        ("reminder settings (principal)", as_principal, "/reminders/settings", 200),
        ("reminders for the district", as_admin, "/reminders/district", 200),
        ("programs", as_admin, "/programs/", 200),
        ("new program", as_admin, "/programs/new", 200),
        ("edit program", as_admin, f"/programs/{program.id}/edit", 200),
    ]
    if entry:
        pages.append(("edit a cycle entry", as_teacher, f"/partnerships/cycles/{entry.id}/edit", 200))
    if visit:
        visitor = _client(app, db.session.get(User, visit.visitor_id).email)
        pages.append(("visit", visitor, f"/visits/{visit.id}", 200))
        pages.append(("visit (principal)", as_admin, f"/visits/{visit.id}", 200))
    if invited:
        invitee = _client(app, invited.user.email)
        pages.append(("invitation", invitee, f"/partnerships/{invited.partnership_id}/invitation",
                      200))
    if complete:
        member = _client(app, complete.members[0].email)
        pages.append(("complete partnership", member, f"/partnerships/{complete.id}/", 200))
        # Records (#10): the demo's plan is filed, its reflection record half signed.
        signer = _client(app, complete.members[1].email)
        its_principal = _client(app, _user(Role.PRINCIPAL, school_id=complete.school_id).email)
        pages += [
            ("filed record (principal)", its_principal, f"/records/plan/{complete.id}", 200),
            ("record to sign", signer, f"/records/reflection/{complete.id}", 200),
            ("verify", anon, "/verify/", 200),
            ("unsubscribe from reminders", anon, "/reminders/unsubscribe/"
             + unsubscribe_token(complete.members[0], ["deadline", "weekly"]), 200),
            ("verify an unknown id", anon, "/verify/AAAAA-BBBBB", 200),
        ]
    pages.append(("letterhead and templates", as_admin, "/admin/documents", 200))
    # Suggested matches (#11), at the demo's IPI school.
    maple = db.session.scalars(select(School).where(School.name.like("Maple%"))).first()
    if maple:
        zane = _client(app, _user(Role.PRINCIPAL, school_id=maple.id).email)
        zane.post("/matching/run")
        pages += [
            ("suggested matches", zane, "/matching/", 200),
            ("observation scores", zane, "/matching/scores", 200),
            ("pairs not to match", zane, "/matching/exclusions", 200),
            ("matches in the district", as_admin, "/matching/district", 200),
        ]
    pages += _job_pages(teacher, ours, admin, as_teacher, as_admin)
    return pages


def _job_pages(teacher, partnership, admin, as_teacher, as_admin) -> list:
    """Long jobs (#12): a packet half built, a roster import finished."""
    from webapp.models import Job, JobStatus

    running = Job(kind="records_packet", user_id=teacher.id, district_id=teacher.district_id,
                  status=JobStatus.RUNNING, done=12, total=31,
                  subject={"partnership_id": partnership.id})
    imported = Job(kind="roster_import", user_id=admin.id, district_id=admin.district_id,
                   status=JobStatus.DONE, done=250, total=250,
                   result={"created": 250, "updated": 0, "unchanged": 0, "refused": 1,
                           "invited": 250})
    db.session.add_all([running, imported])
    db.session.commit()
    return [("a packet being built", as_teacher, f"/jobs/{running.id}", 200),
            ("a roster import done", as_admin, f"/jobs/{imported.id}", 200)]


def school_teachers(school: School) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.school_id == school.id, User.role == Role.TEACHER).order_by(User.id)))


def _failed_forms(app, pages) -> list[tuple[str, str]]:
    """Pages re-rendered with errors (no JavaScript): sign-in and a wizard step."""
    anon = _client(app)
    wrong = anon.post("/auth/login", data={"email": "nobody@example.org", "password": "x"})
    step = next(path for name, _, path, _ in pages if name == "step objective")
    teacher = next(client for name, client, _, _ in pages if name == "step objective")
    empty = teacher.post(step, data={"version": "0", "objective": ""})
    return [("sign-in refused", wrong.get_data(as_text=True)),
            ("step with errors", empty.get_data(as_text=True))]


def _check(jar: Path, files: list[Path]) -> list[dict]:
    result = subprocess.run(
        ["java", "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json",
         *map(str, files)],
        capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def test_every_page_is_valid_html(app, tmp_path):
    jar = _vnu_jar()
    result = app.test_cli_runner().invoke(args=["demo", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    db.session.commit()

    pages = _pages(app)
    documents = []
    for name, client, path, status in pages:
        response = client.get(path)
        assert response.status_code == status, (name, path, response.status_code)
        documents.append((name, response.get_data(as_text=True)))
    documents += _failed_forms(app, pages)

    files = []
    for index, (name, html) in enumerate(documents):
        file = tmp_path / f"{index:02d}-{name.replace(' ', '-')}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)
    messages = _check(jar, files)
    report = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert len(files) >= 40
    assert not report, f"{len(report)} HTML errors:\n" + "\n".join(report)
