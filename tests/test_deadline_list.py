"""A program's deadlines as its own list (#9): any number, each with a name, a date and
what completes it, shown as due / done / done late / late; hand ticks by the principal;
the program form's rows; rollover."""
from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select

from webapp.dashboard import status
from webapp.extensions import db
from webapp.models import (AuditEvent, CycleEntry, DeadlineTick, ProgramInterest, User,
                           VisitStatus)
from webapp.programs.rollover import next_year_copy

from . import factories
from .test_partnerships import OBJECTIVE


def deadline_rows(rows, blank: int = 2) -> dict:
    """The program form's posted deadline rows: each (name, date, completed_by[, key]) or a
    dict of the row's fields, then `blank` empty rows as the page has them."""
    data = {}
    for n, row in enumerate(rows):
        if not isinstance(row, dict):
            name, due, kind, *key = row
            row = {"title": name, "due": due, "completed_by": kind, "key": key[0] if key else ""}
        if isinstance(row.get("due"), date):
            row = {**row, "due": row["due"].isoformat()}
        data.update({f"deadline_rows-{n}-{field}": value for field, value in row.items()})
    for n in range(len(rows), len(rows) + blank):
        data.update({f"deadline_rows-{n}-title": "", f"deadline_rows-{n}-due": "",
                     f"deadline_rows-{n}-completed_by": "manual"})
    return data


def rows_of(program, **changed_dates) -> dict:
    """The program's own deadlines as posted rows, with some dates changed by key."""
    return deadline_rows([{"title": d.name, "due": changed_dates.get(d.key, d.due),
                           "completed_by": d.kind, "entries": d.entries or "", "key": d.key}
                          for d in program.deadlines])


def set_deadlines(program, deadlines: list[tuple]) -> None:
    """Give the program these deadlines: (key, name, date, completed_by)."""
    program.settings = {**program.settings, "deadlines": [
        {"key": key, "name": name, "date": due.isoformat(), "completed_by": kind}
        for key, name, due, kind in deadlines]}
    db.session.commit()


def set_deadline_date(program, key: str, day: date) -> None:
    set_deadlines(program, [(d.key, d.name, day if d.key == key else d.due, d.completed_by)
                            for d in program.deadlines])


def utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


