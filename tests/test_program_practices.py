"""Visits and the growth-plan opt-out follow the program's practices (#9): a program
without them offers neither; Partners in Practice keeps today's values."""
import copy

from webapp.extensions import db
from webapp.programs import presets

from .test_visits import request_data


def _as_model(program, key, **practices):
    """The program as model `key` makes it, with `practices` settings changed."""
    from webapp.programs.operations import program_from_model

    model = presets.model(key)
    program.model_key, program.words = key, model.words()
    # As a program of the same year gets it (its deadlines dated in that year).
    made = program_from_model(program.district_id, model, program.start_date.year)
    settings = copy.deepcopy(made.settings)
    for name, values in practices.items():
        settings["practices"][name].update(values)
    program.settings = settings
    db.session.commit()


# 1. Visits off ------------------------------------------------------------------------

def test_a_program_without_visits_offers_no_visit(as_teacher, partnership, program):
    _as_model(program, "learning-teams")
    assert program.practice("visits") is None
    for url in (f"/partnerships/{partnership.id}/", f"/partnerships/{partnership.id}/cycles",
                "/"):
        response = as_teacher.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert "Request a classroom visit" not in page, url
        assert "Classroom visits" not in page, url


def test_the_visit_request_is_refused_with_a_reason(as_teacher, partnership, partner, program):
    _as_model(program, "learning-teams")
    url = f"/visits/partnership/{partnership.id}/new"
    for send in (lambda: as_teacher.get(url),
                 lambda: as_teacher.post(url, data=request_data(partnership, partner))):
        response = send()
        assert response.status_code == 302
        page = as_teacher.get(response.location).get_data(as_text=True)
        assert "has no classroom visits: your program does not use them" in page
    from webapp.models import Visit

    assert db.session.query(Visit).count() == 0


def test_no_release_time_or_approvals_for_a_program_without_visits(as_principal, teacher,
                                                                   program):
    _as_model(program, "learning-teams")
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Release time" not in board
    assert f"/dashboard/teachers/{teacher.id}/release-days" not in board
    assert "visit requests wait for your decision" not in board
    assert "Visit approvals" not in board
    assert "follow-up meeting" not in board.lower()
    home = as_principal.get("/").get_data(as_text=True)
    assert "visit requests to decide" not in home
    response = as_principal.get(f"/dashboard/teachers/{teacher.id}/release-days")
    assert response.status_code == 404


def test_partners_in_practice_keeps_visits_and_release_time(as_principal, as_teacher, teacher,
                                                            partnership, program):
    _as_model(program, "partners-in-practice")
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Release time" in board and "visit requests wait for your decision" in board
    assert as_principal.get(f"/dashboard/teachers/{teacher.id}/release-days").status_code == 200
    page = as_teacher.get(f"/partnerships/{partnership.id}/").get_data(as_text=True)
    assert "Request a classroom visit" in page


def test_a_program_from_before_models_has_both_practices(program):
    program.settings = {}
    assert program.practice("visits") == {
        "release_days": program.release_days, "lengths": [0.5, 1.0],
        "extra_visits_need_approval": True, "approver_title": "Superintendent/CEO"}
    assert program.practice("growth_plan_opt_out")["min_years"] == 3


# 2. Visits on: lengths, approval and budget from the program ------------------------

def test_the_allowed_lengths_come_from_the_program(app, as_teacher, partnership, partner,
                                                   program):
    _as_model(program, "partners-in-practice", visits={"lengths": [1.0]})
    url = f"/visits/partnership/{partnership.id}/new"
    page = as_teacher.get(url).get_data(as_text=True)
    assert 'value="1.0"' in page and 'value="0.5"' not in page
    assert "The visit should be 1.0 day in length" in page
    page = as_teacher.post(url, data=request_data(partnership, partner, length_days="0.5"))
    assert "Not a valid choice" in page.get_data(as_text=True)


def test_the_request_page_names_the_programs_approver(as_teacher, partnership, program):
    _as_model(program, "partners-in-practice", visits={"approver_title": "Chief Academic Officer"})
    page = as_teacher.get(f"/visits/partnership/{partnership.id}/new").get_data(as_text=True)
    assert "multiple visits need the approval of the Chief Academic Officer." in page
    _as_model(program, "ipi", visits={"release_days": 3})
    page = as_teacher.get(f"/visits/partnership/{partnership.id}/new").get_data(as_text=True)
    assert "need the approval" not in page
    assert "The visit should be 0.5 – 1.0 days in length." in page


