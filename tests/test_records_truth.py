"""Records say only what happened (#8 points 7, 8, 9, 11, 12, 13): no future-dated
facts, completion as the program requires it, a completed partnership locked until the
principal reopens it, late follow-ups, empty or stray records refused, drafts reused."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from webapp import mail
from webapp.extensions import db
from webapp.models import (AuditEvent, CycleEntry, FinalReflection, FormDraft, MemberStatus,
                           Membership, Notice, Partnership, ProgramInterest, Visit,
                           VisitStatus)
from webapp.models.base import utcnow

from . import factories

HTMX = {"HX-Request": "true"}
ANSWERS = factories.VISIT_ANSWERS
fill_steps, held_visit = factories.fill_steps, factories.held_visit
submit_reflection = factories.submit_reflection


@pytest.fixture
def today(app, program):
    """Pin the app's today mid-year (after the visits of `ready` below)."""
    day = program.start_date + timedelta(days=120)
    app.config["TODAY"] = day
    return day


def step_url(partnership, key):
    return f"/partnerships/{partnership.id}/{key}"


def audit_actions(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


@pytest.fixture
def ready(partnership, teacher, partner, program):
    """A pair with everything Partners in Practice asks for before completing."""
    return factories.ready_to_complete(partnership, (teacher, partner),
                                       program.start_date + timedelta(days=60))


@pytest.fixture
def completed(ready):
    ready.completed_at = utcnow()
    db.session.commit()
    return ready


# Point 7: no future-dated facts ------------------------------------------------------

def test_post_visit_answers_wait_until_the_day_after_the_visit(app, as_teacher, partnership,
                                                               teacher):
    visit = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED)
    app.config["TODAY"] = visit.proposed_date  # the day of the visit: not over yet
    page = as_teacher.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert 'action="/visits/%d/report"' % visit.id not in page
    day_after = (visit.proposed_date + timedelta(days=1)).isoformat()
    assert f"after the visit: from {day_after}" in page

    response = as_teacher.post(f"/visits/{visit.id}/report", data=ANSWERS)
    page = response.get_data(as_text=True)
    assert f"after the visit: from {day_after}" in page
    assert "Recording on the board" in page  # the typed text comes back
    db.session.refresh(visit)
    assert visit.reported_at is None and visit.learned_1 == ""

    app.config["TODAY"] = visit.proposed_date + timedelta(days=1)
    as_teacher.post(f"/visits/{visit.id}/report", data=ANSWERS)
    db.session.refresh(visit)
    assert visit.reported_at is not None and visit.learned_3 == "Recording on the board"


def test_follow_up_meeting_dated_after_today_is_refused(app, as_principal, partnership,
                                                        teacher):
    visit = held_visit(partnership, teacher, partnership.program.start_date + timedelta(days=30))
    app.config["TODAY"] = visit.proposed_date + timedelta(days=5)
    tomorrow = (visit.proposed_date + timedelta(days=6)).isoformat()
    page = as_principal.post(f"/visits/{visit.id}/followup",
                             data={"followup_date": tomorrow}).get_data(as_text=True)
    assert "once it has happened" in page and f'value="{tomorrow}"' in page
    assert 'id="followup_date-error"' in page  # at the field
    db.session.refresh(visit)
    assert visit.followup_date is None


def test_cycle_entry_dated_after_today_is_refused(as_teacher, partnership, today):
    tomorrow = (today + timedelta(days=1)).isoformat()
    response = as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
        "met_on": tomorrow, "reflected": "A meeting we have not had"})
    page = response.get_data(as_text=True)
    assert "once it has happened" in page and "A meeting we have not had" in page
    assert 'id="met_on-error"' in page
    assert db.session.scalar(select(func.count(CycleEntry.id))) == 0
    as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
        "met_on": today.isoformat(), "reflected": "Today's meeting"})
    entry = db.session.scalar(select(CycleEntry))
    assert entry.met_on == today

    page = as_teacher.post(f"/partnerships/cycles/{entry.id}/edit", data={
        "met_on": tomorrow, "reflected": "Moved ahead", "version": str(entry.version)}
    ).get_data(as_text=True)
    assert "once it has happened" in page
    db.session.refresh(entry)
    assert entry.met_on == today


# Point 8: completing asks for what the program requires ----------------------------

