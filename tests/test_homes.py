"""Home pages and the principal's deadline table (#8 points 10, 15, 16): "I'm interested",
done versus done late with the day, what waits for a principal or the district, and
prompts that no longer apply."""
from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select

from webapp.dashboard import status
from webapp.extensions import db
from webapp.models import (AuditEvent, CheckIn, MemberStatus, Membership, Partnership,
                           ProgramInterest, VisitStatus)

from . import factories
from .test_partnerships import OBJECTIVE


def utc(*parts) -> datetime:
    return datetime(*parts, 12, 0, tzinfo=timezone.utc)


def text_of(response) -> str:
    """The page's text with tags and runs of white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


# Point 10: done, done late, and the day --------------------------------------------

@pytest.fixture
def year_2019(district):
    """Seed 000's deadlines for 2019/20: Sep 30, Oct 15, Oct 30, Mar 31, May 31."""
    return factories.program_for(district, first_year=2019)


def test_each_deadline_tells_done_from_done_late_with_its_day(year_2019, teacher, partner):
    p = factories.partnership_for(year_2019, teacher, partner, **OBJECTIVE,
                                  goal_agreed_at=utc(2019, 11, 5))
    p.membership_of(partner).responded_at = utc(2019, 10, 10)
    db.session.add_all([
        ProgramInterest(program=year_2019, teacher=teacher, created_at=utc(2019, 10, 2)),
        ProgramInterest(program=year_2019, teacher=partner, created_at=utc(2019, 9, 12))])
    db.session.commit()
    factories.visit_for(p, teacher, status=VisitStatus.APPROVED, proposed_date=date(2020, 2, 10))
    ana, ben = status.teacher_statuses([teacher, partner], year_2019, date(2020, 4, 15))
    assert ana.flags == {"interest": "done_late", "partner": "done", "goal": "done_late",
                         "visits": "done", "reflection": "due"}
    assert ana.done_on == {"interest": date(2019, 10, 2), "partner": date(2019, 10, 10),
                           "goal": date(2019, 11, 5), "visits": date(2020, 2, 10),
                           "reflection": None}
    assert ben.flags["interest"] == "done" and ben.done_on["interest"] == date(2019, 9, 12)
    assert ben.flags["visits"] == "late"  # Mar 31 passed and Ben has not visited


def test_rows_from_before_the_dates_were_kept_are_done_without_a_day(year_2019, teacher,
                                                                      partner):
    factories.partnership_for(year_2019, teacher, partner, **OBJECTIVE)  # no dates at all
    (ana,) = status.teacher_statuses([teacher], year_2019, date(2019, 12, 1))
    assert (ana.flags["partner"], ana.done_on["partner"]) == ("done", None)
    assert (ana.flags["goal"], ana.done_on["goal"]) == ("done", None)


def test_starting_a_partnership_is_not_telling_of_interest(year_2019, teacher, partner):
    factories.partnership_for(year_2019, teacher, partner)
    (ana,) = status.teacher_statuses([teacher], year_2019, date(2019, 9, 15))
    assert ana.flags["interest"] == "due" and ana.taking_part


def test_goal_agreed_is_dated_the_first_time_the_objective_is_complete(as_teacher, partnership):
    url = f"/partnerships/{partnership.id}/objective"
    as_teacher.post(url, data={"objective": "Only a start", "version": "0"})
    db.session.refresh(partnership)
    assert partnership.goal_agreed_at is None  # incomplete: not agreed yet
    as_teacher.post(url, data={**OBJECTIVE, "version": "1"})
    db.session.refresh(partnership)
    first = partnership.goal_agreed_at
    assert first is not None
    as_teacher.post(url, data={**OBJECTIVE, "objective": "Reworded later", "version": "2"})
    db.session.refresh(partnership)
    assert partnership.objective == "Reworded later" and partnership.goal_agreed_at == first


def test_deadline_table_shows_done_late_and_the_day(as_principal, program, teacher):
    late = datetime.combine(program.deadline("interest") + timedelta(days=3), datetime.min.time(),
                            tzinfo=timezone.utc)
    db.session.add(ProgramInterest(program=program, teacher=teacher, created_at=late))
    db.session.commit()
    page = text_of(as_principal.get("/dashboard/"))
    day = late.strftime("%b %-d")
    assert re.search(rf"Ana Teacher done late on {day}", page)


# Point 10: the "I'm interested" button ---------------------------------------------

