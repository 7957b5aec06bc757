"""Long lists page with counts instead of stopping silently (#13)."""
from __future__ import annotations

from webapp.extensions import db

from . import factories


def test_the_staff_list_pages_with_a_count_and_keeps_its_filters(as_admin, school):
    for n in range(230):
        factories.UserFactory(school=school, name=f"Teacher {n:03d}")
    db.session.commit()
    first = as_admin.get("/admin/staff").get_data(as_text=True)
    assert "People 1–100 of 231" in first  # 230 teachers and the administrator
    assert "Page 1 of 3" in first and 'rel="next"' in first and 'rel="prev"' not in first
    last = as_admin.get("/admin/staff?page=3").get_data(as_text=True)
    assert "People 201–231 of 231" in last and 'rel="next"' not in last
    assert as_admin.get("/admin/staff?page=99999999").status_code == 200  # the last page
    found = as_admin.get(f"/admin/staff?q=teacher+1&school={school.id}").get_data(as_text=True)
    assert "100 people" in found  # Teacher 100 to Teacher 199
    filtered = as_admin.get(f"/admin/staff?q=teacher&school={school.id}&page=2").get_data(
        as_text=True)
    assert "People 101–200 of 230" in filtered
    assert f"q=teacher&amp;school={school.id}&amp;status=active&amp;page=3" in filtered


def test_the_audit_log_says_how_many_events_there_are(as_admin, admin):
    from webapp import audit

    for n in range(130):
        audit.record("school_created", f"School {n}", actor=admin)
    db.session.commit()
    page = as_admin.get("/admin/audit?action=school_created").get_data(as_text=True)
    assert "Events 1–100 of 130, newest first" in page and "Older" in page
    older = as_admin.get("/admin/audit?action=school_created&page=2").get_data(as_text=True)
    assert "Events 101–130 of 130" in older and "School 0<" in older