def test_completion_says_what_is_missing(as_teacher, partnership, teacher, partner, program,
                                         today):
    fill_steps(partnership)
    held_visit(partnership, teacher, program.start_date + timedelta(days=60))
    # The partner's visit is today: it counts only once its day is over.
    held_visit(partnership, partner, today, reported=False)
    submit_reflection(partnership, teacher)
    page = as_teacher.get(f"/partnerships/{partnership.id}/complete").get_data(as_text=True)
    assert "Ben Partner: a classroom visit, held and reported on" in page
    assert "Ana Teacher: a classroom visit" not in page
    assert "Ben Partner: the final reflection, submitted." in page
    assert "Ana Teacher: the final reflection" not in page
    assert "The evidence of impact on student learning" in page
    assert 'name="confirm"' not in page
    step6 = as_teacher.get(step_url(partnership, "reflection")).get_data(as_text=True)
    assert "Ben Partner: the final reflection, submitted." in step6

    as_teacher.post(f"/partnerships/{partnership.id}/complete", data={"confirm": "y"})
    db.session.refresh(partnership)
    assert partnership.completed_at is None


def test_completion_asks_for_confirmation_then_files(as_teacher, ready, principal, partner,
                                                     today):
    page = as_teacher.get(f"/partnerships/{ready.id}/complete").get_data(as_text=True)
    assert "Partnership plan" in page and "Reflection record" in page  # what is filed
    assert 'name="confirm"' in page

    page = as_teacher.post(f"/partnerships/{ready.id}/complete").get_data(as_text=True)
    assert "Tick this box to confirm" in page
    db.session.refresh(ready)
    assert ready.completed_at is None

    response = as_teacher.post(f"/partnerships/{ready.id}/complete", data={"confirm": "y"})
    assert response.status_code == 302
    db.session.refresh(ready)
    assert ready.completed_at is not None
    assert [e.detail for e in audit_actions("partnership_completed")] == [
        f"partnership {ready.id}"]
    assert {m.to for m in mail.read_outbox()} >= {partner.email, principal.email}


# Point 9: locked once complete; the principal reopens -------------------------------

def test_completed_partnership_takes_no_changes(as_teacher, completed, teacher, partner,
                                                program, today):
    p = completed
    before = (p.objective, p.objective_version, len(p.milestones), len(p.cycles))
    visit = factories.visit_for(p, teacher, status=VisitStatus.APPROVED,
                                proposed_date=today - timedelta(days=3))
    entry = p.cycles[0]
    attempts = [
        (step_url(p, "objective"), {"objective": "Changed", "version": "1"}),
        (f"/partnerships/{p.id}/milestones", {"title": "New", "due_date": today.isoformat()}),
        (f"/partnerships/{p.id}/cycles/new", {"met_on": today.isoformat(), "reflected": "x"}),
        (f"/partnerships/{p.id}/cycles/done", {"done": "0"}),
        (f"/partnerships/{p.id}/reflection/mine", {"impressions": "x", "version": "1"}),
        (f"/partnerships/{p.id}/reflection/impact", {"impact_evidence": "x", "version": "0"}),
        (f"/partnerships/{p.id}/invitations", {"user_id": str(partner.id)}),
        (f"/partnerships/cycles/{entry.id}/edit", {"met_on": today.isoformat(),
                                                   "reflected": "y", "version": "1"}),
        (f"/partnerships/cycles/{entry.id}/delete", {}),
        (f"/visits/partnership/{p.id}/new", {"proposed_date": today.isoformat()}),
        (f"/visits/{visit.id}/report", ANSWERS),
        (f"/visits/{visit.id}/cancel", {}),
    ]
    for url, data in attempts:
        response = as_teacher.post(url, data=data)
        assert response.status_code == 302, url
        page = as_teacher.get(response.location).get_data(as_text=True)
        assert "This partnership is complete, so its records are locked" in page, url
    db.session.refresh(p)
    db.session.refresh(visit)
    assert (p.objective, p.objective_version, len(p.milestones), len(p.cycles)) == before
    assert p.reflections[0].impressions != "x" and p.impact_evidence != "x"
    assert visit.reported_at is None and visit.status is VisitStatus.APPROVED
    assert db.session.scalar(select(func.count(Visit.id))) == 3


