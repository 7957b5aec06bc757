"""The principal's and the district's dashboards: deadline flags, check-ins, release days,
growth-plan opt-outs, suggested matches, the district summary, and who may see them."""
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from webapp import mail
from webapp.dashboard import status, summary
from webapp.extensions import db
from webapp.models import (CheckIn, FinalReflection, GrowthPlanOptOut, MemberStatus,
                           Membership, Partnership, ProgramInterest, ReleaseDay, VisitStatus)
from webapp.models.base import utcnow

from . import factories

OBJECTIVE = dict(focus_area="Sharing instructional strategies",
                 objective="Number talks in grade 4.", student_goal="Explain two strategies.",
                 educator_goal="Run number talks well.", objective_source="class")
HTMX = {"HX-Request": "true"}


# Deadline flags ------------------------------------------------------------------

@pytest.fixture
def year_2019(district, school):
    """Seed 000's deadlines for 2019/20: Sep 30, Oct 15, Oct 30, Mar 31, May 31."""
    return factories.program_for(district, first_year=2019)


@pytest.fixture
def staged(year_2019, school):
    """Teachers at each stage of the program year 2019/20."""
    t = {name: factories.UserFactory(school=school, name=name) for name in (
        "Idle Ian", "Solo Sara", "Invited Ivy", "Paired Paul", "Paired Pia", "Goal Gus",
        "Goal Gwen")}
    factories.partnership_for(year_2019, t["Solo Sara"])
    invite = factories.partnership_for(year_2019, t["Solo Sara"])
    invite.memberships.append(Membership(user=t["Invited Ivy"], status=MemberStatus.INVITED))
    factories.partnership_for(year_2019, t["Paired Paul"], t["Paired Pia"])
    with_goal = factories.partnership_for(year_2019, t["Goal Gus"], t["Goal Gwen"], **OBJECTIVE)
    # Gus visited before the deadline; Gwen's visit is after it, so it is done late.
    factories.visit_for(with_goal, t["Goal Gus"], status=VisitStatus.APPROVED,
                        proposed_date=date(2020, 2, 10))
    factories.visit_for(with_goal, t["Goal Gwen"], status=VisitStatus.APPROVED,
                        proposed_date=date(2020, 4, 2))
    with_goal.reflections.append(FinalReflection(
        user=t["Goal Gus"], submitted_at=datetime(2020, 5, 20, 15, tzinfo=timezone.utc)))
    with_goal.reflections.append(FinalReflection(user=t["Goal Gwen"]))  # a draft only
    # Told of interest with "I'm interested" (joining a partnership does not tell it).
    for name in ("Solo Sara", "Paired Paul", "Paired Pia", "Goal Gus", "Goal Gwen"):
        db.session.add(ProgramInterest(program=year_2019, teacher=t[name],
                                       created_at=datetime(2019, 9, 10, tzinfo=timezone.utc)))
    db.session.commit()
    return t


def flags_on(teachers, program, today):
    return {s.teacher.name: s.flags for s in status.teacher_statuses(
        list(teachers.values()), program, today)}


def test_flags_before_any_deadline(staged, year_2019):
    flags = flags_on(staged, year_2019, date(2019, 9, 15))
    assert flags["Idle Ian"] == dict.fromkeys(flags["Idle Ian"], "due")
    assert flags["Solo Sara"]["interest"] == "done" and flags["Solo Sara"]["partner"] == "due"
    # Being invited is not telling the administrator of one's interest.
    assert flags["Invited Ivy"]["interest"] == "due"
    assert flags["Paired Paul"]["partner"] == "done" and flags["Paired Paul"]["goal"] == "due"
    assert flags["Goal Gus"]["goal"] == "done"


def test_flags_after_the_autumn_deadlines(staged, year_2019):
    flags = flags_on(staged, year_2019, date(2019, 11, 1))
    assert flags["Idle Ian"]["interest"] == "late"
    assert flags["Solo Sara"] == {"interest": "done", "partner": "late", "goal": "late",
                                  "visits": "due", "reflection": "due"}
    assert flags["Invited Ivy"]["partner"] == "late"  # not a member until she accepts
    assert flags["Paired Pia"] == {"interest": "done", "partner": "done", "goal": "late",
                                   "visits": "due", "reflection": "due"}
    assert flags["Goal Gwen"]["goal"] == "done"


