"""Demo programmes, calls, topics and criteria: the real calls of DOMAIN.md, plus one open and
one forthcoming demonstration call dated from the day of the first seeding. Idempotent: a
second run changes nothing and never moves a date."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from cooperation.organisations.models import OrganisationType
from core.brussels import brussels_deadline
from funding.calls.criteria_templates import HORIZON_IA, HORIZON_RIA_CSA, ISF_POINTS_100
from funding.calls.services import programme_seed_eligible_countries, topic_apply_criteria_template
from funding.models import ActionType, Call, CallDocument, Programme, Topic

MIDNIGHT = dt.time(0, 0, 0)
PORTAL = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities"

PROGRAMMES = [
    (
        "ISFP",
        "Internal Security Fund – Police",
        "DG HOME",
        "Union actions of the Internal Security Fund, police cooperation strand.",
    ),
    (
        "HORIZON",
        "Horizon Europe",
        "REA",
        "Cluster 3 “Civil security for society”, Fighting Crime and Terrorism (FCT).",
    ),
    ("H2020", "Horizon 2020", "REA", "Secure societies challenge (2014–2020)."),
]

_PUBLIC_LEAD = [OrganisationType.PUBLIC_BODY, OrganisationType.CIVIL_SOCIETY,
                OrganisationType.INTERNATIONAL, OrganisationType.RESEARCH,
                OrganisationType.HIGHER_EDUCATION]  # fmt: skip


def seed_programmes() -> dict:
    programmes = {}
    for code, name, service, description in PROGRAMMES:
        programmes[code], _created = Programme.objects.get_or_create(
            code=code,
            defaults={"name": name, "managing_service": service, "description": description},
        )
        programme_seed_eligible_countries(programme=programmes[code])
    return programmes


def _day(year, month, day):
    return dt.date(year, month, day)


def _real_calls(programmes) -> list[dict]:
    isf_rules = {
        "action_type": ActionType.ISF_ACTION_GRANT,
        "funding_rate": Decimal("90.00"),
        "indirect_cost_rate": Decimal("7.00"),
        "lead_organisation_types": _PUBLIC_LEAD,
        "experts_per_proposal": 3,
    }
    horizon_rules = {
        "action_type": ActionType.RIA,
        "funding_rate": Decimal("100.00"),
        "min_applicants": 3,
        "min_countries": 3,
        "max_duration_months": 36,
    }
    return [
        {
            "programme": programmes["ISFP"],
            "identifier": "ISFP-2017-AG-CYBER",
            "title": "Call for proposals on cybercrime",
            "summary": (
                "Law-enforcement capacity and forensic tools, cross-border cooperation and "
                "public–private cooperation against cybercrime, including the child sexual "
                "exploitation strand on victim identification."
            ),
            "publication_date": _day(2017, 11, 23),
            "template": ISF_POINTS_100,
            "topics": [
                {
                    "identifier": "ISFP-2017-AG-CYBER",
                    "title": "Cybercrime, including child sexual exploitation",
                    "opening_at": brussels_deadline(_day(2017, 11, 23), MIDNIGHT),
                    "deadline_at": brussels_deadline(_day(2018, 3, 6)),
                    "budget": Decimal("3000000.00"),
                    "min_grant": Decimal("250000.00"),
                    "max_grant": Decimal("1000000.00"),
                    "min_applicants": 2,
                    "min_countries": 2,
                    "max_duration_months": 24,
                    **isf_rules,
                }
            ],
        },
        {
            "programme": programmes["ISFP"],
            "identifier": "ISF-2021-AG-CSA",
            "title": "Preventing and combating child sexual abuse",
            "summary": (
                "Priorities: (1) prevention and assistance to victims; (2) technical capacity "
                "to detect, investigate and prosecute online child sexual abuse."
            ),
            "publication_date": _day(2021, 11, 16),
            "template": ISF_POINTS_100,
            "topics": [
                {
                    "identifier": "ISF-2021-AG-CSA",
                    "title": "Prevention, assistance to victims and technical capacity",
                    "description": (
                        "Projects of up to 24 months between €500,000 and €4,000,000, by at "
                        "least two applicants from at least three participating Member States."
                    ),
                    "opening_at": brussels_deadline(_day(2021, 11, 16), MIDNIGHT),
                    "deadline_at": brussels_deadline(_day(2022, 2, 24)),
                    "budget": Decimal("16000000.00"),
                    "min_grant": Decimal("500000.00"),
                    "max_grant": Decimal("4000000.00"),
                    "min_applicants": 2,
                    "min_countries": 3,
                    "max_duration_months": 24,
                    **isf_rules,
                }
            ],
        },
        {
            "programme": programmes["HORIZON"],
            "identifier": "HORIZON-CL3-2021-FCT-01",
            "title": "Fighting Crime and Terrorism 2021",
            "summary": "Horizon Europe Cluster 3 call on fighting crime and terrorism.",
            "publication_date": _day(2021, 6, 30),
            "template": HORIZON_RIA_CSA,
            "topics": [
                {
                    "identifier": "HORIZON-CL3-2021-FCT-01-11",
                    "title": "Prevention of child sexual exploitation",
                    "opening_at": brussels_deadline(_day(2021, 6, 30), MIDNIGHT),
                    "deadline_at": brussels_deadline(_day(2021, 11, 23)),
                    "budget": Decimal("5000000.00"),
                    "min_grant": Decimal("2500000.00"),
                    "max_grant": Decimal("5000000.00"),
                    "expected_grants": 1,
                    **horizon_rules,
                }
            ],
        },
        {
            "programme": programmes["HORIZON"],
            "identifier": "HORIZON-CL3-2024-FCT-01",
            "title": "Fighting Crime and Terrorism 2024",
            "summary": "Horizon Europe Cluster 3 call on fighting crime and terrorism.",
            "publication_date": _day(2024, 6, 27),
            "template": HORIZON_RIA_CSA,
            "topics": [
                {
                    "identifier": "HORIZON-CL3-2024-FCT-01-03",
                    "title": (
                        "Lawful evidence collection in online child sexual abuse "
                        "investigations, including undercover"
                    ),
                    "opening_at": brussels_deadline(_day(2024, 6, 27), MIDNIGHT),
                    "deadline_at": brussels_deadline(_day(2024, 11, 20)),
                    "budget": Decimal("3700000.00"),
                    "min_grant": Decimal("3700000.00"),
                    "max_grant": Decimal("3700000.00"),
                    "expected_grants": 1,
                    **horizon_rules,
                }
            ],
        },
    ]


def _demo_calls(programmes, today: dt.date) -> list[dict]:
    """Dated from the first seeding; `create_defaults` keeps them where they are afterwards."""
    return [
        {
            "programme": programmes["ISFP"],
            "identifier": "ISF-DEMO-AG-CSA",
            "title": "Demonstration call: prevention and victim support networks",
            "summary": (
                "A demonstration ISF-Police call, open now, for trying the application pages: "
                "prevention programmes for people who fear they may offend, and support to "
                "victims across borders."
            ),
            "publication_date": today - dt.timedelta(days=14),
            "template": ISF_POINTS_100,
            "topics": [
                {
                    "identifier": "ISF-DEMO-AG-CSA-01",
                    "title": "EU-wide prevention network: practice working groups",
                    "action_type": ActionType.ISF_ACTION_GRANT,
                    "opening_at": brussels_deadline(today - dt.timedelta(days=14), MIDNIGHT),
                    "deadline_at": brussels_deadline(today + dt.timedelta(days=42)),
                    "budget": Decimal("6000000.00"),
                    "min_grant": Decimal("500000.00"),
                    "max_grant": Decimal("2000000.00"),
                    "expected_grants": 4,
                    "funding_rate": Decimal("90.00"),
                    "indirect_cost_rate": Decimal("7.00"),
                    "min_applicants": 2,
                    "min_countries": 3,
                    "lead_organisation_types": _PUBLIC_LEAD,
                    "max_duration_months": 24,
                }
            ],
        },
        {
            "programme": programmes["HORIZON"],
            "identifier": "HORIZON-CL3-DEMO-FCT-02",
            "title": "Demonstration call: detection tools for online child sexual abuse",
            "summary": "A demonstration Horizon Europe call that opens in three weeks.",
            "publication_date": today,
            "template": HORIZON_IA,
            "topics": [
                {
                    "identifier": "HORIZON-CL3-DEMO-FCT-02-01",
                    "title": "Privacy-preserving detection of known abuse material",
                    "action_type": ActionType.IA,
                    "opening_at": brussels_deadline(today + dt.timedelta(days=21), MIDNIGHT),
                    "deadline_at": brussels_deadline(today + dt.timedelta(days=120)),
                    "budget": Decimal("8000000.00"),
                    "min_grant": Decimal("3000000.00"),
                    "max_grant": Decimal("4000000.00"),
                    "expected_grants": 2,
                    "funding_rate": Decimal("70.00"),
                    "non_profit_funding_rate": Decimal("100.00"),
                    "min_applicants": 3,
                    "min_countries": 3,
                    "max_duration_months": 36,
                }
            ],
        },
    ]


_DATE_FIELDS = {"opening_at", "deadline_at", "second_deadline_at"}


def _seed_call(spec: dict, *, dated_at_creation: bool) -> Call:
    spec = dict(spec)
    topics = spec.pop("topics")
    template = spec.pop("template")
    identifier = spec.pop("identifier")
    publication_date = spec.pop("publication_date")
    dates = {
        "publication_date": publication_date,
        "published_at": brussels_deadline(publication_date, MIDNIGHT),
    }
    if dated_at_creation:
        call, _created = Call.objects.update_or_create(
            identifier=identifier, defaults=spec, create_defaults={**spec, **dates}
        )
    else:
        call, _created = Call.objects.update_or_create(
            identifier=identifier, defaults={**spec, **dates}
        )
    for topic_spec in topics:
        topic_spec = dict(topic_spec)
        topic_identifier = topic_spec.pop("identifier")
        if dated_at_creation:
            fixed = {k: v for k, v in topic_spec.items() if k not in _DATE_FIELDS}
            topic, created = Topic.objects.update_or_create(
                identifier=topic_identifier,
                defaults={**fixed, "call": call},
                create_defaults={**topic_spec, "call": call},
            )
        else:
            topic, created = Topic.objects.update_or_create(
                identifier=topic_identifier, defaults={**topic_spec, "call": call}
            )
        if not topic.criteria.exists():
            topic_apply_criteria_template(topic=topic, template=template)
        CallDocument.objects.get_or_create(
            call=call,
            title=f"Topic page on the Funding & Tenders portal: {topic_identifier}",
            defaults={"url": f"{PORTAL}/topic-details/{topic_identifier.lower()}"},
        )
    return call


def seed(context: dict) -> None:
    programmes = context["programmes"] = seed_programmes()
    calls = {}
    for spec in _real_calls(programmes):
        calls[spec["identifier"]] = _seed_call(spec, dated_at_creation=False)
    for spec in _demo_calls(programmes, timezone.localdate()):
        calls[spec["identifier"]] = _seed_call(spec, dated_at_creation=True)
    context["calls"] = calls
