"""Demo contexts: each document filled with made-up people and answers, for checking and
previewing a district's own Word template before it is used.

Built from model objects that never enter the database (transient), through the same
context functions as real documents, so a sample has exactly a real context's keys; the
district's own name and letterhead are used, so the preview shows them.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from ..models import (CycleEntry, District, FinalReflection, InstructionalTarget, MemberStatus,
                      Membership, Milestone, Partnership, Role, School, User, Visit,
                      VisitStatus)
from . import context as documents
from .families import families_summary

DOCUMENTS = ("partnership_plan", "visitation_form", "reflection_record",
             "instructional_target", "families_summary")
TODAY = date(2027, 2, 14)


def sample_context(document: str, district: District) -> dict:
    from ..extensions import db
    from ..programs.operations import default_program

    with db.session.no_autoflush:
        copy = District(id=district.id, name=district.name,
                        letterhead_lines=district.letterhead_lines)
        copy.logo_png = district.logo_png
        school = School(id=0, district=copy, name="Riverside Elementary (sample)")
        program = default_program(district.id, 2026)
        program.district = copy
        ana, ben = (User(id=-n, district=copy, school=school, name=name, role=Role.TEACHER,
                         email=f"sample{n}@example.org", active=True)
                    for n, name in ((1, "Ana Sample"), (2, "Ben Example")))
        start = program.start_date
        p = Partnership(
            id=0, program=program, school=school, created_by=ana,
            focus_area="Sharing instructional strategies",
            objective="Students explain their thinking in number talks.",
            student_goal="Every student explains one strategy aloud each week.",
            educator_goal="We ask questions that make students explain.",
            objective_source="class", approaches=["Observe practices and share feedback"],
            approach_plan="We visit each other's class once a month.",
            communication_plan="We meet every other Tuesday after school.",
            start_date=start + timedelta(days=30), end_date=start + timedelta(days=270),
            cadence="biweekly", impact_evidence="Exit tickets: 62 % → 81 % correct.",
            share_cycles_with_principal=True)
        p.memberships = [Membership(user=u, status=MemberStatus.ACCEPTED) for u in (ana, ben)]
        p.milestones = [Milestone(title="First visit", due_date=start + timedelta(days=60))]
        p.cycles = [CycleEntry(author=ana, met_on=start + timedelta(days=40), attendees="Ana, Ben",
                               minutes=45, reflected="Students waited for us.",
                               planned="Think time first.", acted="Tried it Monday.",
                               evidence="More hands up.")]
        moment = datetime(2027, 2, 1, 15, tzinfo=timezone.utc)
        p.reflections = [FinalReflection(user=u, user_id=u.id, submitted_at=moment, impressions="It worked.",
                                         causal_factors="Regular meetings.",
                                         new_learning="Wait longer.", application="All year.",
                                         experience="Good.") for u in (ana, ben)]
        if document == "partnership_plan":
            return documents.partnership_plan(p, TODAY)
        if document == "reflection_record":
            return documents.reflection_record(p, include_cycles=True, today=TODAY)
        if document == "visitation_form":
            visit = Visit(id=0, partnership=p, visitor=ana, visitor_id=ana.id,
                          visitor_name=ana.name, visitor_school=school.name, visited=ben,
                          visited_name=ben.name, proposed_date=start + timedelta(days=60),
                          location="Room 12", length_days=Decimal("0.5"),
                          purpose="See how Ben runs number talks.",
                          status=VisitStatus.APPROVED, learned_1="Think time",
                          principal=User(name="Pat Sample", role=Role.PRINCIPAL),
                          principal_decided_at=moment, principal_comment="Enjoy the visit.",
                          impact="I will wait longer.", next_steps="Try it Monday.",
                          followup_date=start + timedelta(days=74))
            return documents.visitation_form(visit, TODAY)
        if document == "instructional_target":
            target = InstructionalTarget(school=school, program=program,
                                         vision="Every student explains their thinking.",
                                         focus_areas=[{"title": "Discourse", "look_fors": [
                                             {"text": "Students talk to each other"}]}])
            return documents.instructional_target(target, TODAY)
        return families_summary(school, program, [p], TODAY)
