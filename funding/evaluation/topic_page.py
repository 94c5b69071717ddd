"""What the manager's page of a topic in evaluation reads (/staff/evaluation/topics/<pk>/),
each part costing the rows it shows:

- the topic's submitted proposals: a proposal submitted at least once has its last
  submission's instant (`submitted_at`, stamped in the transaction that writes the
  submission and never cleared, the proposal reopened or withdrawn), so the filter is a
  column of the proposal's row, not a semi-join with every submission of the programme;
- the page's rows as the values they show (no model instances: a quarter of the time),
  their experts cleared and reports submitted the proposals' stored counts;
- the number of proposals per status, one grouped query on the index of the topic's
  submitted proposals by status, whose sum is the list's number of rows when no filter
  narrows it (the paginator is given it instead of counting the same rows again);
- the overdue reports, at most `OVERDUE_ROWS` of them, and whether there are more;
- the status labels of the page's rows, translated once per request, not once per row,
  and their addresses made from one `reverse` (`listing.pk_link`).
"""

from dataclasses import dataclass

from django.db.models import Count

from funding.evaluation.listing import pk_link
from funding.evaluation.models import Assignment, ConsensusStatus, ReportStatus
from funding.proposals.models import Proposal
from funding.proposals.statuses import ProposalStatus

OVERDUE_ROWS = 50


def submitted_proposals(topic):
    return Proposal.objects.filter(topic=topic, submitted_at__isnull=False)


def topic_proposals(topic):
    """The list's rows, as the values they show; the experts cleared and the reports
    submitted are each proposal's stored counts (`models_progress.ProposalProgress`), one
    join, not two counts compiled and run per row."""
    return (
        submitted_proposals(topic)
        .order_by("number")
        .values(
            "pk",
            "number",
            "acronym",
            "status",
            "coordinator__short_name",
            "coordinator__legal_name",
            "consensus_report__status",
            "evaluation_progress__cleared",
            "evaluation_progress__submitted",
        )
    )


@dataclass(frozen=True)
class StatusCounts:
    rows: list[tuple[str, int]]  # (label, number) in the workflow's order, zeros left out
    total: int


def topic_status_counts(topic) -> StatusCounts:
    labels = dict(ProposalStatus.choices)
    counts = dict(
        submitted_proposals(topic).order_by().values_list("status").annotate(n=Count("*"))
    )
    rows = [(labels[s], counts[s]) for s in ProposalStatus.values if counts.get(s)]
    return StatusCounts(rows=rows, total=sum(counts.values()))


def _label(labels: dict, value) -> str:
    return labels.get(value, value) if value else ""


@dataclass(frozen=True)
class ProposalRow:
    link: str
    number: str
    acronym: str
    coordinator: str  # as `Organisation.__str__` writes it
    status_label: str
    n_experts: int
    n_submitted: int
    consensus_label: str  # empty without a consensus report


def proposal_rows(values) -> list[ProposalRow]:
    """The page's `topic_proposals` values as rows: the address, and the status and
    consensus labels each translated once per request."""
    statuses = {value: str(label) for value, label in ProposalStatus.choices}
    consensus = {value: str(label) for value, label in ConsensusStatus.choices}
    link = pk_link("evaluation:proposal")
    return [
        ProposalRow(
            link=link(row["pk"]),
            number=row["number"],
            acronym=row["acronym"],
            coordinator=row["coordinator__short_name"] or row["coordinator__legal_name"],
            status_label=_label(statuses, row["status"]),
            # No stored row: no expert was ever assigned.
            n_experts=row["evaluation_progress__cleared"] or 0,
            n_submitted=row["evaluation_progress__submitted"] or 0,
            consensus_label=consensus.get(report, report)
            if (report := row["consensus_report__status"])
            else "",
        )
        for row in values
    ]


@dataclass(frozen=True)
class Overdue:
    rows: list
    more: bool


def topic_overdue(topic, *, deadline, now, to_write: int | None = None) -> Overdue:
    """The cleared experts' reports not submitted after the deadline, the first
    OVERDUE_ROWS by proposal number. An overdue report is one of the reports the topic's
    experts still have to write: given their number (`to_write`, the stored progress's
    total), none to write is none overdue, and nothing is read."""
    if not deadline or deadline >= now or to_write == 0:
        return Overdue(rows=[], more=False)
    rows = list(
        Assignment.objects.cleared()
        .filter(proposal__topic=topic, proposal__status=ProposalStatus.UNDER_EVALUATION)
        .exclude(report__status=ReportStatus.SUBMITTED)
        .select_related("expert", "proposal")
        .order_by("proposal__number", "pk")[: OVERDUE_ROWS + 1]
    )
    return Overdue(rows=rows[:OVERDUE_ROWS], more=len(rows) > OVERDUE_ROWS)
