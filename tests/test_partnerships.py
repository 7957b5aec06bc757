"""The partnership wizard over HTTP: steps, invitations, saving, conflicts, limits."""
from datetime import date, timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import MemberStatus, Partnership

from . import factories

OBJECTIVE = {
    "focus_area": "Sharing instructional strategies",
    "objective": "Use number talks to build\nfluency in grade 4",
    "student_goal": "Students explain two strategies for multi-digit addition.",
    "educator_goal": "We learn to run number talks that include every student.",
    "objective_source": "class",
}


def step_url(p, key):
    return f"/partnerships/{p.id}/{key}"


def test_start_opens_objective_step(as_teacher, program, teacher):
    response = as_teacher.post("/partnerships/new")
    p = db.session.scalar(select(Partnership))
    assert response.location == step_url(p, "objective")
    assert p.members == [teacher] and p.program_id == program.id
    page = as_teacher.get(step_url(p, "objective")).get_data(as_text=True)
    assert "Step 1 of 6: Objective" in page and "Sharing instructional strategies" in page


def test_objective_saves_and_moves_on(as_teacher, partnership):
    response = as_teacher.post(step_url(partnership, "objective"),
                               data={**OBJECTIVE, "version": "0"})
    assert response.location == step_url(partnership, "partner")
    db.session.refresh(partnership)
    assert partnership.objective == OBJECTIVE["objective"]  # line break kept
    assert partnership.objective_version == 1


def test_missing_answers_keep_text_and_say_what_is_missing(as_teacher, partnership):
    page = as_teacher.post(step_url(partnership, "objective"), data={
        "objective": "Only this so far <b>bold</b>", "version": "0"}).get_data(as_text=True)
    assert "Please fill this in" in page
    assert "Only this so far &lt;b&gt;bold&lt;/b&gt;" in page
    db.session.refresh(partnership)
    assert partnership.objective == "Only this so far <b>bold</b>"  # kept as a draft


