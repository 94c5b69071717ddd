from .calls import (
    ActionType,
    AwardCriterion,
    Call,
    DeadlineModel,
    Programme,
    Topic,
    TopicStatus,
)
from .proposals import (
    Attachment,
    AttachmentKind,
    Partner,
    PartnerRole,
    Person,
    Proposal,
    ProposalStatusChange,
    ProposalSubmission,
)

__all__ = [
    "Attachment",
    "AttachmentKind",
    "Partner",
    "PartnerRole",
    "Person",
    "Proposal",
    "ProposalStatusChange",
    "ProposalSubmission",
    "ActionType",
    "AwardCriterion",
    "Call",
    "DeadlineModel",
    "Programme",
    "Topic",
    "TopicStatus",
]
