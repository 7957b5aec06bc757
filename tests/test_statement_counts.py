"""Every page a role can open runs as many SQL statements in a small district as in a
larger one (#13): nothing is loaded one row at a time. Pages and roles come from the
access table (tests/test_access.py), which lists every route of the URL map."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from webapp.extensions import db
from webapp.models import (CheckIn, CycleEntry, MemberStatus, Membership, Milestone, ReleaseDay,
                           VisitStatus)

from . import factories
from .test_access import ROUTES, world  # noqa: F401 - the fixture, used below

GROWTH = 6  # partnerships (and their people and records) added per school


def _grow(program, schools, principal, count: int) -> None:
    """More of everything the pages list, in each school: teachers, formed partnerships
    with cycle entries, milestones, visits (pending, approved with a follow-up due),
    check-ins, release days, invitations, final reflections."""
    for school in schools:
        for n in range(count):
            first, second = (factories.UserFactory(school=school) for _ in range(2))
            p = factories.partnership_for(program, first, second, focus_area=f"Focus {n}",
                                          objective="An objective",
                                          start_date=program.start_date,
                                          end_date=program.end_date, cadence="weekly")
            db.session.add(Membership(partnership=p, user=factories.UserFactory(school=school),
                                      status=MemberStatus.INVITED, invited_by=first))
            for k in range(3):
                p.cycles.append(CycleEntry(author=first, version=1, reflected=f"Entry {k}",
                                           met_on=program.start_date + timedelta(days=7 * k)))
            p.milestones.append(Milestone(title="Observe", due_date=program.start_date))
            db.session.add(CheckIn(partnership=p, day=program.start_date, by_id=principal.id))
            db.session.add(ReleaseDay(program_id=program.id, teacher_id=first.id,
                                      day=program.start_date, days=Decimal("0.5"),
                                      recorded_by_id=principal.id))
            db.session.commit()
            factories.visit_for(p, first)
            factories.visit_for(p, second, status=VisitStatus.APPROVED,
                                proposed_date=program.start_date + timedelta(days=3))
            factories.submit_reflection(p, second)


def _count(client, url: str) -> tuple[int, int]:
    statements = []

    def counted(*args):
        # Queries and writes; not the transaction's own BEGIN, which SQLite's driver
        # sends or not depending on the pooled connection's state.
        if args[2].lstrip().split(None, 1)[0].upper() in {"SELECT", "INSERT", "UPDATE",
                                                         "DELETE", "WITH"}:
            statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", counted)
    try:
        status = client.get(url).status_code
    finally:
        event.remove(db.engine, "before_cursor_execute", counted)
    return status, len(statements)


@pytest.mark.parametrize("role", ["teacher", "principal", "admin"])
def test_every_page_costs_the_same_statements_in_a_larger_district(
        role, world, app, signed_in, program, school, other_school, principal):  # noqa: F811
    client = signed_in(world["users"][role])
    pages = [template.format(**world) for method, template, allowed in ROUTES
             if method == "GET" and role in allowed]
    assert len(pages) >= 10
    # One of everything at the small size too: a page loading a kind of row in one
    # query beside its list runs that query only once there is such a row.
    _grow(program, [school, other_school], principal, 1)
    small = {}
    for url in pages:
        client.get(url)  # warm: first-request caches (program models, templates)
        small[url] = _count(client, url)
    _grow(program, [school, other_school], principal, GROWTH)
    # And more schools, each with its principal, its Instructional Target and its own.
    for n in range(3):
        added = factories.SchoolFactory(district=school.district, name=f"Added school {n}")
        its_principal = factories.PrincipalFactory(school=added)
        factories.target_for(added, program, {"Discourse": ["Students explain"]})
        _grow(program, [added], its_principal, 2)
    grown = {url: _count(client, url) for url in pages}
    changed = {url: (small[url], grown[url]) for url in pages if small[url] != grown[url]}
    assert not changed, f"statements (status, count) small → larger, as {role}: {changed}"


def test_the_families_summary_costs_the_same_for_more_teams(app, district, school, principal,
                                                            signed_in):
    """Learning Teams (seed 002): the families' summary lists every team's stage."""
    program = factories.program_from_model(district, "learning-teams")
    client = signed_in(principal)
    url = f"/dashboard/schools/{school.id}/families"

    def teams(count):
        for _ in range(count):
            p = factories.partnership_for(program, *(factories.UserFactory(school=school)
                                                     for _ in range(3)), focus_area="Reading")
            p.cycles.append(CycleEntry(author=p.members[0], version=1, stage="",
                                       met_on=program.start_date))
            db.session.commit()

    teams(1)
    client.get(url)
    small = _count(client, url)
    teams(8)
    assert _count(client, url) == small == (200, small[1])


@pytest.mark.parametrize("role", ["teacher", "principal", "admin"])
def test_a_calendar_feed_costs_the_same_in_a_larger_district(
        role, world, app, program, school, other_school, principal):  # noqa: F811
    from webapp.calendars import tokens

    person = world["users"][role]
    tokens.new_address(person)
    db.session.commit()
    with app.test_request_context():
        token = tokens.feed_token(person)
    client = app.test_client()
    url = f"/calendar/{token}.ics"
    _grow(program, [school, other_school], principal, 1)
    client.get(url)
    small = _count(client, url)
    _grow(program, [school, other_school], principal, GROWTH)
    assert _count(client, url) == small and small[0] == 200
