"""A partnership, its members and invitations, milestones, cycles and reflections."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import (JSON, Boolean, Date, Enum, ForeignKey, Integer, String, Text, Time,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .org import School
from .program import Program
from .user import User

TEXT_LIMIT = 20_000


def _enum(kind):
    return Enum(kind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class MemberStatus(enum.Enum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Partnership(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    # Set when a principal proposed this match (seed 004: the principal finalizes matches).
    suggested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Step 1: objective
    focus_area: Mapped[str] = mapped_column(String(300), default="")
    rubric_indicators: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The principal's note with a suggested match (#11): the invitation shows it.
    suggestion_note: Mapped[str] = mapped_column(Text, default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    student_goal: Mapped[str] = mapped_column(Text, default="")
    educator_goal: Mapped[str] = mapped_column(Text, default="")
    objective_source: Mapped[str] = mapped_column(String(20), default="")
    # Ids of the school's Instructional Target look-fors the partnership focuses on.
    look_fors: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Step 3: approach and communication
    approaches: Mapped[list[str]] = mapped_column(JSON, default=list)
    approach_other: Mapped[str] = mapped_column(String(300), default="")
    approach_plan: Mapped[str] = mapped_column(Text, default="")
    communication_plan: Mapped[str] = mapped_column(Text, default="")
    # Step 4: timeline
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    cadence: Mapped[str] = mapped_column(String(20), default="")
    # The standing meeting (seed 004: "Establish a standing meeting time"): a weekday
    # (0 Monday … 6 Sunday) and a time of day in the district's time zone, repeating at
    # the cadence. Calendar feeds show it as a recurring event.
    meeting_weekday: Mapped[int | None] = mapped_column(Integer)
    meeting_time: Mapped[time | None] = mapped_column(Time)
    # Step 5 and 6
    cycles_done: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where the team is in a staged cycle (its program's cycle_stages): the round, and
    # the stage's key ("" is the first stage). Unused for reflect – plan – act.
    cycle_round: Mapped[int] = mapped_column(Integer, default=1)
    cycle_stage: Mapped[str] = mapped_column(String(100), default="")
    share_cycles_with_principal: Mapped[bool] = mapped_column(Boolean, default=False)
    impact_evidence: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The first time the objective step was saved complete: "goal agreed" for deadlines.
    goal_agreed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The principal reopened a completed partnership (members see who and why).
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reopened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reopen_reason: Mapped[str] = mapped_column(Text, default="")

    # One counter per shared step form: a save names the version it started from, and
    # a save from an older version is refused instead of overwriting (see wizard.save).
    objective_version: Mapped[int] = mapped_column(Integer, default=0)
    approach_version: Mapped[int] = mapped_column(Integer, default=0)
    timeline_version: Mapped[int] = mapped_column(Integer, default=0)
    impact_version: Mapped[int] = mapped_column(Integer, default=0)
    # Who saved each step last and when, to tell a member that someone else changed it.
    saved_by: Mapped[dict] = mapped_column(JSON, default=dict)

    program: Mapped[Program] = relationship()
    school: Mapped[School] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    suggested_by: Mapped[User | None] = relationship(foreign_keys=[suggested_by_id])
    reopened_by: Mapped[User | None] = relationship(foreign_keys=[reopened_by_id])
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan", order_by="Membership.id")
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan",
        order_by="(Milestone.due_date, Milestone.id)")
    cycles: Mapped[list[CycleEntry]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan",
        order_by="(CycleEntry.met_on.desc(), CycleEntry.id.desc())")
    reflections: Mapped[list[FinalReflection]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan")

    @property
    def members(self) -> list[User]:
        """Everyone in the partnership: the initiator and those who accepted."""
        return [m.user for m in self.memberships if m.status is MemberStatus.ACCEPTED]

    @property
    def pending_invitations(self) -> list[Membership]:
        return [m for m in self.memberships if m.status is MemberStatus.INVITED]

    def membership_of(self, user: User) -> Membership | None:
        return next((m for m in self.memberships if m.user_id == user.id), None)

    def is_member(self, user: User) -> bool:
        membership = self.membership_of(user)
        return membership is not None and membership.status is MemberStatus.ACCEPTED

    @property
    def reflection_started(self) -> bool:
        """A member submitted the final reflection or began its first answer."""
        return any(r.submitted_at or r.impressions for r in self.reflections)

    @property
    def cycle_count(self) -> int:
        return len(self.cycles)

    @property
    def is_formed(self) -> bool:
        """Formed once at least one invitee accepted (the initiator is a member from the start)."""
        return len(self.members) >= 2

    @property
    def stage_position(self) -> StagePosition | None:
        """Where the team is in its program's staged cycle; None without stages."""
        stages = self.program.cycle_stages
        if not stages:
            return None
        index = next((n for n, s in enumerate(stages) if s["key"] == self.cycle_stage), 0)
        return StagePosition(self.cycle_round or 1, index + 1, len(stages), stages[index],
                             stages[index + 1] if index + 1 < len(stages) else None)

    def records_by_round(self) -> list[dict]:
        """A staged cycle's records by round (newest first), each round's stages in order
        with their records: [{"round", "stages": [{"key", "name", "entries"}]}]; earlier
        rounds stay visible. [] for reflect – plan – act."""
        stages, position = self.program.cycle_stages, self.stage_position
        if position is None:
            return []
        keys = [s["key"] for s in stages]
        rounds = []
        for number in range(position.round, 0, -1):
            entries = [e for e in self.cycles if e.cycle_round == number]
            shown = [{"key": s["key"], "name": s["name"],
                      "entries": [e for e in entries if e.stage == s["key"]]} for s in stages]
            # A record of a stage the program no longer has keeps its own stage name.
            shown += [{"key": e.stage, "name": e.stage_name, "entries": [e]}
                      for e in entries if e.stage not in keys]
            rounds.append({"round": number, "stages": shown})
        earlier = [e for e in self.cycles if not e.cycle_round]  # from before the stages
        if earlier:
            rounds.append({"round": 0, "stages": [{"key": "", "name": "", "entries": earlier}]})
        return rounds

    @property
    def member_names(self) -> str:
        """"Ana Gómez & David Okafor"."""
        return " & ".join(u.name for u in self.members)

    @property
    def title(self) -> str:
        return f"{self.focus_area or 'New partnership'} — {self.member_names}"


