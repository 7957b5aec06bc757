"""The data model. Each module holds one area; import from here."""
from .audit import AuditEvent
from .auth import AuthToken, LoginFailure, TokenPurpose
from .deadline import DeadlineTick
from .jobs import (Job, JobStatus, MailStatus, OutgoingMail, ReminderDigest, ReminderOptOut,
                   ReminderSent, WorkerBeat)
from .matching import IndicatorScore, MatchExclusion, MatchRun
from .journey import FormDraft, Notice, ProgramInterest, SubmissionKey
from .org import District, School
from .partnership import (CycleEntry, FinalReflection, MemberStatus, Membership, Milestone,
                          Partnership)
from .program import Program
from .record import DistrictTemplate, Record, RecordSignature, RecordVersion, VersionStatus
from .target import InstructionalTarget, TargetComment
from .visit import CheckIn, GrowthPlanOptOut, ReleaseDay, Visit, VisitStatus
from .user import Role, User
from .weekly import WeeklyReflection

__all__ = [
    "AuditEvent",
    "DeadlineTick",
    "FormDraft",
    "Job",
    "JobStatus",
    "MailStatus",
    "OutgoingMail",
    "ReminderDigest",
    "ReminderOptOut",
    "ReminderSent",
    "WorkerBeat",
    "IndicatorScore",
    "MatchExclusion",
    "MatchRun",
    "Notice",
    "ProgramInterest",
    "SubmissionKey",
    "AuthToken",
    "CheckIn",
    "GrowthPlanOptOut",
    "ReleaseDay",
    "Visit",
    "VisitStatus",
    "CycleEntry",
    "FinalReflection",
    "MemberStatus",
    "Membership",
    "Milestone",
    "Partnership",
    "Program",
    "DistrictTemplate",
    "Record",
    "RecordSignature",
    "RecordVersion",
    "VersionStatus",
    "InstructionalTarget",
    "TargetComment",
    "District",
    "LoginFailure",
    "Role",
    "School",
    "TokenPurpose",
    "User",
    "WeeklyReflection",
]
