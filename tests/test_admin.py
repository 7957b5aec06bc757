"""District administration: schools and staff."""
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEvent, Role, School, User


def audit(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_create_and_rename_school(as_admin, district):
    assert as_admin.post("/admin/schools", data={"name": "  Hillside School "}).status_code == 302
    school = db.session.scalar(select(School).where(School.name == "Hillside School"))
    duplicate = as_admin.post("/admin/schools", data={"name": "hillside school"})
    assert "already has a school of this name" in duplicate.get_data(as_text=True)
    as_admin.post(f"/admin/schools/{school.id}/rename", data={"name": "Hillside Academy"})
    db.session.refresh(school)
    assert school.name == "Hillside Academy"
    assert audit("school_created") and audit("school_renamed")


def test_empty_school_name_is_explained(as_admin):
    page = as_admin.post("/admin/schools", data={"name": ""}).get_data(as_text=True)
    assert 'aria-invalid="true"' in page and "field-error" in page


def test_add_staff_keeps_text_on_error(as_admin, school):
    page = as_admin.post("/admin/staff/new", data={
        "name": "Léa Dubois", "email": "not an email", "role": "teacher",
        "school_id": school.id, "subject": "Français"}).get_data(as_text=True)
    assert 'value="Léa Dubois"' in page and 'value="Français"' in page
    assert 'aria-describedby="email-error"' in page
    assert db.session.scalar(select(User).where(User.name == "Léa Dubois")) is None


def test_teacher_needs_a_school(as_admin):
    page = as_admin.post("/admin/staff/new", data={
        "name": "No School", "email": "ns@example.org", "role": "teacher",
        "school_id": "0"}).get_data(as_text=True)
    assert "Choose the school" in page


def test_edit_role_is_audited(as_admin, teacher, school):
    as_admin.post(f"/admin/staff/{teacher.id}/edit", data={
        "name": teacher.name, "email": teacher.email, "role": "principal",
        "school_id": school.id, "grade_band": "K-2", "subject": "", "years_in_district": "5"})
    db.session.refresh(teacher)
    assert teacher.role is Role.PRINCIPAL and teacher.years_in_district == 5
    assert audit("role_changed")[0].detail == "teacher → principal"


def test_admin_cannot_demote_or_deactivate_self(as_admin, admin, school):
    page = as_admin.post(f"/admin/staff/{admin.id}/edit", data={
        "name": admin.name, "email": admin.email, "role": "teacher", "school_id": school.id})
    assert "own administrator role" in page.get_data(as_text=True)
    as_admin.post(f"/admin/staff/{admin.id}/deactivate")
    db.session.refresh(admin)
    assert admin.active and admin.role is Role.DISTRICT_ADMIN


def test_reactivate(as_admin, teacher, client):
    as_admin.post(f"/admin/staff/{teacher.id}/deactivate")
    as_admin.post(f"/admin/staff/{teacher.id}/reactivate")
    assert client.login(teacher.email).status_code == 302
    assert audit("user_reactivated")


def test_audit_log_lists_events(as_admin, client, teacher):
    client.login(teacher.email, "wrong password entirely")
    page = as_admin.get("/admin/audit?action=sign_in_failed").get_data(as_text=True)
    assert teacher.email in page and "Sign-in failed" in page  # the label, not the raw name
    assert "127.0.0.1" in page


def test_staff_search(as_admin, teacher, other_teacher):
    page = as_admin.get("/admin/staff?q=omar").get_data(as_text=True)
    assert other_teacher.name in page and teacher.name not in page


def test_home_pages_per_role(as_teacher, as_principal, as_admin, principal):
    assert principal.name in as_teacher.get("/").get_data(as_text=True)
    assert "Your staff" in as_principal.get("/").get_data(as_text=True)
    assert "Import a staff roster" in as_admin.get("/").get_data(as_text=True)
