"""The health the Python rules give a project row annotated with its delivery figures
(`FundedProject.objects.with_delivery_figures`): what the stored and SQL health are
checked against."""

from funding.portfolio.health import assess_health


def rules_health(row, *, today) -> str:
    return assess_health(
        status=row.status,
        start_date=row.start_date,
        end_date=row.end_date,
        eu_contribution=row.eu_contribution,
        paid=row.paid,
        overdue_deliverables=row.overdue_deliverables,
        late_reports=row.late_reports,
        today=today,
        total_cost=row.total_cost,
        accepted_costs=row.accepted_costs,
        reported_until=row.reported_until,
    )
