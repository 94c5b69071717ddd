"""Admissibility and eligibility: pure functions over a proposal and its topic.

`check_proposal` returns a list of problems, each with a code, a sentence in plain words
and the section of the proposal to fix. An empty list means the proposal may be submitted.
Applicants run it with "Check my proposal"; submission runs it again and refuses on any
problem.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.organisations.models import OrganisationType
from core.money import money
from funding.proposals.budget import proposal_budget
from funding.proposals.models import APPLICANT_ROLES, AttachmentKind, PartnerRole


class Section:
    GENERAL = "general"
    CONSORTIUM = "consortium"
    BUDGET = "budget"
    PERSONNEL = "personnel"
    ATTACHMENTS = "attachments"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    section: str


def _missing_fields(proposal) -> list[Problem]:
    problems = []
    required = [
        ("missing_acronym", proposal.acronym, _("The proposal has no acronym.")),
        ("missing_title", proposal.title, _("The proposal has no title.")),
        ("missing_abstract", proposal.abstract, _("The proposal has no abstract.")),
        ("missing_duration", proposal.duration_months, _("The duration in months is missing.")),
    ]
    for code, value, message in required:
        if not value or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(code, message, Section.GENERAL))
    return problems


def _duration(proposal, topic) -> list[Problem]:
    limit = topic.max_duration_months
    if proposal.duration_months and limit and proposal.duration_months > limit:
        return [
            Problem(
                "duration_too_long",
                _("The duration is %(months)s months; this topic allows at most %(limit)s.")
                % {"months": proposal.duration_months, "limit": limit},
                Section.GENERAL,
            )
        ]
    return []


def _consortium(partners, topic) -> list[Problem]:
    problems = []
    applicants = [p for p in partners if p.role in APPLICANT_ROLES]
    if len(applicants) < topic.min_applicants:
        problems.append(
            Problem(
                "too_few_applicants",
                ngettext(
                    "The consortium has %(count)s applicant; this topic needs at least "
                    "%(minimum)s. Associated partners and affiliated entities do not count.",
                    "The consortium has %(count)s applicants; this topic needs at least "
                    "%(minimum)s. Associated partners and affiliated entities do not count.",
                    len(applicants),
                )
                % {"count": len(applicants), "minimum": topic.min_applicants},
                Section.CONSORTIUM,
            )
        )
    countries = {str(p.organisation.country) for p in applicants}
    if len(countries) < topic.min_countries:
        problems.append(
            Problem(
                "too_few_countries",
                ngettext(
                    "The applicants come from %(count)s country; this topic needs at "
                    "least %(minimum)s different countries.",
                    "The applicants come from %(count)s countries; this topic needs at "
                    "least %(minimum)s different countries.",
                    len(countries),
                )
                % {"count": len(countries), "minimum": topic.min_countries},
                Section.CONSORTIUM,
            )
        )
    coordinators = [p for p in partners if p.role == PartnerRole.COORDINATOR]
    allowed = set(topic.lead_organisation_types or [])
    if coordinators and allowed:
        lead_type = coordinators[0].organisation.organisation_type
        if lead_type not in allowed:
            problems.append(
                Problem(
                    "lead_type_not_allowed",
                    _(
                        "A %(type)s cannot lead a proposal to this topic; the coordinator must "
                        "be one of: %(allowed)s."
                    )
                    % {
                        "type": OrganisationType(lead_type).label,
                        "allowed": ", ".join(
                            str(OrganisationType(value).label) for value in sorted(allowed)
                        ),
                    },
                    Section.CONSORTIUM,
                )
            )
    return problems


def _grant(proposal, partners, topic) -> list[Problem]:
    requested = proposal_budget(proposal, partners).requested
    shown = f"€{requested:,.2f}"
    if topic.min_grant is not None and requested < topic.min_grant:
        return [
            Problem(
                "grant_below_minimum",
                _("The requested EU contribution is %(amount)s; this topic's minimum is %(min)s.")
                % {"amount": shown, "min": f"€{money(topic.min_grant):,.2f}"},
                Section.BUDGET,
            )
        ]
    if topic.max_grant is not None and requested > topic.max_grant:
        return [
            Problem(
                "grant_above_maximum",
                _("The requested EU contribution is %(amount)s; this topic's maximum is %(max)s.")
                % {"amount": shown, "max": f"€{money(topic.max_grant):,.2f}"},
                Section.BUDGET,
            )
        ]
    return []


def _part_b(attachments) -> list[Problem]:
    if any(a.kind == AttachmentKind.PART_B for a in attachments):
        return []
    return [
        Problem(
            "part_b_missing",
            _("The technical description (Part B) is not uploaded."),
            Section.ATTACHMENTS,
        )
    ]


def check_proposal(proposal, *, partners=None, attachments=None) -> list[Problem]:
    """Every problem that stops the proposal from being submitted, in section order."""
    topic = proposal.topic
    if partners is None:
        partners = list(proposal.partners.select_related("organisation"))
    if attachments is None:
        attachments = list(proposal.attachments.all())
    return (
        _missing_fields(proposal)
        + _duration(proposal, topic)
        + _consortium(partners, topic)
        + _grant(proposal, partners, topic)
        + _part_b(attachments)
    )
