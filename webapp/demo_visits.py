"""Demo classroom visits in every state: pending, approved, declined, waiting for the
district, done with a follow-up meeting, and one whose follow-up is overdue."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select

from .extensions import db
from .models import Partnership, Program, User, Visit, VisitStatus
from .models.base import utcnow


def create(users: dict[str, User], principals: dict[str, User], program: Program,
           today: date | None = None) -> None:
    today = today or date.today()

    def clamp(day: date) -> date:
        return min(max(day, program.start_date), program.deadline("visits"))

    def at(day: date) -> datetime:
        """A moment on `day`, never after now: requested before the visit, decided after
        the request, reported and followed up after the visit."""
        return min(datetime.combine(day, time(15, 30), tzinfo=timezone.utc), utcnow())

    def partnership_of(name: str) -> Partnership:
        user = users[name]
        return next(p for p in db.session.scalars(select(Partnership).where(
            Partnership.program_id == program.id)) if user in p.members)

    def visit(visitor: str, visited: str, day: date, status: VisitStatus, **values) -> Visit:
        who, whom = users[visitor], users[visited]
        principal = principals[who.school.name]
        v = Visit(partnership=partnership_of(visitor), visitor_id=who.id, visitor_name=who.name,
                  visitor_school=who.school.name, proposed_date=clamp(day),
                  location=f"{whom.school.name}, {whom.name}'s classroom", visited_id=whom.id,
                  visited_name=whom.name, length_days=values.pop("length", Decimal("0.5")),
                  purpose=f"Watch {whom.name} lead the routine we planned, to see how "
                          f"students respond and bring ideas back to my class.",
                  status=status, **values)
        v.requested_at = at(v.proposed_date - timedelta(days=14))
        if v.reported_at is not None:
            v.reported_at = at(v.proposed_date + timedelta(days=1))
        if v.followup_requested_at is not None:
            v.followup_requested_at = at(v.proposed_date + timedelta(days=2))
        if status is not VisitStatus.PENDING_PRINCIPAL:
            v.principal_id = principal.id
            v.principal_decided_at = at(v.proposed_date - timedelta(days=12))
        db.session.add(v)
        return v

    report = dict(learned_1="Students need wait time before sharing.",
                  learned_2="Sentence starters on the board help quiet students.",
                  learned_3="Recording each strategy makes comparisons easy.",
                  impact="I will start each math lesson with a five-minute number talk.",
                  next_steps="Try it for two weeks, then compare exit tickets with my partner.",
                  reported_at=utcnow())
    done_day = today - timedelta(days=50)
    visit("Ana Gómez", "David Okafor", done_day, VisitStatus.APPROVED,
          followup_date=min(clamp(done_day) + timedelta(days=10), today),
          followup_requested_at=utcnow(), followup_request="Any afternoon next week.", **report)
    visit("David Okafor", "Ana Gómez", today - timedelta(days=40), VisitStatus.APPROVED,
          followup_requested_at=utcnow(), followup_request="Tuesday or Thursday after 3 pm.",
          **report)
    visit("Hana Sato", "Nadia Petrova", today + timedelta(days=20), VisitStatus.PENDING_PRINCIPAL)
    visit("Nadia Petrova", "Hana Sato", today + timedelta(days=10), VisitStatus.DECLINED,
          principal_comment="That week is report-card week; please choose another date.")
    visit("Isaac Brown", "Kwame Mensah", today - timedelta(days=7), VisitStatus.APPROVED,
          length=Decimal("1.0"))
    visit("Isaac Brown", "Kwame Mensah", today + timedelta(days=30), VisitStatus.PENDING_DISTRICT,
          principal_comment="Fine with me if the district agrees.")
