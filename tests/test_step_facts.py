"""A partnership's steps from aggregate queries (step_facts) say exactly what they say
from the partnership itself, for every partnership of the demo district."""
from __future__ import annotations

from sqlalchemy import select

from webapp import demo
from webapp.extensions import db
from webapp.models import Partnership
from webapp.partnerships import deadlines, step_facts, steps


def test_facts_give_every_demo_partnership_the_same_steps_and_overdue_deadlines(app):
    from webapp import clock

    demo.create("a long demo password for the facts test")
    db.session.commit()
    partnerships = db.session.scalars(select(Partnership)).all()
    facts = step_facts.facts_for([p.id for p in partnerships])
    assert len(facts) == len(partnerships) >= 10
    today = clock.today()
    states = set()
    for p in partnerships:
        assert steps.progress(facts[p.id]) == steps.progress(p), p.id
        assert steps.next_step(facts[p.id]) == steps.next_step(p)
        assert deadlines.overdue(p, today, facts[p.id]) == deadlines.overdue(p, today)
        states.update(state for _step, state in steps.progress(p))
    assert states == {steps.DONE, steps.IN_PROGRESS, steps.NOT_STARTED}  # the demo varies


def test_facts_cost_five_queries_whatever_the_number(app, program, teacher, partner):
    from sqlalchemy import event

    from . import factories

    ids = [factories.partnership_for(program, teacher, partner).id for _ in range(12)]
    statements = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        step_facts.facts_for(ids)
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    assert len(statements) == 5


def test_release_days_of_many_teachers_match_each_ones_own(app):
    from webapp import clock
    from webapp.models import User
    from webapp.models.user import Role
    from webapp.programs.operations import current_program
    from webapp.visits import release

    demo.create("a long demo password for the release test")
    db.session.commit()
    teachers = db.session.scalars(select(User).where(User.role == Role.TEACHER)).all()
    program = current_program(teachers[0].district_id, clock.today(), teachers[0].school_id)
    used = release.days_used_by([t.id for t in teachers], program)
    assert any(used.values())  # the demo has visits and release days
    for teacher in teachers:
        assert used[teacher.id] == release.days_used(teacher, program), teacher.name
    assert release.summaries(teachers, program) == {
        t.id: release.summary(t, program) for t in teachers}