def text_of(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


HTMX = {"HX-Request": "true"}
SEVEN = [  # one of each kind, 2019/20
    ("told", "Tell us you are in", date(2019, 9, 30), "interest"),
    ("paired", "Find a partner", date(2019, 10, 15), "partner"),
    ("goal", "Agree a goal", date(2019, 10, 30), "goal"),
    ("three", "Log three meetings", date(2019, 12, 1), "cycle_entries:3"),
    ("portfolio", "Hand in a portfolio", date(2020, 1, 31), "manual"),
    ("visit", "Visit a classroom", date(2020, 3, 31), "visits"),
    ("final", "Submit the final reflection", date(2020, 5, 31), "reflections"),
]


@pytest.fixture
def year_2019(district, school):
    program = factories.program_for(district, first_year=2019)
    set_deadlines(program, SEVEN)
    return program


@pytest.fixture
def hand_ticked(district, school, program):
    """This year's program with a deadline the principal ticks by hand, after the five."""
    set_deadlines(program, [(d.key, d.name, d.due, d.completed_by) for d in program.deadlines]
                  + [("observed", "Observed by the principal", program.end_date - timedelta(days=5),
                      "manual")])
    return program


# Each kind, computed ---------------------------------------------------------------

def test_any_number_of_deadlines_each_flagged_by_what_completes_it(year_2019, teacher, partner,
                                                                   principal):
    p = factories.partnership_for(year_2019, teacher, partner, **OBJECTIVE,
                                  goal_agreed_at=utc(date(2019, 11, 5)))
    p.membership_of(partner).responded_at = utc(date(2019, 10, 10))
    db.session.add(ProgramInterest(program=year_2019, teacher=teacher,
                                   created_at=utc(date(2019, 9, 12))))
    for day in (date(2019, 10, 20), date(2019, 11, 3), date(2019, 12, 9)):  # 3rd: late
        p.cycles.append(CycleEntry(author=partner, met_on=day, version=1))
    db.session.add(DeadlineTick(program_id=year_2019.id, deadline_key="portfolio",
                                teacher_id=teacher.id, done_on=date(2020, 1, 20),
                                ticked_by_id=principal.id))
    db.session.commit()
    factories.visit_for(p, teacher, status=VisitStatus.APPROVED, proposed_date=date(2020, 4, 2))
    ana, ben = status.teacher_statuses([teacher, partner], year_2019, date(2020, 4, 15))
    assert ana.flags == {"told": "done", "paired": "done", "goal": "done_late",
                         "three": "done_late", "portfolio": "done", "visit": "done_late",
                         "final": "due"}
    assert ana.done_on == {"told": date(2019, 9, 12), "paired": date(2019, 10, 10),
                           "goal": date(2019, 11, 5), "three": date(2019, 12, 9),
                           "portfolio": date(2020, 1, 20), "visit": date(2020, 4, 2),
                           "final": None}
    # Ben: the same partnership's entries count for him; no tick, no visit, no interest.
    assert ben.flags == {"told": "late", "paired": "done", "goal": "done_late",
                         "three": "done_late", "portfolio": "late", "visit": "late",
                         "final": "due"}


def test_cycle_entries_count_only_in_the_teachers_partnership_of_the_program(
        year_2019, teacher, partner, school):
    p = factories.partnership_for(year_2019, teacher, partner)
    p.cycles += [CycleEntry(author=teacher, met_on=date(2019, 10, 1), version=1),
                 CycleEntry(author=teacher, met_on=date(2019, 10, 8), version=1)]
    other_year = factories.program_for(year_2019.district, first_year=2020)
    elsewhere = factories.partnership_for(other_year, teacher,
                                          factories.UserFactory(school=school))
    elsewhere.cycles.append(CycleEntry(author=teacher, met_on=date(2019, 10, 9), version=1))
    db.session.commit()
    [ana] = status.teacher_statuses([teacher], year_2019, date(2019, 11, 20))
    assert ana.flags["three"] == "due" and ana.done_on["three"] is None
    [ana] = status.teacher_statuses([teacher], year_2019, date(2019, 12, 2))
    assert ana.flags["three"] == "late"
    p.cycles.append(CycleEntry(author=partner, met_on=date(2019, 10, 20), version=1))
    db.session.commit()
    [ana] = status.teacher_statuses([teacher], year_2019, date(2019, 12, 2))
    assert (ana.flags["three"], ana.done_on["three"]) == ("done", date(2019, 10, 20))


def test_flags_take_the_same_number_of_queries_for_any_number_of_teachers(year_2019, school):
    def statements(teachers) -> int:
        count = 0

        def counter(*_args):
            nonlocal count
            count += 1
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            status.teacher_statuses(teachers, year_2019, date(2020, 4, 1))
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)
        return count

    def pairs(n):
        made = []
        for _n in range(n):
            a, b = factories.UserFactory(school=school), factories.UserFactory(school=school)
            p = factories.partnership_for(year_2019, a, b, **OBJECTIVE)
            p.cycles.append(CycleEntry(author=a, met_on=date(2019, 10, 1), version=1))
            made += [a.id, b.id]
        db.session.commit()
        # Loaded in one query, as the dashboard loads a school's teachers.
        return db.session.scalars(select(User).where(User.id.in_(made))).all()

    few = statements(pairs(1))
    assert statements(pairs(6)) == few


# Dallas: no deadlines ----------------------------------------------------------------

def test_dallas_has_no_deadlines_and_no_deadline_columns(app, district, school, principal,
                                                          teacher, signed_in):
    from webapp.programs import presets
    from webapp.programs.operations import program_from_model, school_year_of

    dallas = program_from_model(district.id, presets.model("peer-partner-protocol"),
                                school_year_of(date.today()))
    db.session.add(dallas)
    db.session.add(ProgramInterest(program=dallas, teacher=teacher))
    db.session.commit()
    assert dallas.deadlines == [] and dallas.settings["deadlines"] == []
    board = signed_in(principal).get("/dashboard/").get_data(as_text=True)
    assert "Teachers and the program’s deadlines" not in board
    assert not re.search(r"<th scope=\"col\">[^<]*<br><small>by ", board)
    home = signed_in(teacher).get("/").get_data(as_text=True)
    assert 'id="my-deadlines"' not in home
    listing = text_of(signed_in(factories.AdminFactory(district=district)).get("/programs/"))
    assert "None: each partnership sets its own timeline" in listing


