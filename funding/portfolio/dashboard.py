"""The portfolio dashboard's figures: what the page shows, in one grouped query.

The projects a filter selects are grouped in the database by programme, start year and
health at once (a few dozen groups however many projects there are); the totals and each
chart's rows are summed from those groups, the programmes named by a second query of the
few programmes found. The Summary sheet of the workbook computes the
same figures table by table (`workbook.summary_tables`); a test proves the two agree.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from core.translated import localized_field
from funding.calls.models.calls import Programme
from funding.portfolio.health import Health

ZERO = Decimal("0.00")
Row = tuple  # (label, projects, EU contribution, total cost)


@dataclass(frozen=True)
class DashboardFigures:
    totals: tuple[int, Decimal, Decimal]
    by_programme: list[Row]
    by_year: list[Row]
    by_health: list[tuple[str, str, int]]  # (label, code, projects), in the codes' order


def _add(figures: dict, key, n: int, eu: Decimal, cost: Decimal) -> None:
    count, eu_sum, cost_sum = figures.get(key, (0, ZERO, ZERO))
    figures[key] = (count + n, eu_sum + eu, cost_sum + cost)


def dashboard_figures(queryset) -> DashboardFigures:
    """The figures of `queryset` (from `FundedProject.objects.for_table()`, filtered: health
    is an annotation) in one query of the projects, grouped by programme, start year and
    health in a hash table (no sort), and one of the programmes' labels in the order the
    database's collation gives them, as the workbook's table lists them."""
    groups = (
        queryset.order_by()
        .annotate(start_year=ExtractYear("start_date"))
        .values("programme_id", "start_year", "health")
        .annotate(projects=Count("pk"), eu=Sum("eu_contribution"), cost=Sum("total_cost"))
        .values_list("programme_id", "start_year", "health", "projects", "eu", "cost")
    )
    per_programme, by_year, health_counts = {}, {}, Counter()
    total = (0, ZERO, ZERO)
    for programme, year, health, n, eu, cost in groups:
        eu, cost = eu or ZERO, cost or ZERO
        _add(per_programme, programme, n, eu, cost)
        _add(by_year, year, n, eu, cost)
        health_counts[health] += n
        total = (total[0] + n, total[1] + eu, total[2] + cost)
    by_programme = {}
    if per_programme:
        programmes = (
            Programme.objects.filter(pk__in=list(per_programme))
            .annotate(label=localized_field("name"))
            .order_by("label", "pk")
            .values_list("pk", "label")
        )
        for pk, label in programmes:
            _add(by_programme, label, *per_programme[pk])
    labels = dict(Health.choices)
    return DashboardFigures(
        totals=total,
        by_programme=[(label, *figures) for label, figures in by_programme.items()],
        by_year=[(year, *by_year[year]) for year in sorted(by_year)],
        by_health=[(labels[code], code, health_counts[code]) for code in sorted(health_counts)],
    )