def test_locked_answers_for_htmx_with_the_panel_and_for_autosave(as_teacher, completed):
    response = as_teacher.post(step_url(completed, "objective"), headers=HTMX,
                               data={"objective": "Changed", "version": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'id="wizard"' in page and "records are locked" in page
    assert "<html" not in page
    response = as_teacher.post(step_url(completed, "objective"), headers=HTMX,
                               data={"objective": "Changed", "version": "1", "autosave": "1"})
    assert response.status_code == 409
    assert "Not saved:" in response.get_data(as_text=True)
    # The step pages say so instead of offering forms.
    page = as_teacher.get(step_url(completed, "approach")).get_data(as_text=True)
    assert "records are locked" in page and 'name="approach_plan"' not in page
    assert "Request a classroom visit" not in as_teacher.get(
        step_url(completed, "cycles")).get_data(as_text=True)


def test_principal_reopens_with_a_reason_members_see_who_and_why(
        as_principal, as_teacher, completed, partner, signed_in, other_principal):
    url = f"/partnerships/{completed.id}/reopen"
    assert as_teacher.post(url, data={"reason": "I want to"}).status_code == 403
    assert signed_in(other_principal).post(url, data={"reason": "x"}).status_code == 403

    page = as_principal.post(url, data={"reason": "  "}).get_data(as_text=True)
    assert "Say why the partnership is reopened" in page
    db.session.refresh(completed)
    assert completed.completed_at is not None

    reason = "The evidence needs the <spring> assessment results."
    response = as_principal.post(url, data={"reason": reason})
    assert response.status_code == 302
    db.session.refresh(completed)
    assert completed.completed_at is None
    assert completed.reopen_reason == reason and completed.reopened_by.name == "Pat Principal"
    events = audit_actions("partnership_reopened")
    assert len(events) == 1 and reason in events[0].detail
    for page in (as_teacher.get(f"/partnerships/{completed.id}/").get_data(as_text=True),
                 as_teacher.get(step_url(completed, "reflection")).get_data(as_text=True)):
        assert "Reopened by Pat Principal" in page
        assert "The evidence needs the &lt;spring&gt; assessment results." in page
    assert any("reopened" in n.message for n in db.session.scalars(
        select(Notice).where(Notice.user_id == partner.id)))
    # Open again: members change it.
    as_teacher.post(f"/partnerships/{completed.id}/reflection/impact",
                    data={"impact_evidence": "Now with spring results.", "version": "0"})
    db.session.refresh(completed)
    assert completed.impact_evidence == "Now with spring results."


# Point 11: a late follow-up is recorded, marked late ------------------------------

def test_late_follow_up_is_recorded_and_the_overdue_flag_clears(
        app, as_principal, as_teacher, partnership, teacher):
    from webapp.visits.rules import followup_overdue

    visit = held_visit(partnership, teacher, partnership.program.start_date + timedelta(days=30))
    app.config["TODAY"] = visit.proposed_date + timedelta(days=45)
    assert followup_overdue(visit, app.config["TODAY"])
    late = (visit.proposed_date + timedelta(days=40)).isoformat()
    as_principal.post(f"/visits/{visit.id}/followup", data={"followup_date": late})
    db.session.refresh(visit)
    assert visit.followup_date.isoformat() == late
    assert not followup_overdue(visit, app.config["TODAY"])
    assert "held late" in as_principal.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "follow-up held late" in as_teacher.get(
        f"/partnerships/{partnership.id}/").get_data(as_text=True)
    home = as_teacher.get("/").get_data(as_text=True)
    assert "follow-up held late" in home and "Follow-up meeting overdue" not in home


# Point 12: empty or stray records ------------------------------------------------

def test_empty_cycle_entry_is_refused(as_teacher, partnership, today):
    page = as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
        "met_on": today.isoformat(), "minutes": "30", "attendees": "Ana, Ben"}
    ).get_data(as_text=True)
    assert "an entry needs at least one of these four" in page
    assert 'id="reflected-error"' in page and 'value="Ana, Ben"' in page
    assert db.session.scalar(select(func.count(CycleEntry.id))) == 0