# The principal's table, the hand tick -------------------------------------------------

def test_the_principals_table_has_a_column_per_deadline(as_principal, year_2019, teacher,
                                                        app):
    app.config["TODAY"] = date(2020, 2, 1)
    db.session.add(ProgramInterest(program=year_2019, teacher=teacher))
    db.session.commit()
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    headings = re.findall(r'<th scope="col">([^<]*)<br><small>by ([^<]*)</small>', board)
    assert headings == [("Told of interest", "Sep 30"), ("Named a partner", "Oct 15"),
                        ("Agreed a goal", "Oct 30"), ("Logged 3 cycle entries", "Dec 1"),
                        ("Hand in a portfolio", "Jan 31"), ("Visited a classroom", "Mar 31"),
                        ("Reflected", "May 31")]


def test_principal_ticks_a_deadline_with_the_day_and_unticks_it(app, as_principal, hand_ticked,
                                                               teacher):
    program = hand_ticked
    app.config["TODAY"] = today = program.end_date - timedelta(days=10)
    db.session.add(ProgramInterest(program=program, teacher=teacher))
    db.session.commit()
    board = as_principal.get("/dashboard/").get_data(as_text=True)
    assert "Observed by the principal" in board and "Tick as done" in board
    url = f"/dashboard/teachers/{teacher.id}/deadlines/observed"
    field = f"tick-observed-{teacher.id}-done_on"
    # A day to come is refused at the field, the typed day kept (HTMX: 422, swapped).
    refused = as_principal.post(url, headers=HTMX,
                                data={field: (today + timedelta(days=1)).isoformat()})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Choose a day from" in page and (today + timedelta(days=1)).isoformat() in page
    assert db.session.scalar(select(DeadlineTick)) is None
    # Without JavaScript: ticked, back to the dashboard.
    done = today - timedelta(days=3)
    response = as_principal.post(url, data={field: done.isoformat()})
    assert response.status_code == 302 and "/dashboard/schools/" in response.location
    tick = db.session.scalar(select(DeadlineTick))
    assert (tick.teacher_id, tick.done_on, tick.deadline_key) == (teacher.id, done, "observed")
    board = text_of(as_principal.get("/dashboard/"))
    assert f"done on {done.strftime('%b %-d')}" in board
    [ana] = status.teacher_statuses([teacher], program, today)
    assert ana.flags["observed"] == "done"
    # Unticked with HTMX: the cell comes back due.
    cell = as_principal.post(f"{url}/untick", headers=HTMX).get_data(as_text=True)
    assert "<html" not in cell and "Tick as done" in cell and ">due<" in cell
    assert db.session.scalar(select(DeadlineTick)) is None
    actions = db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.action.like("deadline_%")).order_by(AuditEvent.id)).all()
    assert actions == ["deadline_ticked", "deadline_unticked"]


def test_a_tick_after_the_deadline_is_done_late(app, as_principal, hand_ticked, teacher):
    app.config["TODAY"] = hand_ticked.end_date
    url = f"/dashboard/teachers/{teacher.id}/deadlines/observed"
    cell = as_principal.post(url, headers=HTMX, data={
        f"tick-observed-{teacher.id}-done_on": hand_ticked.end_date.isoformat()})
    assert cell.status_code == 200 and "done late" in cell.get_data(as_text=True)


def test_a_principal_cannot_tick_another_schools_teacher(as_principal, hand_ticked,
                                                         other_teacher, other_principal,
                                                         signed_in):
    url = f"/dashboard/teachers/{other_teacher.id}/deadlines/observed"
    data = {f"tick-observed-{other_teacher.id}-done_on": hand_ticked.start_date.isoformat()}
    assert as_principal.post(url, data=data).status_code == 403
    assert as_principal.post(f"{url}/untick").status_code == 403
    assert db.session.scalar(select(DeadlineTick)) is None
    # The teacher's own principal may.
    assert signed_in(other_principal).post(url, data=data).status_code in (200, 302)


