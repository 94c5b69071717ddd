from cooperation.accounts.experts import ExpertProfile
from cooperation.accounts.models import User
from cooperation.accounts.notifications.models import (
    HeldNotice,
    NotificationPreference,
    ScheduledRun,
)
from cooperation.forum.models.commitments import (
    Commitment,
    CommitmentMilestone,
    Completion,
    EarlyResults,
    ProgressUpdate,
    ReminderLog,
    UpdateKind,
)
from cooperation.forum.models.dashboard import DashboardCountsState
from cooperation.forum.models.mnr_assessments import CapabilityStatus, MNRAssessment
from cooperation.forum.models.reminders import OwnerReminder
from cooperation.forum.models.stakeholders import ContactPerson, Stakeholder, StakeholderCategory
from cooperation.forum.models.workstreams import (
    Attendance,
    Meeting,
    Workstream,
    WorkstreamMember,
    WorkstreamStatusChange,
)
from cooperation.organisations.events import OrganisationEvent, OrganisationEventKind
from cooperation.organisations.invitations import Invitation
from cooperation.organisations.models import Membership, Organisation

__all__ = [
    "OwnerReminder",
    "ScheduledRun",
    "NotificationPreference",
    "HeldNotice",
    "Attendance",
    "CapabilityStatus",
    "Commitment",
    "CommitmentMilestone",
    "Completion",
    "ContactPerson",
    "DashboardCountsState",
    "EarlyResults",
    "ExpertProfile",
    "Invitation",
    "MNRAssessment",
    "Meeting",
    "Membership",
    "Organisation",
    "OrganisationEvent",
    "OrganisationEventKind",
    "ProgressUpdate",
    "ReminderLog",
    "Stakeholder",
    "StakeholderCategory",
    "UpdateKind",
    "User",
    "Workstream",
    "WorkstreamMember",
    "WorkstreamStatusChange",
]
