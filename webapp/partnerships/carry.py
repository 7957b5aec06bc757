"""Carrying an unfinished partnership into the next year of its program (#9)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import access, audit
from ..extensions import db
from ..programs import rollover
from . import bp


@bp.route("/<int:partnership_id>/carry-over", methods=["GET", "POST"])
@login_required
def carry_over(partnership_id: int):
    """A member moves the partnership into the next year; its history keeps its dates."""
    partnership, target = access.partnership_for_carrying(partnership_id)
    if request.method == "GET":
        return render_template("partnerships/carry_over.html", partnership=partnership,
                               target=target)
    old = partnership.program.name
    rollover.carry_into(partnership, target)
    audit.record("partnership_carried_over", current_user.email,
                 f"partnership {partnership.id}: {old} → {target.name}")
    db.session.commit()
    flash(_("The partnership goes on in %(program)s.", program=target.name), "success")
    return redirect(url_for("partnerships.overview", partnership_id=partnership.id))
