"""Program years: seed defaults, district edits, and the current program."""
from datetime import date

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Program
from webapp.programs.operations import current_program, default_program, school_year_of

from .test_deadline_list import deadline_rows, rows_of


def test_defaults_follow_seed_000(district):
    program = default_program(district.id, 2026)
    assert program.name == "Partners in Practice 2026/27"
    assert [program.deadline(k) for k in ("interest", "partner", "goal", "visits",
                                          "reflection")] == [
        date(2026, 9, 30), date(2026, 10, 15), date(2026, 10, 30), date(2027, 3, 31),
        date(2027, 5, 31)]
    assert "Sharing instructional strategies" in program.focus_areas
    assert "Start a book study" in program.approaches
    assert program.rubric_indicators == [] and program.release_days == 3


def test_school_year_and_current_program(district):
    assert school_year_of(date(2026, 11, 22)) == 2026
    assert school_year_of(date(2027, 3, 1)) == 2026
    old, new = default_program(district.id, 2025), default_program(district.id, 2026)
    db.session.add_all([old, new])
    db.session.commit()
    assert current_program(district.id, date(2026, 11, 22)) == new
    assert current_program(district.id, date(2026, 3, 1)) == old
    assert current_program(district.id, date(2030, 1, 1)) == new  # the latest, if none runs


def test_admin_creates_program_with_defaults_and_edits_lists(as_admin, admin):
    form = as_admin.get("/programs/new").get_data(as_text=True)
    assert "Researching best practices" in form
    year = school_year_of(date.today())
    response = as_admin.post("/programs/new", data={
        "name": "Partners in Practice", "start_date": f"{year}-08-15",
        "end_date": f"{year + 1}-06-30",
        **deadline_rows([("Interest", f"{year}-09-30", "interest", "interest"),
                         ("Partner", f"{year}-10-15", "partner", "partner"),
                         ("Goal", f"{year}-10-30", "goal", "goal"),
                         ("Visits", f"{year + 1}-03-31", "visits", "visits"),
                         ("Reflection", f"{year + 1}-05-31", "reflections", "reflection")]),
        "focus_areas": "Reading fluency\n\n  Number sense  \n",
        "approaches": "Book study", "rubric_indicators": "Questioning\nAcademic feedback",
        "release_days": "2"})
    assert response.status_code == 302
    program = db.session.scalar(select(Program))
    assert program.focus_areas == ["Reading fluency", "Number sense"]
    assert program.rubric_indicators == ["Questioning", "Academic feedback"]
    assert program.release_days == 2


def test_deadlines_must_fall_in_the_year_and_text_is_kept(as_admin, program):
    page = as_admin.post(f"/programs/{program.id}/edit", data={
        "name": "Renamed", "start_date": program.start_date.isoformat(),
        "end_date": program.end_date.isoformat(),
        **rows_of(program, interest="1999-09-30", partner=""),
        "focus_areas": "Kept area", "approaches": "", "rubric_indicators": "",
        "release_days": "3"}).get_data(as_text=True)
    assert "within the program year" in page and "Give the deadline a date." in page
    assert "Kept area" in page and 'value="Renamed"' in page
    db.session.refresh(program)
    assert program.name != "Renamed"


def test_objective_offers_program_lists(as_teacher, partnership, program):
    program.rubric_indicators = ["Questioning"]
    db.session.commit()
    page = as_teacher.get(f"/partnerships/{partnership.id}/objective").get_data(as_text=True)
    assert "Questioning" in page and "Focal rubric indicator" in page