def test_over_long_text_is_refused_with_message_and_kept(as_teacher, partnership):
    text = "x" * 20_001
    response = as_teacher.post(step_url(partnership, "objective"),
                               data={**OBJECTIVE, "objective": text, "version": "0"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Keep this to 20000 characters; it has 20001 now" in page
    assert text in page
    db.session.refresh(partnership)
    assert partnership.objective == ""


def test_autosave_saves_a_draft_and_reports_time(as_teacher, partnership):
    response = as_teacher.post(step_url(partnership, "objective"), headers={"HX-Request": "true"},
                               data={"objective": "Draft words", "version": "0", "autosave": "1"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Saved" in body and 'id="version-objective" value="1" data-hx-swap-oob="true"' in body
    db.session.refresh(partnership)
    assert partnership.objective == "Draft words"


def test_stale_save_is_refused_and_both_versions_shown(as_teacher, partnership, partner,
                                                      signed_in):
    as_partner = signed_in(partner)
    as_partner.post(step_url(partnership, "objective"),
                    data={**OBJECTIVE, "objective": "Partner's wording", "version": "0"})
    # The teacher's form was loaded at version 0 too.
    response = as_teacher.post(step_url(partnership, "objective"),
                               data={**OBJECTIVE, "objective": "My wording", "version": "0"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Ben Partner changed this step" in page
    assert "Partner&#39;s wording" in page and "My wording" in page
    db.session.refresh(partnership)
    assert partnership.objective == "Partner's wording"
    # Choosing to keep one's own version is a deliberate overwrite.
    response = as_teacher.post(step_url(partnership, "objective"), data={
        **OBJECTIVE, "objective": "My wording", "version": "0", "overwrite_version": "1"})
    assert response.status_code == 302
    db.session.refresh(partnership)
    assert partnership.objective == "My wording"


def test_stale_autosave_is_refused(as_teacher, partnership, partner, signed_in):
    signed_in(partner).post(step_url(partnership, "approach"), data={
        "approach_plan": "Theirs", "version": "0", "autosave": "1"})
    response = as_teacher.post(step_url(partnership, "approach"), headers={"HX-Request": "true"},
                               data={"approach_plan": "Mine", "version": "0", "autosave": "1"})
    assert response.status_code == 409
    assert "Theirs" in response.get_data(as_text=True)
    db.session.refresh(partnership)
    assert partnership.approach_plan == "Theirs"


def test_invite_accept_forms_partnership(as_teacher, program, teacher, other_teacher, signed_in):
    p = factories.partnership_for(program, teacher)
    results = as_teacher.get(f"/partnerships/{p.id}/colleagues?q=omar",
                             headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Omar Elsewhere" in results and "<html" not in results
    as_teacher.post(f"/partnerships/{p.id}/invitations", data={"user_id": other_teacher.id})
    invitee = signed_in(other_teacher)
    home = invitee.get("/").get_data(as_text=True)
    assert "Invitations for you" in home and "Ana Teacher" in home
    assert invitee.get(step_url(p, "objective")).status_code == 403  # not a member yet
    invitee.post(f"/partnerships/{p.id}/invitation/accept")
    db.session.refresh(p)
    assert p.is_formed and other_teacher in p.members
    assert invitee.get(step_url(p, "objective")).status_code == 200


def test_decline_and_withdraw(as_teacher, program, teacher, other_teacher, partner, signed_in):
    p = factories.partnership_for(program, teacher)
    as_teacher.post(f"/partnerships/{p.id}/invitations", data={"user_id": other_teacher.id})
    as_teacher.post(f"/partnerships/{p.id}/invitations", data={"user_id": partner.id})
    signed_in(other_teacher).post(f"/partnerships/{p.id}/invitation/decline")
    membership = p.membership_of(partner)
    as_teacher.post(f"/partnerships/{p.id}/invitations/{membership.id}/withdraw")
    db.session.refresh(p)
    statuses = {m.user.name: m.status for m in p.memberships}
    assert statuses["Omar Elsewhere"] is MemberStatus.DECLINED
    assert statuses["Ben Partner"] is MemberStatus.WITHDRAWN
    assert not p.is_formed
    assert signed_in(partner).post(f"/partnerships/{p.id}/invitation/accept").status_code == 403


def test_at_most_five_invitees(as_teacher, program, teacher, school):
    p = factories.partnership_for(program, teacher)
    colleagues = [factories.UserFactory(school=school) for _ in range(6)]
    for colleague in colleagues:
        as_teacher.post(f"/partnerships/{p.id}/invitations", data={"user_id": colleague.id})
    db.session.refresh(p)
    assert len(p.pending_invitations) == 5


def test_timeline_dates_checked_and_warnings(as_teacher, partnership, program):
    outside = as_teacher.post(step_url(partnership, "timeline"), data={
        "start_date": (program.start_date - timedelta(days=1)).isoformat(),
        "cadence": "biweekly", "version": "0"}).get_data(as_text=True)
    assert "within the program year" in outside
    backwards = as_teacher.post(step_url(partnership, "timeline"), data={
        "start_date": (program.start_date + timedelta(days=10)).isoformat(),
        "end_date": (program.start_date + timedelta(days=5)).isoformat(),
        "cadence": "biweekly", "version": "0"}).get_data(as_text=True)
    assert "after the start date" in backwards
    nonsense = as_teacher.post(step_url(partnership, "timeline"), data={
        "start_date": "2026-02-31", "version": "0"}).get_data(as_text=True)
    assert "Not a valid date value" in nonsense and 'value="2026-02-31"' in nonsense
    as_teacher.post(f"/partnerships/{partnership.id}/milestones", data={
        "title": "Share results at staff meeting",
        "due_date": (program.deadline("reflection") + timedelta(days=5)).isoformat()})
    page = as_teacher.get(step_url(partnership, "timeline")).get_data(as_text=True)
    assert "after the program&#39;s deadline to reflect" in page
    assert "Share results at staff meeting" in page
    # The program's deadlines are listed as fixed milestones.
    assert program.deadline("visits").isoformat() in page


def test_cycles_newest_first_and_only_author_edits(as_teacher, partnership, partner,
                                                   signed_in, program):
    day = program.start_date + timedelta(days=30)
    for offset, text in ((0, "First meeting"), (14, "Second meeting")):
        as_teacher.post(f"/partnerships/{partnership.id}/cycles/new", data={
            "met_on": (day + timedelta(days=offset)).isoformat(), "minutes": "45",
            "attendees": "Ana, Ben", "reflected": text})
    page = as_teacher.get(step_url(partnership, "cycles")).get_data(as_text=True)
    assert page.index("Second meeting") < page.index("First meeting")
    entry = partnership.cycles[0]
    assert signed_in(partner).get(f"/partnerships/cycles/{entry.id}/edit").status_code == 403
    assert as_teacher.get(f"/partnerships/cycles/{entry.id}/edit").status_code == 200


def test_completion_needs_every_reflection(as_teacher, partnership, partner, signed_in):
    answers = {key: f"Answer to {key}" for key in (
        "impressions", "causal_factors", "new_learning", "application", "experience")}
    as_teacher.post(f"/partnerships/{partnership.id}/reflection/mine",
                    data={**answers, "version": "0", "submit": "1"})
    as_teacher.post(f"/partnerships/{partnership.id}/reflection/impact",
                    data={"impact_evidence": "Exit tickets rose from 40% to 75%.", "version": "0"})
    as_teacher.post(f"/partnerships/{partnership.id}/complete")
    db.session.refresh(partnership)
    assert partnership.completed_at is None
    signed_in(partner).post(f"/partnerships/{partnership.id}/reflection/mine",
                            data={**answers, "version": "0", "submit": "1"})
    as_teacher.post(f"/partnerships/{partnership.id}/complete")
    db.session.refresh(partnership)
    assert partnership.completed_at is None  # earlier steps are not done yet


def test_non_member_refused_everywhere(as_teacher, program, other_teacher, partner, school):
    p = factories.partnership_for(program, other_teacher, factories.UserFactory(
        school=other_teacher.school))
    for key in ("objective", "partner", "approach", "timeline", "cycles", "reflection"):
        assert as_teacher.get(step_url(p, key)).status_code == 403
        assert as_teacher.get(step_url(p, key), headers={"HX-Request": "true"}).status_code == 403
    assert as_teacher.get(f"/partnerships/{p.id}/").status_code == 403
    assert as_teacher.post(step_url(p, "objective"), data=OBJECTIVE).status_code == 403
    assert as_teacher.get(f"/partnerships/{p.id + 999}/").status_code == 404


def test_principal_sees_overview_not_private_cycles(as_principal, partnership, teacher,
                                                    signed_in, program):
    signed_in(teacher).post(f"/partnerships/{partnership.id}/cycles/new", data={
        "met_on": (program.start_date + timedelta(days=3)).isoformat(),
        "reflected": "Private thoughts about our lessons"})
    page = as_principal.get(f"/partnerships/{partnership.id}/").get_data(as_text=True)
    assert "1 meeting logged" in page and "Private thoughts" not in page
    assert as_principal.get(step_url(partnership, "objective")).status_code == 403
    signed_in(teacher).post(f"/partnerships/{partnership.id}/sharing", data={"share": "1"})
    assert "Private thoughts" in as_principal.get(
        f"/partnerships/{partnership.id}/").get_data(as_text=True)


def test_principal_of_other_school_refused(signed_in, other_principal, partnership):
    client = signed_in(other_principal)
    assert client.get(f"/partnerships/{partnership.id}/").status_code == 403


def test_overdue_items_against_fixed_dates(district, teacher, partner):
    from webapp.models import Milestone
    from webapp.partnerships.deadlines import overdue, upcoming

    program = factories.program_for(district, first_year=2026)
    p = factories.partnership_for(program, teacher)  # no partner, no objective yet
    p.milestones.append(Milestone(title="Observe Ben", due_date=date(2026, 11, 1)))
    db.session.commit()
    assert overdue(p, date(2026, 10, 10)) == []
    late = overdue(p, date(2026, 11, 2))
    assert late == ["Identify the colleague you will work with",
                    "Identify a common goal or area of focus", "Milestone: Observe Ben"]
    assert [d.key for d in upcoming(program, date(2026, 10, 16))] == ["goal", "visits"]


def test_teacher_home_shows_next_step_and_deadlines(as_teacher, partnership):
    page = as_teacher.get("/").get_data(as_text=True)
    assert "Next: step 1, Objective." in page
    assert "Coming deadlines:" in page or "Overdue:" in page


def test_step_states_follow_content(partnership):
    from webapp.partnerships import steps

    states = dict((s.key, state) for s, state in steps.progress(partnership))
    assert states == {"objective": "not_started", "partner": "done",
                      "approach": "not_started", "timeline": "not_started",
                      "cycles": "not_started", "reflection": "not_started"}
    partnership.objective = "Started"
    assert steps.progress(partnership)[0][1] == "in_progress"
    assert steps.next_step(partnership).key == "objective"


def test_demo_has_partnerships_at_every_step(app):
    from webapp.partnerships import steps

    assert app.test_cli_runner().invoke(args=["demo", "--password", "demo pass phrase ok"]
                                        ).exit_code == 0
    next_keys = {(steps.next_step(p).key if steps.next_step(p) else "complete")
                 for p in db.session.scalars(select(Partnership))}
    assert next_keys == {"objective", "partner", "approach", "timeline", "cycles",
                         "reflection", "complete"}


def test_line_breaks_stored_the_same_with_or_without_javascript(as_teacher, partnership):
    as_teacher.post(step_url(partnership, "objective"),
                    data={**OBJECTIVE, "objective": "one\r\ntwo\r\n", "version": "0"})
    db.session.refresh(partnership)
    assert partnership.objective == "one\ntwo"


def test_save_after_session_expired_keeps_the_text(client, partnership, teacher):
    from .conftest import PASSWORD

    typed = "Words typed before the session ran out\nsecond line"
    url = step_url(partnership, "objective")
    response = client.post(url, data={**OBJECTIVE, "objective": typed, "version": "0"})
    assert response.status_code == 401
    assert "Sign in" in response.get_data(as_text=True)
    carried = {f"_carry:{k}": v for k, v in {**OBJECTIVE, "objective": typed,
                                              "version": "0"}.items()}
    page = client.post("/auth/login", data={"email": teacher.email, "password": PASSWORD,
                                            "_carry_action": url, **carried})
    assert page.status_code == 200 and typed in page.get_data(as_text=True)
    # "Send again" posts the same fields with a fresh token, and nothing was lost.
    assert client.post(url, data={**OBJECTIVE, "objective": typed, "version": "0"}
                       ).status_code == 302
    db.session.refresh(partnership)
    assert partnership.objective == typed
