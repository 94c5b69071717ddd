"""Amendments of a grant agreement: a request with a reason, approved or refused by a
programme manager on the one workflow engine, kept as history, and reflected in the
project once approved (funding.portfolio.amendments)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.money import money_field
from funding.portfolio.models.projects import FundedProject, Participant, ParticipantRole


class AmendmentKind(models.TextChoices):
    END_DATE = "end_date", _("Change of end date")
    BUDGET_TRANSFER = "budget_transfer", _("Budget transfer between beneficiaries")
    PARTNER_ADDED = "partner_added", _("Partner added")
    PARTNER_LEAVING = "partner_leaving", _("Partner leaving")


# Who may join a consortium by an amendment (the coordinator is named at selection).
JOINING_ROLES = (
    ParticipantRole.BENEFICIARY,
    ParticipantRole.AFFILIATED_ENTITY,
    ParticipantRole.ASSOCIATED_PARTNER,
)


class AmendmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class Amendment(models.Model):
    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="amendments")
    kind = models.CharField(_("kind"), max_length=20, choices=AmendmentKind.choices)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.REQUESTED,
        editable=False,
    )
    new_end_date = models.DateField(_("new end date"), null=True, blank=True)
    from_participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("from"),
    )
    to_participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("to"),
    )
    amount = money_field(_("amount (EUR)"), null=True, blank=True)
    organisation = models.ForeignKey(
        "cooperation.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("organisation joining"),
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["project", "-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0),
                name="amendment_amount_positive",
            )
        ]

    def __str__(self):
        return f"{self.project.acronym}: {self.get_kind_display()}"


class AmendmentStatusChange(models.Model):
    """One row per decision on an amendment: who, when, from, to, why."""

    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, related_name="status_changes"
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, choices=AmendmentStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=AmendmentStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("amendment decision")
        verbose_name_plural = _("amendment decisions")
        ordering = ["amendment", "changed_at", "pk"]

    def __str__(self):
        return f"{self.amendment_id}: {self.from_status} → {self.to_status}"
