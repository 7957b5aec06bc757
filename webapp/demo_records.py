"""Demo records: the completed partnership's plan signed by both members and their
principal in Tandem (so filed, sealed, verifiable), and its reflection record half
signed, so the record pages show each state."""
from __future__ import annotations

from .models import Partnership, User
from .records import filing


def create(users: dict[str, User]) -> None:
    ana, david, ursula = users["Ana Gómez"], users["David Okafor"], users["Ursula Grant"]
    complete = _completed_of(ana)
    plan = filing.state(filing.PLAN, complete)
    for user, slot in ((ana, f"member:{ana.id}"), (david, f"member:{david.id}"),
                       (ursula, f"principal:{complete.school_id}")):
        filing.sign(plan, user, slot, user.name, "", ip="demo", user_agent="demo")
        plan = filing.state(filing.PLAN, complete)
    record = filing.state(filing.REFLECTION, complete)
    filing.sign(record, ana, f"member:{ana.id}", ana.name, "", ip="demo", user_agent="demo")


def _completed_of(user: User) -> Partnership:
    from sqlalchemy import select

    from .extensions import db
    from .models import Membership

    return db.session.scalars(select(Partnership).join(Membership).where(
        Membership.user_id == user.id, Partnership.completed_at.is_not(None))).first()
