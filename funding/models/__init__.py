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

__all__ = [
    "ActionType",
    "AwardCriterion",
    "Call",
    "CallDocument",
    "DeadlineModel",
    "Programme",
    "Topic",
    "TopicStatus",
]