def test_only_a_hand_ticked_deadline_is_ticked(as_principal, hand_ticked, teacher, as_teacher):
    data = {f"tick-interest-{teacher.id}-done_on": hand_ticked.start_date.isoformat()}
    assert as_principal.post(f"/dashboard/teachers/{teacher.id}/deadlines/interest",
                             data=data).status_code == 404
    assert as_principal.post(f"/dashboard/teachers/{teacher.id}/deadlines/nothing",
                             data=data).status_code == 404
    assert as_teacher.post(f"/dashboard/teachers/{teacher.id}/deadlines/observed",
                           data=data).status_code == 403


# The teacher's home and timeline ------------------------------------------------------

def test_the_teacher_sees_where_they_stand_on_each_deadline(app, as_teacher, year_2019,
                                                            teacher, partner, principal):
    app.config["TODAY"] = date(2020, 2, 15)
    p = factories.partnership_for(year_2019, teacher, partner, **OBJECTIVE,
                                  goal_agreed_at=utc(date(2019, 10, 20)))
    p.membership_of(partner).responded_at = utc(date(2019, 10, 1))
    db.session.add(DeadlineTick(program_id=year_2019.id, deadline_key="portfolio",
                                teacher_id=teacher.id, done_on=date(2020, 2, 3),
                                ticked_by_id=principal.id))
    db.session.commit()
    home = text_of(as_teacher.get("/"))
    mine = home.split(f"{year_2019.name} deadlines")[1]
    assert "done on Oct 1 Find a partner" in mine
    assert "done on Oct 20 Agree a goal" in mine
    assert "late Log three meetings" in mine
    assert "done late on Feb 3 Hand in a portfolio" in mine
    assert "due Visit a classroom" in mine
    assert "Tell us you are in" not in mine  # behind a partnership
    timeline = text_of(as_teacher.get(f"/partnerships/{p.id}/timeline"))
    assert "Hand in a portfolio program deadline done late on Feb 3" in timeline
    assert "Log three meetings program deadline late" in timeline


def test_overdue_reads_cycle_entries_and_steps_by_kind(app, year_2019, teacher, partner):
    from webapp.partnerships.deadlines import overdue

    p = factories.partnership_for(year_2019, teacher, partner, **OBJECTIVE)
    assert overdue(p, date(2019, 12, 2)) == ["Log three meetings"]
    assert "Submit the final reflection" in overdue(p, date(2020, 6, 1))


def test_visits_by_and_timeline_warnings_read_the_list_by_kind(district, teacher, partner):
    from webapp.partnerships.deadlines import timeline_warnings
    from webapp.visits.rules import date_problem

    program = factories.program_for(district, first_year=2026)
    set_deadlines(program, [("see", "See a colleague teach", date(2026, 12, 15), "visits"),
                            ("binder", "Bring your binder", date(2027, 4, 30), "manual")])
    assert "by 2026-12-15" in date_problem(program, date(2027, 1, 5))
    assert date_problem(program, date(2026, 12, 14)) is None
    p = factories.partnership_for(program, teacher, partner, end_date=date(2027, 5, 15))
    assert timeline_warnings(p) == ["Your end date is after the program's last deadline, "
                                    "“Bring your binder” (2027-04-30)."]


# The program form ---------------------------------------------------------------------

def form_data(program, **more) -> dict:
    return {"name": program.name, "start_date": program.start_date.isoformat(),
            "end_date": program.end_date.isoformat(), "focus_areas": "Reading fluency",
            "approaches": "", "rubric_indicators": "", "release_days": "3",
            "visit_form_title": "Partners in Practice Visitation Form", **more}