def test_flags_on_the_deadline_day_are_still_due(staged, year_2019):
    flags = flags_on(staged, year_2019, date(2019, 10, 15))
    assert flags["Solo Sara"]["partner"] == "due"


def test_visit_flag_counts_approved_visits_that_happened_by_the_deadline(staged, year_2019):
    before_visit = flags_on(staged, year_2019, date(2020, 2, 10))
    assert before_visit["Goal Gus"]["visits"] == "due"  # the visit is today, not yet done
    flags = flags_on(staged, year_2019, date(2020, 4, 15))
    assert flags["Goal Gus"]["visits"] == "done"
    assert flags["Goal Gwen"]["visits"] == "done_late"  # visited after Mar 31 (#8 point 10)
    assert flags["Paired Paul"]["visits"] == "late"


def test_pending_or_declined_visits_do_not_count(school, year_2019, teacher, partner):
    p = factories.partnership_for(year_2019, teacher, partner)
    factories.visit_for(p, teacher, proposed_date=date(2020, 1, 10))
    factories.visit_for(p, partner, status=VisitStatus.DECLINED, proposed_date=date(2020, 1, 10))
    flags = flags_on({"a": teacher, "b": partner}, year_2019, date(2020, 2, 1))
    assert flags["Ana Teacher"]["visits"] == flags["Ben Partner"]["visits"] == "due"


def test_reflection_flag_needs_a_submitted_reflection(staged, year_2019):
    flags = flags_on(staged, year_2019, date(2020, 6, 1))
    assert flags["Goal Gus"]["reflection"] == "done"
    assert flags["Goal Gwen"]["reflection"] == "late"
    assert flags["Idle Ian"]["reflection"] == "late"


def test_dashboard_shows_each_teacher_and_partnership(as_principal, partnership, teacher,
                                                     other_teacher):
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Dashboard: Riverside Elementary" in page
    assert "Ana Teacher" in page and "Ben Partner" in page
    assert "Omar Elsewhere" not in page  # another school's teacher
    assert "Current step: 1. Objective" in page
    assert "0 of 3 days used" in page
    assert f'href="/dashboard/teachers/{teacher.id}/release-days"' in page
    assert 'class="table-wrap" role="region"' in page


# Who may see what ------------------------------------------------------------------

@pytest.fixture
def school_objects(principal, partnership, teacher, partner, program):
    """One of everything on Riverside's dashboard, and its id-bearing URLs."""
    db.session.add(ReleaseDay(program=program, teacher_id=teacher.id, day=program.start_date,
                              days=Decimal("0.5"), recorded_by_id=principal.id))
    match = Partnership(program=program, school_id=teacher.school_id, created_by=teacher,
                        suggested_by=principal)
    match.memberships += [Membership(user=teacher, status=MemberStatus.INVITED),
                          Membership(user=partner, status=MemberStatus.INVITED)]
    db.session.add(match)
    db.session.commit()
    release_day = db.session.scalar(select(ReleaseDay))
    return {
        "get": [f"/dashboard/schools/{teacher.school_id}",
                f"/dashboard/partnerships/{partnership.id}/check-ins",
                f"/dashboard/teachers/{teacher.id}/release-days",
                f"/dashboard/matches/{match.id}"],
        "post": [f"/dashboard/partnerships/{partnership.id}/check-ins",
                 f"/dashboard/teachers/{teacher.id}/release-days",
                 f"/dashboard/release-days/{release_day.id}/remove",
                 f"/dashboard/matches/{match.id}",
                 f"/dashboard/matches/{match.id}/withdraw"],
    }


# Valid-looking answers for any of the forms, so only access can stop them.
ANY_FORM = {"check-in-1-day": "2020-01-01", "day": "2020-01-01", "days": "0.5",
            "teacher_ids": ["1", "2"]}


