"""Proposals: what an applicant consortium submits to a topic.

A proposal has sections that save independently (general information, consortium and
budget, personnel, attachments). Every save bumps `lock_version`, so two people editing
the same proposal cannot silently overwrite each other. Each submission is kept as an
immutable, numbered snapshot with a SHA-256 checksum.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cooperation.models import Membership, Organisation
from core.files import private_storage
from core.money import money_field
from funding.calls.models.topics import Topic
from funding.proposals.statuses import ProposalStatus

# A single budget line above this is a typing error, not a proposal.
MAX_BUDGET_LINE = Decimal("100000000.00")


ZERO = Decimal("0.00")


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Proposals of the organisations the user belongs to, as coordinator or partner."""
        if not user.is_authenticated:
            return self.none()
        organisations = Membership.objects.filter(user=user).values("organisation")
        # One IN over a UNION of two index lookups (proposals by coordinator, partners by
        # organisation): its cost follows the user's own proposals. An OR of two IN
        # subqueries makes PostgreSQL scan every proposal and probe both sets for each.
        coordinated = Proposal.objects.filter(coordinator__in=organisations).order_by().values("pk")
        as_partner = (
            Partner.objects.filter(organisation__in=organisations).order_by().values("proposal")
        )
        return self.filter(pk__in=coordinated.union(as_partner))

    def editable_by(self, user):
        """Proposals the user may change: those their organisation coordinates."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            coordinator__in=Membership.objects.filter(user=user).values("organisation")
        )

    def evaluable(self):
        """Proposals with at least one submission that were not withdrawn. After the
        deadline, a proposal's last ProposalSubmission is the version evaluated, even if
        the proposal was reopened and not submitted again."""
        submitted = ProposalSubmission.objects.filter(proposal=OuterRef("pk"))
        return self.filter(Exists(submitted)).exclude(status=ProposalStatus.WITHDRAWN)

    def for_dashboard(self):
        """The columns the applicant dashboard shows and its next action reads (the topic's
        dates, the coordinator's names), with the topic and coordinator in the same query."""
        return self.select_related("topic", "coordinator").only(
            *DASHBOARD_FIELDS,
            *(f"topic__{name}" for name in DASHBOARD_TOPIC_FIELDS),
            *(f"coordinator__{name}" for name in DASHBOARD_COORDINATOR_FIELDS),
        )


# What a row of the applicant dashboard reads (funding.proposals.views.dashboard).
DASHBOARD_FIELDS = (
    "number",
    "acronym",
    "status",
    "submitted_at",
    "updated_at",
    "topic",
    "coordinator",
)
DASHBOARD_TOPIC_FIELDS = ("identifier", "opening_at", "deadline_at")
DASHBOARD_COORDINATOR_FIELDS = ("legal_name", "short_name")


class Proposal(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("topic")
    )
    number = models.CharField(_("proposal number"), max_length=30, unique=True, editable=False)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    abstract = models.TextField(
        _("abstract"), blank=True, help_text=_("At most 2,000 characters."), max_length=2000
    )
    keywords = models.CharField(
        _("keywords"), max_length=255, blank=True, help_text=_("Separated by commas.")
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    coordinator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="coordinated_proposals",
        verbose_name=_("coordinating organisation"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("last submitted at"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last saved at"))

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["topic", "status"]),
            # A topic's proposals submitted at least once, per status (the evaluation's
            # topic page counts them from this index alone).
            models.Index(
                fields=["topic", "status"],
                condition=Q(submitted_at__isnull=False),
                name="proposal_submitted_status",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.acronym}".strip()

    @property
    def display_name(self):
        return self.acronym or self.title or self.number

    @property
    def attachments(self):
        """The draft's files: the current versions. Every version, the replaced and removed
        ones that submissions hold included, is `attachment_versions`."""
        return self.attachment_versions.current()


class PartnerRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    BENEFICIARY = "beneficiary", _("Beneficiary")
    AFFILIATED_ENTITY = "affiliated", _("Affiliated entity")
    ASSOCIATED_PARTNER = "associated", _("Associated partner")


# Applicants for the eligibility rules: associated partners and affiliated entities do not
# count towards the minimum number of applicants or countries (Horizon Europe rules).
APPLICANT_ROLES = frozenset({PartnerRole.COORDINATOR, PartnerRole.BENEFICIARY})


class Partner(models.Model):
    """An organisation in a proposal's consortium, with its budget."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="partners", verbose_name=_("proposal")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="proposal_partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=12, choices=PartnerRole.choices)
    personnel_costs = money_field(_("personnel costs (EUR)"), default=ZERO, maximum=MAX_BUDGET_LINE)
    subcontracting_costs = money_field(
        _("subcontracting (EUR)"), default=ZERO, maximum=MAX_BUDGET_LINE
    )
    purchase_costs = money_field(_("purchase costs (EUR)"), default=ZERO, maximum=MAX_BUDGET_LINE)
    other_direct_costs = money_field(
        _("other direct costs (EUR)"), default=ZERO, maximum=MAX_BUDGET_LINE
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The coordinator shares the proposal with the partner: from then on the partner
    # organisation's members fill its own budget lines and personnel.
    shared_at = models.DateTimeField(_("shared with the partner at"), null=True, blank=True)
    share_completed_at = models.DateTimeField(_("share marked complete at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["proposal", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"],
                name="partner_unique_organisation",
                violation_error_message=_("This organisation is already in the consortium."),
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(role="coordinator"),
                name="partner_one_coordinator",
                violation_error_message=_("A proposal has one coordinator."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class Person(models.Model):
    """Named personnel; gender is optional and used only for the gender-balance tie-break."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="people", verbose_name=_("proposal")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="people", verbose_name=_("partner")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    role_in_project = models.CharField(_("role in the project"), max_length=120, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)

    class Meta:
        verbose_name = _("named person")
        verbose_name_plural = _("named personnel")
        ordering = ["proposal", "last_name", "first_name", "pk"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class AttachmentKind(models.TextChoices):
    PART_B = "part_b", _("Technical description (Part B)")
    ANNEX = "annex", _("Annex")


class AttachmentQuerySet(models.QuerySet):
    def current(self):
        """The files of the draft: those not replaced or removed since."""
        return self.filter(removed_at__isnull=True)


class Attachment(models.Model):
    """One version of a file. A row and its bytes never change; a submission that holds
    a row keeps it (SubmissionAttachment protects it). Replacing Part B or removing an
    annex hides a submitted row from the draft (`removed_at`); a row no submission holds
    is deleted, and its bytes once the change is committed."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="attachment_versions",
        verbose_name=_("proposal"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), storage=private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    removed_at = models.DateTimeField(
        _("removed from the draft at"), null=True, blank=True, editable=False
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["proposal", "kind", "original_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(kind="part_b", removed_at__isnull=True),
                name="attachment_one_current_part_b",
                violation_error_message=_("A proposal has one Part B."),
            )
        ]

    def __str__(self):
        return self.original_name


class ProposalStatusChange(models.Model):
    """History: who moved a proposal from which status to which, when and why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=ProposalStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ProposalStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("at"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("proposal status change")
        verbose_name_plural = _("proposal status changes")
        ordering = ["proposal", "changed_at", "pk"]

    def __str__(self):
        return f"{self.proposal}: {self.from_status} → {self.to_status}"


class ProposalSubmission(models.Model):
    """One submission, frozen: the canonical JSON of the proposal and its checksum."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField(_("submission number"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    snapshot = models.JSONField(_("snapshot"))
    checksum = models.CharField(_("SHA-256 of the snapshot"), max_length=64)
    attachments = models.ManyToManyField(
        Attachment,
        through="SubmissionAttachment",
        related_name="submissions",
        verbose_name=_("files"),
    )

    class Meta:
        verbose_name = _("proposal submission")
        verbose_name_plural = _("proposal submissions")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="submission_unique_number")
        ]

    def __str__(self):
        return f"{self.proposal.number} #{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A submission is a record and cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A submission is a record and cannot be deleted."))


class SubmissionAttachment(models.Model):
    """A file a submission holds. Neither side can be deleted while the link exists, so
    the bytes of every submission stay reachable."""

    submission = models.ForeignKey(ProposalSubmission, on_delete=models.PROTECT, related_name="+")
    attachment = models.ForeignKey(Attachment, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "attachment"], name="submission_attachment_unique"
            )
        ]

    def __str__(self):
        return f"{self.submission}: {self.attachment}"
