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