def test_principal_of_another_school_is_refused_everywhere(school_objects, signed_in,
                                                           other_principal):
    client = signed_in(other_principal)
    for url in school_objects["get"]:
        assert client.get(url).status_code == 403, url
        assert client.get(url, headers=HTMX).status_code == 403, url
    for url in school_objects["post"]:
        assert client.post(url, data=ANY_FORM).status_code == 403, url
        assert client.post(url, data=ANY_FORM, headers=HTMX).status_code == 403, url
    assert client.get("/dashboard/district").status_code == 403
    assert db.session.scalar(select(CheckIn)) is None
    assert len(db.session.scalars(select(ReleaseDay)).all()) == 1
    assert len(db.session.scalars(select(Partnership)).all()) == 2


def test_other_principal_sees_only_their_own_school(school_objects, signed_in, other_principal):
    page = signed_in(other_principal).get("/dashboard/").get_data(as_text=True)
    assert "Lakeview Middle School" in page and "Ana Teacher" not in page


def test_teacher_is_refused_everywhere(school_objects, as_teacher):
    for url in ["/dashboard/", "/dashboard/district", "/dashboard/matches/new",
                *school_objects["get"]]:
        assert as_teacher.get(url).status_code == 403, url
    for url in school_objects["post"] + ["/dashboard/matches/new"]:
        assert as_teacher.post(url, data=ANY_FORM).status_code == 403, url
    assert db.session.scalar(select(CheckIn)) is None


def test_guessed_ids_are_not_found(as_principal, principal):
    for url in ["/dashboard/schools/999", "/dashboard/partnerships/999/check-ins",
                "/dashboard/teachers/999/release-days", "/dashboard/matches/999"]:
        assert as_principal.get(url).status_code == 404, url
    assert as_principal.get(f"/dashboard/teachers/{principal.id}/release-days"
                            ).status_code == 404  # not a teacher


def test_signed_out_visitors_go_to_sign_in(client, school_objects):
    response = client.get(school_objects["get"][0])
    assert response.status_code == 302 and "/auth/login" in response.location


def test_district_admin_opens_any_school_with_a_picker(as_admin, school_objects, other_school,
                                                       school):
    assert as_admin.get("/dashboard/").location == "/dashboard/district"
    assert as_admin.get(f"/dashboard/?school={other_school.id}").location == (
        f"/dashboard/schools/{other_school.id}")
    page = as_admin.get(f"/dashboard/schools/{school.id}").get_data(as_text=True)
    assert 'id="school-picker"' in page and "Lakeview Middle School" in page
    assert "Ana Teacher" in page


# Check-ins -------------------------------------------------------------------------

def test_check_in_due_after_two_months(partnership, program):
    start = date(2019, 10, 1)
    partnership.start_date = start
    assert not status.check_in_due(partnership, None, date(2019, 12, 1))
    assert status.check_in_due(partnership, None, date(2019, 12, 2))
    assert not status.check_in_due(partnership, date(2019, 11, 20), date(2020, 1, 20))
    assert status.check_in_due(partnership, date(2019, 11, 20), date(2020, 1, 21))
    partnership.completed_at = utcnow()
    assert not status.check_in_due(partnership, None, date(2020, 6, 1))


def test_months_before_keeps_to_the_end_of_short_months():
    assert status.months_before(date(2020, 4, 30), 2) == date(2020, 2, 29)
    assert status.months_before(date(2020, 1, 15), 2) == date(2019, 11, 15)


def test_dashboard_flags_a_due_check_in_and_an_htmx_check_in_clears_it(
        as_principal, partnership, principal):
    partnership.start_date = date.today() - timedelta(days=90)
    db.session.commit()
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "check-in due" in page
    url = f"/dashboard/partnerships/{partnership.id}/check-ins"
    prefix = f"check-in-{partnership.id}"
    response = as_principal.post(url, headers=HTMX, data={
        f"{prefix}-day": date.today().isoformat(), f"{prefix}-note": "Talked <b>briefly</b>."})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    assert "Talked &lt;b&gt;briefly&lt;/b&gt;." in body and "check-in due" not in body
    check_in = db.session.scalar(select(CheckIn))
    assert check_in.by_id == principal.id and check_in.day == date.today()
    assert "check-in due" not in as_principal.get("/dashboard/").get_data(as_text=True)


