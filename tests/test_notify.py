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


# --- through the app ------------------------------------------------------------------

import re  # noqa: E402
from datetime import date, timedelta  # noqa: E402

from webapp.models import MemberStatus, Membership, Partnership, VisitStatus  # noqa: E402

from .conftest import PASSWORD  # noqa: E402

NEW_PASSWORD = "another long and unguessable passphrase"


def _invited(program, teacher, partner):
    partnership = factories.partnership_for(program, teacher, focus_area="Common assessments")
    partnership.memberships.append(Membership(user=partner, status=MemberStatus.INVITED,
                                              invited_by_id=teacher.id))
    db.session.commit()
    return partnership


def test_inviter_is_told_when_the_invitation_is_accepted(program, teacher, partner, signed_in):
    partnership = _invited(program, teacher, partner)
    signed_in(partner).post(f"/partnerships/{partnership.id}/invitation/accept")
    (message,) = _mail_to(teacher.email)
    assert message.subject == "Ben Partner accepted your invitation"
    assert "work together on: Common assessments" in message.body
    assert _notices(teacher) == ["Ben Partner accepted your invitation (Common assessments)."]
    home = signed_in(teacher).get("/").get_data(as_text=True)
    assert "Ben Partner accepted your invitation (Common assessments)." in home


def test_inviter_is_told_when_the_invitation_is_declined(program, teacher, partner, signed_in):
    partnership = _invited(program, teacher, partner)
    signed_in(partner).post(f"/partnerships/{partnership.id}/invitation/decline")
    (message,) = _mail_to(teacher.email)
    assert message.subject == "Ben Partner declined your invitation"
    assert "You can invite another colleague." in message.body
    assert _notices(teacher) == ["Ben Partner declined your invitation (Common assessments)."]


def test_visitor_is_told_of_the_follow_up_meeting(as_principal, partnership, teacher):
    visit = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                                proposed_date=date.today() - timedelta(days=10))
    held = date.today() - timedelta(days=2)
    as_principal.post(f"/visits/{visit.id}/followup", data={"followup_date": held.isoformat()})
    (message,) = _mail_to(teacher.email)
    assert message.subject == "Your follow-up meeting is recorded"
    assert f"Pat Principal recorded the follow-up meeting of {held.isoformat()}" in message.body
    assert f"http://tandem.test/visits/{visit.id}" in message.body
    assert len(_notices(teacher)) == 1


def test_password_change_is_mailed_with_what_to_do_if_it_was_not_you(as_teacher, teacher):
    response = as_teacher.post("/auth/password", data={
        "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    (message,) = _mail_to(teacher.email)
    assert message.subject == "Your Tandem password was changed"
    assert "If this was not you" in message.body and "/auth/forgot" in message.body
    assert "Your password was changed." in as_teacher.get("/").get_data(as_text=True)


def test_reset_link_tells_of_the_change_but_a_first_password_does_not(client, teacher, app):
    client.post("/auth/forgot", data={"email": teacher.email})
    link = re.search(r"http://tandem\.test(/auth/set-password/\S+)",
                     mail.read_outbox()[0].body).group(1)
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert [m.subject for m in _mail_to(teacher.email)][0] == "Your Tandem password was changed"

    newcomer = factories.UserFactory(school=teacher.school, name="Nia New", password_hash=None)
    from webapp.auth import accounts
    with app.test_request_context():
        raw = accounts.issue_token(newcomer, accounts.TokenPurpose.INVITATION)
        db.session.commit()
    client.post(f"/auth/set-password/{raw}", data={"password": NEW_PASSWORD,
                                                   "confirm": NEW_PASSWORD})
    assert db.session.get(type(newcomer), newcomer.id).has_password
    assert _mail_to(newcomer.email) == [] and _notices(newcomer) == []


def test_suggested_match_names_partners_focus_and_note(as_principal, program, teacher, partner):
    as_principal.post("/dashboard/matches/new", data={
        "teacher_ids": [str(teacher.id), str(partner.id)], "focus_area": "Sharing instructional strategies",
        "note": "You both teach grade 4 & share a planning period."})
    match = db.session.scalar(db.select(Partnership))
    assert match.focus_area == "Sharing instructional strategies"
    (message,) = _mail_to(teacher.email)
    assert "Pat Principal suggests you work as partners with: Ben Partner." in message.body
    assert "Focus: Sharing instructional strategies" in message.body
    assert "You both teach grade 4 & share a planning period." in message.body
    assert f"http://tandem.test/partnerships/{match.id}/invitation" in message.body
    (notice,) = _notices(partner)
    assert "Ana Teacher" in notice and "share a planning period" in notice


def test_notices_are_marked_read_by_their_owner_only(app, teacher, partner, signed_in):
    from webapp.models import Notice

    mine = Notice(user_id=teacher.id, message="<b>Ben</b> accepted", url="/")
    theirs = Notice(user_id=partner.id, message="Something for Ben", url="/")
    db.session.add_all([mine, theirs])
    db.session.commit()
    client = signed_in(teacher)
    home = client.get("/").get_data(as_text=True)
    assert "&lt;b&gt;Ben&lt;/b&gt; accepted" in home and "Something for Ben" not in home
    assert client.post(f"/notices/{theirs.id}/read").status_code == 403
    assert client.post("/notices/999999/read").status_code == 404
    partial = client.post(f"/notices/{mine.id}/read", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "accepted" not in partial.get_data(as_text=True)
    assert "<html" not in partial.get_data(as_text=True)
    assert "accepted" not in client.get("/").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Notice, mine.id).read_at is not None
    assert db.session.get(Notice, theirs.id).read_at is None
