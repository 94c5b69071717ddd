"""The history of a funded project's strategy initiative: one row each time a programme
manager sets or changes it (funding.portfolio.initiatives.project_set_initiative). Empty
means the project follows its call's initiative."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.forum.models.workstreams import StrategyInitiative
from funding.portfolio.models.projects import FundedProject


def _initiative_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name, choices=StrategyInitiative.choices, null=True, blank=True
    )


class ProjectInitiativeChange(models.Model):
    """Who changed a project's initiative, when, from what, to what, and why."""

    project = models.ForeignKey(
        FundedProject,
        on_delete=models.CASCADE,
        related_name="initiative_changes",
        verbose_name=_("funded project"),
    )
    from_initiative = _initiative_field(_("from"))
    to_initiative = _initiative_field(_("to"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("change of a project's strategy initiative")
        verbose_name_plural = _("changes of a project's strategy initiative")
        ordering = ["project", "changed_at", "pk"]

    def __str__(self):
        return f"{self.project_id}: {self.from_initiative} → {self.to_initiative}"
