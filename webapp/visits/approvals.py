"""The approvals queue: principals decide first, the district decides extra visits."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from forms.visit import DecisionForm

from .. import access, audit, drafts, htmx
from ..extensions import db
from ..models import Partnership, Role, Visit, VisitStatus
from ..models.base import utcnow
from . import bp, release, rules


@bp.route("/approvals")
@access.roles_required(Role.PRINCIPAL, Role.DISTRICT_ADMIN)
def approvals():
    """Requests waiting for this user's decision, with each teacher's release time."""
    return _queue()


def _queue(failed=None, failed_form=None):
    """The queue page; a decision that failed validation shows its form as typed."""
    visits = db.session.scalars(access.visits_to_decide_query(current_user).options(
        selectinload(Visit.visitor),
        selectinload(Visit.partnership).selectinload(Partnership.program))).all()
    summaries = {}  # each visitor's release time in the visit's program year
    for program in {v.partnership.program for v in visits}:
        visitors = list({v.visitor for v in visits if v.partnership.program is program})
        for visitor_id, text in release.summaries(visitors, program).items():
            summaries[visitor_id, program.id] = text
    rows = [(v, summaries[v.visitor_id, v.partnership.program_id]) for v in visits]
    begun = drafts.find_many([drafts.key("visit-decision", v.id) for v in visits])
    return render_template("visits/approvals.html", rows=rows, form=DecisionForm(formdata=None),
                           failed=failed, failed_form=failed_form,
                           decisions={v.id: _begun(v, begun) for v in visits})


def _begun(visit, begun: dict | None = None) -> tuple[DecisionForm, object]:
    """The visit's decision form with the comment this user began (kept as a draft);
    `begun`: the user's drafts by form key, found already."""
    key = drafts.key("visit-decision", visit.id)
    draft = begun.get(key) if begun is not None else drafts.find(key)
    return DecisionForm(formdata=drafts.formdata(draft), visit_id=visit.id), draft


@bp.route("/<int:visit_id>/decide", methods=["POST"])
@access.roles_required(Role.PRINCIPAL, Role.DISTRICT_ADMIN)
def decide(visit_id: int):
    """Approve or decline, with a comment; answered in place for HTMX."""
    visit = access.visit_for_decision(visit_id)
    form = DecisionForm(visit_id=visit.id)
    approve = request.form.get("decision") == "approve"
    valid = form.validate()
    if valid and not approve and not form.comment.data:
        # The teacher needs to know why, to plan another visit.
        form.comment.errors.append(_("Say why you decline, so the teacher can plan "
                                     "another visit."))
        valid = False
    draft_key = drafts.key("visit-decision", visit.id)
    if not valid:
        drafts.keep(draft_key, request.form)  # refused: the comment waits as a draft
        db.session.commit()
        return _answer(visit, form, htmx.VALIDATION_FAILED)
    drafts.discard(draft_key)
    if visit.status is VisitStatus.PENDING_PRINCIPAL:
        visit.principal_id, visit.principal_decided_at = current_user.id, utcnow()
        visit.principal_comment = form.comment.data or ""
        if not approve:
            visit.status = VisitStatus.DECLINED
        elif rules.needs_district_approval(visit):
            visit.status = VisitStatus.PENDING_DISTRICT
        else:
            visit.status = VisitStatus.APPROVED
    else:
        visit.district_decider_id, visit.district_decided_at = current_user.id, utcnow()
        visit.district_comment = form.comment.data or ""
        visit.status = VisitStatus.APPROVED if approve else VisitStatus.DECLINED
    _tell(visit)
    audit.record("visit_decided", visit.visitor.email,
                 f"visit {visit.id} on {visit.proposed_date.isoformat()}: {visit.status.value}")
    db.session.commit()
    return _answer(visit, form, 200)


def _tell(visit) -> None:
    """The teacher hears the outcome; the district hears of a visit waiting for it."""
    outcome = {
        VisitStatus.APPROVED: _("approved"),
        VisitStatus.DECLINED: _("declined"),
        VisitStatus.PENDING_DISTRICT: _("approved by your principal; as a further visit this "
                                        "year it now waits for the district's approval"),
    }[visit.status]
    comment = visit.district_comment or visit.principal_comment
    rules.notify([visit.visitor], _("Your visit request: %(outcome)s", outcome=outcome),
                 _("Your request to visit %(visited)s on %(day)s is %(outcome)s.%(comment)s",
                   visited=visit.visited_name, day=visit.proposed_date.isoformat(),
                   outcome=outcome, comment=f"\n\n{comment}" if comment else ""), visit)
    if visit.status is VisitStatus.PENDING_DISTRICT:
        rules.notify(rules.district_admins(visit.visitor),
                     _("A further classroom visit needs district approval"),
                     _("%(name)s asks for another classroom visit this year (%(day)s). Their "
                       "principal approved it.", name=visit.visitor_name,
                       day=visit.proposed_date.isoformat()), visit)


def _answer(visit, form, status: int):
    if htmx.wants_partial():
        response = htmx.render("visits/approvals.html", "visits/_decision_row.html",
                               status_code=status, visit=visit, form=form,
                               summary=release.summary(visit.visitor, visit.partnership.program))
        return response
    if status != 200:
        return _queue(failed=visit, failed_form=form)
    else:
        flash(_("Decision recorded: %(name)s, %(day)s.", name=visit.visitor_name,
                day=visit.proposed_date.isoformat()), "success")
    return redirect(url_for("visits.approvals"))
