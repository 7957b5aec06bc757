"""The end of a partnership: complete it (what the program requires), reopen it (the
principal, with a reason), abandon it (its creator, while nobody has joined)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import delete, or_, select

from forms.lifecycle import CompleteForm

from .. import access, audit, clock, drafts, htmx, notify
from ..documents import context as documents
from ..extensions import db
from ..models import MemberStatus, Notice, Partnership, Visit, VisitStatus
from ..models.base import utcnow
from ..visits import rules
from . import bp, context, steps


# What completing asks for. Today every program is a Partners in Practice model (seed
# 000: at least one visit each, every member's reflection, the evidence); a program
# that asks for other things gets its own list here, chosen by the program's data.

@dataclass(frozen=True)
class Requirement:
    title: str
    missing: Callable[[Partnership, date], list[str]]  # what is still missing, in words


def _earlier_steps(partnership: Partnership, today: date) -> list[str]:
    return [_("Step %(n)d, %(title)s, is not done yet.", n=step.number,
              title=partnership.program.step_title(step))
            for step, state in steps.progress(partnership)
            if step.key != "reflection" and state != steps.DONE]


def visit_done(visit: Visit, today: date) -> bool:
    """Held (approved, its day over) and its post-visit questions answered."""
    return rules.has_happened(visit, today) and visit.reported_at is not None


def _visits(partnership: Partnership, today: date) -> list[str]:
    if partnership.program.practice("visits") is None:
        return []  # the program does not use classroom visits (#9)
    visits = db.session.scalars(select(Visit).where(Visit.partnership_id == partnership.id)).all()
    return [_("%(name)s: a classroom visit, held and reported on (the post-visit questions "
              "answered).", name=member.name) for member in partnership.members
            if not any(v.visitor_id == member.id and visit_done(v, today) for v in visits)]


def _reflections(partnership: Partnership, today: date) -> list[str]:
    submitted = {r.user_id for r in partnership.reflections if r.submitted_at}
    return [_("%(name)s: the final reflection, submitted.", name=member.name)
            for member in partnership.members if member.id not in submitted]


def _evidence(partnership: Partnership, today: date) -> list[str]:
    return [] if partnership.impact_evidence else [
        _("The evidence of impact on student learning, recorded together.")]


REQUIREMENTS = (
    Requirement(_l("The earlier steps"), _earlier_steps),
    Requirement(_l("A classroom visit by each member"), _visits),
    Requirement(_l("Each member's final reflection"), _reflections),
    Requirement(_l("The evidence of impact"), _evidence),
)


def missing_for_completion(partnership: Partnership, today: date) -> list[str]:
    """Everything the program requires that the partnership does not have yet."""
    return [item for requirement in REQUIREMENTS
            for item in requirement.missing(partnership, today)]


# Completing -------------------------------------------------------------------------

@bp.route("/<int:partnership_id>/complete", methods=["GET", "POST"])
@login_required
def complete(partnership_id: int):
    """Confirm, then mark the partnership complete: it is filed and locked."""
    # Not as a change of step 6: a partnership whose records are filed still completes.
    partnership = access.partnership_for_change(partnership_id)
    form = CompleteForm()
    missing = missing_for_completion(partnership, clock.today())
    waiting = waiting_visits(partnership)
    if request.method == "POST" and not missing and form.validate():
        partnership.completed_at = utcnow()
        for membership in partnership.pending_invitations:  # nobody joins it now
            membership.status = MemberStatus.WITHDRAWN
            membership.responded_at = partnership.completed_at
        # An approval after this would add a visit the locked records can never report.
        for visit in waiting:
            visit.status = VisitStatus.CANCELLED
            audit.record("visit_withdrawn", f"visit {visit.id}",
                         detail=_("when the partnership was completed"))
        audit.record("partnership_completed", current_user.email,
                      f"partnership {partnership.id}")
        notify.partnership_completed(partnership, current_user._get_current_object())
        db.session.commit()
        flash(_("Congratulations: your partnership is complete. Its records are ready to "
                "sign."), "success")
        return redirect(url_for("partnerships.overview", partnership_id=partnership.id))
    filed = documents.available_documents(partnership)
    status = 200 if request.method == "GET" or not htmx.wants_partial() \
        else htmx.VALIDATION_FAILED
    return render_template("partnerships/complete.html", partnership=partnership,
                           form=form, missing=missing, filed=filed, waiting=waiting), status


def waiting_visits(partnership: Partnership) -> list[Visit]:
    """Visit requests of the partnership still waiting for a decision."""
    return [v for v in db.session.scalars(
        select(Visit).where(Visit.partnership_id == partnership.id)
        .order_by(Visit.proposed_date)) if v.is_pending]


# Reopening --------------------------------------------------------------------------

@bp.route("/<int:partnership_id>/reopen", methods=["POST"])
@login_required
def reopen(partnership_id: int):
    """The principal reopens a completed partnership, saying why."""
    from forms.lifecycle import ReopenForm

    from .views import render_overview

    partnership = access.partnership_for_reopening(partnership_id)
    form = ReopenForm()
    if not form.validate():
        return render_overview(partnership, reopen_form=form)
    partnership.completed_at = None  # the earlier completion stays in the audit log
    partnership.reopened_at = utcnow()
    partnership.reopened_by_id = current_user.id
    partnership.reopen_reason = form.reason.data
    audit.record("partnership_reopened", current_user.email,
                 f"partnership {partnership.id}: {form.reason.data}")
    notify.partnership_reopened(partnership, current_user._get_current_object(),
                                form.reason.data)
    db.session.commit()
    flash(_("The partnership is reopened. Its members can change it again."), "success")
    return redirect(url_for("partnerships.overview", partnership_id=partnership.id))


# Abandoning -------------------------------------------------------------------------

@bp.route("/<int:partnership_id>/abandon", methods=["GET", "POST"])
@login_required
def abandon(partnership_id: int):
    """Its creator gives up a partnership nobody joined: invitations are withdrawn and
    it is deleted, so it leaves every list and count."""
    partnership = access.partnership_for_abandoning(partnership_id)
    if request.method == "GET":
        return render_template("partnerships/abandon.html", partnership=partnership)
    withdrawn = [m.user.email for m in partnership.memberships
                 if m.status is MemberStatus.INVITED]
    audit.record("partnership_abandoned", current_user.email,
                 f"partnership {partnership.id} ({partnership.focus_area or _('no focus yet')})"
                 + (f"; invitations withdrawn: {', '.join(withdrawn)}" if withdrawn else ""))
    _forget(partnership)
    db.session.delete(partnership)
    db.session.commit()
    flash(_("The partnership is abandoned; its invitations are withdrawn."), "info")
    return redirect(url_for("main.home"))


def _forget(partnership: Partnership) -> None:
    """What refers to an abandoned partnership goes with it: its visits (a partnership
    nobody joined has only the creator's requests), everyone's drafts of its forms, and
    home-page notices that lead to it (a later partnership may get the same id)."""
    visits = db.session.scalars(select(Visit).where(Visit.partnership_id == partnership.id)).all()
    keys = [drafts.key(kind, partnership.id) for kind in ("cycle-new", "visit-new")]
    keys += [drafts.key(f"step-{step.key}", partnership.id) for step in steps.STEPS]
    keys += [drafts.key("cycle-edit", entry.id) for entry in partnership.cycles]
    keys += [drafts.key(kind, visit.id) for visit in visits
             for kind in ("visit-report", "followup-request", "visit-decision")]
    drafts.discard_everyones(keys)
    paths = [url_for("partnerships.overview", partnership_id=partnership.id)]
    paths += [url_for("visits.detail", visit_id=visit.id) for visit in visits]
    for path in paths:  # the page itself, or a part of it ("/visits/3", not "/visits/34")
        db.session.execute(delete(Notice).where(or_(
            Notice.url == path, *(Notice.url.startswith(path.rstrip("/") + mark, autoescape=True)
                                  for mark in ("/", "#", "?")))))
    for visit in visits:
        db.session.delete(visit)


# A change the partnership does not take now -----------------------------------------

@bp.app_errorhandler(access.PartnershipClosed)
def closed(error: access.PartnershipClosed):
    """Say why (complete and locked, or no partner yet), with the step's panel for HTMX."""
    partnership = error.partnership
    # A step's autosave, or a draft's (drafts.save): the answer goes in its status line.
    if request.form.get("autosave") == "1" or request.endpoint == "drafts.save":
        return render_template("partnerships/_closed_status.html", reason=error.reason), 409
    if htmx.wants_partial() and error.step:
        return context.render_step(partnership, error.step, status_code=409)
    flash(error.reason, "error")
    if error.back:
        return redirect(error.back)
    if error.step:
        return redirect(url_for("partnerships.step", partnership_id=partnership.id,
                                key=error.step))
    return redirect(url_for("partnerships.overview", partnership_id=partnership.id))


@bp.app_template_global("partnership_closed_reason")
def closed_reason(partnership: Partnership, key: str | None = None) -> str | None:
    """For step pages: why this step takes no changes now (None if it does)."""
    return access.change_problem(partnership, key)


@bp.app_template_global("refused_text")
def refused_text(partnership: Partnership, key: str) -> list[str]:
    """What the user typed into a step that refused it (closed, filed): shown back to
    them under the reason, so nothing they typed is lost."""
    from .. import drafts

    draft = drafts.find(drafts.key(f"step-{key}", partnership.id))
    if draft is None:
        return []
    return [value for name, value in draft.data.items()
            if isinstance(value, str) and value.strip() and not value.isdigit()
            and name not in ("csrf_token", "version", "autosave")]


@bp.app_template_global("filed_lock")
def filed_lock(partnership: Partnership, key: str):
    """The filed record locking this step, if any (#10)."""
    from ..records.filing import locked_steps

    return locked_steps(partnership).get(key)
