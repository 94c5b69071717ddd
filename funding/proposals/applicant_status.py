"""The one status an applicant sees of a proposal.

Until the topic's results are published (`TopicEvaluation.results_published_at`), every
status the evaluation reaches once the experts are at work reads "Under evaluation": the
consensus, the ranking, the main and reserve lists, the rejection and the funding decision
are told with the Evaluation Summary Report, not before. The admissibility and eligibility
decisions are shown when they are taken, with their reason, as they always were: they come
before the experts' work, and an inadmissible proposal gets no Evaluation Summary Report.

Everything an applicant reaches reads this status: the dashboard's filter, counts and
ordering (`with_applicant_status`, one annotation), the proposal page, its history rows and
the actions it offers (`proposal_applicant_status`, the same rule for one object).
"""

from django.db.models import Case, CharField, Exists, F, IntegerField, OuterRef, Value, When

from funding.evaluation.models import TopicEvaluation
from funding.proposals.statuses import ProposalAction, ProposalStatus

S = ProposalStatus
# Statuses that tell the experts' or the panel's work: hidden until publication.
HIDDEN_UNTIL_PUBLISHED = frozenset(
    {
        S.UNDER_EVALUATION,
        S.CONSENSUS,
        S.RANKED,
        S.MAIN_LIST,
        S.RESERVE_LIST,
        S.REJECTED,
        S.SELECTED,
        S.NOT_FUNDED,
    }
)
SHOWN_BEFORE_PUBLICATION = S.UNDER_EVALUATION
# Ordering by status follows the proposal's life, not the alphabet of the codes.
STATUS_RANK = {status: position for position, status in enumerate(S.values)}
# History rows the applicant sees before publication: their own steps and admissibility.
APPLICANT_ACTIONS = frozenset(
    {
        ProposalAction.SUBMIT,
        ProposalAction.REOPEN,
        ProposalAction.WITHDRAW,
        ProposalAction.ADMIT,
        ProposalAction.DECLARE_INADMISSIBLE,
        ProposalAction.DECLARE_INELIGIBLE,
    }
)


def applicant_status(status: str, published: bool) -> str:
    """The status code an applicant sees, given the real one and whether the topic's
    results are published. Any value outside the hidden set is shown as it is."""
    if status in HIDDEN_UNTIL_PUBLISHED and not published:
        return SHOWN_BEFORE_PUBLICATION
    return status


def status_label(code: str) -> str:
    try:
        return S(code).label
    except ValueError:
        return code


def results_published(proposal) -> bool:
    """Whether the proposal's topic has published its results; read from the annotation
    `results_published` when the proposal comes from `with_applicant_status`."""
    annotated = getattr(proposal, "results_published", None)
    if annotated is not None:
        return bool(annotated)
    if proposal.status not in HIDDEN_UNTIL_PUBLISHED:
        return False  # nothing to hide or reveal: no query
    return TopicEvaluation.objects.filter(
        topic_id=proposal.topic_id, results_published_at__isnull=False
    ).exists()


def topics_with_results_published(topic_ids) -> set[int]:
    """Which of these topics have published their results (one query, none for no topic)."""
    if not topic_ids:
        return set()
    return set(
        TopicEvaluation.objects.filter(
            topic_id__in=topic_ids, results_published_at__isnull=False
        ).values_list("topic_id", flat=True)
    )


def proposal_applicant_status(proposal) -> str:
    """`applicant_status` of one proposal (the Python side of `with_applicant_status`)."""
    return applicant_status(proposal.status, results_published(proposal))


def change_shown_to_applicant(change, published: bool) -> bool:
    """History rows of the evaluation stay hidden until the results are published."""
    return published or change.action in APPLICANT_ACTIONS


def _published():
    published = TopicEvaluation.objects.filter(results_published_at__isnull=False)
    return Exists(published.filter(topic=OuterRef("topic_id")))


def with_results_published(queryset):
    """Annotate `results_published` alone: all that `proposal_applicant_status` needs for
    one proposal (a page about one proposal has no use for the ordering rank)."""
    return queryset.annotate(results_published=_published())


def with_applicant_status(queryset):
    """Annotate `results_published`, `applicant_status` (the code the applicant sees) and
    alias `applicant_status_rank` (its place in the proposal's life, for ordering: compiled
    into the SQL only when a query orders by it)."""
    hidden = sorted(HIDDEN_UNTIL_PUBLISHED)
    annotated = with_results_published(queryset).annotate(
        applicant_status=Case(
            When(
                results_published=False,
                status__in=hidden,
                then=Value(SHOWN_BEFORE_PUBLICATION.value),
            ),
            default=F("status"),
            output_field=CharField(),
        )
    )
    # The rank of the status shown, written on the real status: a When on
    # `applicant_status` would repeat its CASE (and the EXISTS inside it) once per status
    # in the SQL, which the database then evaluates and the ORM compiles every time.
    return annotated.alias(
        applicant_status_rank=Case(
            When(
                results_published=False,
                status__in=hidden,
                then=Value(STATUS_RANK[SHOWN_BEFORE_PUBLICATION]),
            ),
            *[When(status=code, then=Value(rank)) for code, rank in STATUS_RANK.items()],
            default=Value(len(STATUS_RANK)),
            output_field=IntegerField(),
        )
    )