def test_partners_in_practice_request_page_is_unchanged(as_teacher, partnership, program):
    _as_model(program, "partners-in-practice")
    page = as_teacher.get(f"/visits/partnership/{partnership.id}/new").get_data(as_text=True)
    assert ("The visit should be 0.5 – 1.0 days in length; multiple visits need the approval "
            "of the Superintendent/CEO.") in page
    assert 'value="0.5"' in page and 'value="1.0"' in page


def test_without_district_approval_a_second_visit_is_approved_by_the_principal(
        as_principal, partnership, teacher, program):
    from datetime import timedelta

    from webapp.models import VisitStatus

    from . import factories

    _as_model(program, "ipi")
    program.release_days = 3
    db.session.commit()
    first = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED)
    second = factories.visit_for(partnership, teacher,
                                 proposed_date=first.proposed_date + timedelta(days=30))
    as_principal.post(f"/visits/{second.id}/decide", data={"decision": "approve"})
    db.session.refresh(second)
    assert second.status is VisitStatus.APPROVED


def test_the_release_budget_is_the_programs(as_admin, program):
    """One number: the column, with the visits practice's release_days kept in step."""
    _as_model(program, "ipi")
    assert program.practice("visits")["release_days"] == program.release_days
    program.release_days = 4
    db.session.commit()
    assert program.practice("visits")["release_days"] == 4


# 3. Growth-plan opt-out ---------------------------------------------------------------

def test_the_opt_out_follows_the_programs_minimum_years_and_wording(
        signed_in, school, partner, program):
    from . import factories

    _as_model(program, "partners-in-practice", growth_plan_opt_out={
        "min_years": 5, "wording": "Veteran teachers (five years or more) may opt out."})
    four = factories.UserFactory(school=school, name="Four Years", years_in_district=4)
    five = factories.UserFactory(school=school, name="Five Years", years_in_district=5)
    for teacher in (four, five):
        factories.partnership_for(program, teacher, partner)
    client = signed_in(four)
    assert 'href="/dashboard/growth-plan"' not in client.get("/").get_data(as_text=True)
    response = client.post("/dashboard/growth-plan/opt-out")
    assert response.status_code == 403
    assert "at least 5 years in the district" in response.get_data(as_text=True)
    client = signed_in(five)
    assert 'href="/dashboard/growth-plan"' in client.get("/").get_data(as_text=True)
    page = client.get("/dashboard/growth-plan").get_data(as_text=True)
    assert "Veteran teachers (five years or more) may opt out." in page
    assert "third year or later" not in page
    assert client.post("/dashboard/growth-plan/opt-out").status_code == 302


def test_a_program_without_the_opt_out_offers_none(as_teacher, as_principal, partnership,
                                                   program):
    from webapp.models import GrowthPlanOptOut

    _as_model(program, "learning-teams")
    assert 'href="/dashboard/growth-plan"' not in as_teacher.get("/").get_data(as_text=True)
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Growth plan" not in board and "growth plans" not in board
    for response in (as_teacher.get("/dashboard/growth-plan"),
                     as_teacher.post("/dashboard/growth-plan/opt-out")):
        assert response.status_code == 404
        assert "has no growth-plan opt-out" in response.get_data(as_text=True)
    assert db.session.query(GrowthPlanOptOut).count() == 0


def test_the_growth_plan_page_is_headed_with_the_programs_own_name(as_teacher, partnership,
                                                                   program):
    page = as_teacher.get("/dashboard/growth-plan").get_data(as_text=True)
    assert "<h1>Partners in Practice and your growth plan</h1>" in page
    # Dallas's protocol with an opt-out the district added: no Park West name on it.
    _as_model(program, "peer-partner-protocol")
    program.settings = {**program.settings, "practices": {
        **program.settings["practices"],
        "growth_plan_opt_out": {"min_years": 3, "wording": "Our own opt-out."}}}
    db.session.commit()
    page = as_teacher.get("/dashboard/growth-plan").get_data(as_text=True)
    assert "<h1>Peer Partner Protocol and your growth plan</h1>" in page
    assert "Partners in Practice" not in page
    _as_model(program, "learning-teams")  # no opt-out: the refusal has a plain heading
    page = as_teacher.get("/dashboard/growth-plan").get_data(as_text=True)
    assert "<h1>Your growth plan</h1>" in page


def test_the_principals_opt_out_paragraph_is_the_programs_wording(as_principal, program):
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Teachers in their third year or later with the district who take part in " \
        "Partners in Practice" in page
    _as_model(program, "partners-in-practice", growth_plan_opt_out={
        "min_years": 5, "wording": "Veteran teachers (five years or more) may opt out."})
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Veteran teachers (five years or more) may opt out." in page
    assert "third year or later" not in page
