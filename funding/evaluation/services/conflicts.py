"""Known conflicts of interest between an expert and a proposal, found in the registry.

An expert is refused for a proposal when:
- their employer (ExpertProfile.employer) is in the consortium;
- they are a member (cooperation.Membership) of an organisation in the consortium;
- their employer or an organisation they are a member of is in the consortium of another
  proposal submitted to the same call.
The expert's own declaration covers everything the registry cannot know.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from cooperation.models import ExpertProfile, Membership, Organisation
from funding.proposals.models import Partner, Proposal


def expert_organisation_ids(expert) -> tuple[set[int], int | None]:
    ids = set(Membership.objects.filter(user=expert).values_list("organisation_id", flat=True))
    employer = (
        ExpertProfile.objects.filter(user=expert).values_list("employer_id", flat=True).first()
    )
    return ids, employer


def known_conflicts(expert, proposal) -> list[str]:
    """Plain-words reasons why `expert` may not evaluate `proposal`; empty if none known."""
    memberships, employer = expert_organisation_ids(expert)
    consortium = set(
        Partner.objects.filter(proposal=proposal).values_list("organisation_id", flat=True)
    )
    consortium.add(proposal.coordinator_id)
    reasons = []
    if employer is not None and employer in consortium:
        name = Organisation.objects.get(pk=employer)
        reasons.append(_("The expert's employer, %(org)s, is in the consortium.") % {"org": name})
    shared = memberships & consortium
    if shared:
        names = ", ".join(str(o) for o in Organisation.objects.filter(pk__in=shared))
        reasons.append(
            _("The expert is a member of %(orgs)s, in the consortium.") % {"orgs": names}
        )
    own = memberships | ({employer} if employer else set())
    if own:
        others = (
            Proposal.objects.evaluable()
            .filter(topic__call_id=proposal.topic.call_id, partners__organisation_id__in=own)
            .exclude(pk=proposal.pk)
            .distinct()
        )
        numbers = list(others.values_list("number", flat=True))
        if numbers:
            reasons.append(
                _(
                    "The expert's organisation submitted another proposal to the same call "
                    "(%(numbers)s)."
                )
                % {"numbers": ", ".join(numbers)}
            )
    return reasons


def conflicted_expert_ids(proposal) -> set[int]:
    """The users with a known conflict on `proposal`, by the same rules as
    `known_conflicts`, in three queries whatever the number of experts."""
    consortium = set(
        Partner.objects.filter(proposal=proposal).values_list("organisation_id", flat=True)
    )
    consortium.add(proposal.coordinator_id)
    others = set(
        Partner.objects.filter(
            proposal__in=Proposal.objects.evaluable()
            .filter(topic__call_id=proposal.topic.call_id)
            .exclude(pk=proposal.pk)
        ).values_list("organisation_id", flat=True)
    )
    employed = ExpertProfile.objects.filter(
        Q(employer_id__in=consortium) | Q(employer_id__in=others)
    ).values_list("user_id", flat=True)
    members = Membership.objects.filter(
        Q(organisation_id__in=consortium) | Q(organisation_id__in=others)
    ).values_list("user_id", flat=True)
    return set(employed) | set(members)


def conflicted_pairs(proposals, experts) -> dict[int, set[int]]:
    """{proposal id: ids of `experts` with a known conflict on it}, by the same rules as
    `known_conflicts`, for many proposals at once in a fixed number of queries (the bulk
    assignment's preview). `experts` carry their profile (`select_related`)."""
    proposals = list(proposals)
    expert_ids = [e.pk for e in experts]
    own: dict[int, set[int]] = {pk: set() for pk in expert_ids}
    for user_id, organisation_id in Membership.objects.filter(user_id__in=expert_ids).values_list(
        "user_id", "organisation_id"
    ):
        own[user_id].add(organisation_id)
    for expert in experts:
        profile = getattr(expert, "expert_profile", None)
        if profile is not None and profile.employer_id:
            own[expert.pk].add(profile.employer_id)
    consortium: dict[int, set[int]] = {p.pk: {p.coordinator_id} for p in proposals}
    for proposal_id, organisation_id in Partner.objects.filter(
        proposal__in=[p.pk for p in proposals]
    ).values_list("proposal_id", "organisation_id"):
        consortium[proposal_id].add(organisation_id)
    # Which evaluable proposals of each call every organisation is in.
    calls = {p.topic.call_id for p in proposals}
    submitted_in: dict[tuple[int, int], set[int]] = {}
    for call_id, proposal_id, organisation_id in Partner.objects.filter(
        proposal__in=Proposal.objects.evaluable().filter(topic__call_id__in=calls)
    ).values_list("proposal__topic__call_id", "proposal_id", "organisation_id"):
        submitted_in.setdefault((call_id, organisation_id), set()).add(proposal_id)
    conflicted: dict[int, set[int]] = {}
    for proposal in proposals:
        call_id, mine = proposal.topic.call_id, consortium[proposal.pk]
        conflicted[proposal.pk] = {
            expert_id
            for expert_id, organisations in own.items()
            if organisations & mine
            or any(submitted_in.get((call_id, o), set()) - {proposal.pk} for o in organisations)
        }
    return conflicted
