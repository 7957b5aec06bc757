"""The year's rollover (#9): next year from a program, overlap warning, the new-year form,
deleting an unused program."""
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import (AuditEvent, CheckIn, GrowthPlanOptOut, Program, ProgramInterest,
                           ReleaseDay)
from webapp.programs.operations import default_program
from webapp.programs.rollover import a_year_later, moved_name

from . import factories
from .test_deadline_list import set_deadline_date


class _FormValues(HTMLParser):
    """What a browser would send for each form of a page."""

    def __init__(self):
        super().__init__()
        self.forms, self._textarea, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        if tag == "option" and self._select and ("selected" in attrs
                                                  or self._select not in self.forms[-1]):
            self.forms[-1][self._select] = attrs.get("value") or ""  # the first, or chosen
        if not self.forms or not attrs.get("name"):
            return
        if tag == "input" and attrs.get("type") == "checkbox":
            if "checked" in attrs:  # every ticked box of a group is sent, as a browser does
                self.forms[-1].setdefault(attrs["name"], []).append(attrs.get("value") or "")
        elif tag == "input" and (attrs.get("type") != "radio" or "checked" in attrs):
            self.forms[-1][attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.forms[-1][self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "select":
            self._select = None


def form_values(page: str) -> dict:
    """The values of the page's biggest form (not the sign-out button's), as shown."""
    parser = _FormValues()
    parser.feed(page)
    values = max(parser.forms, key=len)
    # A browser drops the newline right after <textarea>.
    return {k: v if isinstance(v, list) else v.removeprefix("\r\n").removeprefix("\n")
            for k, v in values.items()}


def edited_program(district, year=2026) -> Program:
    """A program year the district changed from seed 000's defaults."""
    program = default_program(district.id, year)
    program.focus_areas = ["Reading fluency", "Number sense"]
    program.approaches = ["Book study"]
    program.rubric_indicators = ["Questioning"]
    program.release_days = 2
    db.session.add(program)
    db.session.commit()
    set_deadline_date(program, "goal", date(year, 11, 6))
    return program


def test_a_year_later_keeps_the_calendar_date():
    assert a_year_later(date(2026, 9, 30)) == date(2027, 9, 30)
    assert a_year_later(date(2028, 2, 29)) == date(2029, 2, 28)


def test_the_year_label_of_a_name_moves_on():
    assert moved_name("Partners in Practice 2026/27") == "Partners in Practice 2027/28"
    assert moved_name("Learning Teams 2026-2027") == "Learning Teams 2027-2028"
    assert moved_name("IPI 2099/00") == "IPI 2100/01"
    assert moved_name("Peer partners") == "Peer partners"


def test_start_next_year_copies_the_program_a_year_on(as_admin, district):
    program = edited_program(district)
    page = as_admin.get(f"/programs/{program.id}/next-year").get_data(as_text=True)
    shown = form_values(page)
    assert shown["name"] == "Partners in Practice 2027/28"
    assert shown["start_date"] == "2027-08-15" and shown["end_date"] == "2028-06-30"
    assert shown["deadline_rows-2-due"] == "2027-11-06" \
        and shown["deadline_rows-3-due"] == "2028-03-31"
    assert shown["focus_areas"] == "Reading fluency\nNumber sense"
    assert shown["release_days"] == "2"
    assert db.session.scalar(select(Program).where(Program.id != program.id)) is None

    assert as_admin.post(f"/programs/{program.id}/next-year", data=shown).status_code == 302
    copy = db.session.scalar(select(Program).where(Program.id != program.id))
    assert copy.name == "Partners in Practice 2027/28"
    assert (copy.start_date, copy.end_date) == (date(2027, 8, 15), date(2028, 6, 30))
    assert [copy.deadline(k) for k in ("interest", "partner", "goal", "visits", "reflection")] \
        == [date(2027, 9, 30), date(2027, 10, 15), date(2027, 11, 6), date(2028, 3, 31),
            date(2028, 5, 31)]
    assert copy.focus_areas == ["Reading fluency", "Number sense"]
    assert copy.approaches == ["Book study"] and copy.rubric_indicators == ["Questioning"]
    assert copy.release_days == 2
    assert db.session.scalar(select(AuditEvent.subject).where(
        AuditEvent.action == "program_created")) == copy.name


def test_new_program_year_starts_from_the_latest_program(as_admin, district):
    edited_program(district, 2025)
    latest = edited_program(district, 2026)
    latest.approaches = ["Lesson study"]
    db.session.commit()
    shown = form_values(as_admin.get("/programs/new").get_data(as_text=True))
    assert shown["name"] == "Partners in Practice 2027/28"
    assert shown["start_date"] == "2027-08-15"
    assert shown["approaches"] == "Lesson study"  # the district's edit, not the seed's list
    assert shown["focus_areas"] == "Reading fluency\nNumber sense"


def test_a_first_program_gets_the_seed_defaults(as_admin):
    shown = form_values(as_admin.get("/programs/new").get_data(as_text=True))
    assert "Researching best practices" in shown["focus_areas"]
    assert shown["name"].startswith("Partners in Practice ")


def test_new_year_submitted_twice_warns_instead_of_a_second_overlapping_program(
        as_admin, district):
    edited_program(district, 2026)
    shown = form_values(as_admin.get("/programs/new").get_data(as_text=True))
    assert as_admin.post("/programs/new", data=shown).status_code == 302
    shown = form_values(as_admin.get("/programs/new").get_data(as_text=True))
    shown.update(name="Partners in Practice 2027/28", start_date="2027-08-15",
                 end_date="2028-06-30", **{
                     f"deadline_rows-{n}-due": day for n, day in enumerate((
                         "2027-09-30", "2027-10-15", "2027-11-06", "2028-03-31",
                         "2028-05-31"))})
    page = as_admin.post("/programs/new", data=shown).get_data(as_text=True)
    assert "overlap" in page and "Create it anyway" in page
    assert 'id="overlap-warning"' in page and 'value="Partners in Practice 2027/28"' in page
    assert len(db.session.scalars(select(Program)).all()) == 2
    # Confirmed: both are kept.
    assert as_admin.post("/programs/new", data={**shown, "confirm_overlap": "y"}).status_code \
        == 302
    assert len(db.session.scalars(select(Program)).all()) == 3


def test_another_program_beside_this_one_does_not_warn(as_admin, district):
    program = edited_program(district, 2026)
    shown = form_values(as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True))
    assert as_admin.post("/programs/new", data={**shown, "name": "Learning Teams 2026/27"}) \
        .status_code == 302


def test_editing_dates_onto_another_year_of_the_program_warns(as_admin, district):
    older, program = edited_program(district, 2025), edited_program(district, 2026)
    shown = form_values(as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True))
    shown.update({"start_date": "2026-05-01", "deadline_rows-0-due": "2026-09-30"})
    page = as_admin.post(f"/programs/{program.id}/edit", data=shown).get_data(as_text=True)
    assert "Save it anyway" in page and older.name in page
    db.session.refresh(program)
    assert program.start_date == date(2026, 8, 15)
    # Its own dates never count as an overlap.
    shown = form_values(as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True))
    assert as_admin.post(f"/programs/{program.id}/edit", data=shown).status_code == 302