def test_check_in_without_javascript_redirects_and_bad_date_keeps_note(as_principal,
                                                                      partnership):
    url = f"/dashboard/partnerships/{partnership.id}/check-ins"
    prefix = f"check-in-{partnership.id}"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = as_principal.post(url, headers=HTMX, data={
        f"{prefix}-day": tomorrow, f"{prefix}-note": "Planned chat"})
    assert response.status_code == 422
    assert "choose today or an earlier date" in response.get_data(as_text=True)
    assert "Planned chat" in response.get_data(as_text=True)
    response = as_principal.post(url, data={f"{prefix}-day": date.today().isoformat(),
                                            f"{prefix}-note": "Email exchange"})
    assert response.status_code == 302 and response.location == url
    assert "Email exchange" in as_principal.get(url).get_data(as_text=True)


def test_district_admin_may_log_a_check_in(as_admin, partnership):
    prefix = f"check-in-{partnership.id}"
    as_admin.post(f"/dashboard/partnerships/{partnership.id}/check-ins",
                  data={f"{prefix}-day": date.today().isoformat()})
    assert db.session.scalar(select(CheckIn)) is not None


# Release days ----------------------------------------------------------------------

def test_release_day_over_the_limit_is_refused_and_text_kept(as_principal, partnership,
                                                             teacher, program):
    factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                        length_days=Decimal("1.0"))
    factories.visit_for(partnership, teacher, length_days=Decimal("1.0"))
    db.session.add(ReleaseDay(program=program, teacher_id=teacher.id, day=program.start_date,
                              days=Decimal("0.5"), recorded_by_id=teacher.id))
    db.session.commit()
    url = f"/dashboard/teachers/{teacher.id}/release-days"
    response = as_principal.post(url, data={
        "day": program.start_date.isoformat(), "days": "1.0",
        "reason": "Planning <b>with</b> partner"})
    page = response.get_data(as_text=True)
    assert "would go over the limit" in page and "0.5 of 3 release days left" in page
    assert 'value="Planning &lt;b&gt;with&lt;/b&gt; partner"' in page
    assert len(db.session.scalars(select(ReleaseDay)).all()) == 1
    response = as_principal.post(url, data={"day": program.start_date.isoformat(),
                                            "days": "0.5", "reason": "Planning"})
    assert response.status_code == 302
    assert "3 of 3 days used" in as_principal.get(url).get_data(as_text=True)


def test_release_day_outside_the_program_year_is_refused(as_principal, teacher, program):
    response = as_principal.post(f"/dashboard/teachers/{teacher.id}/release-days", data={
        "day": (program.end_date + timedelta(days=1)).isoformat(), "days": "0.5",
        "reason": "Summer"})
    assert "within the program year" in response.get_data(as_text=True)
    assert db.session.scalar(select(ReleaseDay)) is None


def test_release_day_can_be_removed(as_principal, teacher, principal, program):
    db.session.add(ReleaseDay(program=program, teacher_id=teacher.id, day=program.start_date,
                              days=Decimal("1.0"), recorded_by_id=principal.id))
    db.session.commit()
    release_day = db.session.scalar(select(ReleaseDay))
    as_principal.post(f"/dashboard/release-days/{release_day.id}/remove")
    assert db.session.scalar(select(ReleaseDay)) is None


# Growth-plan opt-out ------------------------------------------------------------------

