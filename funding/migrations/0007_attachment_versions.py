"""Attachments become versions: a submission holds its files (SubmissionAttachment, which
protects them), and a replaced or removed file is hidden from the draft (`removed_at`)
instead of deleted. Every existing row is kept, as a current file; every existing
submission is linked to the rows its snapshot names (same kind and SHA-256)."""

import django.db.models.deletion
from django.db import migrations, models


def link_submitted_files(apps, schema_editor):
    Attachment = apps.get_model("funding", "Attachment")
    ProposalSubmission = apps.get_model("funding", "ProposalSubmission")
    SubmissionAttachment = apps.get_model("funding", "SubmissionAttachment")
    links = []
    for submission in ProposalSubmission.objects.order_by("pk").iterator():
        recorded = {
            (item["kind"], item["sha256"]) for item in submission.snapshot.get("attachments", [])
        }
        rows = Attachment.objects.filter(
            proposal_id=submission.proposal_id, sha256__in={sha for _kind, sha in recorded}
        )
        links += [
            SubmissionAttachment(submission_id=submission.pk, attachment_id=row.pk)
            for row in rows
            if (row.kind, row.sha256) in recorded
        ]
    SubmissionAttachment.objects.bulk_create(links, batch_size=500)


def refuse_to_lose_versions(apps, schema_editor):
    """Going back would leave two Part Bs for one proposal, or lose the hidden versions."""
    Attachment = apps.get_model("funding", "Attachment")
    if Attachment.objects.filter(removed_at__isnull=False).exists():
        raise RuntimeError(
            "Some proposals keep replaced or removed files that submissions hold; "
            "unapplying funding.0007 would lose them."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0006_project_status_change_action"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="attachment",
            name="attachment_one_part_b",
        ),
        migrations.AddField(
            model_name="attachment",
            name="removed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="removed from the draft at"
            ),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="proposal",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attachment_versions",
                to="funding.proposal",
                verbose_name="proposal",
            ),
        ),
        migrations.AddConstraint(
            model_name="attachment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "part_b"), ("removed_at__isnull", True)),
                fields=("proposal",),
                name="attachment_one_current_part_b",
                violation_error_message="A proposal has one Part B.",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, refuse_to_lose_versions),
        migrations.CreateModel(
            name="SubmissionAttachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "attachment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funding.attachment",
                    ),
                ),
                (
                    "submission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funding.proposalsubmission",
                    ),
                ),
            ],
            options={
                "verbose_name": "submitted file",
                "verbose_name_plural": "submitted files",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("submission", "attachment"), name="submission_attachment_unique"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="proposalsubmission",
            name="attachments",
            field=models.ManyToManyField(
                related_name="submissions",
                through="funding.SubmissionAttachment",
                to="funding.attachment",
                verbose_name="files",
            ),
        ),
        migrations.RunPython(link_submitted_files, migrations.RunPython.noop),
    ]
