"""Builders for the evaluation tests: a closed topic with Horizon criteria, submitted
proposals, experts, and proposals moved step by step through the evaluation."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from cooperation.accounts.roles import Role
from cooperation.models import ExpertProfile
from funding.evaluation.services import assignments as ev
from funding.evaluation.services import results
from funding.models import AwardCriterion, Person
from funding.proposals.lifecycle import proposal_submit
from funding.proposals.models import Gender
from tests.cooperation.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.funding.factories import TopicFactory
from tests.funding.factories_proposals import PartnerFactory, complete_proposal

HORIZON = (
    ("excellence", "Excellence", 1, Decimal("1")),
    ("impact", "Impact", 2, Decimal("1")),
    ("implementation", "Implementation", None, Decimal("1")),
)


def user_with(*roles, **fields):
    user = UserFactory(**fields)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


def expert(employer=None, keywords="forensics"):
    user = user_with(Role.EXPERT)
    ExpertProfile.objects.create(user=user, employer=employer, keywords=keywords, country="FR")
    return user


def manager():
    return user_with(Role.PROGRAMME_MANAGER)


def evaluation_topic(criteria=HORIZON, **fields):
    """An open topic with criteria; close it with `close(topic)` after submissions."""
    topic = TopicFactory(**fields)
    for position, (code, name, tie, weight) in enumerate(criteria):
        AwardCriterion.objects.create(
            topic=topic, code=code, name=name, tie_break_rank=tie, weight=weight, position=position
        )
    return topic


def close(topic):
    past = timezone.now() - dt.timedelta(days=1)
    type(topic).objects.filter(pk=topic.pk).update(deadline_at=past)
    topic.refresh_from_db()
    return topic


def submitted(topic, *, people=(Gender.FEMALE, Gender.MALE), extra_countries=(), **fields):
    """A complete proposal to the open `topic`, submitted by a member of its coordinator."""
    proposal = complete_proposal(topic=topic, **fields)
    for country in extra_countries:
        PartnerFactory(
            proposal=proposal,
            organisation=OrganisationFactory(country=country),
            personnel_costs=Decimal("10000.00"),
        )
    return submit(proposal, people=people)


def submit(proposal, *, people=(Gender.FEMALE, Gender.MALE)):
    """Name `people` in `proposal` and submit it as a member of its coordinator."""
    coordinator_partner = proposal.partners.get(role="coordinator")
    for index, gender in enumerate(people):
        Person.objects.create(
            proposal=proposal,
            partner=coordinator_partner,
            first_name=f"Named{index}",
            last_name="Person",
            gender=gender,
        )
    applicant = user_with(Role.APPLICANT)
    MembershipFactory(user=applicant, organisation=proposal.coordinator, role="contact")
    proposal_submit(proposal=proposal, user=applicant, send_receipt=False)
    proposal.applicant = applicant
    return proposal


def admit(proposal, by):
    ev.proposal_check_admissibility(proposal=proposal, user=by, decision="admit")
    proposal.refresh_from_db()
    return proposal


def staff(proposal, by, experts):
    """Assign the topic's number of experts and have each declare no conflict: the last
    declaration starts the evaluation."""
    assignments = []
    for person in experts:
        assignment = ev.assignment_create(proposal=proposal, expert=person, user=by)
        ev.declaration_sign(assignment=assignment, user=person, has_conflict=False)
        assignments.append(assignment)
    proposal.refresh_from_db()
    assert proposal.status == "under_evaluation", proposal.status
    return assignments


def scores_for(proposal, values, comment="Well argued."):
    criteria = AwardCriterion.objects.filter(topic=proposal.topic).order_by("position", "pk")
    return {c.pk: (v, comment) for c, v in zip(criteria, values, strict=True)}


def evaluate(proposal, by, experts, values):
    """All the way to a closed consensus report with `values` per criterion."""
    assignments = staff(proposal, by, experts)
    for assignment in assignments:
        ev.report_save(
            assignment=assignment,
            user=assignment.expert,
            entries=scores_for(proposal, values),
            submit=True,
        )
    report = results.consensus_appoint_rapporteur(proposal=proposal, rapporteur=experts[0], user=by)
    results.consensus_save(report=report, user=experts[0], entries=scores_for(proposal, values))
    for other in experts[1:]:
        results.consensus_approve(report=report, user=other)
    results.consensus_close(report=report, user=by)
    proposal.refresh_from_db()
    return report