def test_an_unused_program_can_be_deleted(as_admin, district):
    program = edited_program(district)
    program_id, name = program.id, program.name
    page = as_admin.get(f"/programs/{program_id}/delete").get_data(as_text=True)
    assert "Yes, delete it" in page
    assert as_admin.post(f"/programs/{program_id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(Program, program_id) is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "program_deleted"))
    assert event.subject == name
    assert "Unused program year deleted" in as_admin.get("/admin/audit").get_data(as_text=True)


def _use(program, kind, teacher, partner, principal):
    if kind == "partnership":
        factories.partnership_for(program, teacher, partner)
    elif kind == "check-in":
        p = factories.partnership_for(program, teacher, partner)
        db.session.add(CheckIn(partnership=p, day=program.start_date, by_id=principal.id))
    elif kind == "release day":
        db.session.add(ReleaseDay(program_id=program.id, teacher_id=teacher.id,
                                  day=program.start_date, days=Decimal("1"),
                                  recorded_by_id=principal.id))
    elif kind == "opt-out":
        db.session.add(GrowthPlanOptOut(program_id=program.id, teacher_id=teacher.id))
    else:
        db.session.add(ProgramInterest(program_id=program.id, teacher_id=teacher.id))
    db.session.commit()


def test_a_used_program_cannot_be_deleted_and_says_why(as_admin, district, teacher, partner,
                                                        principal):
    words = {"partnership": "1 partnership", "check-in": "1 principal check-in",
             "release day": "1 recorded release day", "opt-out": "1 growth-plan opt-out",
             "interest": "1 teacher told their interest"}
    for kind, said in words.items():
        program = edited_program(district)
        _use(program, kind, teacher, partner, principal)
        page = as_admin.get(f"/programs/{program.id}/delete").get_data(as_text=True)
        assert "cannot be deleted" in page and said in page and "Yes, delete it" not in page
        response = as_admin.post(f"/programs/{program.id}/delete")
        assert response.status_code == 409
        assert db.session.get(Program, program.id) is not None


def test_programs_page_offers_next_year_and_delete(as_admin, district):
    program = edited_program(district)
    page = as_admin.get("/programs/").get_data(as_text=True)
    assert f"/programs/{program.id}/next-year" in page
    assert "Start next year from this program" in page
    assert f"/programs/{program.id}/delete" in page


# Unfinished partnerships of the old year ----------------------------------------------

def _next_year(program) -> Program:
    from webapp.programs.rollover import next_year_copy

    later = next_year_copy(program)
    db.session.add(later)
    db.session.commit()
    return later


def test_members_carry_an_unfinished_partnership_into_the_next_year(
        as_teacher, as_principal, teacher, principal, partnership, program):
    from webapp.models import CycleEntry, VisitStatus
    from webapp.visits import release

    visit = factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                                length_days=Decimal("1.0"))
    visit_day = visit.proposed_date
    partnership.cycles.append(CycleEntry(author=teacher, met_on=program.start_date, version=1))
    db.session.add(CheckIn(partnership=partnership, day=program.start_date, by_id=principal.id))
    db.session.commit()
    url = f"/partnerships/{partnership.id}/"
    assert "carry-over" not in as_teacher.get(url).get_data(as_text=True)

    later = _next_year(program)
    assert f"/partnerships/{partnership.id}/carry-over" in as_teacher.get(url).get_data(
        as_text=True)
    assert "carry-over" not in as_principal.get(url).get_data(as_text=True)  # members only
    page = as_teacher.get(f"/partnerships/{partnership.id}/carry-over").get_data(as_text=True)
    assert f"Carry this partnership into {later.name}?" in page
    response = as_teacher.post(f"/partnerships/{partnership.id}/carry-over")
    assert response.status_code == 302
    db.session.expire_all()
    assert partnership.program_id == later.id
    assert partnership.cycles[0].met_on == program.start_date  # the history keeps its dates
    assert visit.proposed_date == visit_day and visit.program_id == program.id
    # The visit's release day stays counted in the old year, not the new one.
    assert release.days_used(teacher, program) == Decimal("1.0")
    assert release.days_used(teacher, later) == Decimal("0")
    assert db.session.scalar(select(AuditEvent.detail).where(
        AuditEvent.action == "partnership_carried_over")).endswith(later.name)
    # A visit made in the new year counts there.
    factories.visit_for(partnership, teacher, proposed_date=later.start_date)
    assert release.days_used(teacher, later) == Decimal("0.5")


