"""Seed 004's "finalizing matches": the principal suggests a partnership of two or more of
the school's teachers; each accepts or declines through the usual invitation. Until one
accepts, the principal may change the match or withdraw it."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.match import MatchForm

from .. import access, audit, notify
from ..extensions import db
from ..models import MemberStatus, Membership, Partnership, Role, User
from ..models.base import utcnow
from ..programs.operations import current_program
from . import bp
from .views import school_teachers


def _school_and_program():
    if current_user.school_id is None:
        abort(404)
    school = access.school_for_view(current_user.school_id)
    program = current_program(current_user.district_id, school_id=school.id)
    if program is None:
        flash(_("The district has not opened a program year yet."), "error")
    return school, program


@bp.route("/matches/new", methods=["GET", "POST"])
@access.roles_required(Role.PRINCIPAL)
def new_match():
    """Suggest a partnership between teachers of the principal's school."""
    school, program = _school_and_program()
    if program is None:
        return redirect(url_for("dashboard.index"))
    teachers = school_teachers(school)
    form = MatchForm(teachers=teachers, program=program)
    if form.validate_on_submit():
        chosen = _chosen(teachers, form.teacher_ids.data)
        partnership = Partnership(program=program, school_id=school.id, created_by=chosen[0],
                                  suggested_by=current_user._get_current_object(),
                                  rubric_indicators=form.rubric_indicators.data or [],
                                  focus_area=form.focus_area.data or "",
                                  suggestion_note=form.note.data or "")
        db.session.add(partnership)
        principal = current_user._get_current_object()
        if program.principal_forms_teams:  # seed 002: the team is formed at once
            for teacher in chosen:
                partnership.memberships.append(Membership(
                    user=teacher, status=MemberStatus.ACCEPTED, invited_by=principal,
                    invited_at=utcnow(), responded_at=utcnow()))
            notify.team_formed(partnership, chosen, principal, form.note.data or "")
            audit.record("team_formed", ", ".join(t.email for t in chosen), school.name)
            db.session.commit()
            flash(_("Team formed: %(names)s. Each teacher is told.",
                    names=", ".join(t.name for t in chosen)), "success")
            return redirect(url_for("partnerships.overview", partnership_id=partnership.id))
        for teacher in chosen:
            _invite(partnership, teacher, None)
        notify.match_suggested(partnership, chosen, principal, form.note.data or "")
        audit.record("match_suggested", ", ".join(t.email for t in chosen), school.name)
        db.session.commit()
        flash(_("Match suggested: %(names)s. Each teacher is invited to accept.",
                names=", ".join(t.name for t in chosen)), "success")
        return redirect(url_for("dashboard.index", _anchor="matches"))
    return render_template("dashboard/match_form.html", form=form, partnership=None,
                           school=school, program=program)


@bp.route("/matches/<int:partnership_id>", methods=["GET", "POST"])
@access.roles_required(Role.PRINCIPAL)
def change_match(partnership_id: int):
    """Add or remove teachers of a suggested match nobody has accepted yet."""
    partnership = access.match_for_change(partnership_id)
    if partnership.members:
        return _already_accepted(partnership)
    teachers = school_teachers(partnership.school)
    form = MatchForm(teachers=teachers, program=partnership.program)
    if not form.is_submitted():
        form.teacher_ids.data = [m.user_id for m in partnership.pending_invitations]
        form.rubric_indicators.data = list(partnership.rubric_indicators)
        form.focus_area.data = partnership.focus_area
    if form.validate_on_submit():
        chosen = _chosen(teachers, form.teacher_ids.data)
        chosen_ids = {t.id for t in chosen}
        for membership in partnership.memberships:
            if (membership.user_id not in chosen_ids
                    and membership.status is MemberStatus.INVITED):
                membership.status = MemberStatus.WITHDRAWN
                membership.responded_at = utcnow()
        newly_invited = []
        for teacher in chosen:
            membership = partnership.membership_of(teacher)
            if membership is None or membership.status is not MemberStatus.INVITED:
                _invite(partnership, teacher, membership)
                newly_invited.append(teacher)
        partnership.created_by = chosen[0]
        partnership.rubric_indicators = form.rubric_indicators.data or []
        partnership.focus_area = form.focus_area.data or ""
        notify.match_suggested(partnership, newly_invited, current_user._get_current_object(),
                               form.note.data or "")
        db.session.commit()
        flash(_("The match is changed: %(names)s.", names=", ".join(t.name for t in chosen)),
              "success")
        return redirect(url_for("dashboard.index", _anchor="matches"))
    return render_template("dashboard/match_form.html", form=form, partnership=partnership,
                           school=partnership.school, program=partnership.program)


@bp.route("/matches/<int:partnership_id>/withdraw", methods=["POST"])
@access.roles_required(Role.PRINCIPAL)
def withdraw_match(partnership_id: int):
    """Take back a suggested match nobody has accepted; the invitations disappear."""
    partnership = access.match_for_change(partnership_id)
    if partnership.members:
        return _already_accepted(partnership)
    db.session.delete(partnership)
    db.session.commit()
    flash(_("The suggested match is withdrawn."), "info")
    return redirect(url_for("dashboard.index", _anchor="matches"))


def _already_accepted(partnership: Partnership):
    flash(_("%(names)s already accepted this match, so it is theirs to change now. Talk with "
            "them, or check in from the dashboard.",
            names=", ".join(u.name for u in partnership.members)), "error")
    return redirect(url_for("dashboard.index", _anchor="matches"))


def _chosen(teachers: list[User], ids: list[int]) -> list[User]:
    """The chosen teachers in the form's order (the first one "starts" the partnership)."""
    return [t for t in teachers if t.id in set(ids or [])]


def _invite(partnership: Partnership, teacher: User, membership: Membership | None) -> None:
    if membership is None:
        membership = Membership(user=teacher)
        partnership.memberships.append(membership)
    membership.status = MemberStatus.INVITED
    membership.invited_by = current_user._get_current_object()
    membership.invited_at = utcnow()
    membership.responded_at = None

