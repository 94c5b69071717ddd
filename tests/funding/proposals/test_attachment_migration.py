"""Migration funding.0007 keeps every attachment row (its schema steps only add a nullable
column, a link table and a narrower constraint) and links every existing submission to the
rows its snapshot names, by kind and SHA-256, as snapshots written before it had no ids."""

import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from funding.models import Attachment, AttachmentKind, ProposalSubmission, SubmissionAttachment
from funding.proposals import lifecycle, services
from tests.funding.factories_proposals import PDF_BYTES, complete_proposal, member_of

pytestmark = pytest.mark.django_db

migration = importlib.import_module("funding.migrations.0007_attachment_versions")


def _rows():
    return sorted(Attachment.objects.values_list("pk", "proposal", "kind", "file", "sha256"))


def test_existing_submissions_are_linked_to_the_files_their_snapshots_name(make_user):
    proposal = complete_proposal()
    user = member_of(proposal.coordinator, make_user)
    services.attachment_add(
        proposal=proposal,
        user=user,
        lock_version=proposal.lock_version,
        kind=AttachmentKind.ANNEX,
        upload=SimpleUploadedFile("Приложение.pdf", PDF_BYTES + b"% annex\n"),
    )
    proposal.refresh_from_db()
    submission = lifecycle.proposal_submit(proposal=proposal, user=user, send_receipt=False)
    other = complete_proposal()  # same Part B bytes, never submitted: not linked
    rows = _rows()
    links = sorted(SubmissionAttachment.objects.values_list("submission", "attachment"))
    assert len(rows) == 3 and len(links) == 2
    # The state before the migration: no links, and snapshots without the rows' ids.
    SubmissionAttachment.objects.all().delete()
    old = submission.snapshot
    old["attachments"] = [
        {key: value for key, value in item.items() if key != "id"} for item in old["attachments"]
    ]
    ProposalSubmission.objects.filter(pk=submission.pk).update(snapshot=old)

    migration.link_submitted_files(apps, None)

    assert _rows() == rows
    assert sorted(SubmissionAttachment.objects.values_list("submission", "attachment")) == links
    assert not other.attachment_versions.filter(submissions__isnull=False).exists()


def test_going_back_is_refused_while_hidden_versions_exist(make_user):
    proposal = complete_proposal()
    migration.refuse_to_lose_versions(apps, None)  # nothing hidden: going back is allowed
    Attachment.objects.filter(proposal=proposal).update(removed_at=proposal.updated_at)
    with pytest.raises(RuntimeError, match="would lose them"):
        migration.refuse_to_lose_versions(apps, None)
