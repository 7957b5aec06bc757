"""factory_boy factories for the models; they commit, like the app does."""
import factory
from factory.alchemy import SQLAlchemyModelFactory

from webapp.extensions import db
from webapp.models import District, Role, School, User
from webapp.passwords import hash_password

_PASSWORD_HASH = None


def _test_password_hash(_user):
    # One Argon2 hash for every factory user: hashing is slow on purpose.
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        from .conftest import PASSWORD

        _PASSWORD_HASH = hash_password(PASSWORD)
    return _PASSWORD_HASH


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class DistrictFactory(Base):
    class Meta:
        model = District

    name = "Park West School Division"


class SchoolFactory(Base):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"School {n}")


class UserFactory(Base):
    class Meta:
        model = User

    school = factory.SubFactory(SchoolFactory)
    district = factory.LazyAttribute(lambda u: u.school.district)
    name = factory.Sequence(lambda n: f"Teacher {n}")
    email = factory.LazyAttribute(lambda u: f"{u.name.lower().replace(' ', '.')}@example.org")
    role = Role.TEACHER
    grade_band = "3-5"
    subject = "Mathematics"
    years_in_district = 4
    password_hash = factory.LazyAttribute(_test_password_hash)


class PrincipalFactory(UserFactory):
    role = Role.PRINCIPAL


class AdminFactory(UserFactory):
    school = None
    district = factory.SubFactory(DistrictFactory)
    role = Role.DISTRICT_ADMIN


def program_for(district, first_year=None):
    """A program with seed 000's defaults for the school year of today (or first_year)."""
    from datetime import date

    from webapp.programs.operations import default_program, school_year_of

    program = default_program(district.id, first_year or school_year_of(date.today()))
    db.session.add(program)
    db.session.commit()
    return program


def partnership_for(program, *members, **values):
    """A partnership started by members[0], the others having accepted."""
    from webapp.models import MemberStatus, Membership, Partnership

    first = members[0]
    partnership = Partnership(program=program, school_id=first.school_id, created_by=first,
                              **values)
    for member in members:
        partnership.memberships.append(Membership(user=member, status=MemberStatus.ACCEPTED))
    db.session.add(partnership)
    db.session.commit()
    return partnership


def visit_for(partnership, visitor, **values):
    """A visit request by `visitor` to the first other member, pending by default."""
    from datetime import timedelta
    from decimal import Decimal

    from webapp.models import Visit, VisitStatus

    visited = next(u for u in partnership.members if u.id != visitor.id)
    fields = dict(
        partnership=partnership, visitor_id=visitor.id, visitor_name=visitor.name,
        visitor_school=visitor.school.name, visited_id=visited.id, visited_name=visited.name,
        proposed_date=partnership.program.start_date + timedelta(days=60),
        location="Room 12", length_days=Decimal("0.5"), purpose="See number talks.",
        status=VisitStatus.PENDING_PRINCIPAL)
    fields.update(values)
    visit = Visit(**fields)
    db.session.add(visit)
    db.session.commit()
    return visit


# A partnership with what completing asks for (Partners in Practice) ------------------

VISIT_ANSWERS = {"learned_1": "Wait time", "learned_2": "Sentence starters",
                 "learned_3": "Recording on the board", "impact": "Daily number talks",
                 "next_steps": "Try it Monday", "notes": ""}
REFLECTION_QUESTIONS = ("impressions", "causal_factors", "new_learning", "application",
                        "experience")


def fill_steps(partnership):
    """Steps 1-5 done, as members would have left them."""
    from datetime import timedelta

    from webapp.models import CycleEntry

    program = partnership.program
    for name, value in dict(
            focus_area=program.focus_areas[0], objective="Better number talks",
            student_goal="Explain strategies", educator_goal="Ask open questions",
            objective_source="personal", approaches=[program.approaches[0]],
            approach_plan="Observe each other", communication_plan="Weekly chat",
            start_date=program.start_date + timedelta(days=20),
            end_date=program.end_date - timedelta(days=20), cadence="weekly",
            cycles_done=True).items():
        setattr(partnership, name, value)
    partnership.cycles.append(CycleEntry(author_id=partnership.created_by_id,
                                         met_on=program.start_date + timedelta(days=25),
                                         reflected="Our first meeting", version=1))
    db.session.commit()


