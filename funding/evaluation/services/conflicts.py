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