def test_an_unfinished_partnership_of_an_ended_year_is_closed_with_it(
        as_teacher, district, teacher, partner):
    from webapp.programs.operations import school_year_of

    old = factories.program_for(district, school_year_of(date.today()) - 1)
    partnership = factories.partnership_for(old, teacher, partner, focus_area="Fluency")
    url = f"/partnerships/{partnership.id}/"
    # Without a next year set up, its members simply go on.
    assert "Closed with" not in as_teacher.get(url).get_data(as_text=True)
    later = _next_year(old)
    page = as_teacher.get(url).get_data(as_text=True)
    assert f"Closed with {old.name}" in page and "carry-over" in page
    response = as_teacher.post(f"/partnerships/{partnership.id}/objective",
                               data={"objective": "Changed"}, follow_redirects=True)
    assert f"closed with {old.name}" in response.get_data(as_text=True)
    db.session.refresh(partnership)
    assert partnership.objective != "Changed"

    as_teacher.post(f"/partnerships/{partnership.id}/carry-over")
    db.session.expire_all()
    assert partnership.program_id == later.id
    assert "Closed with" not in as_teacher.get(url).get_data(as_text=True)


def test_a_completed_partnership_is_not_carried(as_teacher, partnership, program):
    from datetime import datetime, timezone

    partnership.completed_at = datetime.now(timezone.utc)
    db.session.commit()
    _next_year(program)
    assert "carry-over" not in as_teacher.get(
        f"/partnerships/{partnership.id}/").get_data(as_text=True)
    response = as_teacher.post(f"/partnerships/{partnership.id}/carry-over",
                               follow_redirects=True)
    assert "cannot be carried" in response.get_data(as_text=True)
    db.session.refresh(partnership)
    assert partnership.program_id == program.id


def test_a_stranger_cannot_carry_a_partnership(as_principal, partnership, program):
    _next_year(program)
    assert as_principal.post(f"/partnerships/{partnership.id}/carry-over").status_code == 403
    db.session.refresh(partnership)
    assert partnership.program_id == program.id
