"""A synthetic district for bench/pages.py, built through the app's models.

`build(...)` fills an empty, migrated database (inside an app context) with one district
of N schools, a principal each, teachers with grade bands and subjects, one district
administrator, this year's and last year's program of each of the five program models
(Partners in Practice in most schools, the others in a few), and partnerships at every
step with what each step holds: objective, approach, timeline with milestones, 0–12
cycle entries (staged ones where the program's cycle has stages), final reflections,
visits in every state with follow-ups, check-ins, release days, weekly reflections,
Instructional Targets, rubric scores, pending invitations, notices and an audit log.
Everything comes from one random.Random(seed); the same arguments give the same district.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import (AuditEvent, CheckIn, CycleEntry, District, FinalReflection,
                           GrowthPlanOptOut, IndicatorScore, InstructionalTarget,
                           MemberStatus, Membership, Milestone, Notice, Partnership, Program,
                           ProgramInterest, Record, RecordVersion, ReleaseDay, Role, School,
                           User, VersionStatus, Visit, VisitStatus, WeeklyReflection)
from webapp.programs import presets
from webapp.programs.operations import program_from_model, school_year_of

PASSWORD = "bench passphrase, long enough to pass"
FIRST = ("Ana Ben Chloé David Emma Farah Gabriel Hana Isaac Julia Kwame Laura Mateo Nadia "
         "Olivia Pierre Quinn Rosa Samir Tessa Aiko Bruno Camille Dev Elena Finn Grace Hugo "
         "Ines Jonas Keira Liam Maya Noor Oscar Priya Raúl Sofia Tomás Uma").split()
LAST = ("Gómez Carter Martin Okafor Johansson Haddad Silva Sato Brown Novak Mensah Fischer "
        "Rossi Petrova Chen Lefèvre O'Brien Delgado Khan Wright Tanaka Costa Dubois Sharma "
        "Ruiz Murphy Lee Becker Moreno Berg Walsh Park Singh Ali Nowak Iyer Vega Lund").split()
PLACES = ("Riverside Lakeview Park West Cedar Ridge Maple Grove Oakwood Hillcrest Pine "
          "Valley Northgate Southfield Eastbrook Westwood Birchmount Elmhurst Fairview "
          "Greenfield Harbour Ironwood Juniper Kingsway").split()
LEVELS = (("Elementary", ("K-2", "3-5"), ("Literacy", "Mathematics", "Science",
                                           "French Immersion", "Social Studies")),
          ("Middle School", ("6-8",), ("Mathematics", "Science", "English Language Arts",
                                       "Social Studies", "Music", "Physical Education")),
          ("High School", ("9-12",), ("Biology", "Chemistry", "English", "French",
                                      "Spanish", "Mathematics", "History")))
SENTENCES = (
    "We opened each meeting with ten minutes of student work from the week before.",
    "Students explained two strategies and chose the one that fit the numbers best.",
    "Quiet students spoke more once we gave think time and used turn-and-talk first.",
    "Next we will try recording strategies on chart paper so they stay up all unit.",
    "Our exit tickets showed fewer place-value errors by the third week of November.",
    "We co-planned the lesson, taught it in both classes and compared the results.",
    "Sentence starters on the board helped English learners join the discussion.",
)
# Which model each school's program is (the rest of the schools: Partners in Practice).
FEW = ("ipi", "learning-teams", "instructional-partners", "peer-partner-protocol")
STEP_WEIGHTS = {"forming": 4, "objective": 5, "approach": 8, "timeline": 10, "cycles": 40,
                "reflection": 20, "complete": 13}
STEP_ORDER = ("forming", "objective", "approach", "timeline", "cycles", "reflection",
              "complete")


def text(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def at(day: date) -> datetime:
    return datetime.combine(day, time(15, 30), tzinfo=timezone.utc)


class Builder:
    """Adds one district's rows; `build` runs the parts in order, committing as it goes."""

    def __init__(self, rng: random.Random, today: date, password_hash: str):
        self.rng, self.today, self.password_hash = rng, today, password_hash
        self.emails = 0

    def user(self, district, school, role, grade="", subject="") -> User:
        self.emails += 1
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return User(district=district, school=school, role=role, name=f"{first} {last}",
                    email=f"{first}.{last}.{self.emails}@bench.tandem.school".replace("'", ""),
                    grade_band=grade, subject=subject, password_hash=self.password_hash,
                    years_in_district=self.rng.randint(0, 25))

    def schools(self, district, count: int, teachers: int) -> list[tuple[School, User, list]]:
        """Each school with its principal and teachers (grade bands and subjects)."""
        made = []
        for n in range(count):
            level, bands, subjects = LEVELS[n % 3]
            school = School(district=district, name=f"{PLACES[n % len(PLACES)]} {level}"
                                                   f"{'' if n < len(PLACES) else f' {n}'}")
            principal = self.user(district, school, Role.PRINCIPAL)
            staff = [self.user(district, school, Role.TEACHER, self.rng.choice(bands),
                               self.rng.choice(subjects))
                     for _ in range(teachers // count + (n < teachers % count))]
            db.session.add_all([school, principal, *staff])
            made.append((school, principal, staff))
        db.session.flush()
        return made

    def programs(self, district, schools: list[School]) -> dict[int, tuple[Program, Program]]:
        """(last year's, this year's) program of each school, by school id."""
        few = max(1, len(schools) // 10)
        keys = [FEW[n // few] if n < few * len(FEW) else presets.DEFAULT_KEY
                for n in range(len(schools))]
        year = school_year_of(self.today)
        by_key, by_school = {}, {}
        for school, key in zip(schools, keys):
            if key not in by_key:
                by_key[key] = tuple(program_from_model(district.id, presets.model(key), y)
                                    for y in (year - 1, year))
                db.session.add_all(by_key[key])
            for program in by_key[key]:
                program.schools.append(school)
            by_school[school.id] = by_key[key]
        db.session.flush()
        return by_school

    def partnership(self, program, members, step, principal, invitee=None) -> Partnership:
        """A partnership of `members` that got as far as `step` (a STEP_ORDER key)."""
        rng, reached = self.rng, STEP_ORDER.index(step)
        created = program.start_date + timedelta(days=rng.randint(5, 25))
        p = Partnership(program=program, school_id=members[0].school_id,
                        created_by=members[0], created_at=at(created),
                        suggested_by=principal if program.principal_forms_teams else None)
        joined = members if step != "forming" else members[:1]
        for user in joined:
            p.memberships.append(Membership(user=user, status=MemberStatus.ACCEPTED,
                                            invited_at=at(created),
                                            responded_at=at(created + timedelta(days=2))))
        if invitee is not None:
            p.memberships.append(Membership(user=invitee, status=MemberStatus.INVITED,
                                            invited_by=members[0], invited_at=at(created)))
        self.objective(p, program, partial=reached < 2)
        if reached >= 2:
            self.approach(p, program)
        if reached >= 3:
            self.timeline(p, program, created)
        if reached >= 4:
            self.cycles(p, program, joined, reached)
        if reached >= 5:
            self.reflections(p, joined, complete=step == "complete")
        db.session.add(p)
        return p

    def objective(self, p, program, partial: bool) -> None:
        rng = self.rng
        p.focus_area = rng.choice(program.focus_areas)
        p.objective = text(rng, 2)
        if partial:
            return
        p.student_goal, p.educator_goal = text(rng, 1), text(rng, 1)
        p.objective_source = rng.choice(presets.OBJECTIVE_SOURCES)
        p.goal_agreed_at = at(program.start_date + timedelta(days=30))
        if program.rubric_indicators:
            p.rubric_indicators = rng.sample(program.rubric_indicators, 2)

    def approach(self, p, program) -> None:
        p.approaches = self.rng.sample(program.approaches, min(2, len(program.approaches)))
        p.approach_plan, p.communication_plan = text(self.rng, 2), text(self.rng, 1)

    def timeline(self, p, program, created: date) -> None:
        rng = self.rng
        p.start_date = created + timedelta(days=10)
        p.end_date = program.end_date - timedelta(days=rng.randint(5, 30))
        p.cadence = rng.choice(("weekly", "biweekly", "monthly"))
        if rng.random() < 0.5:
            p.meeting_weekday, p.meeting_time = rng.randint(0, 4), time(15, 30)
        for n in range(rng.randint(1, 4)):
            due = p.start_date + timedelta(days=30 * (n + 1))
            p.milestones.append(Milestone(title=f"Milestone {n + 1}: {text(rng, 1)[:80]}",
                                          due_date=due, done=due < self.today))

    def cycles(self, p, program, members, reached: int) -> None:
        """0–12 meetings (at least one once the step is done), every other week so far."""
        rng, stages = self.rng, program.cycle_stages
        count = rng.randint(1 if reached > 4 else 0, 12)
        last = min(self.today, program.end_date) - timedelta(days=2)
        for n in range(count):
            met_on = min(p.start_date + timedelta(days=14 * (n + 1)), last)
            entry = CycleEntry(author=members[n % len(members)], met_on=met_on, minutes=45,
                               attendees=", ".join(u.name for u in members), version=1)
            if stages:
                stage = stages[n % len(stages)]
                entry.cycle_round, entry.stage = n // len(stages) + 1, stage["key"]
                entry.stage_name = stage["name"]
                entry.answers = [{"prompt": prompt, "answer": text(rng, 2)}
                                 for prompt in stage["prompts"]]
            else:
                entry.reflected, entry.planned = text(rng, 3), text(rng, 2)
                entry.acted, entry.evidence = text(rng, 2), text(rng, 1)
            p.cycles.append(entry)
        if stages:
            p.cycle_round = count // len(stages) + 1
            p.cycle_stage = stages[count % len(stages)]["key"]
        p.cycles_done = reached > 4 and count > 0
        p.share_cycles_with_principal = rng.random() < 0.3

    def reflections(self, p, members, complete: bool) -> None:
        rng = self.rng
        for user in members if complete else members[:rng.randint(0, len(members))]:
            p.reflections.append(FinalReflection(
                user=user, version=1, submitted_at=at(self.today - timedelta(days=5)),
                impressions=text(rng), causal_factors=text(rng), new_learning=text(rng),
                application=text(rng), experience=text(rng)))
        if complete or rng.random() < 0.5:
            p.impact_evidence = text(rng, 2)
        if complete:
            p.completed_at = at(self.today - timedelta(days=rng.randint(1, 20)))

    def visits(self, p, program, members, principal) -> None:
        """Visits in every state: held and reported with follow-ups, pending, declined."""
        practice = program.practice("visits")
        if practice is None or len(members) < 2:
            return
        rng, lengths = self.rng, practice.get("lengths") or [0.5]
        start, end = program.start_date, program.end_date
        for n in range(rng.randint(0, 3)):
            visitor, visited = members[n % len(members)], members[(n + 1) % len(members)]
            status = rng.choice((VisitStatus.APPROVED, VisitStatus.APPROVED,
                                 VisitStatus.PENDING_PRINCIPAL, VisitStatus.PENDING_DISTRICT,
                                 VisitStatus.DECLINED))
            past = status is VisitStatus.APPROVED and rng.random() < 0.7
            day = self.today + timedelta(days=rng.randint(-60, -3) if past
                                         else rng.randint(3, 40))
            visit = Visit(partnership=p, visitor=visitor, visitor_name=visitor.name,
                          visitor_school=visitor.school.name, visited=visited,
                          visited_name=visited.name, location=f"{visited.name}'s classroom",
                          proposed_date=min(max(day, start), end), status=status,
                          length_days=Decimal(str(rng.choice(lengths))), purpose=text(rng, 2))
            if status is not VisitStatus.PENDING_PRINCIPAL:
                visit.principal, visit.principal_decided_at = principal, at(self.today)
            if past:
                visit.learned_1, visit.learned_2 = text(rng, 1), text(rng, 1)
                visit.learned_3, visit.impact = text(rng, 1), text(rng, 1)
                visit.next_steps, visit.reported_at = text(rng, 1), at(self.today)
                visit.followup_requested_at = at(self.today)
                visit.followup_request = "Any afternoon next week."
                visit.followup_date = min(day + timedelta(days=10), self.today)
            db.session.add(visit)

    def oversight(self, p, program, members, principal) -> None:
        """Check-ins, release days, weekly reflections and interest, as the program has."""
        rng = self.rng
        if program.practice("checkins"):
            for n in range(rng.randint(0, 3)):
                db.session.add(CheckIn(partnership=p, by=principal, note=text(rng, 1),
                                       day=self.today - timedelta(days=20 + 30 * n)))
        if program.practice("visits") and rng.random() < 0.15:
            db.session.add(ReleaseDay(program=program, teacher=members[0], days=Decimal("1.0"),
                                      day=max(program.start_date, self.today - timedelta(30)),
                                      reason="Planning with partner", recorded_by=principal))
        if program.practice("weekly_reflections") and len(members) > 1:
            formed = p.created_at.date() + timedelta(days=2)
            monday = self.today - timedelta(days=self.today.weekday())
            for user in members:
                for week in range(rng.randint(0, 10)):
                    week_of = monday - timedelta(weeks=week)
                    if week_of >= formed - timedelta(days=formed.weekday()):
                        db.session.add(WeeklyReflection(
                            partnership=p, user=user, week_of=week_of, text=text(rng, 2),
                            shared=rng.random() < 0.5, written_on=week_of, version=1))
        if program.deadlines:
            for user in members:
                db.session.add(ProgramInterest(program=program, teacher=user))


def build(*, teachers: int, schools: int, partnerships: int, seed: int, today: date,
          password_hash: str) -> dict:
    """Fill the (empty, migrated) database; returns how many of each thing were made."""
    rng = random.Random(seed)
    builder = Builder(rng, today, password_hash)
    district = District(name="Bench School Division", time_zone="America/Winnipeg")
    admin = builder.user(district, None, Role.DISTRICT_ADMIN)
    db.session.add_all([district, admin])
    made = builder.schools(district, schools, teachers)
    programs = builder.programs(district, [school for school, _, _ in made])
    db.session.commit()
    counts = {"schools": len(made), "teachers": sum(len(s) for _, _, s in made),
              "partnerships": 0}
    per_school = _shares(partnerships, [len(staff) for _, _, staff in made])
    for (school, principal, staff), wanted in zip(made, per_school):
        counts["partnerships"] += _fill_school(builder, programs[school.id], principal,
                                               list(staff), wanted)
        db.session.commit()
    _extras(builder, district, admin, made, programs)
    db.session.commit()
    for model in (CycleEntry, Milestone, FinalReflection, Visit, CheckIn, ReleaseDay,
                  WeeklyReflection, Membership, AuditEvent):
        counts[model.__tablename__] = db.session.scalar(select(func.count()).select_from(model))
    return counts


def _shares(total: int, sizes: list[int]) -> list[int]:
    whole = sum(sizes) or 1
    shares = [total * size // whole for size in sizes]
    for n in range(total - sum(shares)):
        shares[n % len(shares)] += 1
    return shares


def _fill_school(builder: Builder, programs, principal, staff, wanted: int) -> int:
    """A fifth of the school's partnerships last year (completed), the rest this year at
    every step; each teacher in at most one partnership a year. Returns how many."""
    rng, made = builder.rng, 0
    last_year, this_year = programs
    for program, count in ((last_year, wanted // 5), (this_year, wanted - wanted // 5)):
        free = staff[:]
        rng.shuffle(free)
        low, high = program.group_size
        for _ in range(count):
            size = rng.randint(max(2, low), max(2, min(high, 3)))
            if rng.random() < 0.7:
                size = max(2, low)
            if len(free) < size + 1:
                break  # the school has no teacher left for it this year
            members = [free.pop() for _ in range(size)]
            step = ("complete" if program is last_year
                    else rng.choices(STEP_ORDER, weights=list(STEP_WEIGHTS.values()))[0])
            invitee = (free.pop() if step == "forming" or rng.random() < 0.08 else None)
            p = builder.partnership(program, members, step, principal, invitee)
            joined = members if step != "forming" else members[:1]
            if STEP_ORDER.index(step) >= 3:
                builder.visits(p, program, joined, principal)
            builder.oversight(p, program, joined, principal)
            made += 1
    return made


def _extras(builder: Builder, district, admin, made, programs) -> None:
    """What is per school or per teacher: targets, scores, opt-outs, notices, audit."""
    rng, today = builder.rng, builder.today
    for school, principal, staff in made:
        program = programs[school.id][1]
        if program.practice("instructional_target"):
            areas = [{"id": f"fa{a}", "title": text(rng, 1)[:60],
                      "look_fors": [{"id": f"lf{a * 4 + n}", "text": text(rng, 1)}
                                    for n in range(3)]} for a in range(3)]
            db.session.add(InstructionalTarget(school=school, program=program, version=1,
                                               vision=text(rng, 2), focus_areas=areas,
                                               retired={}, next_id=13))
        if program.rubric_indicators:
            for teacher in staff:
                for indicator in rng.sample(program.rubric_indicators,
                                            min(4, len(program.rubric_indicators))):
                    db.session.add(IndicatorScore(
                        district_id=district.id, school_year=program.start_date.year - 1,
                        teacher=teacher, indicator=indicator, score=rng.randint(1, 5),
                        imported_by_id=principal.id))
                teacher.planning_period = rng.choice(("Period 1", "Period 2", "Period 3"))
        opt_out = program.practice("growth_plan_opt_out")
        for teacher in staff:
            if opt_out and (teacher.years_in_district or 0) >= opt_out["min_years"] \
                    and rng.random() < 0.05:
                db.session.add(GrowthPlanOptOut(program=program, teacher=teacher))
            if rng.random() < 0.2:
                db.session.add(Notice(user=teacher, message=text(rng, 1), url="/"))
    users = [admin] + [u for _, principal, staff in made for u in (principal, *staff)]
    for n in range(len(users) * 3):
        user = rng.choice(users)
        db.session.add(AuditEvent(actor=user, district_id=district.id, action="sign_in",
                                  subject=user.email, address="192.0.2.10",
                                  created_at=at(today - timedelta(days=n % 90))))


# --- what the pages are opened on ------------------------------------------------------

@dataclass
class Featured:
    """The objects one program's pages are opened on, as plain ids: a partnership at the
    cycles step (with visits where it can), one of its members, their principal and the
    district administrator, and the other ids the URL map asks for."""

    model: str
    program_id: int
    school_id: int
    partnership_id: int
    step: str
    teacher_id: int
    principal_id: int | None
    admin_id: int | None
    visit_id: int | None = None
    entry_id: int | None = None
    target_id: int | None = None
    score_year: int | None = None
    weeks: list[str] = field(default_factory=list)
    deadline_keys: list[str] = field(default_factory=list)
    invitation: tuple[int, int] | None = None   # (partnership, invitee)
    unjoined: tuple[int, int] | None = None     # (partnership nobody joined, its creator)
    suggested_id: int | None = None             # a principal's match still being answered
    filed: tuple[int, str] | None = None        # (filed record version, its code)
    jobs: dict[int, int] = field(default_factory=dict)  # user id -> a job of theirs
    tokens: dict[str, str] = field(default_factory=dict)
    colleague_query: str = ""


def featured(today: date) -> list[Featured]:
    """One Featured per program running this year (Partners in Practice first). Adds what
    only a POST would make (a calendar feed address, a running job, a filed plan)."""
    programs = sorted(db.session.scalars(select(Program).where(
        Program.start_date <= today, Program.end_date >= today)),
        key=lambda p: (p.model_key != presets.DEFAULT_KEY, p.model_key, p.id))
    found = [f for f in (_feature(program) for program in programs) if f is not None]
    db.session.commit()
    return found


def _feature(program: Program) -> Featured | None:
    from webapp.partnerships import steps

    candidates = db.session.scalars(select(Partnership).where(
        Partnership.program_id == program.id, Partnership.completed_at.is_(None))
        .order_by(Partnership.id).limit(300)).all()
    candidates = [p for p in candidates if p.is_formed]
    if not candidates:
        return None

    def score(p: Partnership):
        step = steps.next_step(p)
        return (step is not None and step.key == "cycles", _count(Visit, p.id) > 0,
                _count(WeeklyReflection, p.id) > 0, len(p.cycles), _count(CheckIn, p.id))

    chosen = max(candidates, key=score)
    teacher = chosen.members[0]
    step = steps.next_step(chosen)
    admin = db.session.scalar(select(User).where(
        User.district_id == teacher.district_id, User.role == Role.DISTRICT_ADMIN))
    principal = db.session.scalar(select(User).where(
        User.school_id == chosen.school_id, User.role == Role.PRINCIPAL))
    found = Featured(program.model_key, program.id, chosen.school_id, chosen.id,
                     step.key if step else "done", teacher.id,
                     principal.id if principal else None, admin.id if admin else None)
    _objects_of(found, chosen, teacher)
    _others_of(found, program, chosen.school_id)
    _made_by_posts(found, [u for u in (teacher, principal, admin) if u is not None])
    return found


def _count(model, partnership_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(
        model.partnership_id == partnership_id))


def _objects_of(found: Featured, p: Partnership, teacher: User) -> None:
    """The partnership's visit (a held one first), entry, target, weeks, deadlines."""
    from webapp import clock
    from webapp.partnerships import weekly

    visits = db.session.scalars(select(Visit).where(Visit.partnership_id == p.id)).all()
    visits.sort(key=lambda v: (v.followup_date is None, v.status is not VisitStatus.APPROVED))
    found.visit_id = visits[0].id if visits else None
    entries = sorted(p.cycles, key=lambda e: e.author_id != teacher.id)
    found.entry_id = entries[0].id if entries else None
    found.target_id = db.session.scalar(select(InstructionalTarget.id).where(
        InstructionalTarget.school_id == p.school_id,
        InstructionalTarget.program_id == p.program_id))
    if p.program.practice("weekly_reflections"):
        found.weeks = [w.isoformat() for w in weekly.weeks(p, clock.today())[:2]]
    found.deadline_keys = list(p.program.deadline_keys)
    found.score_year = db.session.scalar(select(func.max(IndicatorScore.school_year)).join(
        User, User.id == IndicatorScore.teacher_id).where(User.school_id == p.school_id))
    colleague = db.session.scalar(select(User).where(
        User.school_id == p.school_id, User.role == Role.TEACHER, User.id != teacher.id,
        User.id.not_in([m.id for m in p.members])).order_by(User.id))
    found.colleague_query = colleague.name[:2].lower() if colleague else ""


def _others_of(found: Featured, program: Program, school_id: int) -> None:
    """Partnerships in other states in the same program (its school's first)."""
    in_program = select(Partnership).where(Partnership.program_id == program.id)
    for p in db.session.scalars(in_program.order_by(Partnership.school_id != school_id,
                                                    Partnership.id)):
        invited, joined = p.pending_invitations, p.members
        if invited and found.invitation is None:
            found.invitation = (p.id, invited[0].user_id)
        if len(joined) == 1 and found.unjoined is None:
            found.unjoined = (p.id, joined[0].id)
        if p.suggested_by_id and invited and found.suggested_id is None:
            found.suggested_id = p.id
    filed = (select(RecordVersion).join(Record).join(Partnership)
             .where(Partnership.program_id == program.id,
                    RecordVersion.status == VersionStatus.FILED))
    version = db.session.scalar(filed.where(Partnership.school_id == school_id)
                                .order_by(RecordVersion.id))
    version = version or _file_a_plan(program, school_id)
    version = version or db.session.scalar(filed.order_by(RecordVersion.id))
    found.filed = (version.id, version.code) if version is not None else None


def _file_a_plan(program: Program, school_id: int) -> RecordVersion | None:
    """Sign the plan of a completed partnership of the school, as its members and its
    principal would (what webapp/demo_records.py does for the demo)."""
    from webapp.records import filing

    p = db.session.scalar(select(Partnership).where(
        Partnership.program_id == program.id, Partnership.school_id == school_id,
        Partnership.completed_at.is_not(None)).order_by(Partnership.id))
    principal = db.session.scalar(select(User).where(
        User.school_id == school_id, User.role == Role.PRINCIPAL))
    if p is None or principal is None:
        return None
    signers = [(u, f"member:{u.id}") for u in p.members]
    signers.append((principal, f"principal:{school_id}"))
    try:
        for user, slot in signers:
            filing.sign(filing.state(filing.PLAN, p), user, slot, user.name, "",
                        ip="bench", user_agent="bench")
    except filing.FilingError:
        db.session.rollback()
        return None
    db.session.commit()
    return filing.state(filing.PLAN, p).locked


def _made_by_posts(found: Featured, users: list[User]) -> None:
    """A calendar feed address, an invitation link, an unsubscribe link, a running job."""
    from webapp.auth import accounts
    from webapp.calendars import tokens
    from webapp.models import Job, JobStatus, TokenPurpose
    from webapp.reminders.send import unsubscribe_token

    teacher = users[0]
    if not teacher.calendar_nonce:
        tokens.new_address(teacher)
    found.tokens["calendars.feed"] = tokens.feed_token(teacher)
    found.tokens["reminders.unsubscribe"] = unsubscribe_token(teacher, ["deadline"])
    found.tokens["auth.set_password"] = accounts.issue_token(teacher, TokenPurpose.INVITATION)
    for user in users:
        job = Job(kind="records_packet", user_id=user.id, district_id=user.district_id,
                  subject={"partnership_id": found.partnership_id, "origin": "/"},
                  status=JobStatus.RUNNING, done=3, total=12)
        db.session.add(job)
        db.session.flush()
        found.jobs[user.id] = job.id
