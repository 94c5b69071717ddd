"""The experts as the programme managers see them: the list with each expert's load, the
profile a manager edits (keywords, country, employer, availability per call), the experts
the assignment drop-down may offer and the suggestions with their reasons in words."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.accounts.experts import keyword_set
from cooperation.accounts.roles import Role, user_has_role
from cooperation.models import ExpertProfile, Organisation, User
from funding.calls.models.calls import Call
from funding.evaluation.models import Assignment, ExpertAvailability
from funding.evaluation.permissions import can_manage_evaluation
from funding.evaluation.services.conflicts import conflicted_expert_ids
from funding.proposals.models import Proposal
from funding.proposals.services import ProposalError


class ExpertProfileError(ProposalError):
    """A refused change to an expert's profile; the message says why."""


def experts():
    return User.objects.filter(groups__name=Role.EXPERT, is_active=True).order_by(
        "last_name", "first_name", "pk"
    )


def experts_for_table():
    """The experts' list in a fixed number of queries: profile and employer joined, the
    load (active assignments) as a subquery, the calls available for prefetched."""
    load = (
        Assignment.objects.active()
        .filter(expert=OuterRef("pk"))
        .order_by()
        .values("expert")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        experts()
        .select_related("expert_profile__employer")
        .annotate(load=Coalesce(Subquery(load, output_field=IntegerField()), 0))
        .prefetch_related(
            Prefetch(
                "call_availabilities",
                queryset=ExpertAvailability.objects.filter(available=True)
                .select_related("call")
                .order_by("call__identifier"),
                to_attr="available_for",
            )
        )
    )


def expert_available_call_ids(expert: User) -> set[int]:
    return set(
        ExpertAvailability.objects.filter(expert=expert, available=True).values_list(
            "call_id", flat=True
        )
    )


@transaction.atomic
def expert_profile_update(
    *,
    expert: User,
    user: User,
    keywords: str,
    country: str,
    employer: Organisation | None,
    available_calls: Iterable[Call],
    offered_calls: Iterable[Call],
) -> ExpertProfile:
    """Record an expert's keywords, country and employer, and which of `offered_calls` they
    are available for (the others of those calls are marked unavailable, notes kept)."""
    if not (verdict := can_manage_evaluation(user, expert)):
        raise ExpertProfileError(verdict.reason)
    if not user_has_role(expert, Role.EXPERT):
        raise ExpertProfileError(_("%(user)s does not hold the Expert role.") % {"user": expert})
    words = sorted(keyword_set(keywords))
    cleaned = ", ".join(words)
    if len(cleaned) > ExpertProfile._meta.get_field("keywords").max_length:
        raise ExpertProfileError(_("The keywords are too long: keep them under 255 characters."))
    profile, _created = ExpertProfile.objects.update_or_create(
        user=expert, defaults={"keywords": cleaned, "country": country, "employer": employer}
    )
    chosen = {call.pk for call in available_calls}
    for call in offered_calls:
        ExpertAvailability.objects.update_or_create(
            expert=expert, call=call, defaults={"available": call.pk in chosen}
        )
    return profile


def assignable_experts(proposal: Proposal):
    """The experts the assignment drop-down offers for `proposal`: never one already
    assigned to it (a conflict declared on it releases, not removes, the assignment) nor
    one with a known conflict."""
    already = Assignment.objects.filter(proposal=proposal).values("expert")
    return experts().exclude(pk__in=already).exclude(pk__in=conflicted_expert_ids(proposal))


def _reasons(shared: list[str], load: int, call: Call) -> list[str]:
    if shared:
        words = ngettext(
            "keyword in common: %(words)s", "keywords in common: %(words)s", len(shared)
        ) % {"words": ", ".join(shared)}
    else:
        words = _("no keyword in common")
    return [
        words,
        ngettext(
            "%(n)s active assignment in the call",
            "%(n)s active assignments in the call",
            load,
        )
        % {"n": load},
        _("available for %(call)s") % {"call": call.identifier},
    ]


def assignment_suggest(*, proposal: Proposal, limit: int | None = None) -> list[User]:
    """Experts available for the call, without a known conflict and not yet asked: most
    keywords in common with the proposal first, then the lightest load in the call. Each
    carries `keyword_overlap`, `shared_keywords` and `reasons` (why, in words)."""
    call = proposal.topic.call
    wanted = keyword_set(proposal.keywords)
    candidates = (
        assignable_experts(proposal)
        .filter(call_availabilities__call=call, call_availabilities__available=True)
        .select_related("expert_profile")
        .annotate(
            load=Count(
                "assignments",
                filter=Q(
                    assignments__proposal__topic__call=call,
                    assignments__released_at__isnull=True,
                ),
                distinct=True,
            )
        )
    )
    scored = []
    for candidate in candidates:
        profile = getattr(candidate, "expert_profile", None)
        shared = sorted(wanted & (profile.keyword_set if profile else frozenset()))
        candidate.keyword_overlap = len(shared)
        candidate.shared_keywords = shared
        candidate.reasons = _reasons(shared, candidate.load, call)
        scored.append((-len(shared), candidate.load, candidate.last_name, candidate.pk, candidate))
    scored.sort(key=lambda row: row[:4])
    needed = limit if limit is not None else proposal.topic.experts_per_proposal
    return [row[-1] for row in scored[:needed]]