def test_author_deletes_an_entry_after_confirming(as_teacher, partnership, teacher, partner,
                                                  signed_in, program):
    partnership.cycles.append(CycleEntry(author_id=teacher.id, met_on=program.start_date,
                                         reflected="To be removed", version=1))
    db.session.commit()
    entry_id = partnership.cycles[0].id
    assert signed_in(partner).post(f"/partnerships/cycles/{entry_id}/delete").status_code == 403
    page = as_teacher.get(f"/partnerships/cycles/{entry_id}/delete").get_data(as_text=True)
    assert "Delete the meeting of" in page and "Yes, delete this entry" in page
    assert db.session.get(CycleEntry, entry_id) is not None  # asking deletes nothing
    as_teacher.post(f"/partnerships/cycles/{entry_id}/delete")
    db.session.expire_all()
    assert db.session.get(CycleEntry, entry_id) is None
    steps_page = as_teacher.get(step_url(partnership, "cycles")).get_data(as_text=True)
    assert f"/partnerships/cycles/{entry_id}/delete" not in steps_page


def test_other_approach_needs_its_description(as_teacher, partnership):
    data = {"approaches": ["Other"], "approach_plan": "Plan", "communication_plan": "Talk",
            "version": "0"}
    page = as_teacher.post(step_url(partnership, "approach"), data=data).get_data(as_text=True)
    assert 'id="approach_other-error"' in page
    db.session.refresh(partnership)
    from webapp.partnerships import steps

    assert steps.BY_KEY["approach"].state(partnership) != steps.DONE
    response = as_teacher.post(step_url(partnership, "approach"),
                               data={**data, "approach_other": "Lesson study",
                                     "version": str(partnership.approach_version)})
    assert response.status_code == 302
    db.session.refresh(partnership)
    assert steps.BY_KEY["approach"].state(partnership) == steps.DONE


def test_declining_needs_a_reason(as_principal, as_admin, partnership, teacher):
    visit = factories.visit_for(partnership, teacher)
    page = as_principal.post(f"/visits/{visit.id}/decide",
                             data={"decision": "decline"}).get_data(as_text=True)
    assert "Say why you decline" in page
    db.session.refresh(visit)
    assert visit.status is VisitStatus.PENDING_PRINCIPAL
    further = factories.visit_for(partnership, teacher, status=VisitStatus.PENDING_DISTRICT)
    response = as_admin.post(f"/visits/{further.id}/decide", headers=HTMX,
                             data={"decision": "decline", "comment": ""})
    assert response.status_code == 422 and "Say why you decline" in response.get_data(
        as_text=True)
    db.session.refresh(further)
    assert further.status is VisitStatus.PENDING_DISTRICT
    as_principal.post(f"/visits/{visit.id}/decide",
                      data={"decision": "decline", "comment": "Testing week."})
    db.session.refresh(visit)
    assert visit.status is VisitStatus.DECLINED


@pytest.mark.parametrize("status", [VisitStatus.DECLINED, VisitStatus.CANCELLED])
def test_declined_or_withdrawn_visit_shows_no_post_visit_questions(as_teacher, partnership,
                                                                   teacher, status, today):
    visit = factories.visit_for(partnership, teacher, status=status,
                                proposed_date=today - timedelta(days=10))
    page = as_teacher.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "Post visitation follow-up questions" not in page
    assert "3 things I learned" not in page and "Date of follow-up meeting" not in page
    assert "has no post-visit questions" in page


# Point 13: drafts reused, abandoning, no steps past 2 without a partner ----------

def _start(client, **data):
    return client.post("/partnerships/new", data=data)


def test_start_again_reuses_the_empty_draft(as_teacher, program, teacher):
    first = _start(as_teacher).location
    assert _start(as_teacher).location == first
    assert db.session.scalar(select(func.count(Partnership.id))) == 1
    # Once something is typed in step 1 it is a partnership of its own: a new one starts.
    draft = db.session.scalar(select(Partnership))
    draft.objective = "Number talks"
    db.session.commit()
    assert _start(as_teacher).location != first
    assert db.session.scalar(select(func.count(Partnership.id))) == 2


def test_start_retried_with_its_one_time_key_creates_nothing(as_teacher, program):
    key = "k" * 32
    first = _start(as_teacher, once_key=key).location
    draft = db.session.scalar(select(Partnership))
    draft.objective = "Typed after the first answer was lost"
    db.session.commit()
    assert _start(as_teacher, once_key=key).location == first
    assert db.session.scalar(select(func.count(Partnership.id))) == 1
    home = as_teacher.get("/").get_data(as_text=True)
    assert 'name="once_key"' in home


