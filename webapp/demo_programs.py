"""The demo's other programs, each in a school of its own: Learning Teams (seed 002) at
Cedar Ridge Elementary and the Instructional Partnership Initiative (seed 004) at Maple
Grove Middle School, next to Partners in Practice in the first three schools. So every
model's pages can be seen right after the quick start."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from .extensions import db
from .models import (CheckIn, CycleEntry, IndicatorScore, MemberStatus, Membership,
                     Partnership, Program, School, User)
from .programs import presets
from .programs.operations import program_from_model, school_year_of

SCHOOLS = {
    "Cedar Ridge Elementary": [
        ("Aiko Tanaka", "K-2", "Literacy", 6), ("Bruno Costa", "K-2", "Mathematics", 3),
        ("Camille Dubois", "3-5", "Literacy", 9), ("Dev Sharma", "3-5", "Mathematics", 2),
        ("Elena Ruiz", "3-5", "Science", 5), ("Finn Murphy", "K-2", "Literacy", 1),
        ("Grace Lee", "3-5", "Mathematics", 12),
    ],
    "Maple Grove Middle School": [
        ("Hugo Becker", "6-8", "Mathematics", 8), ("Ines Moreno", "6-8", "Mathematics", 2),
        ("Jonas Berg", "6-8", "Science", 4), ("Keira Walsh", "6-8", "Science", 10),
        ("Liam Park", "6-8", "English Language Arts", 3), ("Maya Singh", "6-8", "English Language Arts", 7),
    ],
}
PRINCIPALS = {"Cedar Ridge Elementary": "Yara Thompson",
              "Maple Grove Middle School": "Zane Cooper"}
# Last year's TEAM scores at Maple Grove (#11), a few indicators each: Liam and Maya, the
# two teachers not yet in a partnership, complement each other on Questioning.
IPI_SCORES = {
    "Hugo Becker": {"Questioning": 5, "Academic Feedback": 4, "Grouping Students": 3},
    "Ines Moreno": {"Questioning": 2, "Academic Feedback": 2, "Grouping Students": 3},
    "Jonas Berg": {"Questioning": 3, "Academic Feedback": 3, "Grouping Students": 2},
    "Keira Walsh": {"Questioning": 4, "Academic Feedback": 3, "Grouping Students": 5},
    "Liam Park": {"Questioning": 2, "Academic Feedback": 4, "Thinking": 2},
    "Maya Singh": {"Questioning": 5, "Academic Feedback": 3, "Thinking": 4},
}
PLANNING = {"Liam Park": "Period 3", "Maya Singh": "P3, P6", "Hugo Becker": "Period 2",
            "Ines Moreno": "Period 2"}


def _program(district_id: int, key: str, school: School, today: date) -> Program:
    program = program_from_model(district_id, presets.model(key), school_year_of(today))
    program.schools = [school]
    db.session.add(program)
    return program


def create(users: dict[str, User], schools: dict[str, School], district_id: int,
           today: date) -> None:
    def at(day: date) -> datetime:
        """A moment on `day`, never after today: the demo's records are dated."""
        return datetime.combine(min(day, today), time(15, 30), tzinfo=timezone.utc)

    def team(program: Program, names: list[str], principal: str, start: date,
             **values) -> Partnership:
        """Formed by the principal (seed 002) or matched by them (seed 004): everyone in."""
        first = users[names[0]]
        p = Partnership(program=program, school_id=first.school_id, created_by=first,
                        suggested_by=users[principal], created_at=at(start), **values)
        for name in names:
            p.memberships.append(Membership(user=users[name], status=MemberStatus.ACCEPTED,
                                            invited_by=users[principal], invited_at=at(start),
                                            responded_at=at(start + timedelta(days=2))))
        db.session.add(p)
        return p

    def meetings(p: Partnership, start: date, notes: list[tuple[str, str, str]],
                 until: date | None = None):
        """Meetings spread evenly from the start to `until` (a few days ago): never one
        that has not happened, nor one before the partnership began."""
        members, last = p.members, until or today - timedelta(days=3)
        span = max((last - start).days, 0)
        for n, (reflected, planned, acted) in enumerate(notes):
            met_on = start + timedelta(days=span * (n + 1) // len(notes))
            p.cycles.append(CycleEntry(
                author=members[n % len(members)], met_on=min(met_on, today),
                attendees=", ".join(u.name for u in members), minutes=40, reflected=reflected,
                planned=planned, acted=acted, version=1))

    # Learning Teams at Cedar Ridge: two teams the principal formed.
    teams = _program(district_id, "learning-teams", schools["Cedar Ridge Elementary"], today)
    start = max(teams.start_date + timedelta(days=20), today - timedelta(days=60))
    reading = team(teams, ["Aiko Tanaka", "Camille Dubois", "Finn Murphy"], "Yara Thompson",
                   start, focus_area="Monitoring the learning data of each child",
                   objective="Use running records every three weeks to group K-5 readers "
                             "and move each child up a reading level by spring.",
                   student_goal="Every reader gains at least one level between October "
                                "and March.",
                   educator_goal="We agree on how to score running records and read them "
                                 "together.",
                   objective_source="building", approaches=["Analyze student work together"],
                   approach_plan="Each of us brings three running records to every meeting.",
                   communication_plan="Thursdays 3:15 in the library; a shared data sheet.",
                   start_date=start, end_date=teams.end_date, cadence="weekly")
    # Round 1: the data analyzed and the goals set; the team is learning now (stage 3).
    answers = {
        "analyze": ["Our fall running records of all K-5 readers.",
                    "11 readers are below benchmark, most stuck on multisyllable words; "
                    "6 are proficient and ready for harder texts."],
        "goals": ["Every reader gains at least one level between October and March.",
                  "We learn a decoding routine for multisyllable words and how to score "
                  "running records the same way."],
    }
    stages = teams.cycle_stages
    span = max((today - timedelta(days=3) - start).days, 0)
    for n, stage in enumerate(stages[:2]):
        reading.cycles.append(CycleEntry(
            author=reading.members[n], met_on=start + timedelta(days=span * (n + 1) // 2),
            attendees=", ".join(u.name for u in reading.members), minutes=45,
            cycle_round=1, stage=stage["key"], stage_name=stage["name"],
            answers=[{"prompt": prompt, "answer": answer}
                     for prompt, answer in zip(stage["prompts"], answers[stage["key"]])],
            version=1))
    reading.cycle_stage = stages[2]["key"]
    team(teams, ["Bruno Costa", "Dev Sharma", "Grace Lee"], "Yara Thompson",
         today - timedelta(days=5), focus_area="Providing support for students who struggle")

    # IPI at Maple Grove: two matched pairs with focal indicators; one has not met in
    # weeks (the cadence watch flags it), and the principal checked in on the other.
    ipi = _program(district_id, "ipi", schools["Maple Grove Middle School"], today)
    for name, scores in IPI_SCORES.items():
        users[name].planning_period = PLANNING.get(name, "")
        for indicator, score in scores.items():
            db.session.add(IndicatorScore(
                district_id=district_id, school_year=ipi.start_date.year - 1,
                teacher=users[name], indicator=indicator, score=score,
                imported_by_id=users["Zane Cooper"].id))
    start = max(ipi.start_date + timedelta(days=20), today - timedelta(days=60))
    pair = team(ipi, ["Ines Moreno", "Hugo Becker"], "Zane Cooper", start,
                rubric_indicators=["Questioning", "Academic Feedback"],
                focus_area="Questioning", objective_source="building",
                objective="Ask questions that make students explain their reasoning in "
                          "Grade 7 math.",
                student_goal="Students justify an answer aloud in every lesson.",
                educator_goal="Ines plans higher-order questions; Hugo shares the ones "
                              "that work in his class.",
                approaches=["Observe practices and share feedback"],
                approach_plan="We observe each other once a month and review each "
                              "other's lesson plans before.",
                communication_plan="Wednesdays 7:45 in room 204.",
                start_date=start, end_date=ipi.end_date, cadence="weekly")
    meetings(pair, start, [
        ("Hugo's questions push students to explain; mine stop at the answer.",
         "Review my next lesson plan for places to ask 'how do you know?'",
         "Rewrote three questions in my plan."),
        ("Hugo observed my lesson: students answered, few explained.",
         "Use wait time and a partner talk before calling on anyone.",
         "Tried it in two classes."),
        ("More students explained their thinking this week.",
         "Hugo observes again in two weeks.", "Planned the next lesson together."),
    ])
    db.session.add(CheckIn(partnership=pair, day=max(start, today - timedelta(days=20)),
                           by=users["Zane Cooper"],
                           note="Met both in the staff room: the lesson-plan reviews help."))
    quiet = team(ipi, ["Jonas Berg", "Keira Walsh"], "Zane Cooper", start,
                 rubric_indicators=["Grouping Students"], focus_area="Grouping Students",
                 start_date=start, end_date=ipi.end_date, cadence="biweekly")
    # One meeting soon after they began, none since.
    meetings(quiet, start, [("Keira groups by task; I group by seat.",
                             "Try her grouping in my next lab.", "Planned the lab groups.")],
             until=start + timedelta(days=2))


def staff() -> tuple[dict[str, list], dict[str, str]]:
    """The schools' teachers and principals, for the demo's account list."""
    return SCHOOLS, PRINCIPALS
