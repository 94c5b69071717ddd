"""Demo portfolio: the seven real projects of DOMAIN.md and ~25 generated ones, with
participants, deliverables, milestones, reporting periods and payments. Deterministic
(random.Random(2026)) and idempotent: a project that exists is left alone.

Grant numbers of ISF-Police projects, some coordinators and all amounts not given in
DOMAIN.md are plausible demo values, not facts.
"""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from cooperation.models import Organisation
from core.money import money
from demo.portfolio_projects import (
    DELIVERABLE_TITLES,
    EXTRA_ORGANISATIONS,
    REAL_PROJECTS,
    THEMES,
    WORDS,
)
from demo.portfolio_reporting import REPORTED_IN_DEMO
from funding.models import Call, Programme
from funding.portfolio.models.delivery import (
    Deliverable,
    DeliverableType,
    DisseminationLevel,
    Milestone,
    Payment,
    PaymentKind,
    ReportingPeriod,
)
from funding.portfolio.models.projects import (
    FundedProject,
    Participant,
    ParticipantRole,
    ProjectStatus,
)
from funding.portfolio.services import project_change_status

PROGRAMMES = {
    "ISFP": ("ISF-Police", "DG HOME"),
    "HORIZON": ("Horizon Europe", "REA"),
    "H2020": ("Horizon 2020", "REA"),
}


def _programmes() -> dict[str, Programme]:
    found = {}
    for code, (name, service) in PROGRAMMES.items():
        found[code], _ = Programme.objects.get_or_create(
            code=code, defaults={"name": name, "managing_service": service}
        )
    return found


def _organisations(context) -> dict[str, Organisation]:
    organisations = dict(context.get("organisations") or {})
    for legal_name, short_name, country, kind in EXTRA_ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            legal_name=legal_name,
            country=country,
            defaults={"short_name": short_name, "organisation_type": kind},
        )
        organisations[short_name] = organisation
    return organisations


