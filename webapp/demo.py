"""A realistic demo district: five schools, their principals, teachers, an admin, and
three programs side by side (Partners in Practice in three schools, Learning Teams and
the Instructional Partnership Initiative in one each) with partnerships at every step."""
from __future__ import annotations

import secrets

from . import (clock, demo_oversight, demo_partnerships, demo_programs, demo_records,
               demo_visits)
from .auth import accounts
from .extensions import db
from .models import District, Role, School, User

SCHOOLS = {
    "Riverside Elementary": [
        ("Ana Gómez", "K-2", "Literacy", 4), ("Ben Carter", "K-2", "Mathematics", 2),
        ("Chloé Martin", "3-5", "French Immersion", 7), ("David Okafor", "3-5", "Mathematics", 11),
        ("Emma Johansson", "3-5", "Science", 1), ("Farah Haddad", "K-2", "Literacy", 5),
        ("Gabriel Silva", "3-5", "Social Studies", 3),
    ],
    "Lakeview Middle School": [
        ("Hana Sato", "6-8", "Mathematics", 6), ("Isaac Brown", "6-8", "Science", 9),
        ("Julia Novak", "6-8", "English Language Arts", 2), ("Kwame Mensah", "6-8", "Social Studies", 14),
        ("Laura Fischer", "6-8", "Physical Education", 3), ("Mateo Rossi", "6-8", "Music", 8),
        ("Nadia Petrova", "6-8", "Mathematics", 1),
    ],
    "Park West High School": [
        ("Olivia Chen", "9-12", "Biology", 5), ("Pierre Lefèvre", "9-12", "French", 12),
        ("Quinn O'Brien", "9-12", "English", 4), ("Rosa Delgado", "9-12", "Spanish", 6),
        ("Samir Khan", "9-12", "Chemistry", 3), ("Tessa Wright", "9-12", "Mathematics", 10),
    ],
}
PRINCIPALS = {
    "Riverside Elementary": "Ursula Grant",
    "Lakeview Middle School": "Victor Nguyen",
    "Park West High School": "Wendy Alvarez",
}
ADMIN = "Xavier Moreau"
DOMAIN = "demo.tandem.school"


def email_for(name: str) -> str:
    ascii_name = name.lower().replace("é", "e").replace("è", "e").replace("ó", "o").replace("'", "")
    first, *rest = ascii_name.split()
    return f"{first}.{''.join(rest)}@{DOMAIN}"


def create(password: str | None) -> list[tuple[str, str, str]]:
    """Create the demo; returns (role, email, password) for every account."""
    secret = password or secrets.token_urlsafe(12)
    district = District(name="Park West School Division", time_zone="America/Winnipeg")
    db.session.add(district)
    logins = []
    users = {}

    def add(name, role, school=None, grade="", subject="", years=None):
        user = User(district=district, name=name, email=email_for(name), role=role,
                    school=school, grade_band=grade, subject=subject, years_in_district=years)
        db.session.add(user)
        db.session.flush()
        accounts.change_password(user, secret)
        logins.append((role.label, user.email, secret))
        users[name] = user

    add(ADMIN, Role.DISTRICT_ADMIN, years=15)
    other_schools, other_principals = demo_programs.staff()
    schools = {}
    for school_name, teachers in {**SCHOOLS, **other_schools}.items():
        school = schools[school_name] = School(district=district, name=school_name)
        db.session.add(school)
        add({**PRINCIPALS, **other_principals}[school_name], Role.PRINCIPAL, school, years=10)
        for name, grade, subject, years in teachers:
            add(name, Role.TEACHER, school, grade, subject, years)
    today = clock.today()  # one today for all of it (a test pins it)
    program = demo_partnerships.create(users, district.id, today)
    program.schools = [schools[name] for name in SCHOOLS]  # Partners in Practice's three
    demo_programs.create(users, schools, district.id, today)
    db.session.flush()
    principals = {school: users[name] for school, name in PRINCIPALS.items()}
    demo_visits.create(users, principals, program, today)
    demo_oversight.create(users, program, today)
    db.session.flush()
    demo_records.create(users)
    return logins
