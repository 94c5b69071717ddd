"""Evaluation of submitted proposals: experts' availability and assignments, conflict of
interest declarations, individual and consensus reports, panel priorities and the frozen
ranking that the Evaluation Summary Report shows.

Status changes of a proposal go through `funding.proposals.workflow`; these models hold
the work and the records behind each step.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.money import money_field
from funding.calls.models.calls import Call
from funding.calls.models.topics import AwardCriterion, Topic
from funding.proposals.models import Proposal, ProposalSubmission


def _score_field(verbose_name):
    return models.DecimalField(verbose_name, max_digits=6, decimal_places=2, null=True, blank=True)


ZERO = Decimal("0.00")


class ExpertAvailability(models.Model):
    """An expert says they can evaluate for a call."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="call_availabilities",
        verbose_name=_("expert"),
    )
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="expert_availabilities", verbose_name=_("call")
    )
    available = models.BooleanField(_("available"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("expert availability")
        verbose_name_plural = _("expert availabilities")
        constraints = [
            models.UniqueConstraint(fields=["expert", "call"], name="availability_unique_call")
        ]

    def __str__(self):
        return f"{self.expert} — {self.call.identifier}"


class TopicEvaluation(models.Model):
    """The evaluation of one topic: its deadline for reports, the lists and publication."""

    topic = models.OneToOneField(
        Topic, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("topic")
    )
    report_deadline = models.DateTimeField(
        _("deadline for individual reports"), null=True, blank=True
    )
    lists_computed_at = models.DateTimeField(_("lists computed at"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    results_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("topic evaluation")
        verbose_name_plural = _("topic evaluations")

    def __str__(self):
        return str(self.topic)


class EvaluatedVersion(models.Model):
    """The admissibility and eligibility decision, and the figures of the submission that is
    evaluated (the last one), stored once so that ranking and lists read them in SQL."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="evaluated_version"
    )
    submission = models.ForeignKey(
        ProposalSubmission, on_delete=models.PROTECT, related_name="+", verbose_name=_("submission")
    )
    requested = money_field(
        _("requested EU contribution (EUR)"), minimum=None, default=Decimal("0.00")
    )
    eligible_costs = money_field(_("eligible costs (EUR)"), minimum=None, default=ZERO)
    women = models.PositiveSmallIntegerField(_("women named"), default=0)
    men = models.PositiveSmallIntegerField(_("men named"), default=0)
    gender_gap = models.DecimalField(
        _("distance from 50/50"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.5"),
        help_text=_("0 is an even balance of women and men; 0.5 is one gender only or nobody."),
    )
    applicant_countries = models.PositiveSmallIntegerField(_("applicant countries"), default=0)
    problems = models.JSONField(_("problems found by the check"), default=list, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("evaluated version")
        verbose_name_plural = _("evaluated versions")

    def __str__(self):
        return f"{self.proposal.number} #{self.submission.number}"


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(released_at__isnull=True)

    def cleared(self):
        """Active, with a signed declaration of no conflict: the expert may see the proposal."""
        return self.active().filter(declaration__has_conflict=False)


class Assignment(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("proposal")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("expert"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    release_reason = models.TextField(_("why released"), blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["proposal", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "expert"],
                name="assignment_unique_expert",
                violation_error_message=_("This expert is already assigned to this proposal."),
            )
        ]

    def __str__(self):
        return f"{self.expert} — {self.proposal.number}"


class ConflictDeclaration(models.Model):
    """Signed by the expert before seeing the proposal: no conflict, or a conflict."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="declaration"
    )
    has_conflict = models.BooleanField(_("has a conflict of interest"))
    details = models.TextField(_("details"), blank=True)
    statement = models.TextField(_("statement signed"))
    signed_at = models.DateTimeField(_("signed at"))

    class Meta:
        verbose_name = _("conflict of interest declaration")
        verbose_name_plural = _("conflict of interest declarations")

    def __str__(self):
        return str(self.assignment)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class IndividualReport(models.Model):
    """An expert's Individual Evaluation Report (IER)."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="report")
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    saved_at = models.DateTimeField(_("last saved at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("individual evaluation report")
        verbose_name_plural = _("individual evaluation reports")

    def __str__(self):
        return str(self.assignment)


class IndividualScore(models.Model):
    report = models.ForeignKey(IndividualReport, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.PROTECT, related_name="+")
    score = _score_field(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["report", "criterion__position", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "criterion"], name="ier_score_unique")
        ]

    def __str__(self):
        return f"{self.report} — {self.criterion_id}"


class ConsensusStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CLOSED = "closed", _("Closed")


class ConsensusReport(models.Model):
    """The Consensus Report (CR): drafted by the rapporteur, approved by the other experts,
    closed by the programme manager."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="consensus_report"
    )
    rapporteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rapporteur"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ConsensusStatus.choices, default=ConsensusStatus.DRAFT
    )
    minority_views = models.TextField(
        _("minority views"),
        blank=True,
        help_text=_("Where the experts did not agree, say who held which view and why."),
    )
    saved_at = models.DateTimeField(_("last saved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consensus report")
        verbose_name_plural = _("consensus reports")

    def __str__(self):
        return str(self.proposal)

    @property
    def is_closed(self) -> bool:
        return self.status == ConsensusStatus.CLOSED


class ConsensusScore(models.Model):
    report = models.ForeignKey(ConsensusReport, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.PROTECT, related_name="+")
    score = _score_field(_("consensus score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["report", "criterion__position", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "criterion"], name="cr_score_unique")
        ]

    def __str__(self):
        return f"{self.report} — {self.criterion_id}"


class ConsensusApproval(models.Model):
    report = models.ForeignKey(ConsensusReport, on_delete=models.CASCADE, related_name="approvals")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    approved_at = models.DateTimeField(_("approved at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "expert"], name="cr_approval_unique")
        ]

    def __str__(self):
        return f"{self.report} — {self.expert_id}"


class PanelPriority(models.Model):
    """The panel's decision that a proposal covers parts of the call that higher-ranked ones
    do not: the first tie-break. A lower number ranks first among ex aequo proposals."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="panel_priority"
    )
    priority = models.PositiveSmallIntegerField(_("priority"), help_text=_("1 ranks first."))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("panel priority")
        verbose_name_plural = _("panel priorities")

    def __str__(self):
        return f"{self.proposal_id}: {self.priority}"


class ListKind(models.TextChoices):
    MAIN = "main", _("Main list")
    RESERVE = "reserve", _("Reserve list")
    REJECTED = "rejected", _("Rejected")


class RankingEntry(models.Model):
    """The ranking as frozen when the lists were computed; the ESR shows it."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="ranking")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="ranking_entries")
    position = models.PositiveSmallIntegerField(_("rank"))
    total = _score_field(_("total score"))
    weighted_total = _score_field(_("weighted total"))
    passed = models.BooleanField(_("above all thresholds"))
    list_kind = models.CharField(_("list"), max_length=10, choices=ListKind.choices)
    list_reason = models.CharField(_("why on this list"), max_length=255, blank=True)
    # The reason as codes, worded in the reader's language (ranking.frozen.entry_reason).
    reason_codes = models.JSONField(_("why on this list, as codes"), default=list, blank=True)
    separated_by = models.CharField(_("separated from the next by"), max_length=255, blank=True)
    # What the ranking page shows of a frozen topic, read from here and never recomputed.
    scores = models.JSONField(_("consensus scores by criterion"), default=dict, blank=True)
    requested = money_field(_("requested EU contribution (EUR)"), minimum=None, default=ZERO)
    separated_code = models.CharField(max_length=40, blank=True)
    tied_with_next = models.BooleanField(default=False)
    panel_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        ordering = ["topic", "position"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "position"], name="ranking_unique_position"),
            models.CheckConstraint(condition=Q(position__gte=1), name="ranking_position_positive"),
        ]

    def __str__(self):
        return f"{self.topic_id} #{self.position}"


class RedressOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Rejected")


class RedressRequest(models.Model):
    """An applicant's request for an evaluation review (redress), on procedure only, and
    the programme manager's decision on it. Open while `decided_at` is empty."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="redress_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    grounds = models.TextField(_("grounds"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=RedressOutcome, blank=True)
    reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("evaluation review request")
        verbose_name_plural = _("evaluation review requests")
        ordering = ["proposal", "requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(decided_at__isnull=True),
                name="redress_one_open_per_proposal",
            ),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True, outcome="", reason="")
                | (Q(decided_at__isnull=False) & ~Q(outcome="") & ~Q(reason="")),
                name="redress_decided_with_outcome_and_reason",
            ),
        ]

    def __str__(self):
        return f"{self.proposal_id} @ {self.requested_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None
