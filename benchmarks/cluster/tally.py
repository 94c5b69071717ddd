"""What the cluster holds after the rush, asked on the client host:
`python -m benchmarks.cluster.tally OUT.json --wait SECONDS`. Waits (bounded) until the
worker has sent every receipt recorded, then writes each stored submission's instant and
the receipt mails found in the mail folder."""

import argparse
import json
import time
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from core.models import OutgoingMail  # noqa: E402
from funding.models import ProposalSubmission  # noqa: E402

RECEIPTS = {"subject__startswith": "Proposal CL-"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--wait", type=float, default=120)
    arguments = parser.parse_args()
    until = time.monotonic() + arguments.wait
    while time.monotonic() < until and OutgoingMail.objects.unsent().filter(**RECEIPTS).exists():
        time.sleep(0.5)
    stored = {
        proposal_id: submitted_at.timestamp()
        for proposal_id, submitted_at in ProposalSubmission.objects.filter(
            proposal__topic__identifier="CLUSTER-TOPIC"
        ).values_list("proposal_id", "submitted_at")
    }
    folder = Path(settings.EMAIL_FILE_PATH)
    texts = [path.read_text(errors="replace") for path in sorted(folder.glob("*.log"))]
    with open(arguments.out, "w") as out:
        json.dump(
            {
                "stored": stored,
                "mail_texts": texts,
                "recorded_mails": OutgoingMail.objects.filter(**RECEIPTS).count(),
                "unsent_mails": OutgoingMail.objects.unsent().filter(**RECEIPTS).count(),
                # Tasks a killed worker had claimed, taken again by the one started after it.
                "tasks_taken_again": sum(
                    1
                    for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
                    if len(ids) > 1
                ),
                "tasks_not_done": DBTaskResult.objects.exclude(status="SUCCESSFUL").count(),
            },
            out,
        )


if __name__ == "__main__":
    main()