def test_creator_abandons_a_partnership_nobody_joined(as_teacher, signed_in, program,
                                                     teacher, partner):
    p = factories.partnership_for(program, teacher, objective="Solo so far")
    p.memberships.append(Membership(user=partner, status=MemberStatus.INVITED))
    db.session.commit()
    pid = p.id
    assert signed_in(partner).get(f"/partnerships/{pid}/abandon").status_code == 403
    overview = as_teacher.get(f"/partnerships/{pid}/").get_data(as_text=True)
    assert f"/partnerships/{pid}/abandon" in overview
    page = as_teacher.get(f"/partnerships/{pid}/abandon").get_data(as_text=True)
    assert "Ben Partner" in page and "Yes, abandon it" in page
    assert db.session.get(Partnership, pid) is not None
    as_teacher.post(f"/partnerships/{pid}/abandon")
    db.session.expire_all()
    assert db.session.get(Partnership, pid) is None
    assert db.session.scalar(select(func.count(Membership.id))) == 0
    events = audit_actions("partnership_abandoned")
    assert len(events) == 1 and partner.email in events[0].detail
    assert "Solo so far" not in signed_in(partner).get("/").get_data(as_text=True)


def test_abandoning_forgets_its_drafts_and_notices(as_teacher, program, teacher, partner):
    """Nothing left behind points at an abandoned partnership: a later one can get its id
    (SQLite reuses it) and must not show the old one's draft or notices."""
    p = factories.partnership_for(program, teacher, objective="Solo so far")
    kept = factories.partnership_for(program, teacher, partner, objective="Kept")
    visit = factories.visit_for(kept, teacher)
    db.session.add_all([
        FormDraft(user_id=teacher.id, form_key=f"cycle-new:{p.id}", data={"reflected": "x"}),
        FormDraft(user_id=teacher.id, form_key=f"cycle-new:{kept.id}", data={"reflected": "y"}),
        Notice(user_id=teacher.id, message="Declined", url=f"/partnerships/{p.id}/partner"),
        Notice(user_id=teacher.id, message="Other", url=f"/partnerships/{kept.id}/"),
        Notice(user_id=teacher.id, message="Visit", url=f"/visits/{visit.id}"),
    ])
    db.session.commit()
    as_teacher.post(f"/partnerships/{p.id}/abandon")
    db.session.expire_all()
    assert [d.form_key for d in db.session.scalars(select(FormDraft))] == [
        f"cycle-new:{kept.id}"]
    assert sorted(n.message for n in db.session.scalars(select(Notice))) == ["Other", "Visit"]


def test_a_joined_partnership_cannot_be_abandoned(as_teacher, partnership):
    assert as_teacher.post(f"/partnerships/{partnership.id}/abandon").status_code == 403
    assert db.session.get(Partnership, partnership.id) is not None


def test_no_step_past_two_without_a_partner(as_teacher, program, teacher, partner, today):
    p = factories.partnership_for(program, teacher, objective="Waiting for Ben")
    p.memberships.append(Membership(user=partner, status=MemberStatus.INVITED))
    db.session.commit()
    for key in ("approach", "timeline", "cycles", "reflection"):
        page = as_teacher.get(step_url(p, key)).get_data(as_text=True)
        assert "opens once a colleague has accepted your invitation" in page, key
        assert f'href="/partnerships/{p.id}/partner"' in page
    response = as_teacher.post(step_url(p, "approach"), data={
        "approach_plan": "Plan", "version": "0"})
    assert response.status_code == 302
    as_teacher.post(f"/partnerships/{p.id}/cycles/new", data={
        "met_on": today.isoformat(), "reflected": "Alone"})
    as_teacher.post(f"/visits/partnership/{p.id}/new", data={
        "proposed_date": today.isoformat(), "location": "Room 1", "visited_id": "other",
        "visited_other": "Someone", "length_days": "0.5", "purpose": "See"})
    db.session.refresh(p)
    assert p.approach_plan == "" and not p.cycles
    assert db.session.scalar(select(func.count(Visit.id))) == 0
    # Steps 1 and 2 stay open.
    objective = as_teacher.get(step_url(p, "objective")).get_data(as_text=True)
    assert "step-closed" not in objective and 'name="objective"' in objective


# The demo says only what happened too ----------------------------------------------

