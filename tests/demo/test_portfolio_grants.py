"""The demo's managers' side after selection: a half-done checklist, a failed preparation
whose budget went to the reserve list, payments on AviaTor and GRACE by the rules, and an
approved amendment; seeding twice adds nothing."""

import pytest
from django.core.management import call_command

from funding.models import (
    Amendment,
    AmendmentStatus,
    BeneficiaryAccount,
    FundedProject,
    Payment,
    ProjectStatus,
)
from funding.portfolio.checklist import checklist_missing
from funding.portfolio.reserve import failed_preparation
from funding.proposals.statuses import ProposalStatus

pytestmark = pytest.mark.django_db


def _state():
    return (
        BeneficiaryAccount.objects.count(),
        Payment.objects.count(),
        Amendment.objects.count(),
        FundedProject.objects.count(),
    )


def test_the_demo_holds_the_grant_story_and_seeds_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _state()
    topic_projects = FundedProject.objects.filter(topic__identifier="HORIZON-CL3-2024-FCT-01-DEMO")
    half_done = topic_projects.order_by("pk").first()
    assert half_done.status == ProjectStatus.GRANT_PREPARATION
    assert 0 < len(checklist_missing(half_done)) < 4
    failed = [p for p in topic_projects if failed_preparation(p)]
    assert len(failed) == 1
    moved_up = topic_projects.order_by("pk").last()
    assert moved_up.proposal.status == ProposalStatus.SELECTED
    assert moved_up.proposal.status_changes.filter(from_status="reserve_list").exists()
    for acronym in ("AviaTor", "GRACE"):
        project = FundedProject.objects.get(acronym=acronym)
        payments = list(project.payments.all())
        assert [p.kind for p in payments] == ["pre_financing", "interim", "final"]
        assert sum(p.amount for p in payments) == project.eu_contribution
        assert all(p.recorded_by for p in payments)
    assert Amendment.objects.get().status == AmendmentStatus.APPROVED
    call_command("seed_demo", verbosity=0)
    assert _state() == first
