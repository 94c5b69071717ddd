"""The demo's notification preferences: one expert takes assignments in the weekly digest,
the programme manager takes the conflicts of interest that way too; everyone else keeps
the default (an e-mail at once). Seeded before the evaluation, so its notices are held."""

from cooperation.accounts.notifications.kinds import Delivery, NoticeKind
from cooperation.accounts.notifications.services import preference_set

CHOICES = [
    ("expert2@demo.example.eu", NoticeKind.ASSIGNMENT, Delivery.DIGEST),
    ("manager@demo.example.eu", NoticeKind.CONFLICT, Delivery.DIGEST),
]


def seed(context: dict) -> None:
    for email, kind, delivery in CHOICES:
        preference_set(user=context["users"][email], kind=kind, delivery=delivery)
