"""Which state of what they count the secretariat dashboard's counts were computed from.

The dashboard counts every commitment by completion level and workstream and every
stakeholder by category and country (thousands of rows); the counts only change when one of
those rows does. Every such write gives the one row here a new token, in the writer's own
transaction (cooperation.forum.dashboard_counts), and the counts computed while a token was
current are kept in the cache under that token: a token never comes back, so kept counts
are never read for rows other than those they counted.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.kept import new_token

DASHBOARD = "secretariat-dashboard"


class CountsStateQuerySet(models.QuerySet):
    def renew(self) -> None:
        """A new token: one UPDATE of the one row, which waits for another writer's
        transaction to end (so that two writers' tokens are taken in the order they commit)."""
        self.filter(name=DASHBOARD).update(token=new_token())

    def token(self) -> str | None:
        """The current token; None when the row is gone (the counts are then computed for
        each view and not kept)."""
        return self.filter(name=DASHBOARD).values_list("token", flat=True).first()


class DashboardCountsState(models.Model):
    name = models.CharField(_("name"), max_length=40, primary_key=True)
    token = models.CharField(_("state of the counted rows"), max_length=32)

    objects = CountsStateQuerySet.as_manager()

    class Meta:
        verbose_name = _("dashboard counts state")
        verbose_name_plural = _("dashboard counts states")

    def __str__(self):
        return self.name
