"""Command-line tools: `flask --app webapp create-user | demo | invite`."""
from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import func, select

from . import demo as demo_data
from .auth import accounts
from .extensions import db
from .models import District, Role, School, User
from .passwords import policy_problem


def init_app(app: Flask) -> None:
    from . import backup

    backup.init_app(app)
    app.cli.add_command(create_user)
    app.cli.add_command(demo)
    app.cli.add_command(invite)


def _district(name: str | None = None) -> District:
    """The install's district, created on first use."""
    district = db.session.scalar(select(District).order_by(District.id))
    if district is None:
        district = District(name=name or "Our School District")
        db.session.add(district)
        db.session.flush()
    return district


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, help="teacher, principal or district_admin")
@click.option("--school", help="School name (created if new); required except for admins.")
@click.option("--password", help="Set this password instead of printing an invitation link.")
@click.option("--district", "district_name", help="District name, when creating the first one.")
def create_user(email, name, role, school, password, district_name):
    """Create an account, e.g. the first district administrator."""
    parsed_role = Role.parse(role)
    if parsed_role is None:
        raise click.BadParameter("use teacher, principal or district_admin", param_hint="--role")
    if parsed_role is not Role.DISTRICT_ADMIN and not school:
        raise click.BadParameter("teachers and principals need a school", param_hint="--school")
    if db.session.scalar(select(User).where(User.email == email.strip().lower())):
        raise click.ClickException(f"An account with {email} exists already.")
    if password is not None:
        problem = policy_problem(password, [email, *name.split()])
        if problem:
            raise click.BadParameter(problem, param_hint="--password")
    district = _district(district_name)
    user = User(district=district, email=email, name=name, role=parsed_role,
                school=_school(district, school) if school else None)
    db.session.add(user)
    db.session.flush()
    from . import audit

    audit.record("user_created", user.email, parsed_role.value)
    if password is not None:
        accounts.change_password(user, password)
        db.session.commit()
        click.echo(f"Created {user.email} ({parsed_role.value}). They can sign in now.")
        return
    link = accounts.send_invitation(user)
    db.session.commit()
    click.echo(f"Created {user.email} ({parsed_role.value}). Set-password link (single use):")
    click.echo(link)


def _school(district: District, name: str) -> School:
    school = db.session.scalar(select(School).where(
        School.district_id == district.id, func.lower(School.name) == name.strip().lower()))
    if school is None:
        school = School(district=district, name=name.strip())
        db.session.add(school)
    return school


@click.command("invite")
@click.option("--email", required=True)
def invite(email):
    """Send an account a new set-password link and print it."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.active:
        raise click.ClickException(f"No active account with {email}.")
    link = accounts.send_invitation(user)
    db.session.commit()
    click.echo(link)


@click.command("demo")
@click.option("--password", help="Give every demo account this password (for scripts).")
def demo(password):
    """Fill an empty database with a demo district and print the logins."""
    if db.session.scalar(select(func.count()).select_from(User)):
        raise click.ClickException("The database has accounts already; the demo fills an "
                                   "empty one only.")
    logins = demo_data.create(password)
    db.session.commit()
    click.echo("Demo district created. Sign in with any of these:")
    for role, email, secret in logins:
        click.echo(f"  {role:<24} {email:<40} {secret}")
