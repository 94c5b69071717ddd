"""Grant preparation: the checklist a programme manager follows between the selection of a
proposal and the signature of its grant agreement, and each beneficiary's legal entity and
bank account.

The deadline is derived, never stored: the topic's deadline plus
`settings.GRANT_PREPARATION_MONTHS` (eight by default, DOMAIN.md's time to grant).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from localflavor.generic.models import BICField, IBANField

from core.files import private_storage
from funding.portfolio.models.projects import FundedProject, Participant


class GrantPreparation(models.Model):
    """What has been done of a project's checklist, by whom and when. A project without
    this row has done nothing yet."""

    project = models.OneToOneField(
        FundedProject, on_delete=models.CASCADE, related_name="grant_preparation"
    )
    consortium_confirmed_at = models.DateTimeField(
        _("consortium and budget confirmed at"), null=True, blank=True
    )
    consortium_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    description = models.FileField(
        _("description of action (Part B)"),
        storage=private_storage,
        upload_to="grants/%Y/",
        blank=True,
    )
    description_name = models.CharField(_("file name"), max_length=255, blank=True)
    description_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    description_attached_at = models.DateTimeField(_("attached at"), null=True, blank=True)
    description_attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    dates_agreed_at = models.DateTimeField(_("dates agreed at"), null=True, blank=True)
    dates_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("grant preparation")
        verbose_name_plural = _("grant preparations")

    def __str__(self):
        return str(self.project)


class BeneficiaryAccount(models.Model):
    """A beneficiary's validated legal entity and bank account. The IBAN is checked by
    django-localflavor (ISO 13616: country length and the mod-97 check digits)."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="account"
    )
    registration_number = models.CharField(_("legal registration or VAT number"), max_length=40)
    account_holder = models.CharField(_("account holder"), max_length=200)
    iban = IBANField(_("IBAN"))
    bic = BICField(_("BIC"), blank=True)
    validated_at = models.DateTimeField(_("validated at"))
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("beneficiary's legal entity and bank account")
        verbose_name_plural = _("beneficiaries' legal entities and bank accounts")

    def __str__(self):
        return f"{self.participant}: {self.iban}"

    @property
    def masked_iban(self) -> str:
        """The IBAN as lists show it: country, check digits and the last four characters."""
        return f"{self.iban[:4]} … {self.iban[-4:]}" if self.iban else ""