def held_visit(partnership, visitor, day, reported=True):
    """An approved visit on `day`, its post-visit questions answered (or not yet)."""
    from webapp.models import VisitStatus
    from webapp.models.base import utcnow

    return visit_for(partnership, visitor, status=VisitStatus.APPROVED, proposed_date=day,
                     reported_at=utcnow() if reported else None,
                     **(VISIT_ANSWERS if reported else {}))


def submit_reflection(partnership, member):
    from webapp.models import FinalReflection
    from webapp.models.base import utcnow

    partnership.reflections.append(FinalReflection(
        user_id=member.id, submitted_at=utcnow(), version=1,
        **{key: f"{member.name} on {key}" for key in REFLECTION_QUESTIONS}))
    db.session.commit()


def ready_to_complete(partnership, members, visit_day):
    """Steps done, each member's visit held and reported, reflections, the evidence."""
    fill_steps(partnership)
    for member in members:
        held_visit(partnership, member, visit_day)
        submit_reflection(partnership, member)
    partnership.impact_evidence = "Exit tickets rose from 40% to 75%."
    db.session.commit()
    return partnership


# The Instructional Target (seed 001) ---------------------------------------------------

def program_from_model(district, key, first_year=None):
    """A program made from the model `key` (webapp/programs/models/) for today's year."""
    from datetime import date

    from webapp.programs import presets
    from webapp.programs.operations import program_from_model as made, school_year_of

    program = made(district.id, presets.model(key), first_year or school_year_of(date.today()))
    db.session.add(program)
    db.session.commit()
    return program


def target_for(school, program, areas, vision="Every student explains their thinking."):
    """A written target: areas is {focus area: [look-for, ...]}; ids lf1, lf2, … in order."""
    from webapp.models import InstructionalTarget

    focus_areas, n = [], 0
    for title, texts in areas.items():
        items = []
        for text in texts:
            n += 1
            items.append({"id": f"lf{n}", "text": text})
        focus_areas.append({"title": title, "look_fors": items})
    target = InstructionalTarget(school_id=school.id, program_id=program.id, vision=vision,
                                 focus_areas=focus_areas, retired={}, next_id=n + 1, version=1)
    db.session.add(target)
    db.session.commit()
    return target


# Seed 001's Instructional Partners: weekly reflections and partnership principles ------

def instructional_partners_program(district, first_year=2026):
    """A program made from the Instructional Partners model (weekly reflections and
    partnership principles on), for the school year starting in `first_year`."""
    from webapp.programs import presets
    from webapp.programs.operations import program_from_model

    program = program_from_model(district.id, presets.model("instructional-partners"),
                                 first_year)
    db.session.add(program)
    db.session.commit()
    return program


def formed_partnership(program, first, second, formed_on, **values):
    """A pair whose second member accepted on `formed_on` (a date)."""
    from datetime import datetime, time, timezone

    partnership = partnership_for(program, first, second, **values)
    joined = datetime.combine(formed_on, time(12), tzinfo=timezone.utc)
    partnership.created_at = joined
    partnership.membership_of(second).responded_at = joined
    db.session.commit()
    return partnership


def weekly_reflection_for(partnership, writer, week_of, text="", **values):
    """`writer`'s reflection of the week starting Monday `week_of`."""
    from webapp.models import WeeklyReflection

    reflection = WeeklyReflection(partnership_id=partnership.id, user_id=writer.id,
                                  week_of=week_of, text=text or f"{writer.name}'s week",
                                  version=1, **values)
    db.session.add(reflection)
    db.session.commit()
    return reflection