def test_eligible_teacher_opts_out_and_principal_sees_it(as_teacher, as_principal,
                                                         partnership, teacher):
    home = as_teacher.get("/").get_data(as_text=True)
    assert 'href="/dashboard/growth-plan"' in home
    page = as_teacher.get("/dashboard/growth-plan").get_data(as_text=True)
    assert "Opt out of the Summative Growth Plan" in page
    assert as_teacher.post("/dashboard/growth-plan/opt-out").status_code == 302
    opt_out = db.session.scalar(select(GrowthPlanOptOut))
    assert opt_out.teacher_id == teacher.id and opt_out.program_id == partnership.program_id
    page = as_teacher.get("/dashboard/growth-plan").get_data(as_text=True)
    assert "Formative Growth Plan this year and rescheduled" in page
    dashboard = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "formative (opted out)" in dashboard
    as_teacher.post("/dashboard/growth-plan/undo")
    assert db.session.scalar(select(GrowthPlanOptOut)) is None


@pytest.mark.parametrize("years, in_partnership, message", [
    (2, True, "third year or later"),
    (None, True, "third year or later"),
    (5, False, "take part in a partnership this year"),
])
def test_ineligible_teacher_is_refused_with_a_reason(signed_in, school, program, partner,
                                                     years, in_partnership, message):
    teacher = factories.UserFactory(school=school, name="Nora New", years_in_district=years)
    if in_partnership:
        factories.partnership_for(program, teacher, partner)
    client = signed_in(teacher)
    assert message in client.get("/dashboard/growth-plan").get_data(as_text=True)
    response = client.post("/dashboard/growth-plan/opt-out")
    assert response.status_code == 403 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(GrowthPlanOptOut)) is None


def test_only_teachers_have_a_growth_plan_page(as_principal):
    assert as_principal.get("/dashboard/growth-plan").status_code == 403
    assert as_principal.post("/dashboard/growth-plan/opt-out").status_code == 403


# Suggested matches --------------------------------------------------------------------

@pytest.fixture
def third(school):
    return factories.UserFactory(school=school, name="Cleo Third")


def _match():
    return db.session.scalar(select(Partnership).where(Partnership.suggested_by_id.is_not(None)))


def test_principal_suggests_a_match_and_both_accepting_forms_it(
        as_principal, program, principal, teacher, partner, signed_in):
    form = as_principal.get("/dashboard/matches/new").get_data(as_text=True)
    assert "Ana Teacher" in form and "Ben Partner" in form
    response = as_principal.post("/dashboard/matches/new",
                                 data={"teacher_ids": [str(teacher.id), str(partner.id)]})
    assert response.status_code == 302
    match = _match()
    assert (match.suggested_by_id, match.created_by_id, match.program_id, match.school_id) == (
        principal.id, teacher.id, program.id, principal.school_id)
    assert {(m.user_id, m.status, m.invited_by_id) for m in match.memberships} == {
        (teacher.id, MemberStatus.INVITED, principal.id),
        (partner.id, MemberStatus.INVITED, principal.id)}
    assert sorted(m.to for m in mail.read_outbox()) == sorted([teacher.email, partner.email])
    assert "Pat Principal suggests" in mail.read_outbox()[0].subject

    as_teacher = signed_in(teacher)
    assert "Pat Principal" in as_teacher.get("/").get_data(as_text=True)
    invitation = as_teacher.get(f"/partnerships/{match.id}/invitation").get_data(as_text=True)
    assert "Pat Principal invites you" in invitation and "Ben Partner" in invitation
    as_teacher.post(f"/partnerships/{match.id}/invitation/accept")
    db.session.refresh(match)
    assert match.members == [teacher] and not match.is_formed
    partner_step = as_teacher.get(f"/partnerships/{match.id}/partner").get_data(as_text=True)
    assert "started the partnership" not in partner_step
    signed_in(partner).post(f"/partnerships/{match.id}/invitation/accept")
    db.session.refresh(match)
    assert match.is_formed and set(match.members) == {teacher, partner}