def test_teacher_tells_interest_once_and_the_principal_sees_it(as_teacher, as_principal,
                                                              program, teacher):
    home = text_of(as_teacher.get("/"))
    assert "I’m interested" in home
    assert as_teacher.post("/interest").status_code == 302
    as_teacher.post("/interest")  # again: still one
    interests = db.session.scalars(select(ProgramInterest)).all()
    assert [(i.teacher_id, i.program_id) for i in interests] == [(teacher.id, program.id)]
    day = interests[0].created_at.strftime("%B %-d")
    assert f"You told your school administrator of your interest in {program.name} on {day}" \
        in text_of(as_teacher.get("/"))
    assert db.session.scalars(select(AuditEvent.action)).all().count("interest_told") == 1
    assert "1 interested teacher without a partner" in text_of(as_principal.get("/"))
    table = text_of(as_principal.get("/dashboard/"))
    assert re.search(r"Ana Teacher done on \w+ \d+", table) or \
        re.search(r"Ana Teacher done late on \w+ \d+", table)


def test_interest_told_twice_at_once_is_recorded_once(as_teacher, program, teacher,
                                                     monkeypatch):
    """A double click on PostgreSQL: both requests find no interest yet; the second
    insert meets the first's row and the teacher gets the same answer, not an error."""
    from webapp.main import interest

    as_teacher.post("/interest")
    monkeypatch.setattr(interest, "interest_of", lambda teacher, program: None)  # stale
    response = as_teacher.post("/interest")
    assert response.status_code == 302
    assert len(db.session.scalars(select(ProgramInterest)).all()) == 1
    assert db.session.scalars(select(AuditEvent.action)).all().count("interest_told") == 1


def test_interest_can_be_taken_back_only_while_in_no_partnership(as_teacher, program, teacher,
                                                                partner):
    as_teacher.post("/interest")
    as_teacher.post("/interest/withdraw")
    assert db.session.scalars(select(ProgramInterest)).all() == []
    as_teacher.post("/interest")
    factories.partnership_for(program, teacher, partner)
    assert "Take it back" not in as_teacher.get("/").get_data(as_text=True)
    response = as_teacher.post("/interest/withdraw", follow_redirects=True)
    assert "stays on record" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(ProgramInterest)).all()) == 1


@pytest.mark.parametrize("who", ["as_principal", "as_admin"])
def test_only_teachers_tell_interest(request, program, who):
    client = request.getfixturevalue(who)
    assert client.post("/interest").status_code == 403
    assert client.post("/interest/withdraw").status_code == 403
    assert db.session.scalars(select(ProgramInterest)).all() == []


# Point 16: prompts that no longer apply ------------------------------------------

def test_interest_prompt_names_the_deadline_only_before_it(app, as_teacher, program):
    before = program.deadline("interest") - timedelta(days=5)
    after = program.deadline("interest") + timedelta(days=1)
    deadline = program.deadline("interest").strftime("%B %-d")
    app.config["TODAY"] = before  # the app's one today (webapp/clock.py)
    assert f"Tell your school administrator by {deadline}" in text_of(as_teacher.get("/"))
    app.config["TODAY"] = after
    page = text_of(as_teacher.get("/"))
    assert f"by {deadline}" not in page and "I’m interested" in page


def test_no_interest_prompt_once_in_a_partnership(as_teacher, partnership, principal):
    page = text_of(as_teacher.get("/"))
    assert "Tell your school administrator" not in page and "I’m interested" not in page


def test_coming_deadlines_leave_out_what_is_met(app, as_teacher, program, teacher, partner):
    factories.partnership_for(program, teacher, partner, **OBJECTIVE)
    app.config["TODAY"] = program.deadline("interest") - timedelta(days=1)
    page = text_of(as_teacher.get("/"))
    coming = page.split("Coming deadlines:")[1].split("Start a partnership")[0]
    # Interest, partner and goal are met (in a partnership, formed, objective done): the
    # next two still to meet are the visits and the reflection.
    assert coming.startswith(" Visit each other's classroom")
    assert "Reflect upon and provide evidence" in coming
    for met in ("Tell your school administrator", "Identify the colleague", "common goal"):
        assert met not in coming


# Point 15: what waits for the principal and the district ---------------------------

