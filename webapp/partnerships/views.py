"""Starting a partnership, its overview page, and the wizard's entry point."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import access, audit
from ..documents import context as documents
from ..extensions import db
from ..models import MemberStatus, Membership, Partnership, Role
from ..programs.operations import current_program
from . import bp, context, steps


@bp.route("/new", methods=["POST"])
@access.roles_required(Role.TEACHER)
def start():
    """Start a partnership in the current program; the wizard opens at step 1."""
    program = current_program(current_user.district_id)
    if program is None or current_user.school_id is None:
        flash(_("The district has not opened a program year yet. Ask your district "
                "administrator."), "error")
        return redirect(url_for("main.home"))
    partnership = Partnership(program=program, school_id=current_user.school_id,
                              created_by=current_user._get_current_object())
    partnership.memberships.append(Membership(user=current_user._get_current_object(),
                                              status=MemberStatus.ACCEPTED))
    db.session.add(partnership)
    db.session.flush()  # its id, for the audit log
    audit.record("partnership_created", current_user.email, f"partnership {partnership.id}")
    db.session.commit()
    return redirect(url_for("partnerships.step", partnership_id=partnership.id, key="objective"))


@bp.route("/<int:partnership_id>/")
@login_required
def overview(partnership_id: int):
    """Everything on one page, read-only: for members, and the school's principal."""
    partnership = access.partnership_for_view(partnership_id)
    return render_template(
        "partnerships/overview.html", partnership=partnership,
        progress=steps.progress(partnership),
        show_cycles=access.can_view_cycles(current_user, partnership),
        is_member=partnership.is_member(current_user),
        **context.visits_context(partnership),
        documents=documents.available_documents(
            partnership, access.can_view_cycles(current_user, partnership),
            lambda visit: access.can_view_visit(current_user, visit)),
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
