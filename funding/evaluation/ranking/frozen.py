"""The ranking as the manager sees it: once the lists are made, read from the frozen
ranking entries (a page of stored rows, nothing recomputed, the same whatever changes
afterwards); before that, a live preview computed from the consensus reports, of which
only the rows shown are explained."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator

from funding.evaluation.models import ListKind, RankingEntry
from funding.evaluation.models_inputs import RankingInputs
from funding.evaluation.ranking.loading import criteria_of, topic_ranking
from funding.evaluation.ranking.preview import LivePreview
from funding.evaluation.ranking.rules import (
    Candidate,
    CriterionInfo,
    FailureTexts,
    Outcome,
    Ranked,
    explain_rows,
    list_reasons,
    reasons_text,
)
from funding.proposals.models import Proposal

ENTRY_FIELDS = (
    "proposal__number",
    "proposal__acronym",
    "proposal__title",
    "position",
    "total",
    "weighted_total",
    "passed",
    "list_kind",
    "list_reason",
    "reason_codes",
    "separated_by",
    "separated_code",
    "tied_with_next",
    "scores",
    "requested",
    "panel_reason",
)


def frozen_figures(row: Ranked) -> dict:
    """What a ranking entry keeps of its row besides the position, totals and list, so that
    the frozen ranking is shown from the entries alone."""
    return {
        "scores": {
            str(pk): None if score is None else f"{score:.2f}"
            for pk, score in row.candidate.scores.items()
        },
        "requested": row.candidate.requested,
        "separated_code": row.separated_code[:40],
        "tied_with_next": row.tied_with_next,
        "panel_reason": row.candidate.panel_reason,
        "reason_codes": list_reasons(row),
    }


def frozen_entry(*, topic, proposal, row: Ranked, reason: str) -> RankingEntry:
    """The ranking entry of a row as the freeze stores it (`reason`: why on its list)."""
    return RankingEntry(
        proposal=proposal,
        topic=topic,
        position=row.position,
        total=row.candidate.outcome.total,
        weighted_total=row.candidate.outcome.weighted_total,
        passed=row.candidate.outcome.passed,
        list_kind=row.list_kind,
        list_reason=reason[:255],
        separated_by=row.separated_by[:255],
        **frozen_figures(row),
    )


def entry_reason(entry: RankingEntry, texts: FailureTexts | None = None) -> str:
    """Why the entry is on its list, in the reader's language: worded from its codes, or
    the text stored when it was frozen (entries frozen before the codes, a code unknown)."""
    return reasons_text(entry.reason_codes, texts) or entry.list_reason


def _score(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def stored_rows(entries: Iterable[dict]) -> list[Ranked]:
    """Ranked rows from ranking entries as `frozen_entries` reads them (their values)."""
    rows = []
    texts = FailureTexts.translated()  # once for all the rows
    for entry in entries:
        reason = reasons_text(entry["reason_codes"], texts) or entry["list_reason"]  # entry_reason
        number, passed = entry["proposal__number"], entry["passed"]
        candidate = Candidate(
            proposal_id=entry["proposal_id"],
            number=number,
            scores={int(pk): _score(score) for pk, score in entry["scores"].items()},
            outcome=Outcome(
                total=entry["total"],
                weighted_total=entry["weighted_total"],
                passed=passed,
                # A rejected entry's reason is its threshold failures, as frozen.
                failures=() if passed else (reason,),
            ),
            panel_reason=entry["panel_reason"],
            requested=entry["requested"],
            # Proposal.display_name
            label=entry["proposal__acronym"] or entry["proposal__title"] or number,
        )
        rows.append(
            Ranked(
                candidate=candidate,
                position=entry["position"],
                separated_by=entry["separated_by"],
                separated_code=entry["separated_code"],
                tied_with_next=entry["tied_with_next"],
                list_kind=ListKind(entry["list_kind"]),
                list_reason=reason,
            )
        )
    return rows


def frozen_entries(topic):
    """The topic's entries in rank order, with what the page shows of their proposals, as
    values (no model instance per row)."""
    return (
        RankingEntry.objects.filter(topic=topic)
        .order_by("position")
        .values("proposal_id", *ENTRY_FIELDS)
    )


PROPOSAL_FIELDS = {
    "proposal__number": "number",
    "proposal__acronym": "acronym",
    "proposal__title": "title",
}


def _own_entries(topic):
    """The topic's entries in rank order, their own columns only (a page of them)."""
    own = [field for field in ENTRY_FIELDS if field not in PROPOSAL_FIELDS]
    return RankingEntry.objects.filter(topic=topic).order_by("position").values("proposal_id", *own)


def _with_proposals(entries: list[dict]) -> list[dict]:
    """The entries with what the page shows of their proposals, read in one query."""
    proposals = Proposal.objects.filter(pk__in=[entry["proposal_id"] for entry in entries])
    shown = {row["pk"]: row for row in proposals.values("pk", *PROPOSAL_FIELDS.values())}
    for entry in entries:
        proposal = shown[entry["proposal_id"]]
        entry.update({key: proposal[name] for key, name in PROPOSAL_FIELDS.items()})
    return entries


def frozen_ranking(topic) -> list[Ranked]:
    """The whole frozen ranking of the topic, in rank order."""
    return stored_rows(frozen_entries(topic))


def ranking_rows(*, topic, frozen: bool) -> tuple[list[CriterionInfo], list[Ranked]]:
    """The whole ranking (the exports): the frozen entries, or the live ranking."""
    if frozen:
        return criteria_of(topic), frozen_ranking(topic)
    return topic_ranking(topic)


@dataclass(frozen=True)
class RankingPage:
    criteria: list[CriterionInfo]
    page: Page
    frozen: bool


def ranking_page(*, topic, frozen: bool, number, per_page: int) -> RankingPage:
    """A page of the topic's ranking: of the frozen entries (a count and a page of rows),
    or of the live preview (ordered in the database, the shown rows read and explained:
    ranking.preview). Each row
    gets `score_list`, its scores in the criteria's order."""
    criteria = criteria_of(topic)
    if frozen:
        # Counted and paged on the entries alone (the topic's index, no join), then the
        # page's proposals read by primary key: cheap whatever the planner's statistics
        # say (fresh after a freeze they count no entry).
        page = Paginator(_own_entries(topic), per_page).get_page(number)
        page.object_list = stored_rows(_with_proposals(list(page.object_list)))
    else:
        # Ordered in the database; only the shown rows are read and explained.
        preview = LivePreview(topic, criteria, RankingInputs.objects.token_of(topic))
        page = Paginator(preview, per_page).get_page(number)
        explain_rows(page.object_list, criteria, topic.overall_threshold)
    for row in page.object_list:
        row.score_list = [row.candidate.scores.get(c.id) for c in criteria]
    return RankingPage(criteria=criteria, page=page, frozen=frozen)
