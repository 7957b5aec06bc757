"""Step 2: finding colleagues, inviting them, and their answer."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import case, func, or_
from sqlalchemy.orm import selectinload

from .. import access, audit, htmx, mail, notify
from ..extensions import db
from ..ids import bounded_int
from ..links import external_url
from ..models import MemberStatus, Membership, User
from ..models.base import utcnow
from . import bp, context

@bp.route("/<int:partnership_id>/colleagues")
@login_required
def colleagues(partnership_id: int):
    """Live search of colleagues by name: own school first, then the district."""
    partnership = access.partnership_for_member(partnership_id)
    q = request.args.get("q", "").strip()
    found = []
    if len(q) >= 2:
        taken = {m.user_id for m in partnership.memberships
                 if m.status in (MemberStatus.INVITED, MemberStatus.ACCEPTED)}
        pattern = f"%{q.lower()}%"
        own_school_first = case((User.school_id == current_user.school_id, 0), else_=1)
        query = (access.colleagues_query(current_user)
                 .where(or_(func.lower(User.name).like(pattern), User.email.like(pattern)))
                 .order_by(own_school_first, User.name).limit(20)
                 .options(selectinload(User.school)))  # each result names its school
        found = [u for u in db.session.scalars(query) if u.id not in taken]
    return htmx.render("partnerships/colleagues.html", "partnerships/_colleagues.html",
                       partnership=partnership, found=found, q=q)


@bp.route("/<int:partnership_id>/invitations", methods=["POST"])
@login_required
def invite(partnership_id: int):
    """Invite a colleague (up to the program's largest group, invited ones included)."""
    partnership = access.partnership_for_change(partnership_id, "partner")
    invitee = db.session.get(User, request.form.get("user_id", type=bounded_int) or 0)
    eligible = invitee is not None and db.session.scalar(
        access.colleagues_query(current_user).where(User.id == invitee.id)) is not None
    if not eligible:
        flash(_("Choose a colleague from the search results to invite."), "error")
        return context.after_change(partnership, "partner")
    taken = [m for m in partnership.memberships
             if m.status in (MemberStatus.INVITED, MemberStatus.ACCEPTED)]
    largest = partnership.program.group_size[1]
    membership = partnership.membership_of(invitee)
    if membership is not None and membership.status in (MemberStatus.INVITED,
                                                         MemberStatus.ACCEPTED):
        flash(_("%(name)s is already invited.", name=invitee.name), "info")
    elif len(taken) >= largest:
        flash(_("This partnership is full: the program allows up to %(n)d members, counting "
                "those invited. Withdraw an invitation to invite someone else.", n=largest),
              "error")
    else:
        if membership is None:
            membership = Membership(user=invitee)
            partnership.memberships.append(membership)
        membership.status = MemberStatus.INVITED
        membership.invited_by_id = current_user.id
        membership.invited_at = utcnow()
        membership.responded_at = None
        _notify_invitee(partnership, invitee)
        audit.record("partnership_invitation_sent", invitee.email, f"partnership {partnership.id}")
        db.session.commit()
        flash(_("%(name)s is invited. They will see the invitation on their home page.",
                name=invitee.name), "success")
    return context.after_change(partnership, "partner")



def _notify_invitee(partnership, invitee: User) -> None:
    link = external_url("partnerships.invitation", partnership_id=partnership.id)
    mail.send(invitee.email, _("%(name)s invites you to a peer partnership", name=current_user.name),
              _("Hello %(invitee)s,\n\n%(name)s invites you to work together on:\n\n%(focus)s\n"
                "%(objective)s\n\nAccept or decline here:\n%(link)s\n",
                invitee=invitee.name, name=current_user.name,
                focus=partnership.focus_area or "", objective=partnership.objective or "",
                link=link))


@bp.route("/<int:partnership_id>/invitations/<int:membership_id>/withdraw", methods=["POST"])
@login_required
def withdraw(partnership_id: int, membership_id: int):
    """The initiator withdraws an invitation that has not been answered."""
    partnership = access.partnership_for_change(partnership_id, "partner")
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.partnership_id != partnership.id:
        abort(404)
    if partnership.created_by_id != current_user.id:
        access.refuse(f"invitation {membership.id}")
    if membership.status is MemberStatus.INVITED:
        membership.status = MemberStatus.WITHDRAWN
        membership.responded_at = utcnow()
        db.session.commit()
        flash(_("The invitation to %(name)s is withdrawn.", name=membership.user.name), "info")
    return context.after_change(partnership, "partner")


@bp.route("/<int:partnership_id>/invitation")
@login_required
def invitation(partnership_id: int):
    """What an invitee sees before answering: who invites them, and the objective."""
    partnership = access.partnership_or_404(partnership_id)
    if partnership.is_member(current_user):
        return redirect(url_for("partnerships.overview", partnership_id=partnership.id))
    partnership = access.invitation_for_invitee(partnership_id)
    return render_template("partnerships/invitation.html", partnership=partnership,
                           membership=partnership.membership_of(current_user))


@bp.route("/<int:partnership_id>/invitation/<any(accept,decline):answer>", methods=["POST"])
@login_required
def answer(partnership_id: int, answer: str):
    """Accept or decline an invitation."""
    partnership = access.invitation_for_invitee(partnership_id)
    if answer == "accept":  # a completed partnership is locked: nobody joins it
        access.ensure_open(partnership, back=url_for("main.home"))
    membership = partnership.membership_of(current_user)
    membership.status = MemberStatus.ACCEPTED if answer == "accept" else MemberStatus.DECLINED
    membership.responded_at = utcnow()
    if answer == "accept" and partnership.suggested_by_id \
            and not partnership.is_member(partnership.created_by):
        # A principal's suggested match: the first teacher to accept leads it (and may
        # withdraw invitations), not a teacher who has not joined.
        partnership.created_by = current_user._get_current_object()
    notify.invitation_answered(membership)
    audit.record("partnership_invitation_accepted" if answer == "accept"
                 else "partnership_invitation_declined", current_user.email,
                 f"partnership {partnership.id}")
    db.session.commit()
    if answer == "accept":
        flash(_("Welcome to the partnership!"), "success")
        return redirect(url_for("partnerships.resume", partnership_id=partnership.id))
    flash(_("You declined the invitation."), "info")
    return redirect(url_for("main.home"))
