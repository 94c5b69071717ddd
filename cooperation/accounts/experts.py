"""Independent experts: the profile the programme managers match proposals against."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cooperation.organisations.models import Organisation


class ExpertProfile(models.Model):
    """Expertise of a user holding the Expert role: keywords, country and employer.

    The employer is what the conflict-of-interest rules compare with a consortium."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("expert"),
    )
    keywords = models.CharField(
        _("expertise keywords"), max_length=255, blank=True, help_text=_("Separated by commas.")
    )
    country = CountryField(_("country"), blank=True)
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employed_experts",
        verbose_name=_("employer"),
    )

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        ordering = ["user__last_name", "user__first_name", "pk"]

    def __str__(self):
        return str(self.user)

    @property
    def keyword_set(self) -> frozenset[str]:
        return keyword_set(self.keywords)


def keyword_set(text: str) -> frozenset[str]:
    return frozenset(word.strip().lower() for word in (text or "").split(",") if word.strip())
