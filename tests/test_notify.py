"""Telling people: a mail worded for each role and a notice on the home page (#8 point 14)."""
from __future__ import annotations

from webapp import mail, notify
from webapp.extensions import db
from webapp.models import Notice

from . import factories


def _mail_to(address: str):
    return [m for m in mail.read_outbox() if m.to == address]


def _notices(user) -> list[str]:
    return [n.message for n in db.session.scalars(
        db.select(Notice).where(Notice.user_id == user.id))]


def test_completed_tells_other_members_and_principals_in_their_own_words(
        app, partnership, teacher, partner, principal, other_teacher, other_principal):
    partnership.focus_area = "Common assessments"
    notify.partnership_completed(partnership, by=teacher)  # outside a request: mailed at once
    db.session.commit()
    assert _mail_to(teacher.email) == [] and _notices(teacher) == []  # they did it
    (to_partner,) = _mail_to(partner.email)
    assert to_partner.subject == "Your peer partnership is complete"
    assert "Ana Teacher marked your partnership complete: Common assessments" in to_partner.body
    assert f"http://tandem.test/partnerships/{partnership.id}" in to_partner.body
    (to_principal,) = _mail_to(principal.email)
    assert to_principal.subject == "A peer partnership is complete: Ana Teacher, Ben Partner"
    assert "your partnership" not in to_principal.body
    assert _notices(principal) == [
        "The partnership of Ana Teacher, Ben Partner is complete (Common assessments)."]
    assert _mail_to(other_principal.email) == []  # not their school, no member there


def test_principal_of_a_member_from_another_school_is_told(
        app, program, teacher, other_teacher, principal, other_principal):
    partnership = factories.partnership_for(program, teacher, other_teacher)
    notify.partnership_reopened(partnership, by=principal, reason="The reflection is missing <b>")
    db.session.commit()
    assert _mail_to(principal.email) == []
    (to_other,) = _mail_to(other_principal.email)
    assert "Pat Principal reopened the partnership of Ana Teacher, Omar Elsewhere" in to_other.body
    assert "The reflection is missing <b>" in to_other.body
    assert _notices(teacher) == [
        "Pat Principal reopened your partnership (focus not chosen yet): "
        "The reflection is missing <b>"]
    notice = db.session.scalar(db.select(Notice).where(Notice.user_id == teacher.id))
    assert notice.url == f"/partnerships/{partnership.id}/"
