"""Staff roster import: read a CSV, plan what changes, then apply the plan.

The plan is computed again from the same text on confirm, so what is applied is
exactly what the preview showed (unless the database changed in between, in which
case the new plan is what runs; importing is idempotent either way).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import District, Role, School, User
from ..models.user import normalize_email

# Accepted column names (lower-cased, spaces for _ and -) for each roster field.
COLUMNS = {
    "name": {"name", "full name", "teacher", "staff name"},
    "email": {"email", "e mail", "email address"},
    "school": {"school", "school name"},
    "role": {"role"},
    "grade_band": {"grade", "grades", "grade band", "grade level"},
    "subject": {"subject", "subjects"},
    "years_in_district": {"years in district", "years", "years in the district"},
    "planning_period": {"planning period", "planning", "common planning period"},
}
REQUIRED_COLUMNS = ("name", "email", "role")
# A district's whole staff fits; a larger file is split (or it would tie up a worker).
MAX_ROWS = 20_000
UPDATABLE = ("name", "role", "school_id", "grade_band", "subject", "years_in_district",
             "planning_period")


class RosterFileError(ValueError):
    """The file as a whole cannot be read (encoding, missing columns)."""


@dataclass
class RowPlan:
    line: int
    email: str
    values: dict
    action: str  # "create", "update" or "unchanged"
    changes: list[str] = field(default_factory=list)
    user: User | None = None


@dataclass
class RowError:
    line: int
    reason: str
    raw: str = ""


@dataclass
class RosterPlan:
    rows: list[RowPlan]
    errors: list[RowError]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(_("The file is not text. Save the roster as CSV (UTF-8)."))


def plan_import(text: str, district: District) -> RosterPlan:
    reader = _reader(text)
    columns = _map_columns(reader.fieldnames or [])
    schools = {s.name.strip().lower(): s for s in district.schools}
    existing = {u.email: u for u in db.session.scalars(select(User))}
    seen: dict[str, int] = {}
    plan = RosterPlan(rows=[], errors=[])
    for line, raw in _rows(reader):
        # One line per value: a quoted cell may hold line breaks.
        cells = {key: " ".join((raw.get(col) or "").split()) for key, col in columns.items()}
        if not any(cells.values()):
            continue  # blank line
        result = _check_row(cells, schools, line, seen)
        if isinstance(result, str):
            plan.errors.append(RowError(line, result, ", ".join(v for v in cells.values() if v)))
            continue
        seen[result["email"]] = line
        if "planning_period" not in columns:  # a roster without it keeps what was set
            del result["planning_period"]
        user = existing.get(result["email"])
        if user is not None and user.district_id != district.id:
            # Emails are unique across the install; never move someone between districts.
            plan.errors.append(RowError(line, _("this email belongs to another district")))
            continue
        plan.rows.append(_row_plan(line, result, user))
    return plan


def _rows(reader: csv.DictReader):
    """(line, row) pairs; a file too long or with an oversized cell is refused whole."""
    try:
        for count, raw in enumerate(reader, start=1):
            if count > MAX_ROWS:
                raise RosterFileError(_(
                    "The file has more than %(n)s rows. Split it into smaller files and "
                    "import them one after another.", n=f"{MAX_ROWS:,}"))
            yield reader.line_num, raw
    except csv.Error as problem:  # e.g. a cell over csv.field_size_limit() (128 KB)
        # line_num counts the lines read before the record that failed.
        raise RosterFileError(_(
            "Line %(line)d cannot be read (%(problem)s). Check that its quotes are closed "
            "and no cell is very long.", line=reader.line_num + 1, problem=problem)) from None


def _reader(text: str) -> csv.DictReader:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.DictReader(io.StringIO(text), dialect=dialect)


def _map_columns(headers: list[str]) -> dict[str, str]:
    mapping = {}
    for header in headers:
        key = (header or "").strip().lower().replace("_", " ").replace("-", " ")
        for name, aliases in COLUMNS.items():
            if key in aliases and name not in mapping:
                mapping[name] = header
    missing = [name for name in REQUIRED_COLUMNS if name not in mapping]
    if missing:
        raise RosterFileError(
            _("The first row must name the columns; missing: %(cols)s. Expected: name, email, "
              "school, role, grade, subject, years in district.", cols=", ".join(missing)))
    return mapping


def _check_row(cells: dict, schools: dict, line: int, seen: dict) -> dict | str:
    """The row's clean values, or the reason it cannot be imported."""
    if not cells.get("name"):
        return _("name is empty")
    try:
        email = normalize_email(validate_email(cells.get("email", ""),
                                               check_deliverability=False).normalized)
    except EmailNotValidError:
        return _("bad email address “%(email)s”", email=cells.get("email", ""))
    if email in seen:
        return _("duplicate in file: %(email)s is already on line %(line)d", email=email,
                 line=seen[email])
    role = Role.parse(cells.get("role", ""))
    if role is None:
        return _("unknown role “%(role)s” (use teacher, principal or district administrator)",
                 role=cells.get("role", ""))
    school_name = cells.get("school", "")
    school = schools.get(school_name.lower()) if school_name else None
    if school_name and school is None:
        return _("unknown school “%(school)s”", school=school_name)
    if school is None and role is not Role.DISTRICT_ADMIN:
        return _("a %(role)s needs a school", role=role.label.lower())
    years_text = cells.get("years_in_district", "")
    years = None
    if years_text:
        if not years_text.isdigit() or int(years_text) > 60:
            return _("years in district must be a whole number from 0 to 60, not “%(v)s”",
                     v=years_text)
        years = int(years_text)
    if len(cells["name"]) > 200 or len(cells.get("subject", "")) > 120 \
            or len(cells.get("grade_band", "")) > 40 \
            or len(cells.get("planning_period", "")) > 120:
        return _("a value is too long (name 200, subject 120, grade 40, planning period "
                 "120 characters)")
    return {
        "email": email, "name": cells["name"], "role": role,
        "school_id": school.id if school else None, "grade_band": cells.get("grade_band", ""),
        "subject": cells.get("subject", ""), "years_in_district": years,
        "planning_period": cells.get("planning_period", ""),
    }


def _row_plan(line: int, values: dict, user: User | None) -> RowPlan:
    if user is None:
        return RowPlan(line, values["email"], values, "create")
    changes = [name for name in UPDATABLE
               if name in values and getattr(user, name) != values[name]]
    return RowPlan(line, values["email"], values, "update" if changes else "unchanged",
                   changes, user)


def apply(plan: RosterPlan, district: District) -> list[User]:
    """Create and update the planned rows; returns the users created."""
    created = apply_rows(plan.rows, district)
    record_import(plan, district)
    return created


def apply_rows(rows: list[RowPlan], district: District) -> list[User]:
    """Create and update `rows` of a plan (the import job goes a batch at a time)."""
    created = []
    for row in rows:
        if row.action == "create":
            user = User(district=district, **row.values)
            db.session.add(user)
            created.append(user)
        elif row.action == "update":
            if "role" in row.changes:
                audit.record("role_changed", row.email,
                             f"{row.user.role.value} → {row.values['role'].value}")
            for name in row.changes:
                setattr(row.user, name, row.values[name])
    return created


def record_import(plan: RosterPlan, district: District) -> None:
    audit.record("roster_imported", district.name,
                 f"{plan.count('create')} created, {plan.count('update')} updated, "
                 f"{plan.count('unchanged')} unchanged, {len(plan.errors)} rows refused")
