"""Project health: green, amber or red, derived from the facts of a funded project.

Health is never typed in. The rules live here twice, side by side, and a test proves the
two agree on the same projects:

- `assess_health()`: one pure Python function (used on the detail page and in tests);
- `annotate_health()`: the same rules as a database annotation, so that lists can filter
  and count by health in the database. It reads the facts stored on the project's row
  (`health_facts()`, kept by the services that write deliverables, periods, reports and
  payments), so judging every project of the portfolio reads one table.

The rules, for a given day `today`:

1. Only ongoing and suspended projects are assessed; the others are "not assessed".
2. RED when a periodic report is late (its due date has passed and it was not submitted),
   or when `RED_OVERDUE_DELIVERABLES` or more deliverables are overdue (due date passed,
   not submitted), or when payments or spending lag time by more than `SPENDING_GAP_RED`.
3. AMBER when at least one deliverable is overdue, or payments or spending lag time by more
   than `SPENDING_GAP_AMBER`, or the project is suspended.
4. GREEN otherwise.

What is "submitted" is what the beneficiaries submitted in their area (funding.reporting):
a deliverable or report sent back with changes requested is not submitted until its next
version is, so it is overdue again once its due date has passed.

"Payments lag time" (payments behind schedule) compares the share of the project's duration
already elapsed (0 before the start, 1 after the end) with the share of the EU contribution
already paid: gap = elapsed share − paid share. A project without an EU contribution has no
payment rule.

"Spending lags time" compares, at the end of the latest reporting period whose report was
accepted, the share of the duration elapsed then with the share of the total cost that the
accepted financial statements declare. Before a report is accepted there is no spending
rule; a project without a total cost has none either.
"""

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import (
    Count,
    DateField,
    DecimalField,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.money import MONEY_DIGITS
from funding.reporting.costs import ACCEPTED, statement_total

RED_OVERDUE_DELIVERABLES = 3
SPENDING_GAP_AMBER = Decimal("0.25")
SPENDING_GAP_RED = Decimal("0.50")
EPOCH = dt.date(1970, 1, 1)


class Health(models.TextChoices):
    GREEN = "green", _("Green: on track")
    AMBER = "amber", _("Amber: needs attention")
    RED = "red", _("Red: at risk")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


ASSESSED_STATUSES = frozenset({"ongoing", "suspended"})  # ProjectStatus.ONGOING, SUSPENDED


def _spending_gap_exceeds(
    gap: Decimal, *, start_date, end_date, eu_contribution, paid, today
) -> bool:
    """elapsed/total − paid/eu > gap, computed without division: exact in Decimal."""
    total_days = (end_date - start_date).days
    if eu_contribution <= 0 or total_days <= 0:
        return False
    elapsed_days = max(0, min((today - start_date).days, total_days))
    return elapsed_days * eu_contribution - paid * total_days > gap * total_days * eu_contribution


def assess_health(
    *,
    status: str,
    start_date: dt.date,
    end_date: dt.date,
    eu_contribution: Decimal,
    paid: Decimal,
    overdue_deliverables: int,
    late_reports: int,
    today: dt.date,
    total_cost: Decimal = Decimal("0"),
    accepted_costs: Decimal = Decimal("0"),
    reported_until: dt.date | None = None,
) -> str:
    """The health of one project on `today` (see the module's rules). `accepted_costs` are
    the costs of the accepted financial statements, `reported_until` the end of the latest
    reporting period whose report was accepted (None: no spending rule)."""
    if status not in ASSESSED_STATUSES:
        return Health.NOT_ASSESSED
    facts = {
        "start_date": start_date,
        "end_date": end_date,
        "eu_contribution": Decimal(eu_contribution),
        "paid": Decimal(paid),
        "today": today,
    }
    spending = {
        "start_date": start_date,
        "end_date": end_date,
        "eu_contribution": Decimal(total_cost),
        "paid": Decimal(accepted_costs),
        "today": reported_until,
    }

    def lagging(gap: Decimal) -> bool:
        return _spending_gap_exceeds(gap, **facts) or (
            reported_until is not None and _spending_gap_exceeds(gap, **spending)
        )

    if (
        late_reports >= 1
        or overdue_deliverables >= RED_OVERDUE_DELIVERABLES
        or lagging(SPENDING_GAP_RED)
    ):
        return Health.RED
    if overdue_deliverables >= 1 or lagging(SPENDING_GAP_AMBER) or status == "suspended":
        return Health.AMBER
    return Health.GREEN


# --- The same rules in the database ------------------------------------------------------


def _count(model, **filters):
    rows = (
        model.objects.filter(project=OuterRef("pk"), **filters)
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _related(project_model, name: str):
    """The model behind one of the project's relations (deliverables, payments…): health reads
    them through the project model, so the models module can import this one."""
    return project_model._meta.get_field(name).related_model


def paid_subquery(project_model):
    rows = (
        _related(project_model, "payments")
        .objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    return Coalesce(
        Subquery(rows, output_field=DecimalField(max_digits=MONEY_DIGITS, decimal_places=2)),
        Value(Decimal("0.00")),
        output_field=DecimalField(max_digits=MONEY_DIGITS, decimal_places=2),
    )


def _accepted_reports(project_model):
    """The accepted periodic reports of the project (OuterRef), read through the models'
    relations so that this module imports no model."""
    period_model = _related(project_model, "reporting_periods")
    report_model = period_model._meta.get_field("reports").related_model
    return period_model, report_model.objects.filter(
        period__project=OuterRef("pk"), status=ACCEPTED
    )


def accepted_costs_subquery(project_model):
    _period_model, accepted = _accepted_reports(project_model)
    rows = (
        accepted.order_by()
        .values("period__project")
        .annotate(total=Sum(statement_total()))
        .values("total")[:1]
    )
    money_field = DecimalField(max_digits=MONEY_DIGITS, decimal_places=2)
    return Coalesce(
        Subquery(rows, output_field=money_field), Value(Decimal("0.00")), output_field=money_field
    )


def reported_until_subquery(project_model):
    """The end date of the latest period whose report was accepted, with accepted
    statements (a period dated by hand, without any, does not count)."""
    period_model, accepted = _accepted_reports(project_model)
    rows = (
        period_model.objects.filter(
            project=OuterRef("pk"),
            report_approved_date__isnull=False,
            reports__status=ACCEPTED,
        )
        .order_by("-end_date")
        .values("end_date")[:1]
    )
    return Subquery(rows, output_field=DateField())


# --- The facts health reads, stored on the project ----------------------------------------
#
# Each fact is stored on the project's row by `FundedProjectQuerySet.refresh_health_facts`,
# run by every service that writes what it comes from (deliverables, reporting periods,
# periodic reports, payments), so that a list or the dashboard judges every project's
# health from its own row. Overdue and late depend on the day: what is stored is the due
# date from which they hold (a deliverable is overdue from the day after its due date).


def _nth_due(model, field: str, n: int, **filters):
    """The `n`-th earliest `field` (a due date) of the project's rows matching `filters`."""
    rows = (
        model.objects.filter(project=OuterRef("pk"), **filters)
        .order_by(field, "pk")
        .values(field)[n - 1 : n]
    )
    return Subquery(rows, output_field=DateField())


def health_facts(project_model) -> dict:
    """The stored facts as database expressions of each project's rows (an UPDATE's values,
    and what a test compares the stored ones with)."""
    deliverables = _related(project_model, "deliverables")
    periods = _related(project_model, "reporting_periods")
    return {
        # The earliest due date of a deliverable not submitted, and the RED_OVERDUE_DELIVERABLES-th.
        "health_deliverable_due": _nth_due(
            deliverables, "due_date", 1, submitted_date__isnull=True
        ),
        "health_red_deliverable_due": _nth_due(
            deliverables, "due_date", RED_OVERDUE_DELIVERABLES, submitted_date__isnull=True
        ),
        # The earliest due date of a periodic report not submitted.
        "health_report_due": _nth_due(
            periods, "report_due_date", 1, report_submitted_date__isnull=True
        ),
        "health_paid": paid_subquery(project_model),
        "health_accepted_costs": accepted_costs_subquery(project_model),
        "health_reported_until": reported_until_subquery(project_model),
    }


def annotate_delivery_figures(queryset, *, today: dt.date):
    """Annotate what a project's page and the export show beside its health: the numbers of
    `overdue_deliverables` and `late_reports` on `today`, and the stored `paid`,
    `accepted_costs` and `reported_until`."""
    project_model = queryset.model
    return queryset.annotate(
        overdue_deliverables=_count(
            _related(project_model, "deliverables"), due_date__lt=today, submitted_date__isnull=True
        ),
        late_reports=_count(
            _related(project_model, "reporting_periods"),
            report_due_date__lt=today,
            report_submitted_date__isnull=True,
        ),
        paid=F("health_paid"),
        accepted_costs=F("health_accepted_costs"),
        reported_until=F("health_reported_until"),
    )


class HealthOn(Expression):
    """A project's health on `today` as one database expression over the project's own
    columns (its dates, amounts and stored facts): the rules of `assess_health`, written
    once as one CASE. Built and compiled in a fraction of a millisecond, where the same
    rules composed of ORM expressions cost milliseconds per query to build and compile."""

    output_field = models.CharField()
    COLUMNS = (
        "status",
        "start_date",
        "end_date",
        "eu_contribution",
        "total_cost",
        "health_paid",
        "health_accepted_costs",
        "health_reported_until",
        "health_report_due",
        "health_red_deliverable_due",
        "health_deliverable_due",
    )

    def __init__(self, today: dt.date):
        super().__init__(output_field=models.CharField())
        self.today = today
        self.columns = [F(name) for name in self.COLUMNS]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def as_sql(self, compiler, connection):
        col = {}
        for name, expression in zip(self.COLUMNS, self.columns, strict=True):
            col[name], _params = compiler.compile(expression)  # plain columns: no params
        if connection.vendor == "sqlite":
            greatest, least = "MAX", "MIN"

            def days(sql):
                return f"CAST(julianday({sql}) - 2440587.5 AS INTEGER)"
        else:
            greatest, least = "GREATEST", "LEAST"

            def days(sql):
                return f"(({sql})::date - DATE '1970-01-01')"

        start = days(col["start_date"])
        total = f"({days(col['end_date'])} - {start})"
        elapsed = f"{greatest}(0, {least}({(self.today - EPOCH).days} - {start}, {total}))"
        reported = (
            f"{greatest}(0, {least}({days(col['health_reported_until'])} - {start}, {total}))"
        )
        eu, cost = col["eu_contribution"], col["total_cost"]
        paid_lag = f"({elapsed} * {eu} - {col['health_paid']} * {total})"
        spend_lag = f"({reported} * {cost} - {col['health_accepted_costs']} * {total})"

        def lagging(gap: Decimal) -> str:
            return (
                f"(({eu} > 0 AND {total} > 0 AND {paid_lag} > {gap} * {total} * {eu})"
                f" OR ({col['health_reported_until']} IS NOT NULL AND {cost} > 0"
                f" AND {total} > 0 AND {spend_lag} > {gap} * {total} * {cost}))"
            )

        assessed = ", ".join(f"'{status}'" for status in sorted(ASSESSED_STATUSES))
        sql = (
            f"CASE WHEN {col['status']} NOT IN ({assessed}) THEN '{Health.NOT_ASSESSED.value}'"
            f" WHEN ({col['health_report_due']} < %s OR {col['health_red_deliverable_due']} < %s"
            f" OR {lagging(SPENDING_GAP_RED)}) THEN '{Health.RED.value}'"
            f" WHEN ({col['health_deliverable_due']} < %s OR {lagging(SPENDING_GAP_AMBER)}"
            f" OR {col['status']} = 'suspended') THEN '{Health.AMBER.value}'"
            f" ELSE '{Health.GREEN.value}' END"
        )
        today = connection.ops.adapt_datefield_value(self.today)
        return sql, (today, today, today)


def annotate_health(queryset, *, today: dt.date):
    """Annotate `health` on projects, on `today`, from the facts stored on each project's row
    (no query of its deliverables, periods, reports or payments)."""
    return queryset.annotate(health=HealthOn(today))
