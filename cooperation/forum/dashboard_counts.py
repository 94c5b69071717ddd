"""The secretariat dashboard's counts, computed once for each state of the rows they count
(models.dashboard.DashboardCountsState) and kept in the cache under that state's token
(core.kept).

The counted rows are written by the registry's services and imports, by the progress
updates (CommitmentQuerySet.refresh_progress stores each commitment's current level) and by
Wagtail's editors; model signals see every save and delete of those, and refresh_progress,
a queryset UPDATE that sends none, renews the token itself. The reader reads the token
before it counts, so kept counts can only be newer than their token, never older.
"""

from collections import Counter

from django.db.models.signals import post_delete, post_save

from cooperation.forum.models.commitments import Commitment
from cooperation.forum.models.dashboard import DashboardCountsState
from cooperation.forum.models.stakeholders import Stakeholder
from cooperation.forum.models.workstreams import Workstream
from cooperation.forum.selectors import commitment_counts, stakeholder_counts
from cooperation.organisations.models import Organisation
from core.kept import kept

KEPT_SECONDS = 24 * 60 * 60
COUNTRIES = 15  # the dashboard shows the countries with the most stakeholders


def _key(token: str) -> str:
    return f"forum-dashboard-counts:{token}"


def dashboard_counts() -> tuple[Counter, Counter, list, list]:
    """(commitments per current level, per workstream name; stakeholders per category, per
    country, the most first): kept for the current token, else counted and kept."""
    token = DashboardCountsState.objects.token()
    return kept(
        _key(token) if token else None,
        lambda: (*commitment_counts(), *stakeholder_counts(countries=COUNTRIES)),
        seconds=KEPT_SECONDS,
    )


def counted_row_changed(sender, instance, **kwargs):
    DashboardCountsState.objects.renew()


def organisation_saved(sender, instance, created, update_fields=None, **kwargs):
    """The counts read an organisation's country, and only through its stakeholder: a new
    organisation has none yet, and one whose stakeholder is protected from deletion is never
    deleted, so only a save that may write the country of a stakeholder's organisation
    renews (an applicant's organisation costs one indexed look-up, not the shared row)."""
    if created or (update_fields is not None and "country" not in update_fields):
        return
    if Stakeholder.objects.filter(organisation=instance).exists():
        DashboardCountsState.objects.renew()


# What the counts read: a commitment's level and workstream, a workstream's name, a
# stakeholder's category and organisation; and an organisation's country (below).
COUNTED = (Commitment, Workstream, Stakeholder)


def connect() -> None:
    for model in COUNTED:
        for signal, kind in ((post_save, "save"), (post_delete, "delete")):
            uid = f"forum-dashboard-counts-{model.__name__}-{kind}"
            signal.connect(counted_row_changed, sender=model, dispatch_uid=uid)
    post_save.connect(
        organisation_saved, sender=Organisation, dispatch_uid="forum-dashboard-counts-org-save"
    )
