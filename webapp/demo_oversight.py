"""The principals' side of the demo: check-ins (one recent, one overdue), a recorded
release day, a growth-plan opt-out, and a suggested match waiting for answers."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from .extensions import db
from .models import (CheckIn, GrowthPlanOptOut, MemberStatus, Membership, Partnership, Program,
                     ReleaseDay, User)


def create(users: dict[str, User], program: Program, today: date | None = None) -> None:
    today = today or date.today()

    def partnership_of(name: str) -> Partnership:
        user = users[name]
        return next(p for p in db.session.scalars(select(Partnership).where(
            Partnership.program_id == program.id)) if user in p.members)

    # Riverside checked in lately; Lakeview's last check-in is over two months old.
    db.session.add(CheckIn(
        partnership=partnership_of("Chloé Martin"), day=today - timedelta(days=12),
        by=users["Ursula Grant"],
        note="Quick chat in the hallway: they found two oral-language routines to try and "
             "asked for a substitute for a shared planning morning."))
    db.session.add(CheckIn(
        partnership=partnership_of("Isaac Brown"), day=today - timedelta(days=75),
        by=users["Victor Nguyen"],
        note="Emailed about their exit-ticket bank; meeting every other Tuesday."))

    planning_day = min(max(today - timedelta(days=30), program.start_date), program.end_date)
    db.session.add(ReleaseDay(
        program=program, teacher=users["Hana Sato"], day=planning_day, days=Decimal("1.0"),
        reason="Planning meeting with partner", recorded_by=users["Victor Nguyen"]))

    # Olivia Chen (5 years in the district) takes part, so she may opt out this year.
    db.session.add(GrowthPlanOptOut(program=program, teacher=users["Olivia Chen"]))

    wendy, quinn, rosa = users["Wendy Alvarez"], users["Quinn O'Brien"], users["Rosa Delgado"]
    match = Partnership(program=program, school_id=quinn.school_id, created_by=quinn,
                        suggested_by=wendy)
    for teacher in (quinn, rosa):
        match.memberships.append(Membership(user=teacher, status=MemberStatus.INVITED,
                                            invited_by=wendy))
    db.session.add(match)
