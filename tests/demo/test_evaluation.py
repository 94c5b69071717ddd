import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from demo.evaluation import TOPIC
from funding.evaluation.ranking.loading import topic_ranking
from funding.models import ConflictDeclaration, FundedProject, RankingEntry, RedressRequest, Topic

pytestmark = pytest.mark.django_db


def test_the_demo_topic_is_evaluated_end_to_end(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    topic = Topic.objects.get(identifier=TOPIC)
    assert topic.evaluation.results_published_at is not None
    entries = list(RankingEntry.objects.filter(topic=topic).select_related("proposal"))
    assert len(entries) == 8
    kinds = [e.list_kind for e in sorted(entries, key=lambda e: e.position)]
    assert kinds == ["main"] * 3 + ["reserve"] * 3 + ["rejected"] * 2
    main = sum(e.proposal.evaluated_version.requested for e in entries if e.list_kind == "main")
    assert main <= topic.budget < main + Decimal("1800000.00")
    _criteria, ranked = topic_ranking(topic)
    separated = {row.separated_code for row in ranked if row.tied_with_next}
    assert {"criterion_" + str(c.pk) for c in topic.criteria.filter(code="impact")} <= separated
    assert "gender" in separated
    conflict = ConflictDeclaration.objects.get(has_conflict=True)
    assert conflict.assignment.released_at is not None
    # The first project of the topic (demo.portfolio_grants adds a failed preparation and
    # the reserve proposal selected in its place).
    project = FundedProject.objects.filter(proposal__topic=topic).order_by("pk").first()
    assert project.acronym == "NETGUARD"
    assert project.participants.count() == 3
    assert project.status == "grant_preparation"

    # TRACE, rejected, asked for an evaluation review within the window; it was rejected.
    [review] = RedressRequest.objects.filter(proposal__topic=topic)
    assert review.proposal.acronym == "TRACE" and review.proposal.status == "rejected"
    assert review.outcome == "rejected" and "procedure was followed" in review.reason
    published = topic.evaluation.results_published_at
    assert published < review.requested_at < review.decided_at
    assert review.requested_at - published < dt.timedelta(days=30)
    assert review.requested_by.memberships.filter(organisation=review.proposal.coordinator)
