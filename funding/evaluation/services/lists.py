"""The lists made when a topic's ranking is frozen (results.topic_compute_lists, on the
task worker): each waiting proposal ranked, then placed on its list with the reason, through
the proposal workflow in two bulk changes, and its ranking entry stored, all or nothing."""

from funding.evaluation.models import ListKind, RankingEntry
from funding.evaluation.ranking.frozen import frozen_entry
from funding.evaluation.ranking.rules import Ranked
from funding.proposals.lifecycle import proposal_transition_many
from funding.proposals.models import Proposal
from funding.proposals.statuses import ProposalAction

LIST_ACTIONS = {
    ListKind.MAIN: ProposalAction.PLACE_MAIN,
    ListKind.RESERVE: ProposalAction.PLACE_RESERVE,
    ListKind.REJECTED: ProposalAction.REJECT,
}
ENTRY_BATCH = 1000


def list_reason(row: Ranked) -> str:
    """Why the proposal is on its list; a rejected one's, its threshold failures."""
    if row.list_kind == ListKind.REJECTED:
        return row.candidate.outcome.explanation or row.list_reason
    return row.list_reason


def lists_write(*, topic, rows: list[Ranked], user, now, published: bool) -> None:
    """Rank and place the proposals of `rows` (explained, all waiting with a closed
    consensus, locked by the caller) and store their entries. Each change is judged by the
    workflow as one change is; what its guards and stamp would read per proposal is set on
    the locked rows from what is already known: whether the results are published (the
    locked evaluation) and the consensus outcome (the ranking's loading query)."""
    by_pk = {row.candidate.proposal_id: row for row in rows}

    def prepare(proposals) -> None:
        for proposal in proposals:
            proposal.results_published = published
            proposal.ranked_outcome = by_pk[proposal.pk].candidate.outcome

    proposal_transition_many(
        changes=[(Proposal(pk=pk), ProposalAction.RANK, "") for pk in by_pk],
        user=user,
        now=now,
        related=("consensus_report",),  # the guard's; nothing reads the topic here
        prepare=prepare,
    )
    reasons = {pk: list_reason(row) for pk, row in by_pk.items()}
    placed = proposal_transition_many(
        changes=[
            (Proposal(pk=pk), LIST_ACTIONS[row.list_kind], reasons[pk]) for pk, row in by_pk.items()
        ],
        user=user,
        now=now,
        related=(),
        prepare=prepare,
    )
    # The lists are made once (the caller holds the evaluation's lock): no entry exists yet.
    RankingEntry.objects.bulk_create(
        (
            frozen_entry(
                topic=topic, proposal=proposal, row=by_pk[proposal.pk], reason=reasons[proposal.pk]
            )
            for proposal in placed
        ),
        batch_size=ENTRY_BATCH,
    )