def _add_children(project, organisations, coordinator, partners, rng, today, *, dated=True):
    """Participants, deliverables, milestones, periods and payments of a new project. With
    `dated` False, deliverables and periods are only planned: demo.portfolio_reporting
    submits and reviews them (the same random draws are made either way)."""
    consortium = [coordinator, *partners]
    shares = [rng.randint(2, 6) for _ in consortium]
    shares[0] += 3  # the coordinator carries management
    eu_left, cost_left = project.eu_contribution, project.total_cost
    for position, (short_name, share) in enumerate(zip(consortium, shares, strict=True)):
        last = position == len(consortium) - 1
        eu = eu_left if last else money(project.eu_contribution * share / sum(shares))
        cost = cost_left if last else money(project.total_cost * share / sum(shares))
        eu_left, cost_left = eu_left - eu, cost_left - cost
        Participant.objects.create(
            project=project,
            organisation=organisations[short_name],
            role=ParticipantRole.COORDINATOR if position == 0 else ParticipantRole.BENEFICIARY,
            eu_contribution=eu,
            total_cost=cost,
            position=position,
        )
    span = (project.end_date - project.start_date).days
    for number, title in enumerate(DELIVERABLE_TITLES[: rng.randint(4, 8)], start=1):
        due = project.start_date + dt.timedelta(days=span * number // 9)
        lateness = rng.choice([None, 0, 5, 20, 60]) if due < today else None
        submitted = None if lateness is None else due + dt.timedelta(days=lateness)
        if (submitted and submitted > today) or not dated:
            submitted = None
        Deliverable.objects.create(
            project=project,
            code=f"D{(number + 1) // 2}.{(number + 1) % 2 + 1}",
            title=title,
            work_package=(number + 1) // 2,
            deliverable_type=DeliverableType.DMP if "Data" in title else DeliverableType.REPORT,
            dissemination_level=rng.choice(
                [DisseminationLevel.PUBLIC, DisseminationLevel.SENSITIVE]
            ),
            due_date=due,
            submitted_date=submitted,
            approved_date=submitted + dt.timedelta(days=30)
            if submitted and submitted + dt.timedelta(days=30) <= today
            else None,
        )
    for number in range(1, 4):
        due = project.start_date + dt.timedelta(days=span * number // 4)
        Milestone.objects.create(
            project=project,
            code=f"MS{number}",
            title=["Consortium set up", "Prototype validated", "Pilots completed"][number - 1],
            due_date=due,
            achieved_date=due if due < today and rng.random() > 0.2 else None,
        )
    periods = 2 if span < 800 else 3
    for number in range(1, periods + 1):
        start = project.start_date + dt.timedelta(days=span * (number - 1) // periods)
        end = project.start_date + dt.timedelta(days=span * number // periods)
        if number < periods:
            end -= dt.timedelta(days=1)  # the next period starts the day after: no overlap
        due = end + dt.timedelta(days=60)
        submitted = due - dt.timedelta(days=rng.randint(0, 10)) if due < today else None
        if submitted and rng.random() < 0.1:
            submitted = None  # a late report, to make the health rules show
        if not dated:
            submitted = None
        ReportingPeriod.objects.create(
            project=project,
            number=number,
            start_date=start,
            end_date=end,
            report_due_date=due,
            report_submitted_date=submitted,
            report_approved_date=submitted + dt.timedelta(days=60)
            if submitted and submitted + dt.timedelta(days=60) <= today
            else None,
        )
    pre = money(project.eu_contribution * Decimal("0.40"))
    paid_on = project.start_date + dt.timedelta(days=30)
    if paid_on <= today:
        Payment.objects.create(
            project=project, kind=PaymentKind.PRE_FINANCING, amount=pre, paid_on=paid_on
        )
        interim_on = project.start_date + dt.timedelta(days=span // 2 + 90)
        if interim_on <= today and rng.random() > 0.2:
            interim = money(project.eu_contribution * Decimal("0.35"))
            Payment.objects.create(
                project=project, kind=PaymentKind.INTERIM, amount=interim, paid_on=interim_on
            )
            final_on = project.end_date + dt.timedelta(days=150)
            if final_on <= today:
                Payment.objects.create(
                    project=project,
                    kind=PaymentKind.FINAL,
                    amount=project.eu_contribution - pre - interim,
                    paid_on=final_on,
                )


def _walk(project, path, manager):
    """Bring a new project to its demo status through the workflow, recording history in
    the demo programme manager's name."""
    now = timezone.now()
    for status, reason in path:
        project_change_status(
            project=project, to_status=status, user=manager, reason=reason, now=now
        )


def _status_path(end_date, today, special=None):
    path = [(ProjectStatus.ONGOING, "Grant agreement signed (demo history).")]
    if special == ProjectStatus.GRANT_PREPARATION:
        return []
    if special == ProjectStatus.SUSPENDED:
        return [*path, (ProjectStatus.SUSPENDED, "Coordinator under audit (demo).")]
    if special == ProjectStatus.TERMINATED:
        return [*path, (ProjectStatus.TERMINATED, "Consortium dissolved (demo).")]
    if end_date < today:
        path.append((ProjectStatus.CLOSED, "Final report approved (demo history)."))
    return path


def _create(fields, organisations, coordinator, partners, rng, today, special=None, *, manager):
    project, created = FundedProject.objects.get_or_create(
        grant_number=fields.pop("grant_number"), defaults=fields
    )
    if created:
        reported = project.acronym in REPORTED_IN_DEMO
        _add_children(project, organisations, coordinator, partners, rng, today, dated=not reported)
        # The history written above as rows: the health facts that follow from it.
        FundedProject.objects.filter(pk=project.pk).refresh_health_facts()
        path = _status_path(project.end_date, today, special)
        if reported:  # demo.portfolio_reporting closes it once its reporting is told
            path = [step for step in path if step[0] != ProjectStatus.CLOSED]
        _walk(project, path, manager)
    return project


def seed(context: dict) -> None:
    rng = random.Random(2026)
    today = timezone.localdate()
    manager = context["users"]["manager@demo.example.eu"]
    programmes = _programmes()
    organisations = _organisations(context)
    calls = {call.identifier: call for call in Call.objects.all()}
    projects = []
    for (
        acronym,
        title,
        code,
        grant_number,
        call_text,
        start,
        end,
        total,
        eu,
        coordinator,
        partners,
    ) in REAL_PROJECTS:
        call = calls.get(call_text)
        fields = {
            "grant_number": grant_number,
            "acronym": acronym,
            "title": title,
            "objective": f"{title}: a {PROGRAMMES[code][0]} project of the EU fight against "
            "child sexual abuse.",
            "programme": programmes[code],
            "call": call if call and call.programme_id == programmes[code].pk else None,
            "call_identifier": "" if call else call_text,
            "start_date": start,
            "end_date": end,
            "total_cost": total,
            "eu_contribution": eu,
            "signature_date": start - dt.timedelta(days=45),
        }
        projects.append(
            _create(fields, organisations, coordinator, partners, rng, today, manager=manager)
        )

    pool = sorted(name for name in organisations if name != "Europol")
    specials = {3: ProjectStatus.GRANT_PREPARATION, 9: ProjectStatus.SUSPENDED}
    specials[17] = ProjectStatus.TERMINATED
    specials[22] = ProjectStatus.GRANT_PREPARATION
    for index in range(25):
        code = rng.choice(["ISFP", "ISFP", "HORIZON", "HORIZON", "H2020"])
        year = rng.randint(2017, 2020) if code == "H2020" else rng.randint(2019, 2026)
        start = dt.date(year, rng.choice([1, 3, 6, 9, 10]), 1)
        months = rng.choice([24, 30, 36]) if code != "HORIZON" else rng.choice([36, 42, 48])
        end = dt.date(
            start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1
        ) - dt.timedelta(days=1)
        total = money(
            Decimal(rng.randint(50, 400)) * Decimal("10000") + Decimal(rng.randint(0, 99)) / 4
        )
        eu = money(total * Decimal("0.90")) if code == "ISFP" else total
        theme = rng.choice(THEMES)
        members = rng.sample(pool, rng.randint(3, 6))
        special = specials.get(index)
        if special is None and start > today:
            special = ProjectStatus.GRANT_PREPARATION
        fields = {
            "grant_number": str(101000000 + 7919 * (index + 1)),
            "acronym": f"{rng.choice(WORDS)}-{rng.choice(WORDS)}{index + 1}",
            "title": f"Cooperation on {theme}",
            "objective": f"The consortium improves {theme} across {len(members)} partners.",
            "programme": programmes[code],
            "call_identifier": f"{'ISF' if code == 'ISFP' else code}-{year - 1}-CSA-{index % 4 + 1:02d}",
            "start_date": start,
            "end_date": end,
            "total_cost": total,
            "eu_contribution": eu,
            "signature_date": None
            if special == ProjectStatus.GRANT_PREPARATION
            else start - dt.timedelta(days=30),
        }
        projects.append(
            _create(
                fields, organisations, members[0], members[1:], rng, today, special, manager=manager
            )
        )
    context["projects"] = {project.acronym: project for project in projects}
