"""Starting a partnership, its overview page, and the wizard's entry point."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import access, audit, clock, once
from ..documents import context as documents
from ..extensions import db
from ..models import MemberStatus, Membership, Partnership, Role
from ..programs import rollover
from ..programs.operations import current_program
from . import bp, context, steps


@bp.route("/new", methods=["POST"])
@access.roles_required(Role.TEACHER)
def start():
    """Start a partnership in the current program; the wizard opens at step 1. The
    teacher's untouched draft is reused, and a retried POST creates nothing new."""
    program = current_program(current_user.district_id, school_id=current_user.school_id)
    if program is None or current_user.school_id is None:
        flash(_("The district has not opened a program year yet. Ask your district "
                "administrator."), "error")
        return redirect(url_for("main.home"))
    draft = _empty_draft(program)
    if draft is not None:
        return redirect(url_for("partnerships.step", partnership_id=draft.id, key="objective"))
    claim = once.claim()
    if claim.earlier_url is not None:
        return redirect(claim.earlier_url)  # a retry: the partnership exists already
    partnership = Partnership(program=program, school_id=current_user.school_id,
                              created_by=current_user._get_current_object())
    partnership.memberships.append(Membership(user=current_user._get_current_object(),
                                              status=MemberStatus.ACCEPTED))
    db.session.add(partnership)
    db.session.flush()  # its id, for the audit log
    url = url_for("partnerships.step", partnership_id=partnership.id, key="objective")
    claim.done(url)
    audit.record("partnership_created", current_user.email, f"partnership {partnership.id}")
    db.session.commit()
    return redirect(url)


def _empty_draft(program) -> Partnership | None:
    """The teacher's partnership of this program with nothing in it yet: no step begun,
    nobody invited. Pressing "Start" again opens it instead of making another."""
    mine = db.session.scalars(
        select(Partnership).where(Partnership.program_id == program.id,
                                  Partnership.created_by_id == current_user.id,
                                  Partnership.suggested_by_id.is_(None),
                                  Partnership.completed_at.is_(None))
        .order_by(Partnership.id)).all()
    return next((p for p in mine if len(p.memberships) == 1 and all(
        state == steps.NOT_STARTED for _step, state in steps.progress(p))), None)


@bp.route("/<int:partnership_id>/")
@login_required
def overview(partnership_id: int):
    """Everything on one page, read-only: for members, and the school's principal."""
    return render_overview(access.partnership_for_view(partnership_id))


def render_overview(partnership, reopen_form=None):
    """The overview page; a principal's reopening form comes back as typed when refused."""
    from forms.lifecycle import ReopenForm

    may_reopen = access.can_reopen_partnership(current_user, partnership)
    if may_reopen and reopen_form is None:
        reopen_form = ReopenForm(formdata=None)
    return render_template(
        "partnerships/overview.html", partnership=partnership,
        progress=steps.progress(partnership),
        show_cycles=access.can_view_cycles(current_user, partnership),
        is_member=partnership.is_member(current_user),
        **context.visits_context(partnership),
        documents=documents.available_documents(
            partnership, access.can_view_cycles(current_user, partnership),
            lambda visit: access.can_view_visit(current_user, visit),
            current_user._get_current_object() if partnership.is_member(current_user)
            else None),
        reopen_form=reopen_form if may_reopen else None,
        may_abandon=access.can_abandon_partnership(current_user, partnership),
        carry_target=access.carry_target(current_user, partnership),
        closed_with=rollover.closed_with(partnership, clock.today()),
    )


@bp.route("/<int:partnership_id>/next")
@login_required
def resume(partnership_id: int):
    """Go to the step the server thinks comes next."""
    partnership = access.partnership_for_member(partnership_id)
    step = steps.next_step(partnership)
    if step is None:
        return redirect(url_for("partnerships.overview", partnership_id=partnership.id))
    return redirect(url_for("partnerships.step", partnership_id=partnership.id, key=step.key))
