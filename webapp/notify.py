"""Telling people what happened that concerns them: a mail worded for their role, and a
notice on their home page until they mark it read. The one place that does both."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from . import mail
from .extensions import db
from .links import external_url
from .models import Membership, Notice, Partnership, Role, User, Visit


def tell(person: User, subject: str, body: str, notice: str, endpoint: str, **values) -> None:
    """Mail `person` (the body gets the link) and leave `notice` on their home page."""
    link = external_url(endpoint, **values)
    mail.send(person.email, subject, f"{body}\n\n{link}\n")
    # The notice keeps a path, not an absolute link: it is opened on this very site.
    path = url_for(endpoint, **values) if has_request_context() else urlsplit(link).path
    db.session.add(Notice(user_id=person.id, message=notice, url=path))


def principals_of_members(partnership: Partnership) -> list[User]:
    """The active principals of the partnership's school and of each member's school."""
    return principals_of({partnership.school_id} | {u.school_id for u in partnership.members
                                                    if u.school_id is not None})


def principals_of(school_ids: set[int]) -> list[User]:
    """The active principals of these schools, by name."""
    return db.session.scalars(
        select(User).where(User.school_id.in_(school_ids), User.role == Role.PRINCIPAL,
                           User.active).order_by(User.name)).all()


def _focus(partnership: Partnership) -> str:
    return partnership.focus_area or _("focus not chosen yet")


def _names(people: list[User]) -> str:
    return ", ".join(u.name for u in people)


def _others(people: list[User], by: User | None) -> list[User]:
    """Everyone but the person who acted: they know already."""
    return [u for u in people if by is None or u.id != by.id]


def partnership_completed(partnership: Partnership, by: User) -> None:
    """Members and principals: the partnership was marked complete."""
    focus = _focus(partnership)
    members = _names(partnership.members)
    for member in _others(partnership.members, by):
        tell(member, _("Your peer partnership is complete"),
             _("Hello %(name)s,\n\n%(by)s marked your partnership complete: %(focus)s.\n"
               "Its records are ready to sign and download.",
               name=member.name, by=by.name, focus=focus),
             _("%(by)s marked your partnership complete: %(focus)s.", by=by.name, focus=focus),
             "partnerships.overview", partnership_id=partnership.id)
    for principal in _others(principals_of_members(partnership), by):
        tell(principal, _("A peer partnership is complete: %(members)s", members=members),
             _("Hello %(name)s,\n\n%(by)s marked the partnership of %(members)s complete "
               "(%(focus)s).\nIts records are ready for your signature and the file.",
               name=principal.name, by=by.name, members=members, focus=focus),
             _("The partnership of %(members)s is complete (%(focus)s).",
               members=members, focus=focus),
             "partnerships.overview", partnership_id=partnership.id)


def partnership_reopened(partnership: Partnership, by: User, reason: str) -> None:
    """Members and principals: a principal reopened the partnership, and why."""
    focus = _focus(partnership)
    members = _names(partnership.members)
    for member in _others(partnership.members, by):
        tell(member, _("Your peer partnership is reopened"),
             _("Hello %(name)s,\n\n%(by)s reopened your partnership (%(focus)s), so you can "
               "change it again. The reason given:\n\n%(reason)s",
               name=member.name, by=by.name, focus=focus, reason=reason),
             _("%(by)s reopened your partnership (%(focus)s): %(reason)s",
               by=by.name, focus=focus, reason=reason),
             "partnerships.overview", partnership_id=partnership.id)
    for principal in _others(principals_of_members(partnership), by):
        tell(principal, _("A peer partnership is reopened: %(members)s", members=members),
             _("Hello %(name)s,\n\n%(by)s reopened the partnership of %(members)s "
               "(%(focus)s). The reason given:\n\n%(reason)s",
               name=principal.name, by=by.name, members=members, focus=focus, reason=reason),
             _("%(by)s reopened the partnership of %(members)s: %(reason)s",
               by=by.name, members=members, reason=reason),
             "partnerships.overview", partnership_id=partnership.id)


def invitation_answered(membership: Membership) -> None:
    """The inviter: a colleague accepted or declined their invitation."""
    inviter, invitee = membership.invited_by, membership.user
    if inviter is None or inviter.id == invitee.id:
        return
    partnership = membership.partnership
    focus = _focus(partnership)
    accepted = membership.status.value == "accepted"
    if inviter.is_principal:  # a suggested match: the principal reads it as news of a match
        subject = (_("%(name)s accepted your suggested match", name=invitee.name) if accepted
                   else _("%(name)s declined your suggested match", name=invitee.name))
        endpoint, values = "dashboard.index", {}
    else:
        subject = (_("%(name)s accepted your invitation", name=invitee.name) if accepted
                   else _("%(name)s declined your invitation", name=invitee.name))
        endpoint, values = "partnerships.overview", {"partnership_id": partnership.id}
    body = (_("Hello %(name)s,\n\n%(invitee)s accepted the invitation to work together on: "
              "%(focus)s.", name=inviter.name, invitee=invitee.name, focus=focus) if accepted
            else _("Hello %(name)s,\n\n%(invitee)s declined the invitation to work together on: "
                   "%(focus)s. You can invite another colleague.",
                   name=inviter.name, invitee=invitee.name, focus=focus))
    tell(inviter, subject, body, f"{subject} ({focus}).", endpoint, **values)


def followup_recorded(visit: Visit, by: User) -> None:
    """The visiting teacher: the follow-up meeting after their visit is on record."""
    visitor = visit.visitor
    if visitor.id == by.id:
        return
    held = visit.followup_date.isoformat()
    visited = visit.proposed_date.isoformat()
    tell(visitor, _("Your follow-up meeting is recorded"),
         _("Hello %(name)s,\n\n%(by)s recorded the follow-up meeting of %(held)s after your "
           "classroom visit of %(visited)s.", name=visitor.name, by=by.name, held=held,
           visited=visited),
         _("%(by)s recorded the follow-up meeting of %(held)s after your visit of %(visited)s.",
           by=by.name, held=held, visited=visited),
         "visits.detail", visit_id=visit.id)


def password_changed(user: User) -> None:
    """The account holder: their password changed; what to do if it was not them."""
    tell(user, _("Your Tandem password was changed"),
         _("Hello %(name)s,\n\nThe password of your Tandem account was just changed, and every "
           "other session of yours was signed out.\n\nIf this was not you, choose a new "
           "password at once from the link below, and tell your district administrator.",
           name=user.name),
         _("Your password was changed. If this was not you, choose a new one and tell your "
           "district administrator."),
         "auth.forgot_password")


def _note_in_mail(by: User, note: str) -> str:
    """The principal's note at the end of a match or team mail ("" without one)."""
    return "\n\n" + _("%(name)s's note:\n%(note)s", name=by.name, note=note) if note else ""


