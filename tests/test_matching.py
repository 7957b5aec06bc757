"""Suggested matches over HTTP (#11): importing scores (both shapes, errors by line,
idempotent), privacy (teachers see no score, anywhere), the principal's review (exclude,
lock, pair by hand, finalize) and the district's run with coverage."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest

from webapp.extensions import db
from webapp.models import AuditEvent, IndicatorScore, MatchRun, Partnership
from webapp.programs import presets
from webapp.programs.operations import program_from_model, school_year_of

from . import factories

Q, F = "Questioning", "Academic Feedback"


@pytest.fixture
def ipi(district):
    program = program_from_model(district.id, presets.model("ipi"),
                                 school_year_of(date.today()))
    db.session.add(program)
    db.session.commit()
    return program


@pytest.fixture
def staff(school, teacher, partner):
    """Four teachers of the school: Ana (teacher), Ben (partner), Cara, Dev."""
    cara = factories.UserFactory(school=school, name="Cara Cole", email="cara@example.org")
    dev = factories.UserFactory(school=school, name="Dev Diaz", email="dev@example.org")
    return {"ana": teacher, "ben": partner, "cara": cara, "dev": dev}


def upload(client, text: str, year: int, name="scores.csv"):
    return client.post("/matching/scores", data={
        "school_year": str(year), "scores": (io.BytesIO(text.encode()), name)},
        content_type="multipart/form-data")


def confirm(client, page: str):
    text = re.search(r'name="csv_text"[^>]*value="([^"]*)"', page).group(1)
    import html

    year = re.search(r'name="school_year"[^>]*value="(\d+)"', page).group(1)
    return client.post("/matching/scores/confirm",
                       data={"csv_text": html.unescape(text), "school_year": year})


def last_year(ipi) -> int:
    return ipi.start_date.year - 1


# Ari–Ben heavier, but Ana–Cara plus Ben–Dev carry more (the hand-checked case).
LONG = """email,indicator,score
{ana},Questioning,1
{ana},Academic Feedback,3
{ben},Questioning,5
{ben},Academic Feedback,5
{cara},Questioning,4
{cara},Academic Feedback,3
{dev},Questioning,3
{dev},Academic Feedback,2
"""


def long_csv(staff) -> str:
    return LONG.format(**{k: u.email for k, u in staff.items()})


def test_scores_import_previews_refuses_by_line_and_is_idempotent(as_principal, ipi, staff,
                                                                   other_teacher):
    year = last_year(ipi)
    text = long_csv(staff) + (f"{other_teacher.email},Questioning,4\n"
                              f"{staff['ana'].email},Wit,4\n"
                              f"{staff['ana'].email},Pacing and such,3\n"
                              f"{staff['ben'].email},Thinking,7\n"
                              f"{staff['ana'].email},Questioning,2\n")
    page = upload(as_principal, text, year).get_data(as_text=True)
    assert 'id="count-create">8<' in page
    errors = dict(re.findall(r'<tr class="row-error"><td>(\d+)</td><td>([^<]+)<', page))
    assert "no teacher with the email" in errors["10"]  # another school's teacher
    assert "not an indicator" in errors["11"] and "not a number from 1 to 5" in errors["13"]
    assert "duplicate in file" in errors["14"] and "line 2" in errors["14"]
    assert confirm(as_principal, page).status_code == 302
    assert db.session.query(IndicatorScore).count() == 8
    again = upload(as_principal, long_csv(staff), year).get_data(as_text=True)
    assert 'id="count-unchanged">8<' in again and 'id="count-create">0<' in again
    assert "Nothing to import" in again
    assert "scores_imported" in [e.action for e in db.session.query(AuditEvent)]


def test_one_row_per_teacher_with_a_column_per_indicator(as_admin, ipi, staff):
    text = ("Email,Name,questioning,Academic feedback\n"
            f"{staff['ana'].email},Ana,1,\n{staff['ben'].email},Ben,5,4.5\n")
    page = upload(as_admin, text, last_year(ipi)).get_data(as_text=True)
    assert 'id="count-create">3<' in page
    confirm(as_admin, page)
    scores = {(s.teacher_id, s.indicator): float(s.score)
              for s in db.session.query(IndicatorScore)}
    assert scores == {(staff["ana"].id, Q): 1.0, (staff["ben"].id, Q): 5.0,
                      (staff["ben"].id, F): 4.5}
    bad = upload(as_admin, "email,Charm\nx@example.org,3\n", last_year(ipi))
    assert "not indicators of the district" in bad.get_data(as_text=True)


def import_scores(client, ipi, staff):
    page = upload(client, long_csv(staff), last_year(ipi)).get_data(as_text=True)
    assert confirm(client, page).status_code == 302


def test_teachers_never_see_scores(as_principal, as_teacher, as_admin, ipi, staff):
    import_scores(as_principal, ipi, staff)
    year = last_year(ipi)
    for url in ("/matching/scores", f"/matching/scores/{year}", "/matching/",
                "/matching/district", "/matching/exclusions"):
        assert as_teacher.get(url).status_code == 403, url
    assert upload(as_teacher, long_csv(staff), year).status_code == 403
    assert as_teacher.post(f"/matching/scores/{year}/delete").status_code == 403
    table = as_principal.get(f"/matching/scores/{year}").get_data(as_text=True)
    assert "Cara Cole" in table
    viewed = db.session.query(AuditEvent).filter_by(action="scores_viewed").count()
    assert viewed == 1
    as_principal.post("/matching/run")
    assert "scored" in as_principal.get("/matching/").get_data(as_text=True)
    assert db.session.query(AuditEvent).filter_by(action="scores_viewed").count() == 2


def test_the_principal_reviews_excludes_locks_and_finalizes(app, as_principal, as_teacher,
                                                            ipi, staff):
    import_scores(as_principal, ipi, staff)
    as_principal.post("/matching/run")
    run = db.session.query(MatchRun).one()
    ana, ben, cara, dev = (staff[k].id for k in ("ana", "ben", "cara", "dev"))
    assert {frozenset((p["a"], p["b"])) for p in run.pairs} == {
        frozenset((ana, cara)), frozenset((ben, dev))}
    page = as_principal.get("/matching/").get_data(as_text=True)
    assert "Cara scored 4 on Questioning, where Ana scored 1; both teach grades 3–5" in page

    # Excluding Ana–Cara: Ana goes with Ben (Questioning 5 vs 1); Cara and Dev are left.
    as_principal.post(f"/matching/runs/{run.id}/exclude", data={"first": ana, "second": cara})
    db.session.refresh(run)
    assert [sorted((p["a"], p["b"])) for p in run.pairs] == [sorted((ana, ben))]
    assert set(run.unmatched) == {str(cara), str(dev)}
    # Pairing Cara with Dev by hand: a locked pair, the rest solved around it.
    as_principal.post(f"/matching/runs/{run.id}/pair", data={"first": cara, "second": dev})
    db.session.refresh(run)
    assert {frozenset((p["a"], p["b"])): p["locked"] for p in run.pairs} == {
        frozenset((ana, ben)): False, frozenset((cara, dev)): True}

    # Finalize with the focal indicators chosen and a note.
    first = next(p for p in run.pairs if {p["a"], p["b"]} == {ana, ben})
    response = as_principal.post(f"/matching/runs/{run.id}/finalize", data={
        "version": str(run.version), "note": "You two plan in the same period.",
        f"focal-{first['a']}-{first['b']}": [Q, "Not on the list"]})
    assert response.status_code == 302
    made = db.session.query(Partnership).all()
    assert len(made) == 2
    ana_ben = next(p for p in made if {u.user_id for u in p.memberships} == {ana, ben})
    assert ana_ben.rubric_indicators == [Q]
    assert ana_ben.suggestion_note == "You two plan in the same period."
    invitation = as_teacher.get(f"/partnerships/{ana_ben.id}/invitation").get_data(as_text=True)
    assert "You two plan in the same period." in invitation and Q in invitation
    assert "scored" not in invitation and "5" not in re.sub(r"<[^>]+>|\d{4}", "",
                                                             invitation.split("<main")[1])
    assert db.session.query(MatchRun).one().finalized_at is not None
    # Accepted: the overview and the plan name the focal indicator, never a score.
    as_teacher.post(f"/partnerships/{ana_ben.id}/invitation/accept")
    ana_ben.objective = "Better questions"
    db.session.commit()
    overview = as_teacher.get(f"/partnerships/{ana_ben.id}/").get_data(as_text=True)
    plan = as_teacher.get(f"/records/partnerships/{ana_ben.id}/plan.docx").data
    from .test_documents import docx_paragraphs

    words = "\n".join(docx_paragraphs(plan))
    assert Q in overview and Q in words
    assert "scored" not in overview and "scored" not in words


def test_a_stale_finalize_keeps_the_note(as_principal, ipi, staff):
    import_scores(as_principal, ipi, staff)
    as_principal.post("/matching/run")
    run = db.session.query(MatchRun).one()
    response = as_principal.post(f"/matching/runs/{run.id}/finalize", data={
        "version": str(run.version - 1), "note": "My careful note"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "changed since you opened this page" in page and "My careful note" in page
    assert db.session.query(Partnership).count() == 0


def test_teachers_in_a_partnership_and_excluded_pairs_are_left_out(as_principal, ipi, staff):
    import_scores(as_principal, ipi, staff)
    factories.partnership_for(ipi, staff["ben"], staff["dev"])
    as_principal.post("/matching/exclusions", data={"first": staff["ana"].id,
                                                    "second": staff["cara"].id})
    as_principal.post("/matching/run")
    run = db.session.query(MatchRun).one()
    assert run.pairs == []
    assert run.unmatched[str(staff["ben"].id)] == "Already in a partnership this year."
    assert "No colleague here" in run.unmatched[str(staff["ana"].id)]


def test_the_district_runs_every_school_and_sees_coverage(as_admin, as_principal, ipi, staff):
    import_scores(as_principal, ipi, staff)
    assert as_admin.post("/matching/district").status_code == 302
    page = as_admin.get("/matching/district").get_data(as_text=True)
    assert "Riverside Elementary" in page and "Waiting for the principal" in page
    row = re.search(r"Riverside Elementary</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r">(\d+)<", row)[:3] == ["4", "4", "2"]


def test_a_program_without_the_practice_says_so(as_principal, program):
    page = as_principal.get("/matching/").get_data(as_text=True)
    assert "does not suggest matches from observation scores" in page
    assert as_principal.post("/matching/run").status_code == 404


def test_the_roster_carries_planning_periods_and_a_roster_without_them_keeps_them(
        as_admin, staff):
    from webapp.admin import roster

    ana = staff["ana"]
    text = ("name,email,school,role,planning period\n"
            f"{ana.name},{ana.email},Riverside Elementary,teacher,P4\n")
    plan = roster.plan_import(text, ana.district)
    roster.apply(plan, ana.district)
    db.session.commit()
    assert ana.planning_period == "P4"
    plan = roster.plan_import(f"name,email,school,role\n{ana.name},{ana.email},"
                              "Riverside Elementary,teacher\n", ana.district)
    assert plan.count("unchanged") == 1


def test_thresholds_and_weights_are_the_programs_settings(as_admin, ipi):
    from webapp.matching import runs

    assert runs.settings_of(ipi).low == 2 and runs.settings_of(ipi).high == 4
    page = as_admin.get(f"/programs/{ipi.id}/edit").get_data(as_text=True)
    assert 'name="matching_low"' in page and 'name="matching_shared_planning"' in page
    settings = dict(ipi.settings)
    settings["practices"] = {**settings["practices"],
                             "matching": {**settings["practices"]["matching"], "low": 3}}
    ipi.settings = settings
    db.session.commit()
    assert runs.settings_of(ipi).low == 3


def test_the_teacher_record_shows_pairs_not_to_match_to_their_principal(
        as_principal, as_admin, staff):
    as_principal.post("/matching/exclusions", data={"first": staff["ana"].id,
                                                    "second": staff["dev"].id})
    page = as_principal.get(f"/admin/staff/{staff['ana'].id}").get_data(as_text=True)
    assert "Never to be matched with" in page and "Dev Diaz" in page
    assert "Never to be matched with" not in as_admin.get(
        f"/admin/staff/{staff['ana'].id}").get_data(as_text=True)
