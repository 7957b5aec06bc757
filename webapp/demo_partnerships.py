"""Demo partnerships at every step of the wizard, so each page has something real."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from .extensions import db
from .models import (CycleEntry, FinalReflection, MemberStatus, Membership, Milestone,
                     Partnership, Program, ProgramInterest, User)
from .programs.operations import default_program, school_year_of

OBJECTIVES = {
    "math": dict(
        focus_area="Sharing instructional strategies",
        objective="Use daily number talks to build flexible thinking about multi-digit "
                  "addition and subtraction.\nWe want every student, not only the fast "
                  "ones, to explain a strategy.",
        student_goal="Students explain at least two strategies for multi-digit addition "
                     "and choose one that fits the numbers.",
        educator_goal="We learn to run number talks that draw in quiet students and to "
                      "record their thinking on the board.",
        objective_source="class"),
    "assessment": dict(
        focus_area="Developing common formative and common summative assessments",
        objective="Write common exit tickets for our ratio unit and compare results weekly.",
        student_goal="Students show proportional reasoning on exit tickets by the end of "
                     "the unit.",
        educator_goal="We build a shared bank of exit tickets and a routine to analyze them.",
        objective_source="plc"),
    "literacy": dict(
        focus_area="Constructing common lessons or unit plans",
        objective="Plan a cross-curricular unit on lab reports: argument writing in "
                  "biology and chemistry.",
        student_goal="Students write a claim-evidence-reasoning paragraph for each lab.",
        educator_goal="We align our feedback on scientific writing.",
        objective_source="building"),
    "french": dict(
        focus_area="Researching best practices",
        objective="Research oral-language routines for French immersion and try two of "
                  "them in Grade 4 and Grade 10 classes.",
        student_goal="Students speak French for longer stretches in group work.",
        educator_goal="We compare routines across elementary and high school.",
        objective_source="own"),
}
APPROACH = dict(
    approaches=["Observe practices and share feedback", "Plan lessons and analyze results"],
    approach_plan="We co-plan one lesson every other week, teach it in both classes, and "
                  "observe each other once per term.",
    communication_plan="Tuesdays after school in room 114, plus a shared notes document.")


def create(users: dict[str, User], district_id: int, today: date | None = None) -> Program:
    today = today or date.today()
    program = default_program(district_id, school_year_of(today))
    db.session.add(program)
    start = program.start_date + timedelta(days=20)

    def at(day: date) -> datetime:
        """A moment on `day` (never after today): the demo's records are dated."""
        return datetime.combine(min(day, today), time(15, 30), tzinfo=timezone.utc)

    def partnership(*names, invited=(), **values) -> Partnership:
        first = users[names[0]]
        p = Partnership(program=program, school_id=first.school_id, created_by=first,
                        created_at=at(program.start_date + timedelta(days=12)), **values)
        if all(values.get(f) for f in ("focus_area", "objective", "student_goal",
                                       "educator_goal", "objective_source")):
            p.goal_agreed_at = at(program.start_date + timedelta(days=30))
        for name in names:
            # Each told the principal of their interest before the first deadline.
            db.session.add(ProgramInterest(program=program, teacher=users[name],
                                           created_at=at(program.start_date + timedelta(days=8))))
            p.memberships.append(Membership(
                user=users[name], status=MemberStatus.ACCEPTED,
                invited_at=at(program.start_date + timedelta(days=12)),
                responded_at=at(program.start_date + timedelta(days=15))))
        for name in invited:
            p.memberships.append(Membership(user=users[name], status=MemberStatus.INVITED,
                                            invited_by=first))
        db.session.add(p)
        return p

    def timeline(p: Partnership) -> None:
        p.start_date, p.end_date, p.cadence = start, program.deadline("reflection"), "biweekly"
        p.milestones += [Milestone(title="First peer observation", due_date=start + timedelta(days=40), done=True),
                         Milestone(title="Mid-year check of student work", due_date=start + timedelta(days=120))]

    def cycles(p: Partnership, count: int) -> None:
        members = p.members
        for n in range(count):
            # Every other week from the start, but never a meeting that has not happened.
            met_on = min(start + timedelta(days=14 * (n + 1)),
                         today - timedelta(days=3 * (count - n)))
            p.cycles.append(CycleEntry(
                author=members[n % len(members)], met_on=met_on,
                attendees=", ".join(u.name for u in members), minutes=45 + 5 * n,
                reflected=f"How meeting {n + 1}'s lesson went: which students joined in.",
                planned="Next lesson: add sentence starters and a turn-and-talk.",
                acted="Taught the co-planned lesson in both classes.",
                evidence="Exit tickets: 18 of 24 students used a second strategy.", version=1))

    def reflect(p: Partnership, user: User) -> None:
        p.reflections.append(FinalReflection(
            user=user, version=1, submitted_at=at(today - timedelta(days=6)),
            impressions="It went well; meeting every other week kept us going.",
            causal_factors="Co-planning the same lesson made our comparisons concrete.",
            new_learning="Wait time and sentence starters matter more than the task.",
            application="I will keep a number talk routine three days a week.",
            experience="Having a partner made me try things I would have postponed."))

    complete = partnership("Ana Gómez", "David Okafor", **OBJECTIVES["math"], **APPROACH,
                           share_cycles_with_principal=True)
    timeline(complete)
    complete.meeting_weekday, complete.meeting_time = 1, time(15, 30)  # Tuesdays, 15:30
    cycles(complete, 4)
    complete.cycles_done = True
    reflect(complete, users["Ana Gómez"])
    reflect(complete, users["David Okafor"])
    complete.impact_evidence = ("Exit tickets: students explaining two strategies rose from "
                                "9 of 24 in October to 20 of 24 in May.")
    complete.completed_at = at(today - timedelta(days=2))

    reflecting = partnership("Isaac Brown", "Kwame Mensah", **OBJECTIVES["assessment"], **APPROACH)
    timeline(reflecting)
    cycles(reflecting, 3)
    reflecting.cycles_done = True
    reflect(reflecting, users["Isaac Brown"])

    in_cycles = partnership("Hana Sato", "Nadia Petrova", **OBJECTIVES["assessment"], **APPROACH)
    timeline(in_cycles)
    cycles(in_cycles, 2)

    at_timeline = partnership("Olivia Chen", "Samir Khan", **OBJECTIVES["literacy"], **APPROACH)
    at_timeline.start_date = start

    partnership("Chloé Martin", "Pierre Lefèvre", **OBJECTIVES["french"],
                approaches=["Start a book study"])
    partnership("Ben Carter", invited=("Farah Haddad",), **OBJECTIVES["math"])
    # Interested, still without a partner: the principal's home counts her.
    db.session.add(ProgramInterest(program=program, teacher=users["Emma Johansson"],
                                   created_at=at(program.start_date + timedelta(days=40))))
    partnership("Julia Novak", focus_area="Setting achievement goals",
                objective="Set reading-level goals with each student in my ELA classes.")
    return program
