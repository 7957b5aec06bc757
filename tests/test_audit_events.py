"""The audit log records partnership events and downloads, and shows readable labels
(#8 points 17 and 18)."""
from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEvent, MemberStatus, Membership, Partnership

from . import factories


def events(action: str) -> list[AuditEvent]:
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_starting_inviting_and_answering_are_recorded(as_teacher, program, teacher, partner,
                                                      signed_in):
    as_teacher.post("/partnerships/new")
    partnership = db.session.scalar(select(Partnership))
    (created,) = events("partnership_created")
    assert (created.actor_id, created.subject, created.detail) == (
        teacher.id, teacher.email, f"partnership {partnership.id}")
    as_teacher.post(f"/partnerships/{partnership.id}/invitations", data={"user_id": partner.id})
    (sent,) = events("partnership_invitation_sent")
    assert (sent.actor_id, sent.subject) == (teacher.id, partner.email)
    signed_in(partner).post(f"/partnerships/{partnership.id}/invitation/accept")
    (accepted,) = events("partnership_invitation_accepted")
    assert (accepted.actor_id, accepted.detail) == (partner.id, f"partnership {partnership.id}")


def test_declining_is_recorded(program, teacher, partner, signed_in):
    partnership = factories.partnership_for(program, teacher)
    partnership.memberships.append(Membership(user=partner, status=MemberStatus.INVITED,
                                              invited_by_id=teacher.id))
    db.session.commit()
    signed_in(partner).post(f"/partnerships/{partnership.id}/invitation/decline")
    (declined,) = events("partnership_invitation_declined")
    assert declined.actor_id == partner.id


def test_document_downloads_are_recorded(as_principal, principal, partnership):
    partnership.objective = "Number talks for every student"
    db.session.commit()
    assert as_principal.get(f"/records/partnerships/{partnership.id}/plan.pdf").status_code == 200
    (download,) = events("document_downloaded")
    assert download.actor_id == principal.id
    assert download.subject == "Partnership plan - Ana Teacher & Ben Partner.pdf"
    assert download.detail == f"GET /records/partnerships/{partnership.id}/plan.pdf"
    as_principal.get(f"/records/partnerships/{partnership.id}/packet")
    assert len(events("document_downloaded")) == 2


def test_refused_download_is_not_recorded_as_one(as_teacher, program, partner, other_teacher):
    theirs = factories.partnership_for(program, partner, other_teacher, objective="x")
    assert as_teacher.get(f"/records/partnerships/{theirs.id}/plan.pdf").status_code == 403
    assert events("document_downloaded") == []


def test_audit_page_filter_offers_every_event_by_its_label(as_admin):
    page = as_admin.get("/admin/audit").get_data(as_text=True)
    for value, label in [("partnership_created", "Partnership started"),
                         ("partnership_invitation_sent", "Partner invited"),
                         ("partnership_invitation_accepted", "Partner invitation accepted"),
                         ("partnership_invitation_declined", "Partner invitation declined"),
                         ("partnership_completed", "Partnership completed"),
                         ("partnership_reopened", "Partnership reopened"),
                         ("partnership_abandoned", "Partnership abandoned"),
                         ("document_downloaded", "Document downloaded"),
                         ("sign_in_failed", "Sign-in failed")]:
        assert f'<option value="{value}" >{label}</option>' in page


def test_audit_page_shows_labels_not_raw_values(as_admin, admin, teacher):
    db.session.add_all([
        AuditEvent(action="visit_decided", subject=teacher.email, actor_id=admin.id,
                   district_id=admin.district_id,
                   detail="visit 3 on 2026-11-02: pending_district"),
        AuditEvent(action="role_changed", subject=teacher.email, actor_id=admin.id,
                   district_id=admin.district_id, detail="teacher → district_admin")])
    db.session.commit()
    page = as_admin.get("/admin/audit").get_data(as_text=True)
    assert "visit 3 on 2026-11-02: waiting for the district" in page
    assert "teacher → District administrator" in page
    assert "pending_district" not in page.split("<tbody>")[1]
    assert "<td>Visit decided</td>" in page and "<td>Role changed</td>" in page
    filtered = as_admin.get("/admin/audit?action=role_changed").get_data(as_text=True)
    assert "Visit decided" not in filtered.split("<tbody>")[1]
