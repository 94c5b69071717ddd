"""What the secretariat's dashboard (/forum/) shows: counts from grouped queries on indexed,
stored columns, kept until one of the counted rows is written, and the ten or so rows of
each short list, each read with only the columns it shows, so the page costs the same with
ten or ten thousand commitments."""

import datetime as dt

from django.utils.translation import gettext as _

from cooperation.forum.dashboard_counts import dashboard_counts
from cooperation.forum.models.commitments import (
    Commitment,
    CommitmentMilestone,
    Completion,
    ProgressUpdate,
)
from cooperation.forum.models.stakeholders import StakeholderCategory
from cooperation.forum.models.workstreams import Meeting
from cooperation.forum.selectors import (
    ORGANISATION_NAME,
    commitment_rows,
    country_names,
)


def _owner_name(path: str) -> list[str]:
    """The columns of a stakeholder's organisation name, from a row `path` leads to it."""
    return [f"{path}__organisation__{field}" for field in ORGANISATION_NAME]


def dashboard_figures(today: dt.date) -> dict:
    labels = dict(Completion.choices)
    # The level stored on each commitment (commitment_record_progress keeps it) counted
    # with the workstreams, and the stakeholders by category and country: kept for each
    # state of the counted rows (dashboard_counts).
    by_level, by_workstream, by_category, by_country = dashboard_counts()
    levels = [("", _("No update yet"))] + list(Completion.choices)
    categories = dict(StakeholderCategory.choices)
    names = country_names()
    return {
        "today": today,
        "by_level": [(labels.get(value, label), by_level[value]) for value, label in levels],
        "by_workstream": sorted(by_workstream.items()),
        "overdue": commitment_rows(Commitment.objects.overdue(today)).order_by("due_date")[:10],
        "overdue_milestones": CommitmentMilestone.objects.overdue(today)
        .select_related("commitment__owner__organisation")
        .only("title", "due_date", "commitment__title", *_owner_name("commitment__owner"))
        .order_by("due_date")[:10],
        "by_category": [(categories.get(code, code), n) for code, n in by_category],
        "by_country": [(names.get(code) or code, n) for code, n in by_country],
        "recent_updates": ProgressUpdate.objects.select_related(
            "commitment__owner__organisation", "reported_by"
        )
        .only(
            "date",
            "kind",
            "completion",
            "commitment__title",
            *_owner_name("commitment__owner"),
            "reported_by__first_name",
            "reported_by__last_name",
            "reported_by__email",
        )
        .order_by("-date", "-pk")[:10],
        "upcoming": Meeting.objects.filter(date__gte=today)
        .select_related("workstream")
        .only("title", "date", "place", "online", "workstream__name", "workstream__name_fr")
        .order_by("date")[:5],
    }