@dataclass(frozen=True)
class StagePosition:
    """A team's place in its cycle: round, stage number of total, the stage and the next
    (None after the last stage: the next move starts a new round)."""

    round: int
    number: int
    total: int
    stage: dict
    next_stage: dict | None


class Membership(db.Model):
    __table_args__ = (UniqueConstraint("partnership_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[MemberStatus] = mapped_column(_enum(MemberStatus))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partnership: Mapped[Partnership] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])


class Milestone(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)

    partnership: Mapped[Partnership] = relationship(back_populates="milestones")


class CycleEntry(db.Model):
    """One meeting: reflect – plan – act (reflected … evidence), or the record of a stage
    of a staged cycle (its round and stage, and the stage's questions with the answers,
    as they were asked: a later rewording of the program leaves this record as it is)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    met_on: Mapped[date] = mapped_column(Date)
    attendees: Mapped[str] = mapped_column(String(1000), default="")
    minutes: Mapped[int | None] = mapped_column(Integer)
    reflected: Mapped[str] = mapped_column(Text, default="")
    planned: Mapped[str] = mapped_column(Text, default="")
    acted: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    # Ids of the partnership's look-fors seen at this meeting (Instructional Target).
    look_fors_seen: Mapped[list[str]] = mapped_column(JSON, default=list)
    cycle_round: Mapped[int | None] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(100), default="")  # "": reflect – plan – act
    stage_name: Mapped[str] = mapped_column(String(300), default="")
    answers: Mapped[list[dict]] = mapped_column(JSON, default=list)  # [{"prompt", "answer"}]
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship(back_populates="cycles")
    author: Mapped[User] = relationship()


class FinalReflection(db.Model):
    """One member's answers to seed 003's five guiding questions."""

    __table_args__ = (UniqueConstraint("partnership_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    impressions: Mapped[str] = mapped_column(Text, default="")
    causal_factors: Mapped[str] = mapped_column(Text, default="")
    new_learning: Mapped[str] = mapped_column(Text, default="")
    application: Mapped[str] = mapped_column(Text, default="")
    experience: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship(back_populates="reflections")
    user: Mapped[User] = relationship()
