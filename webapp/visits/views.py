"""The teacher's side of a visit: the request, the report after it, the follow-up."""
from __future__ import annotations

from decimal import Decimal

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forms.visit import (OTHER_COLLEAGUE, DecisionForm, FollowupDateForm, FollowupRequestForm,
                         PostVisitForm, VisitRequestForm)

from .. import access, audit, clock, drafts, notify, once
from ..extensions import db
from ..models import User, Visit, VisitStatus
from ..models.base import utcnow
from ..partnerships.saving import missing_required
from . import bp, release, rules


@bp.route("/partnership/<int:partnership_id>/new", methods=["GET", "POST"])
@login_required
def new(partnership_id: int):
    """Request a classroom visit (seed 000's visitation form, before the visit)."""
    partnership = access.partnership_for_change(partnership_id, "cycles")
    access.ensure_visits(partnership)
    program = partnership.program
    colleagues = rules.partnership_colleagues(partnership, current_user)
    draft_key = drafts.key("visit-new", partnership.id)
    draft = drafts.find(draft_key)
    lengths = program.practice("visits")["lengths"]
    if request.method == "GET" and draft is not None:  # the text typed last time
        form = VisitRequestForm(formdata=drafts.formdata(draft), colleagues=colleagues,
                                lengths=lengths)
    else:
        form = VisitRequestForm(colleagues=colleagues, lengths=lengths)
    if form.validate_on_submit():
        length = Decimal(form.length_days.data)
        problem = rules.date_problem(program, form.proposed_date.data, clock.today())
        if problem:
            form.proposed_date.errors.append(problem)
        problem = rules.release_problem(current_user, program, length)
        if problem:
            form.length_days.errors.append(problem)
        if not form.errors:
            claim = once.claim()
            if claim.earlier_url is not None:
                return redirect(claim.earlier_url)  # a retry: the request was sent already
            drafts.discard(draft_key)
            visit = _create(partnership, form, length, claim)
            flash(_("Your request is sent to your principal."), "success")
            return redirect(url_for("visits.detail", visit_id=visit.id))
    if request.method == "POST":
        draft = drafts.keep(draft_key, request.form)  # refused: a reload still finds it
        db.session.commit()
    return render_template("visits/new.html", form=form, partnership=partnership,
                           visits=program.practice("visits"),
                           release_summary=release.summary(current_user, program),
                           school=current_user.school, draft=draft)


def _create(partnership, form: VisitRequestForm, length: Decimal, claim: once.Claim) -> Visit:
    visited = None
    if form.visited_id.data and form.visited_id.data != OTHER_COLLEAGUE:
        visited = db.session.get(User, int(form.visited_id.data))
    visit = Visit(
        partnership=partnership, visitor_id=current_user.id, visitor_name=current_user.name,
        visitor_school=current_user.school.name if current_user.school else "",
        proposed_date=form.proposed_date.data, location=form.location.data,
        visited_id=visited.id if visited else None,
        visited_name=visited.name if visited else form.visited_other.data,
        length_days=length, purpose=form.purpose.data, status=VisitStatus.PENDING_PRINCIPAL)
    db.session.add(visit)
    db.session.flush()
    claim.done(url_for("visits.detail", visit_id=visit.id))
    audit.record("visit_requested", current_user.email,
                 f"visit {visit.id} on {visit.proposed_date.isoformat()}")
    rules.notify(rules.principals_of(current_user),
                 _("Visit request from %(name)s", name=current_user.name),
                 _("%(name)s asks to visit %(visited)s on %(day)s (%(days)s day). Approve or "
                   "decline it in Tandem:", name=current_user.name, visited=visit.visited_name,
                   day=visit.proposed_date.isoformat(), days=release.describe(length)), visit)
    db.session.commit()
    return visit


@bp.route("/<int:visit_id>")
@login_required
def detail(visit_id: int):
    """The visitation form as it stands: request, decisions, report, follow-up."""
    return _detail_with(access.visit_for_view(visit_id))


def _back_to(visit: Visit):
    return redirect(url_for("visits.detail", visit_id=visit.id))


@bp.route("/<int:visit_id>/report", methods=["POST"])
@login_required
def report(visit_id: int):
    """After the visit: three things learned, the impact, the next steps."""
    visit = access.visit_for_visitor(visit_id)
    access.ensure_open(visit.partnership, back=url_for("visits.detail", visit_id=visit.id))
    form = PostVisitForm()
    if visit.status is not VisitStatus.APPROVED:
        flash(_("You can report on the visit once it is approved."), "error")
        return _back_to(visit)
    draft_key = drafts.key("visit-report", visit.id)
    locked = access.visit_change_problem(visit)
    if locked:  # filed: nothing changes, the text comes back with the reason
        drafts.keep(draft_key, request.form)
        db.session.commit()
        return _detail_with(visit, report_form=form, report_problem=locked)
    if not rules.has_happened(visit, clock.today()):
        # Nothing is saved before the visit, but the text comes back with the reason.
        drafts.keep(draft_key, request.form)
        db.session.commit()
        return _detail_with(visit, report_form=form, report_problem=_(
            "You can answer these questions after the visit: from %(day)s.",
            day=rules.report_from(visit).isoformat()))
    if form.validate():
        form.populate_obj(visit)
        drafts.discard(draft_key)  # the answers are on the visit now
        if not missing_required(form):
            visit.reported_at = visit.reported_at or utcnow()
            db.session.commit()
            flash(_("Your answers are saved. Now ask your principal for a follow-up meeting."),
                  "success")
            return _back_to(visit)
        db.session.commit()  # keep the draft; the messages say what is missing
    return _detail_with(visit, report_form=form)


