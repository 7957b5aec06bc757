"""Roster CSV import: preview, bad rows by line, idempotent re-import, invitations."""
import io
import re

from sqlalchemy import func, select

from webapp import mail
from webapp.extensions import db
from webapp.models import AuditEvent, Role, User

from . import factories

HEADER = "name,email,school,role,grade,subject,years in district\n"


def roster_200(school_names):
    """200 rows; lines 12, 50, 99, 150 and 201 are bad in five different ways."""
    rows = []
    for n in range(200):
        school = school_names[n % len(school_names)]
        role = "principal" if n in (0, 1) else "teacher"
        rows.append(f"Teacher {n:03d},teacher{n:03d}@example.org,{school},{role},3-5,Math,{n % 20}")
    rows[10] = "Bad Email,not-an-email,Riverside Elementary,teacher,K-2,Art,2"
    rows[48] = "No School,noschool@example.org,Atlantis Academy,teacher,K-2,Art,2"
    rows[97] = "Bad Role,badrole@example.org,Riverside Elementary,janitor,,,"
    rows[148] = "Twice,teacher005@example.org,Riverside Elementary,teacher,K-2,Art,2"
    rows[199] = "Bad Years,badyears@example.org,Riverside Elementary,teacher,K-2,Art,many"
    return HEADER + "\n".join(rows) + "\n"


def upload(client, text, name="roster.csv"):
    return client.post("/admin/roster", data={"roster": (io.BytesIO(text.encode()), name)},
                       content_type="multipart/form-data")


def confirm(client, preview_page, invite=False):
    hidden = re.search(r'name="csv_text" type="hidden" value="([^"]*)"', preview_page)
    import html

    data = {"csv_text": html.unescape(hidden.group(1))}
    if invite:
        data["send_invitations"] = "y"
    return client.post("/admin/roster/confirm", data=data)


def staff_count():
    return db.session.scalar(select(func.count()).select_from(User).where(User.role != Role.DISTRICT_ADMIN))


def test_import_200_rows_with_5_bad(as_admin, school, other_school):
    text = roster_200([school.name, other_school.name])
    preview = upload(as_admin, text).get_data(as_text=True)
    assert 'id="count-create">195<' in preview
    assert 'id="count-errors">5<' in preview
    errors = re.findall(r'<tr class="row-error"><td>(\d+)</td><td>([^<]+)</td>', preview)
    reasons = {int(line): reason for line, reason in errors}
    assert set(reasons) == {12, 50, 99, 150, 201}
    assert "bad email" in reasons[12]
    assert "unknown school" in reasons[50]
    assert "unknown role" in reasons[99]
    assert "duplicate in file" in reasons[150] and "line 7" in reasons[150]
    assert "years in district" in reasons[201]
    assert staff_count() == 0  # the preview saved nothing

    done = confirm(as_admin, preview)
    assert done.status_code == 302
    assert staff_count() == 195
    ana = db.session.scalar(select(User).where(User.email == "teacher002@example.org"))
    assert (ana.name, ana.school_id, ana.grade_band, ana.years_in_district) == (
        "Teacher 002", school.id, "3-5", 2)

    # The same file again: nothing to create or update.
    again = upload(as_admin, text).get_data(as_text=True)
    assert 'id="count-create">0<' in again and 'id="count-update">0<' in again
    assert 'id="count-unchanged">195<' in again
    assert "Nothing to import" in again
    assert staff_count() == 195


def test_reimport_with_changes_updates_and_audits_roles(as_admin, school):
    teacher = factories.UserFactory(school=school, name="Old Name", email="ana@example.org")
    text = HEADER + f"New Name,ANA@example.org,{school.name},principal,K-2,Art,9\n"
    preview = upload(as_admin, text).get_data(as_text=True)
    assert 'id="count-update">1<' in preview and "role" in preview
    confirm(as_admin, preview)
    db.session.refresh(teacher)
    assert (teacher.name, teacher.role, teacher.years_in_district) == ("New Name", Role.PRINCIPAL, 9)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "role_changed"))


def test_invitations_to_all_new_staff(as_admin, school):
    text = HEADER + "".join(
        f"Person {n},person{n}@example.org,{school.name},teacher,K-2,Art,1\n" for n in range(3))
    confirm(as_admin, upload(as_admin, text).get_data(as_text=True), invite=True)
    outbox = mail.read_outbox()
    assert sorted(m.to for m in outbox) == [f"person{n}@example.org" for n in range(3)]
    assert all("/auth/set-password/" in m.body for m in outbox)


def test_invite_all_button_invites_only_the_uninvited(as_admin, school):
    factories.UserFactory(school=school, name="Has Password")
    factories.UserFactory(school=school, name="No Password", password_hash=None)
    as_admin.post("/admin/staff/invite-all")
    assert [m.to for m in mail.read_outbox()] == ["no.password@example.org"]
    as_admin.post("/admin/staff/invite-all")
    assert len(mail.read_outbox()) == 1


def test_semicolons_and_excel_bom_and_header_aliases(as_admin, school):
    text = "\ufeffFull Name;E-mail;School;Role;Grade band;Subject;Years\n" \
           f"Zoé Lefèvre;zoe@example.org;{school.name.upper()};Teacher;K-2;Français;3\n"
    preview = upload(as_admin, text).get_data(as_text=True)
    assert 'id="count-create">1<' in preview and "Zoé Lefèvre" in preview


def test_missing_columns_and_non_csv_are_explained(as_admin):
    page = upload(as_admin, "first,last\nA,B\n").get_data(as_text=True)
    assert "missing: name, email, role" in page
    page = upload(as_admin, "x", name="roster.xlsx").get_data(as_text=True)
    assert "must be a .csv file" in page


def test_principal_may_not_import(as_principal):
    assert upload(as_principal, HEADER).status_code == 403