def test_principal_changes_a_pending_match(as_principal, program, teacher, partner, third):
    as_principal.post("/dashboard/matches/new",
                      data={"teacher_ids": [str(teacher.id), str(partner.id)]})
    match = _match()
    page = as_principal.get(f"/dashboard/matches/{match.id}").get_data(as_text=True)
    # The help text is tied to every checkbox of the group (#8 point 19).
    assert re.search(rf'<input aria-describedby="teacher_ids-help" checked id="teacher_ids-\d" '
                     rf'name="teacher_ids" type="checkbox" '
                     rf'value="{partner.id}">', page)
    response = as_principal.post(f"/dashboard/matches/{match.id}",
                                 data={"teacher_ids": [str(partner.id), str(third.id)]})
    assert response.status_code == 302
    db.session.refresh(match)
    statuses = {m.user.name: m.status for m in match.memberships}
    assert statuses == {"Ana Teacher": MemberStatus.WITHDRAWN,
                        "Ben Partner": MemberStatus.INVITED, "Cleo Third": MemberStatus.INVITED}
    assert match.created_by_id == partner.id
    # Only the newly invited teacher hears of it; the others had their invitation.
    assert sorted(m.to for m in mail.read_outbox()) == sorted(
        [teacher.email, partner.email, third.email])


def test_match_needs_two_teachers_of_the_school(as_principal, program, teacher, other_teacher):
    page = as_principal.post("/dashboard/matches/new", data={"teacher_ids": [str(teacher.id)]}
                             ).get_data(as_text=True)
    assert "Choose between 2 and 6 teachers; you chose 1." in page
    page = as_principal.post("/dashboard/matches/new", data={
        "teacher_ids": [str(teacher.id), str(other_teacher.id)]}).get_data(as_text=True)
    assert "is not a valid choice" in page
    assert _match() is None


def test_match_cannot_change_once_a_teacher_accepted(as_principal, program, teacher, partner,
                                                     third, signed_in):
    as_principal.post("/dashboard/matches/new",
                      data={"teacher_ids": [str(teacher.id), str(partner.id)]})
    match = _match()
    signed_in(teacher).post(f"/partnerships/{match.id}/invitation/accept")
    response = as_principal.post(f"/dashboard/matches/{match.id}",
                                 data={"teacher_ids": [str(partner.id), str(third.id)]})
    assert response.status_code == 302
    page = as_principal.get(response.location).get_data(as_text=True)
    assert "Ana Teacher already accepted this match" in page
    db.session.refresh(match)
    assert third not in [m.user for m in match.memberships]
    as_principal.post(f"/dashboard/matches/{match.id}/withdraw")
    assert db.session.get(Partnership, match.id) is not None


def test_principal_withdraws_a_pending_match(as_principal, program, teacher, partner,
                                             signed_in):
    as_principal.post("/dashboard/matches/new",
                      data={"teacher_ids": [str(teacher.id), str(partner.id)]})
    match_id = _match().id
    assert "Suggested matches" in as_principal.get("/dashboard/").get_data(as_text=True)
    as_principal.post(f"/dashboard/matches/{match_id}/withdraw")
    db.session.expire_all()
    assert db.session.get(Partnership, match_id) is None
    assert "Invitations for you" not in signed_in(teacher).get("/").get_data(as_text=True)


def test_a_teacher_started_partnership_is_not_a_match_to_change(as_principal, partnership):
    assert as_principal.get(f"/dashboard/matches/{partnership.id}").status_code == 403


# District summary ---------------------------------------------------------------------