def _detail_with(visit: Visit, status: int = 200, **forms):
    today = clock.today()
    report_draft = drafts.find(drafts.key("visit-report", visit.id))
    request_draft = drafts.find(drafts.key("followup-request", visit.id))
    decision_draft = drafts.find(drafts.key("visit-decision", visit.id))
    values = dict(
        visit=visit, is_visitor=visit.visitor_id == current_user.id,
        report_form=PostVisitForm(formdata=drafts.formdata(report_draft), obj=visit),
        report_draft=report_draft,
        followup_request_form=FollowupRequestForm(
            formdata=drafts.formdata(request_draft), obj=visit),
        followup_request_draft=request_draft, decision_draft=decision_draft,
        followup_form=FollowupDateForm(formdata=None, obj=visit),
        decision_form=DecisionForm(formdata=drafts.formdata(decision_draft),
                                   visit_id=visit.id),
        can_decide=access.can_decide_visit(current_user, visit)
        and visit.visitor_id != current_user.id,
        can_record_followup=access.leads_school_of(current_user, visit.visitor),
        release_summary=release.summary(visit.visitor, visit.partnership.program),
        can_withdraw=rules.can_withdraw(visit, today)
        and not visit.partnership.completed_at,
        happened=rules.has_happened(visit, today), report_problem=None,
        report_from=rules.report_from(visit),
        followup_late=rules.followup_late(visit),
        followup_by=rules.one_month_after(visit.proposed_date),
        locked=bool(visit.partnership.completed_at))
    values.update(forms)
    return render_template("visits/detail.html", **values), status


@bp.route("/<int:visit_id>/followup-request", methods=["POST"])
@login_required
def followup_request(visit_id: int):
    """The teacher asks the principal for a time to discuss the visit."""
    visit = access.visit_for_visitor(visit_id)
    form = FollowupRequestForm()
    draft_key = drafts.key("followup-request", visit.id)
    if not form.validate():
        drafts.keep(draft_key, request.form)  # refused: a reload still finds it
        db.session.commit()
        return _detail_with(visit, followup_request_form=form)
    drafts.discard(draft_key)
    visit.followup_request = form.followup_request.data
    visit.followup_requested_at = utcnow()
    rules.notify(rules.principals_of(visit.visitor),
                 _("%(name)s asks for a follow-up meeting", name=visit.visitor_name),
                 _("%(name)s visited a classroom on %(day)s and asks to meet:\n\n%(text)s",
                   name=visit.visitor_name, day=visit.proposed_date.isoformat(),
                   text=visit.followup_request), visit)
    db.session.commit()
    flash(_("Your principal has your request."), "success")
    return _back_to(visit)


# Pages that list visits mark a follow-up held more than a month after the visit.
bp.add_app_template_global(rules.followup_late, "followup_late")


@bp.route("/<int:visit_id>/followup", methods=["POST"])
@login_required
def followup(visit_id: int):
    """The principal records the date of the follow-up meeting: held within one month,
    or later (then shown as held late, and no longer overdue)."""
    visit = access.visit_for_followup(visit_id)
    form = FollowupDateForm()
    if visit.status is not VisitStatus.APPROVED:
        flash(_("A follow-up meeting is recorded for an approved visit only."), "error")
        return _back_to(visit)
    if form.validate():
        problem = rules.followup_problem(visit, form.followup_date.data, clock.today())
        if problem:
            form.followup_date.errors.append(problem)
        else:
            visit.followup_date = form.followup_date.data
            notify.followup_recorded(visit, current_user._get_current_object())
            db.session.commit()
            flash(_("The follow-up meeting is recorded."), "success")
            return _back_to(visit)
    return _detail_with(visit, followup_form=form)


@bp.route("/<int:visit_id>/cancel", methods=["POST"])
@login_required
def cancel(visit_id: int):
    """The teacher withdraws a request, or an approved visit that has not happened; its
    release days are freed."""
    visit = access.visit_for_visitor(visit_id)
    access.ensure_open(visit.partnership, back=url_for("visits.detail", visit_id=visit.id))
    if rules.can_withdraw(visit, clock.today()):
        visit.status = VisitStatus.CANCELLED
        audit.record("visit_withdrawn", f"visit {visit.id}", detail=_("by the teacher"))
        db.session.commit()
        flash(_("Your request is withdrawn."), "info")
    return _back_to(visit)
