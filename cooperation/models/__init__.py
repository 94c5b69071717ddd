from .commitments import (
    Commitment,
    CommitmentMilestone,
    Completion,
    EarlyResults,
    ProgressUpdate,
    ReminderLog,
    UpdateKind,
)
from .experts import ExpertProfile
from .invitations import Invitation
from .mnr_assessments import CapabilityStatus, MNRAssessment
from .organisations import Membership, Organisation
from .stakeholders import ContactPerson, Stakeholder, StakeholderCategory
from .two_factor import TOTPDevice
from .users import User
from .workstreams import Attendance, Meeting, Workstream, WorkstreamMember

__all__ = [
    "Attendance",
    "CapabilityStatus",
    "Commitment",
    "CommitmentMilestone",
    "Completion",
    "ContactPerson",
    "EarlyResults",
    "ExpertProfile",
    "Invitation",
    "MNRAssessment",
    "Meeting",
    "Membership",
    "Organisation",
    "ProgressUpdate",
    "ReminderLog",
    "Stakeholder",
    "StakeholderCategory",
    "TOTPDevice",
    "UpdateKind",
    "User",
    "Workstream",
    "WorkstreamMember",
]
