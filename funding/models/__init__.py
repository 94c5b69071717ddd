from .calls import (
    ActionType,
    AwardCriterion,
    Call,
    CallDocument,
    DeadlineModel,
    Programme,
    Topic,
    TopicStatus,
)
from .exports import ExportJob, ExportJobStatus
from .portfolio import (
    Deliverable,
    FundedProject,
    Milestone,
    Participant,
    ParticipantRole,
    Payment,
    ProjectStatus,
    ProjectStatusChange,
    ReportingPeriod,
)

__all__ = [
    "ActionType",
    "AwardCriterion",
    "Call",
    "CallDocument",
    "DeadlineModel",
    "Programme",
    "Topic",
    "TopicStatus",
    "ExportJob",
    "ExportJobStatus",
    "Deliverable",
    "FundedProject",
    "Milestone",
    "Participant",
    "ParticipantRole",
    "Payment",
    "ProjectStatus",
    "ProjectStatusChange",
    "ReportingPeriod",
]
