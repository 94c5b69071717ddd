"""Demo evaluation: one closed Horizon topic evaluated from end to end.

Eight proposals from demo organisations were submitted before the deadline of
HORIZON-CL3-2024-FCT-01-DEMO, a demo topic added to the 2024 Fighting Crime and Terrorism
call of the calls step (or to its own unpublished call if that step did not run). Six
experts (expert@, expert2@, expert3@ and three more) signed their declarations (one declared a conflict and was replaced), wrote their reports and
agreed consensus reports; the ranking has two ties separated by tie-break rules (Impact,
then gender balance); the main list fills the €7M budget, three proposals are on the reserve
list and two are rejected; results are published and the top proposal is in grant
preparation. TRACE, rejected, asked for an evaluation review within the 30 days; the
manager rejected it with a reason. Dates are fixed in 2024-2025, so every step happened in
the right order.

Idempotent: once the topic's results are published the evaluation is not seeded again,
and the review is recorded once.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cooperation.accounts.roles import Role
from cooperation.models import ExpertProfile, User
from cooperation.organisations.models import MembershipRole
from core.brussels import brussels_deadline
from demo.evaluation_proposals import COMMENTS, CONFLICT, MINORITY, PROPOSALS
from demo.people import DEMO_PASSWORD, organisation_contact
from demo.proposals import PART_B
from funding.calls.criteria_templates import HORIZON_RIA_CSA
from funding.calls.services import programme_seed_eligible_countries, topic_apply_criteria_template
from funding.evaluation.models import RedressOutcome, RedressRequest, TopicEvaluation
from funding.evaluation.services import assignments as ev
from funding.evaluation.services import results
from funding.evaluation.services.redress import redress_request_create, redress_request_decide
from funding.models import ActionType, AwardCriterion, Call, Partner, Programme, Topic
from funding.proposals import lifecycle, services
from funding.proposals.models import AttachmentKind, Gender

CALL = "HORIZON-CL3-2024-FCT-01"
TOPIC = "HORIZON-CL3-2024-FCT-01-DEMO"


def _at(day: str, hour: int = 10) -> dt.datetime:
    return brussels_deadline(dt.date.fromisoformat(day), dt.time(hour, 0))


OPENING, DEADLINE = _at("2024-06-27", 0), _at("2024-11-20", 17)
DRAFTED, SUBMITTED = _at("2024-10-01"), _at("2024-11-12")
CHECKED, ASSIGNED, DECLARED = _at("2024-11-28"), _at("2024-11-29"), _at("2024-12-02")
REPORTED, AGREED, CLOSED = _at("2024-12-13"), _at("2025-01-08"), _at("2025-01-10")
RANKED, PUBLISHED, SELECTED = _at("2025-01-20"), _at("2025-01-24"), _at("2025-02-03")
# An evaluation review asked by TRACE's coordinator within the 30 days, rejected with a reason.
REVIEW_ASKED, REVIEW_DECIDED = _at("2025-02-06", 11), _at("2025-02-18", 15)
REVIEW = (
    "TRACE",
    "The Evaluation Summary Report's comment on Excellence says the ethics of data access "
    "could be argued in more depth, but section 5.2 of our Part B sets them out in full. We "
    "ask that the review check whether the experts evaluated the whole of the submitted "
    "Part B.",
    "The evaluated submission holds the complete Part B, section 5.2 included, and the "
    "three experts scored it as submitted. How much depth the ethics argument has is the "
    "experts' judgement, which a review does not reconsider; the procedure was followed. "
    "The request is rejected.",
)

# (e-mail, first, last, employer short name, country, keywords)
EXPERTS = [
    ("expert@demo.example.eu", "", "", "KEMEA", "GR", "law enforcement, training, evidence"),
    ("expert2@demo.example.eu", "", "", "UCD-CCI", "IE", "digital forensics, cybercrime"),
    ("expert3@demo.example.eu", "", "", "CERTH", "GR", "image analysis, machine learning"),
    ("expert4@demo.example.eu", "Ingrid", "Holm", "RUG", "NL", "victim support, prevention"),
    ("expert5@demo.example.eu", "Marek", "Kovač", "UL FF", "SI", "child interviews, psychology"),
    ("expert6@demo.example.eu", "Sofia", "Pereira", "INOV", "PT", "online platforms, detection"),
]


def seed_topic() -> Topic:
    programme, _ = Programme.objects.get_or_create(
        code="HORIZON", defaults={"name": "Horizon Europe", "managing_service": "REA"}
    )
    programme_seed_eligible_countries(programme=programme)
    call, _ = Call.objects.get_or_create(
        identifier=CALL,
        defaults={
            "programme": programme,
            "title": "Fighting Crime and Terrorism 2024",
            "summary": "Civil security for society: fighting crime and terrorism.",
            "publication_date": OPENING.date(),
        },
    )
    topic, created = Topic.objects.get_or_create(
        identifier=TOPIC,
        defaults={
            "call": call,
            "title": "Prevention and early detection of online child sexual abuse (demo topic)",
            "action_type": ActionType.RIA,
            "opening_at": OPENING,
            "deadline_at": DEADLINE,
            "budget": Decimal("7000000.00"),
            "min_grant": Decimal("500000.00"),
            "max_grant": Decimal("3000000.00"),
            "expected_grants": 3,
            "min_applicants": 3,
            "min_countries": 3,
            "max_duration_months": 36,
            "experts_per_proposal": 3,
        },
    )
    if created:
        topic_apply_criteria_template(topic=topic, template=HORIZON_RIA_CSA)
    return topic


def seed_experts(organisations, users, call) -> list[User]:
    experts = []
    group = Group.objects.get(name=Role.EXPERT)
    for email, first, last, employer, country, keywords in EXPERTS:
        user = users.get(email) or User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=first, last_name=last, is_active=True)
            user.email_confirmed_at = timezone.now()
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(group)
        ExpertProfile.objects.update_or_create(
            user=user,
            defaults={
                "employer": organisations[employer],
                "country": country,
                "keywords": keywords,
            },
        )
        ev.expert_set_availability(expert=user, call=call, available=True)
        experts.append(user)
    return experts


def _applicant(coordinator) -> User:
    return organisation_contact(coordinator, role=MembershipRole.CONTACT)


def seed_proposal(topic, row, organisations):
    coordinator_name, acronym, title, partners, (women, men), _scores = row
    coordinator = organisations[coordinator_name]
    user = _applicant(coordinator)
    proposal = services.proposal_create(
        topic=topic, coordinator=coordinator, user=user, acronym=acronym, title=title, now=DRAFTED
    )
    services.proposal_update_general(
        proposal=proposal,
        user=user,
        lock_version=proposal.lock_version,
        data={
            "abstract": f"{title}: a {len(partners)}-partner consortium of law enforcement, "
            "researchers and civil society working against online child sexual abuse.",
            "keywords": "child sexual abuse, digital forensics, prevention",
            "duration_months": 30,
        },
        now=DRAFTED,
    )
    for short_name, role, _personnel in partners[1:]:
        services.partner_add(
            proposal=proposal,
            user=user,
            lock_version=proposal.lock_version,
            role=role,
            organisation=organisations[short_name],
            now=DRAFTED,
        )
    by_org = {p.organisation_id: p for p in proposal.partners.all()}
    zero = Decimal("0")
    lines = {
        by_org[organisations[name].pk].pk: {
            "personnel_costs": Decimal(personnel),
            "subcontracting_costs": zero,
            "purchase_costs": zero,
            "other_direct_costs": zero,
        }
        for name, _role, personnel in partners
    }
    services.budget_update(
        proposal=proposal, user=user, lock_version=proposal.lock_version, lines=lines, now=DRAFTED
    )
    lead = Partner.objects.get(proposal=proposal, role="coordinator")
    genders = [Gender.FEMALE] * women + [Gender.MALE] * men
    for index, gender in enumerate(genders, start=1):
        services.person_add(
            proposal=proposal,
            user=user,
            lock_version=proposal.lock_version,
            partner=lead,
            data={
                "first_name": f"Researcher {index}",
                "last_name": acronym.title(),
                "role_in_project": "Work package lead",
                "gender": gender,
            },
            now=DRAFTED,
        )
    services.attachment_add(
        proposal=proposal,
        user=user,
        lock_version=proposal.lock_version,
        kind=AttachmentKind.PART_B,
        upload=SimpleUploadedFile(f"{acronym}-part-b.pdf", PART_B, "application/pdf"),
        now=DRAFTED,
    )
    lifecycle.proposal_submit(proposal=proposal, user=user, now=SUBMITTED, send_receipt=False)
    proposal.refresh_from_db()
    return proposal


def _entries(proposal, scores, shift=None):
    criteria = AwardCriterion.objects.filter(topic=proposal.topic).order_by("position", "pk")
    entries = {}
    for index, (criterion, score) in enumerate(zip(criteria, scores, strict=True)):
        value = Decimal(score)
        if shift and index == shift[0]:
            value = min(Decimal("5"), max(Decimal("0"), value + shift[1]))
        entries[criterion.pk] = (str(value), COMMENTS[criterion.code])
    return entries


def evaluate(proposal, scores, experts, manager):
    ev.proposal_check_admissibility(proposal=proposal, user=manager, decision="admit", now=CHECKED)
    start = PROPOSALS.index(next(r for r in PROPOSALS if r[1] == proposal.acronym))
    cleared = []
    for offset in range(len(experts)):
        if len(cleared) == proposal.topic.experts_per_proposal:
            break
        expert = experts[(start + offset) % len(experts)]
        try:
            assignment = ev.assignment_create(
                proposal=proposal, expert=expert, user=manager, now=ASSIGNED
            )
        except services.ProposalError:
            continue  # a known conflict: the registry refuses this expert
        conflict = CONFLICT[0] == expert.email and CONFLICT[1] == proposal.acronym
        ev.declaration_sign(
            assignment=assignment,
            user=expert,
            has_conflict=conflict,
            details=CONFLICT[2] if conflict else "",
            now=DECLARED,
        )
        if not conflict:
            cleared.append(assignment)
    # The third declaration of no conflict started the evaluation by itself.
    shifts = [(2, Decimal("0.5")), (0, Decimal("-0.5")), None]
    for assignment, shift in zip(cleared, shifts, strict=True):
        ev.report_save(
            assignment=assignment,
            user=assignment.expert,
            entries=_entries(proposal, scores, shift),
            submit=True,
            now=REPORTED,
        )
    rapporteur = cleared[0].expert
    report = results.consensus_appoint_rapporteur(
        proposal=proposal, rapporteur=rapporteur, user=manager, now=REPORTED
    )
    results.consensus_save(
        report=report,
        user=rapporteur,
        entries=_entries(proposal, scores),
        minority_views=MINORITY.get(proposal.acronym, ""),
        now=AGREED,
    )
    for assignment in cleared[1:]:
        results.consensus_approve(report=report, user=assignment.expert, now=AGREED)
    results.consensus_close(report=report, user=manager, now=CLOSED)


def seed_review(topic, manager) -> None:
    """The rejected proposal's coordinator asks for a review; the manager rejects it."""
    acronym, grounds, reason = REVIEW
    proposal = topic.proposals.get(acronym=acronym)
    if RedressRequest.objects.filter(proposal=proposal).exists():
        return
    redress = redress_request_create(
        proposal=proposal,
        user=_applicant(proposal.coordinator),
        grounds=grounds,
        now=REVIEW_ASKED,
    )
    redress_request_decide(
        redress=redress,
        user=manager,
        outcome=RedressOutcome.REJECTED,
        reason=reason,
        now=REVIEW_DECIDED,
    )


def seed(context: dict) -> None:
    organisations, users = context["organisations"], context["users"]
    topic = seed_topic()
    experts = seed_experts(organisations, users, topic.call)
    manager = users["manager@demo.example.eu"]
    evaluation = TopicEvaluation.objects.filter(topic=topic).first()
    if evaluation is None or evaluation.results_published_at is None:
        for row in PROPOSALS:
            proposal = seed_proposal(topic, row, organisations)
            evaluate(proposal, row[-1], experts, manager)
        ev.topic_set_report_deadline(topic=topic, user=manager, deadline=_at("2024-12-16", 17))
        results.topic_compute_lists(topic=topic, user=manager, now=RANKED)
        results.topic_publish_results(topic=topic, user=manager, now=PUBLISHED, notify=False)
        winner = topic.proposals.get(acronym=PROPOSALS[0][1])
        results.proposal_decide(proposal=winner, user=manager, select=True, now=SELECTED)
    seed_review(topic, manager)
