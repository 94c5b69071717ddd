"""Builders for grant preparation: a topic whose main proposal is selected (a project in
grant preparation, made from its evaluated submission) with a second proposal waiting on
the reserve list, and a helper that completes the checklist step by step."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from funding.evaluation.services import results
from funding.portfolio import preparation
from funding.portfolio.checklist import signing_participants
from tests.funding.factories_evaluation import close, evaluation_topic, submitted
from tests.funding.factories_results import publish, three_outcomes

IBANS = [
    "BE71096123456769",
    "DE89370400440532013000",
    "NL91ABNA0417164300",
    "FR1420041010050500013M02606",
]
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def part_b(name="part-b.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def prepared():
    """A project in grant preparation made from a submitted proposal, as a selection makes
    it (without the evaluation before it)."""
    topic = evaluation_topic(max_grant=None)
    proposal = submitted(topic)
    close(topic)
    return results.funded_project_from_proposal(proposal=proposal, now=timezone.now())


def selected(boss):
    """(project in grant preparation, reserve proposal, topic)."""
    topic, proposals, _applicant = three_outcomes(boss)
    publish(topic, boss)
    proposals["main"].refresh_from_db()
    project = results.proposal_decide(proposal=proposals["main"], user=boss, select=True)
    proposals["reserve"].refresh_from_db()
    return project, proposals["reserve"], topic


def validate_accounts(project, boss):
    for participant, iban in zip(signing_participants(project), IBANS, strict=False):
        preparation.beneficiary_account_record(
            participant=participant,
            user=boss,
            registration_number=f"REG-{participant.pk}",
            account_holder=participant.organisation.legal_name,
            iban=iban,
        )


def complete_checklist(project, boss):
    validate_accounts(project, boss)
    preparation.grant_consortium_confirm(project=project, user=boss)
    preparation.grant_description_attach(project=project, user=boss, upload=part_b())
    preparation.grant_dates_agree(
        project=project, user=boss, start_date=dt.date(2025, 9, 1), duration_months=24
    )