def test_district_summary_counts_steps_visits_and_release_days(
        as_admin, program, school, other_school, teacher, partner, other_teacher, principal):
    formed = factories.partnership_for(program, teacher, partner, **OBJECTIVE)  # at approach
    factories.partnership_for(program, teacher)  # at objective
    done = factories.partnership_for(program, other_teacher, completed_at=utcnow())
    factories.visit_for(formed, teacher, status=VisitStatus.APPROVED, length_days=Decimal("1.0"))
    factories.visit_for(formed, partner, length_days=Decimal("0.5"))  # pending: counts as days
    factories.visit_for(formed, partner, status=VisitStatus.DECLINED)
    db.session.add(ReleaseDay(program=program, teacher_id=other_teacher.id,
                              day=program.start_date, days=Decimal("0.5"),
                              recorded_by_id=principal.id))
    db.session.commit()
    assert done.completed_at

    rows = {r.school.name: r for r in summary.school_summaries([school, other_school], program)}
    riverside, lakeview = rows["Riverside Elementary"], rows["Lakeview Middle School"]
    assert (riverside.partnerships, riverside.at_step["approach"],
            riverside.at_step["objective"]) == (2, 1, 1)
    assert (riverside.visits_approved, riverside.release_days_used) == (1, Decimal("1.5"))
    assert (lakeview.partnerships, lakeview.at_step["complete"]) == (1, 1)
    assert (lakeview.visits_approved, lakeview.release_days_used) == (0, Decimal("0.5"))
    total = summary.totals(list(rows.values()))
    assert (total.partnerships, total.visits_approved, total.release_days_used) == (
        3, 1, Decimal("2.0"))

    page = as_admin.get("/dashboard/district").get_data(as_text=True)
    assert f'href="/dashboard/schools/{school.id}"' in page
    assert f'href="/dashboard/schools/{other_school.id}"' in page
    row = page.split(f'id="school-{school.id}"')[1].split("</tr>")[0]
    # Cells carry a data-label for the phone layout (#8 point 20).
    assert re.findall(r"<td[^>]*>([^<]*)", row) == [
        "2", "1", "0", "1", "0", "0", "0", "0", "1", "1.5"]


def test_pending_approvals_and_followups_on_the_dashboard(as_principal, partnership, teacher):
    factories.visit_for(partnership, teacher)  # pending
    overdue = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                                  proposed_date=date.today() - timedelta(days=40))
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "visit request waits for your decision" in page and 'href="/visits/approvals"' in page
    assert f'href="/visits/{overdue.id}"' in page and "overdue" in page


# Demo ---------------------------------------------------------------------------------

def test_demo_oversight_adds_check_ins_release_day_opt_out_and_a_match(district, signed_in):
    from webapp import demo, demo_oversight, demo_partnerships

    users = {}
    for school_name, teachers in demo.SCHOOLS.items():
        school = factories.SchoolFactory(district=district, name=school_name)
        users[demo.PRINCIPALS[school_name]] = factories.PrincipalFactory(
            school=school, name=demo.PRINCIPALS[school_name])
        for name, _grade, _subject, years in teachers:
            users[name] = factories.UserFactory(school=school, name=name, years_in_district=years)
    program = demo_partnerships.create(users, district.id)
    db.session.flush()
    demo_oversight.create(users, program)
    db.session.commit()

    match = _match()
    assert match.suggested_by.name == "Wendy Alvarez"
    assert {m.user.name for m in match.pending_invitations} == {"Quinn O'Brien", "Rosa Delgado"}
    opt_out = db.session.scalar(select(GrowthPlanOptOut))
    assert opt_out.teacher.years_in_district >= 3
    assert any(opt_out.teacher in p.members for p in db.session.scalars(select(Partnership)))
    assert db.session.scalar(select(ReleaseDay)).program_id == program.id
    page = signed_in(users["Victor Nguyen"]).get("/dashboard/").get_data(as_text=True)
    assert "check-in due" in page
    page = signed_in(users["Ursula Grant"]).get("/dashboard/").get_data(as_text=True)
    assert "Last check-in" in page
    page = signed_in(users["Wendy Alvarez"]).get("/dashboard/").get_data(as_text=True)
    assert "Rosa Delgado" in page and "formative (opted out)" in page


def test_first_teacher_to_accept_a_match_leads_it(as_principal, program, teacher, partner,
                                                  signed_in):
    as_principal.post("/dashboard/matches/new",
                      data={"teacher_ids": [str(teacher.id), str(partner.id)]})
    match = _match()
    assert match.created_by_id == teacher.id
    signed_in(partner).post(f"/partnerships/{match.id}/invitation/accept")
    db.session.refresh(match)
    assert match.created_by_id == partner.id  # Ana has not joined; Ben leads
    invitation = match.membership_of(teacher)
    # Ben may now withdraw the invitation still waiting (Ana's), as any initiator can.
    assert signed_in(partner).post(
        f"/partnerships/{match.id}/invitations/{invitation.id}/withdraw").status_code == 302
    db.session.refresh(invitation)
    assert invitation.status is MemberStatus.WITHDRAWN