@pytest.mark.parametrize("days_into_year", [40, 120, 250])
def test_demo_records_nothing_ahead_of_today(app, days_into_year):
    from webapp import demo
    from webapp.partnerships.lifecycle import missing_for_completion
    from webapp.programs.operations import default_program

    today = default_program(0, 2026).start_date + timedelta(days=days_into_year)
    app.config["TODAY"] = today
    demo.create("demo pass phrase ok")
    db.session.commit()
    entries = db.session.scalars(select(CycleEntry)).all()
    assert all(e.met_on <= today for e in entries)
    # ... and no meeting before its partnership began.
    assert all(e.met_on >= e.partnership.created_at.date() for e in entries)
    visits = db.session.scalars(select(Visit)).all()
    assert all(v.proposed_date < today for v in visits if v.reported_at)
    assert all(v.followup_date <= today for v in visits if v.followup_date)
    assert all(v.principal_comment for v in visits if v.status is VisitStatus.DECLINED)
    for p in db.session.scalars(select(Partnership).where(Partnership.completed_at.is_not(None))):
        assert missing_for_completion(p, today) == []
    # Every dated record of the demo is dated on or before its today, and every member
    # of a partnership told the principal of their interest (the deadline table's first
    # column would otherwise show the whole demo late).
    stamps = [m.responded_at for m in db.session.scalars(select(Membership))
              if m.responded_at]
    stamps += [p.completed_at for p in db.session.scalars(select(Partnership)) if p.completed_at]
    stamps += [p.goal_agreed_at for p in db.session.scalars(select(Partnership))
               if p.goal_agreed_at]
    stamps += [r.submitted_at for r in db.session.scalars(select(FinalReflection))
               if r.submitted_at]
    stamps += [i.created_at for i in db.session.scalars(select(ProgramInterest))]
    assert stamps and all(stamp.date() <= today for stamp in stamps)
    interested = {i.teacher_id for i in db.session.scalars(select(ProgramInterest))}
    # (Partners in Practice has the interest deadline; the demo's Learning Teams and IPI
    # programs, whose principals form the teams, have none.)
    members = {m.user_id for m in db.session.scalars(
        select(Membership).join(Membership.partnership).where(
            Membership.status == MemberStatus.ACCEPTED,
            Partnership.program.has(model_key="partners-in-practice")))}
    assert members <= interested


def test_an_invitation_left_open_cannot_join_a_completed_partnership(
        as_teacher, completed, signed_in, other_teacher, program, today):
    """Accepting after completion would add a member with no visit or reflection to
    records that are locked and filed (review of #8)."""
    other_teacher.school_id = completed.school_id
    completed.memberships.append(Membership(user=other_teacher, status=MemberStatus.INVITED))
    db.session.commit()
    invitee = signed_in(other_teacher)
    response = invitee.post(f"/partnerships/{completed.id}/invitation/accept")
    assert response.status_code == 302
    db.session.expire_all()
    assert other_teacher not in completed.members
    assert "records are locked" in invitee.get(response.location).get_data(as_text=True)


def test_completing_withdraws_invitations_nobody_answered(as_teacher, ready, other_teacher,
                                                          today):
    ready.memberships.append(Membership(user=other_teacher, status=MemberStatus.INVITED))
    db.session.commit()
    as_teacher.post(f"/partnerships/{ready.id}/complete", data={"confirm": "y"})
    db.session.expire_all()
    assert ready.completed_at is not None
    assert ready.membership_of(other_teacher).status is MemberStatus.WITHDRAWN


def test_completing_withdraws_visit_requests_still_waiting(as_teacher, ready, teacher,
                                                           principal, today):
    """A request still waiting at completion would be approved into locked records that
    can then take no report: the confirm page names it, completing withdraws it."""
    waiting = factories.visit_for(ready, teacher, proposed_date=today + timedelta(days=10))
    db.session.commit()
    page = as_teacher.get(f"/partnerships/{ready.id}/complete").get_data(as_text=True)
    assert "will be withdrawn" in page and waiting.proposed_date.isoformat() in page
    as_teacher.post(f"/partnerships/{ready.id}/complete", data={"confirm": "y"})
    db.session.expire_all()
    assert ready.completed_at is not None
    assert waiting.status is VisitStatus.CANCELLED
    assert [e.subject for e in audit_actions("visit_withdrawn")] == [f"visit {waiting.id}"]