def test_principal_home_counts_what_waits(as_principal, program, school, teacher, partner):
    p = factories.partnership_for(program, teacher, partner,
                                  start_date=date.today() - timedelta(days=90))
    factories.visit_for(p, teacher)  # waits for the principal's decision
    factories.visit_for(p, partner, status=VisitStatus.APPROVED,
                        proposed_date=date.today() - timedelta(days=3))  # follow-up due
    third = factories.UserFactory(school=school, name="Cleo Third")
    fourth = factories.UserFactory(school=school, name="Dev Fourth")
    match = Partnership(program=program, school_id=school.id, created_by=third,
                        suggested_by_id=as_principal_id(school))
    match.memberships += [Membership(user=third, status=MemberStatus.INVITED),
                          Membership(user=fourth, status=MemberStatus.INVITED)]
    # Cleo is interested and not in a partnership yet; Ana is interested and in one.
    db.session.add_all([match, ProgramInterest(program=program, teacher=third),
                        ProgramInterest(program=program, teacher=teacher)])
    db.session.commit()
    page = as_principal.get("/").get_data(as_text=True)
    for href, words in [("/visits/approvals", "1</strong> visit request to decide"),
                        ("/dashboard/#followups", "1</strong> follow-up meeting due"),
                        ("/dashboard/#partnerships", "1</strong> check-in due"),
                        ("/dashboard/#matches", "1</strong> suggested match waiting for an answer"),
                        ("/dashboard/#teachers", "1</strong> interested teacher without a partner")]:
        assert f'<a href="{href}"><strong>{words}</a>' in page
    db.session.add(CheckIn(partnership_id=p.id, day=date.today(), note="", by_id=match.suggested_by_id))
    db.session.commit()
    assert "0</strong> check-ins due" in as_principal.get("/").get_data(as_text=True)


def as_principal_id(school) -> int:
    from webapp.models import Role, User

    return db.session.scalar(select(User.id).where(User.school_id == school.id,
                                                   User.role == Role.PRINCIPAL))


def test_approvals_link_shows_its_count(as_principal, as_teacher, partnership, teacher):
    nav = as_principal.get("/").get_data(as_text=True)
    assert re.search(r">Approvals</a>", nav)  # nothing waits: no count
    factories.visit_for(partnership, teacher)
    nav = as_principal.get("/dashboard/").get_data(as_text=True)
    assert re.search(r'Approvals <span class="nav-count"><span aria-hidden="true">1</span>'
                     r'<span class="visually-hidden">\(1 waiting\)</span></span></a>', nav)
    assert "nav-count" not in as_teacher.get("/").get_data(as_text=True)


def test_district_home_shows_extra_visits_and_the_set_up_list_in_order(as_admin, district,
                                                                        admin):
    page = text_of(as_admin.get("/"))
    steps = re.findall(r"(done|to do) (Add the schools|Open the program year|Add the staff|"
                       r"Invite the staff)", page)
    assert steps == [("to do", "Add the schools"), ("to do", "Open the program year"),
                     ("to do", "Add the staff"), ("to do", "Invite the staff")]
    school = factories.SchoolFactory(district=district)
    program = factories.program_for(district)
    teacher = factories.UserFactory(school=school, name="Ana Teacher")
    partner = factories.UserFactory(school=school, name="Ben Partner")
    factories.PrincipalFactory(school=school, name="Pat Principal")
    p = factories.partnership_for(program, teacher, partner)
    factories.visit_for(p, teacher, status=VisitStatus.PENDING_DISTRICT)
    page = text_of(as_admin.get("/"))
    steps = re.findall(r"(done|to do) (Add the schools|Open the program year|Add the staff|"
                       r"Invite the staff)", page)
    assert steps == [("done", "Add the schools"), ("done", "Open the program year"),
                     ("done", "Add the staff"), ("done", "Invite the staff")]
    assert "1 extra visit waiting for the district's approval" in page.replace("’", "'")
    factories.UserFactory(school=school, name="Nia New", password_hash=None)
    assert ("to do", "Invite the staff") in re.findall(
        r"(done|to do) (Invite the staff)", text_of(as_admin.get("/")))


def test_principal_home_statements_do_not_grow_with_the_school(app, as_principal, program,
                                                                school):
    def statements_for_home() -> int:
        count = 0

        def counter(*_args):
            nonlocal count
            count += 1

        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            assert as_principal.get("/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)
        return count

    def add_partnerships(n: int) -> None:
        for _ in range(n):
            a, b = factories.UserFactory(school=school), factories.UserFactory(school=school)
            factories.partnership_for(program, a, b, start_date=date.today())

    add_partnerships(2)
    few = statements_for_home()
    add_partnerships(6)
    assert statements_for_home() == few
