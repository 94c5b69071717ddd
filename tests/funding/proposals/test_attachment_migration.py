"""Migration funding.0007 keeps every attachment row and links every existing submission
to the rows its snapshot names: unapplied and applied again on real data, nothing is lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from funding.models import Attachment, AttachmentKind, ProposalSubmission, SubmissionAttachment
from funding.proposals import lifecycle, services
from tests.funding.factories_proposals import PDF_BYTES, complete_proposal, member_of

BEFORE = ("funding", "0006_project_status_change_action")
AFTER = ("funding", "0007_attachment_versions")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_every_row_and_links_each_submission_to_its_files(make_user):
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
    lifecycle.proposal_submit(proposal=proposal, user=user, send_receipt=False)
    never_submitted = complete_proposal()
    rows = sorted(Attachment.objects.values_list("pk", "proposal", "kind", "file", "sha256"))
    links = sorted(SubmissionAttachment.objects.values_list("submission", "attachment"))
    assert len(rows) == 3 and len(links) == 2
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        migrate(BEFORE)
        migrate(AFTER)
        assert (
            sorted(Attachment.objects.values_list("pk", "proposal", "kind", "file", "sha256"))
            == rows
        )
        assert not Attachment.objects.filter(removed_at__isnull=False).exists()
        assert sorted(SubmissionAttachment.objects.values_list("submission", "attachment")) == links
        assert ProposalSubmission.objects.get().attachments.count() == 2
        assert never_submitted.attachments.count() == 1
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