def _note_in_notice(note: str) -> str:
    return " " + _("Note: %(note)s", note=note) if note else ""


def match_suggested(partnership: Partnership, teachers: list[User], by: User,
                    note: str = "") -> None:
    """Each newly invited teacher: the principal's suggested match, partners, focus, note."""
    db.session.flush()  # the partnership's id, for the link
    focus = partnership.focus_area or ", ".join(partnership.rubric_indicators) \
        or _("to be agreed together")
    for teacher in teachers:
        partners = _names([m.user for m in partnership.pending_invitations + [
            m for m in partnership.memberships if m.status.value == "accepted"]
            if m.user_id != teacher.id])
        body = _("Hello %(teacher)s,\n\n%(name)s suggests you work as partners with: "
                 "%(partners)s.\nFocus: %(focus)s", teacher=teacher.name, name=by.name,
                 partners=partners, focus=focus)
        body += _note_in_mail(by, note) + "\n\n" + _("Accept or decline here:")
        tell(teacher, _("%(name)s suggests a peer partnership", name=by.name), body,
             _("%(name)s suggests you partner with %(partners)s (focus: %(focus)s).",
               name=by.name, partners=partners, focus=focus)
             + _note_in_notice(note),
             "partnerships.invitation", partnership_id=partnership.id)


def team_formed(partnership: Partnership, teachers: list[User], by: User,
                note: str = "") -> None:
    """Each member of a team the principal formed (seed 002): who is in it, the focus."""
    db.session.flush()  # the partnership's id, for the link
    focus = partnership.focus_area or _("to be agreed together")
    for teacher in teachers:
        team = _names([u for u in teachers if u.id != teacher.id])
        body = _("Hello %(teacher)s,\n\n%(name)s formed a learning team with you and "
                 "%(team)s.\nFocus: %(focus)s", teacher=teacher.name, name=by.name,
                 team=team, focus=focus)
        body += _note_in_mail(by, note) + "\n\n" + _("Your team's pages:")
        tell(teacher, _("%(name)s formed a learning team with you", name=by.name), body,
             _("%(name)s formed a learning team with you and %(team)s (focus: %(focus)s).",
               name=by.name, team=team, focus=focus)
             + _note_in_notice(note),
             "partnerships.overview", partnership_id=partnership.id)
