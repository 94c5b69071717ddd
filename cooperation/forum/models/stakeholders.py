"""The forum secretariat's stakeholder registry, on top of Organisation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from cooperation.organisations.models import Organisation, OrganisationType


class StakeholderCategory(models.TextChoices):
    GOVERNMENT = "government", _("Government or public authority")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    TECHNOLOGY_COMPANY = "technology_company", _("Technology company")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    INTERNATIONAL = "international", _("International organisation")
    REGIONAL = "regional", _("Regional organisation")
    RESEARCH = "research", _("Research")


# The organisation type a stakeholder category implies when the registry creates one.
CATEGORY_ORGANISATION_TYPE = {
    StakeholderCategory.GOVERNMENT: OrganisationType.PUBLIC_BODY,
    StakeholderCategory.LAW_ENFORCEMENT: OrganisationType.PUBLIC_BODY,
    StakeholderCategory.TECHNOLOGY_COMPANY: OrganisationType.PRIVATE_COMPANY,
    StakeholderCategory.CIVIL_SOCIETY: OrganisationType.CIVIL_SOCIETY,
    StakeholderCategory.INTERNATIONAL: OrganisationType.INTERNATIONAL,
    StakeholderCategory.REGIONAL: OrganisationType.INTERNATIONAL,
    StakeholderCategory.RESEARCH: OrganisationType.RESEARCH,
}


class WeProtectCategory(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    TECHNOLOGY = "technology", _("Technology company")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    INTERNATIONAL = "international", _("International organisation")
    REGIONAL = "regional", _("Regional organisation")


class StakeholderQuerySet(models.QuerySet):
    def for_table(self):
        """A list's rows; their tags through forum.selectors.stakeholders_with_tag_names
        (or prefetch_related("tags") for one stakeholder's page)."""
        return self.select_related("organisation")

    def public_members(self):
        """Stakeholders that may be listed publicly: WeProtect or EU Internet Forum members."""
        return self.filter(
            models.Q(weprotect_member_since__isnull=False)
            | models.Q(forum_participant_since__isnull=False)
        )


class Stakeholder(models.Model):
    """An organisation the forum secretariat works with."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="stakeholder",
        verbose_name=_("organisation"),
    )
    category = models.CharField(
        _("stakeholder category"), max_length=24, choices=StakeholderCategory.choices
    )
    weprotect_member_since = models.DateField(
        _("WeProtect Global Alliance member since"), null=True, blank=True
    )
    weprotect_category = models.CharField(
        _("WeProtect membership category"),
        max_length=16,
        choices=WeProtectCategory.choices,
        blank=True,
    )
    weprotect_board_seat = models.BooleanField(_("WeProtect board seat"), default=False)
    forum_participant_since = models.DateField(
        _("EU Internet Forum participant since"), null=True, blank=True
    )
    tags = TaggableManager(_("tags"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["organisation__legal_name"]

    def __str__(self):
        return str(self.organisation)

    @property
    def country(self):
        return self.organisation.country

    @property
    def category_label(self) -> str:
        """get_category_display() without its cost: Django rebuilds the choices' map and
        translates every label on each call (a list page called it per row)."""
        if self.category in StakeholderCategory.values:
            return StakeholderCategory(self.category).label
        return self.category

    @property
    def website(self):
        return self.organisation.website

    @property
    def is_weprotect_member(self) -> bool:
        return self.weprotect_member_since is not None


class ContactPerson(models.Model):
    """Someone who speaks for a stakeholder. Personal data: shown to staff only."""

    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("stakeholder"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_contacts",
        verbose_name=_("user account"),
        help_text=_("With an account, the person can report progress on the commitments."),
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]
        permissions = [("export_contactperson", _("Can export contact persons' personal data"))]
        constraints = [
            models.UniqueConstraint(
                fields=["stakeholder", "email"], name="contactperson_unique_stakeholder_email"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.stakeholder})"
