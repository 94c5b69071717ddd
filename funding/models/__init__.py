from .calls import (
    ActionType,
    AwardCriterion,
    Call,
    DeadlineModel,
    Programme,
    Topic,
    TopicStatus,
)

__all__ = [
    "ActionType",
    "AwardCriterion",
    "Call",
    "DeadlineModel",
    "Programme",
    "Topic",
    "TopicStatus",
]
