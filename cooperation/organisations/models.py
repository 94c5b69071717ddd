from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class OrganisationType(models.TextChoices):
    PUBLIC_BODY = "PUB", _("Public body / law enforcement")
    RESEARCH = "REC", _("Research organisation")
    HIGHER_EDUCATION = "HES", _("Higher education")
    PRIVATE_COMPANY = "PRC", _("Private company")
    CIVIL_SOCIETY = "CSO", _("Civil-society organisation")
    INTERNATIONAL = "INT", _("International organisation")


class OrganisationQuerySet(models.QuerySet):
    def registry(self):
        """The organisations anyone may pick: not the pending ones, which an applicant typed
        into a consortium and which are seen only through that proposal until claimed."""
        return self.filter(is_pending=False)

    def for_user(self, user):
        """The organisations a user is a member of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


class Organisation(models.Model):
    """A legal entity: applicant, partner, stakeholder, employer of an expert."""

    legal_name = models.CharField(_("legal name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    country = CountryField(_("country"))
    organisation_type = models.CharField(
        _("organisation type"), max_length=3, choices=OrganisationType.choices
    )
    pic = models.CharField(
        _("PIC"),
        max_length=9,
        blank=True,
        help_text=_(
            "Participant Identification Code: nine digits, from the EU Funding & Tenders portal."
        ),
        validators=[RegexValidator(r"^\d{9}$", _("A PIC is exactly nine digits."))],
    )
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Typed into a consortium by another organisation's applicant: not in the registry
    # until someone registers it as theirs (organisation_register claims it).
    is_pending = models.BooleanField(
        _("pending"),
        default=False,
        db_index=True,
        help_text=_("Typed into a consortium by an applicant; not yet registered by its people."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["legal_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pic"],
                condition=~models.Q(pic=""),
                name="organisation_unique_pic",
                violation_error_message=_("An organisation with this PIC is already registered."),
            ),
            models.UniqueConstraint(
                fields=["legal_name", "country"],
                name="organisation_unique_name_country",
                violation_error_message=_(
                    "An organisation with this legal name is already registered in this country."
                ),
            ),
        ]

    def __str__(self):
        return self.short_name or self.legal_name

    @property
    def display_name(self):
        if self.short_name and self.short_name != self.legal_name:
            return f"{self.legal_name} ({self.short_name})"
        return self.legal_name


class MembershipRole(models.TextChoices):
    CONTACT = "contact", _("Contact person")
    MEMBER = "member", _("Member")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Legal representative")


class Membership(models.Model):
    """A person speaking for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=24, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_user_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"