def test_the_form_adds_a_deadline_and_removes_one(as_admin, program):
    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert 'name="deadline_rows-4-title"' in page and 'name="deadline_rows-6-title"' in page
    assert 'name="deadline_rows-7-title"' not in page  # five, then two empty rows
    rows = rows_of(program)
    rows["deadline_rows-1-remove"] = "y"  # the partner deadline goes
    rows.update({"deadline_rows-5-title": "Share a lesson video",
                 "deadline_rows-5-due": program.deadline("goal").isoformat(),
                 "deadline_rows-5-completed_by": "cycle_entries",
                 "deadline_rows-5-entries": "2"})
    response = as_admin.post(f"/programs/{program.id}/edit", data=form_data(program, **rows))
    assert response.status_code == 302
    db.session.refresh(program)
    kept = [(d.name, d.completed_by) for d in program.deadlines]
    assert ("Identify the colleague you will work with", "partner") not in kept
    assert ("Share a lesson video", "cycle_entries:2") in kept and len(kept) == 5
    keys = [d.key for d in program.deadlines]
    assert {"interest", "goal", "visits", "reflection"} <= set(keys)
    assert [k for k in keys if k.startswith("share-a-lesson-video-")]


def test_the_form_says_what_is_wrong_at_the_field_and_keeps_the_text(as_admin, program):
    rows = rows_of(program, interest=date(1999, 9, 30))
    rows.update({"deadline_rows-5-title": "A deadline without its date",
                 "deadline_rows-6-due": program.deadline("goal").isoformat(),
                 "deadline_rows-6-completed_by": "cycle_entries"})
    response = as_admin.post(f"/programs/{program.id}/edit", data=form_data(program, **rows))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose a date within the program year." in page and 'value="1999-09-30"' in page
    assert "Give the deadline a date." in page and 'value="A deadline without its date"' in page
    assert "Name the deadline" in page and "Say how many cycle entries complete it." in page
    assert 'id="deadline_rows-0-due-error"' in page
    assert "Deadline 1, Date: Choose a date within the program year." in text_of(response)
    db.session.refresh(program)
    assert len(program.deadlines) == 5 and program.deadline("interest").year != 1999


def test_more_rows_adds_two_empty_rows_and_saves_nothing(as_admin, program):
    rows = rows_of(program)
    rows["deadline_rows-5-title"] = "Typed, not yet saved"
    page = as_admin.post(f"/programs/{program.id}/edit", data=form_data(
        program, add_deadline_rows="1", **rows)).get_data(as_text=True)
    assert 'name="deadline_rows-8-title"' in page and 'value="Typed, not yet saved"' in page
    db.session.refresh(program)
    assert len(program.deadlines) == 5


def test_every_deadline_removed_leaves_a_program_without_deadlines(as_admin, program):
    rows = rows_of(program)
    rows.update({f"deadline_rows-{n}-remove": "y" for n in range(5)})
    assert as_admin.post(f"/programs/{program.id}/edit",
                         data=form_data(program, **rows)).status_code == 302
    db.session.refresh(program)
    assert program.deadlines == []
    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert 'id="no-deadlines"' in page


# Rollover and the program list -----------------------------------------------------------

def test_rollover_moves_every_deadline_a_year_on(district):
    program = factories.program_for(district, first_year=2027)
    set_deadlines(program, [("leap", "Leap-day check", date(2028, 2, 29), "manual"),
                            ("six", "Six entries", date(2028, 4, 1), "cycle_entries:6")])
    copy = next_year_copy(program)
    assert [(d.key, d.name, d.due, d.completed_by) for d in copy.deadlines] == [
        ("leap", "Leap-day check", date(2029, 2, 28), "manual"),
        ("six", "Six entries", date(2029, 4, 1), "cycle_entries:6")]
    assert program.deadline("leap") == date(2028, 2, 29)  # the old year is untouched


def test_the_program_list_shows_each_programs_own_deadlines(as_admin, year_2019):
    listing = text_of(as_admin.get("/programs/"))
    assert "Tell us you are in (Sep 30); Find a partner (Oct 15)" in listing
    assert "Hand in a portfolio (Jan 31)" in listing


def test_a_hand_tick_keeps_a_program_from_being_deleted(year_2019, teacher, principal):
    from webapp.programs.rollover import uses

    db.session.add(DeadlineTick(program_id=year_2019.id, deadline_key="portfolio",
                                teacher_id=teacher.id, done_on=date(2020, 1, 2),
                                ticked_by_id=principal.id))
    db.session.commit()
    assert uses(year_2019) == ["1 deadline ticked for a teacher"]
