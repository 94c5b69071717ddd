"""Who may open what: every URL pattern of the project, for every role, against an explicit
table of expected statuses.

Which patterns are the project's: the resolver is walked recursively; a pattern is the
project's when its view lives in one of the project's packages (cooperation, funding, cms)
or its namespace is one of the project's (cms also serves Wagtail's sitemap view). The two
staff entry points `/admin/` (Wagtail) and `/django-admin/` (Django) are added by name. The
rest are Wagtail's and Django's own screens (the Wagtail admin's ~300 internal views,
Django admin's model pages, document serving, set_language, the JavaScript catalogue, and
Wagtail's page-serving catch-all): they are skipped, and `test_skipped_patterns_belong_to_
wagtail_or_django` checks that nothing of the project hides among them.

A pattern missing from EXPECTED fails `test_every_project_url_has_an_expected_row` with its
name.

The evaluation pages (/staff/evaluation/, /expert/, /applicant/evaluation/) point at the
demo's NETGUARD proposal, coordinated by applicant A's organisation and evaluated by the
demo experts. Three expert roles see them: the one assigned (declared no conflict, wrote a
report, drafted the consensus), one who declared a conflict on it (released), and one who
was never assigned to it. The expert URLs carry an assignment: each expert role is given
its own assignment on NETGUARD where it has one (the conflicted expert's released one),
else the assigned expert's.
"""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cooperation.accounts.notifications.kinds import Delivery, NoticeKind
from cooperation.accounts.notifications.services import unsubscribe_token
from cooperation.models import (
    Attendance,
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    Invitation,
    Meeting,
    Membership,
    NotificationPreference,
    OrganisationEvent,
    ProgressUpdate,
    Stakeholder,
    User,
    Workstream,
    WorkstreamMember,
)
from cooperation.organisations.services import organisation_invite
from funding.evaluation.freeze_models import RankingFreeze
from funding.evaluation.models import (
    Assignment,
    ConflictDeclaration,
    ConsensusReport,
    ExpertAvailability,
    IndividualReport,
    IndividualScore,
    PanelPriority,
    RankingEntry,
    RedressRequest,
    TopicEvaluation,
)
from funding.evaluation.services.assignments import declaration_sign
from funding.models import (
    Amendment,
    Deliverable,
    ExportJob,
    FundedProject,
    ProjectInitiativeChange,
    Proposal,
    ReportingPeriod,
    Topic,
)
from funding.proposals import lifecycle
from funding.proposals.lifecycle import proposal_reopen
from funding.reporting.models import DeliverableSubmission, PeriodicReport, ReviewStatus
from funding.reporting.services import report_submit

PROJECT_PACKAGES = ("cooperation", "funding", "cms", "config")
PROJECT_NAMESPACES = {
    "accounts",
    "organisations",
    "applicant",
    "projects",
    "portfolio",
    "forum",
    "cms",
    "audit",
}
ENTRY_POINTS = {"wagtailadmin_home", "admin:index", "sitemap"}
# Where the patterns the walk leaves out come from.
SKIPPED_PACKAGES = ("wagtail", "django", "django_otp", "taggit", "modelcluster")

ROLES = (
    "anonymous",
    "applicant_a",
    "applicant_b",
    "expert_assigned",
    "expert_conflicted",
    "expert_unassigned",
    "manager",
    "secretariat",
    "editor",
    "contact",
)
ACCOUNTS = {
    "applicant_a": "applicant@demo.example.eu",  # Politie NL, coordinator of VICTIM-ID
    "applicant_b": "applicant2@demo.example.eu",  # INCIBE, no part in VICTIM-ID
    # NETGUARD's rapporteur; a member of KEMEA (a researcher may also apply).
    "expert_assigned": "expert@demo.example.eu",
    # Assigned to NETGUARD in `world` and declared a conflict.
    "expert_conflicted": "expert5@demo.example.eu",
    # Evaluated other demo proposals, never NETGUARD.
    "expert_unassigned": "expert4@demo.example.eu",
    "manager": "manager@demo.example.eu",
    "secretariat": "secretariat@demo.example.eu",
    "editor": "editor@demo.example.eu",
    # A stakeholder's contact person with an account (TikTok's), who reports progress.
    "contact": "contact@demo.example.eu",
}
LOGIN = "login"  # a 302 to the sign-in page


def _view_module(pattern: URLPattern) -> str:
    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return view_class.__module__
    return getattr(callback, "__module__", None) or type(callback).__module__


def walk(resolver=None, prefix="", namespaces=()):
    """Yield (qualified name, route, view module) for every pattern, recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            spaces = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from walk(pattern, prefix + str(pattern.pattern), spaces)
        else:
            name = ":".join((*namespaces, pattern.name or "<unnamed>"))
            yield name, prefix + str(pattern.pattern), _view_module(pattern)


def is_project_pattern(name: str, module: str) -> bool:
    namespace = name.split(":")[0] if ":" in name else ""
    return (
        module.split(".")[0] in PROJECT_PACKAGES
        or namespace in PROJECT_NAMESPACES
        or name in ENTRY_POINTS
    )


def project_patterns() -> dict[str, str]:
    return {name: route for name, route, module in walk() if is_project_pattern(name, module)}


def row(default, **overrides) -> dict[str, object]:
    expected = dict.fromkeys(ROLES, default)
    expected.update(overrides)
    return expected


# Shorthands for the common rows.
PUBLIC = row(200)
SIGNED_IN = row(200, anonymous=LOGIN)
APPLICANTS = row(403, anonymous=LOGIN, applicant_a=200, applicant_b=200)
STAFF_PORTFOLIO = row(403, anonymous=LOGIN, manager=200)
FORUM = row(403, anonymous=LOGIN, secretariat=200)
FORUM_POST_ONLY = row(403, anonymous=LOGIN, secretariat=405)
# Proposal pages of applicant A's proposal: another organisation does not learn it exists.
PROPOSAL_OWNER = row(404, anonymous=LOGIN, applicant_a=200)
# POST-only actions on that proposal: a GET is refused with 405 once the user may see it.
POST_ONLY_OWNER = {**PROPOSAL_OWNER, "applicant_a": 405}
# Actions that cannot be undone (submit, withdraw) answer a GET with their confirmation
# page: PROPOSAL_OWNER.

# Evaluation
EVALUATION_STEPS = ("check", "assign", "start", "rapporteur", "close", "priority", "redress")
# Steps that cannot be undone: a confirmation page on GET (it changes nothing), the step on
# POST from its "Yes, …" button.
CONFIRMED_EVALUATION_STEPS = ("freeze", "publish", "decide")
STAFF_EVALUATION = row(403, anonymous=LOGIN, manager=200)
STAFF_EVALUATION_POST_ONLY = row(403, anonymous=LOGIN, manager=405)
EXPERTS = ("expert_assigned", "expert_conflicted", "expert_unassigned")
EXPERT_AREA = row(403, anonymous=LOGIN, **dict.fromkeys(EXPERTS, 200))
CLEARED_ASSIGNMENT = row(404, anonymous=LOGIN, expert_assigned=200)

# Staff screens of the Wagtail admin: others are sent to sign in; staff without the model
# permission are sent back to the admin's home (302).
WAGTAIL_CALLS = row(LOGIN, manager=200, secretariat=302, editor=302)
# A made-up token is refused with 400 for everyone (the real links: tests/cooperation).
BAD_TOKEN = row(400)
# Pages for those not signed in: a signed-in user is sent on (302).
SIGNED_OUT = row(302, anonymous=200)

# The grant screens: pages (GET), and the checklist's steps (POST only).
GRANT_PAGES = (
    "participants",
    "payment_list",
    "deliverable_list",
    "period_list",
    "deliverables",
    "deliverable",
    "periods",
    "period",
    "preparation",
    "account",
    "description",
    "fail",
    "reserve",
    "payments",
    "amendments",
    "amendment",
)
GRANT_STEPS = ("confirm", "describe", "dates", "sign")

# name -> role -> expected status of a GET (LOGIN: a redirect to the sign-in page).
EXPECTED: dict[str, dict[str, object]] = {
    # Accounts
    "accounts:sign_up": SIGNED_OUT,
    "accounts:login": SIGNED_OUT,
    "accounts:confirm": BAD_TOKEN,
    "accounts:resend_confirmation": PUBLIC,
    "accounts:logout": row(405),  # POST only, for everyone
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,  # an invalid link says so on a 200 page
    "accounts:password_reset_complete": PUBLIC,
    "accounts:password_change": SIGNED_IN,
    "accounts:profile": SIGNED_IN,
    "accounts:two_factor": SIGNED_IN,  # the second factor is off in the test settings
    "accounts:second_factor": SIGNED_IN,  # no demo account has an app: "set one up"
    "accounts:recovery_codes": row(405, anonymous=LOGIN),  # POST only
    "accounts:authenticator_remove": row(405, anonymous=LOGIN),  # POST only
    # Notification preferences: everyone's own page. Unsubscribing needs no sign-in, only a
    # signed link: a made-up one is refused for everyone (the real links:
    # tests/cooperation/accounts/test_notifications.py).
    "accounts:notifications": SIGNED_IN,
    "accounts:unsubscribe": BAD_TOKEN,
    # Organisations: applicant A is a member of the coordinator; B is not and gets 404.
    "organisations:mine": SIGNED_IN,
    "organisations:register": APPLICANTS,
    "organisations:detail": row(404, anonymous=LOGIN, applicant_a=200),
    "organisations:invite": row(404, anonymous=LOGIN, applicant_a=200),
    "organisations:accept_invitation": BAD_TOKEN,
    # Managing members: applicant A is the organisation's contact person. A role change,
    # a withdrawal and a resend are POST only; a removal shows its confirmation first.
    "organisations:member_role": row(404, anonymous=LOGIN, applicant_a=405),
    "organisations:member_remove": row(404, anonymous=LOGIN, applicant_a=200),
    "organisations:invitation_withdraw": row(404, anonymous=LOGIN, applicant_a=405),
    "organisations:invitation_resend": row(404, anonymous=LOGIN, applicant_a=405),
    # The applicant area: a scoped list for anyone signed in, proposals only for members.
    "applicant:dashboard": SIGNED_IN,
    # Any member of an organisation may start one; the demo expert belongs to one (a
    # researcher may also apply), the staff accounts do not.
    "applicant:start": row(
        403, anonymous=LOGIN, applicant_a=200, applicant_b=200, expert_assigned=200
    ),
    "applicant:proposal": PROPOSAL_OWNER,
    "applicant:check": PROPOSAL_OWNER,
    "applicant:general": PROPOSAL_OWNER,
    "applicant:consortium": PROPOSAL_OWNER,
    "applicant:budget": PROPOSAL_OWNER,
    "applicant:personnel": PROPOSAL_OWNER,
    "applicant:attachments": PROPOSAL_OWNER,
    "applicant:attachment_download": PROPOSAL_OWNER,
    "applicant:receipt": PROPOSAL_OWNER,
    "applicant:receipt_file": PROPOSAL_OWNER,
    "applicant:partner_remove": POST_ONLY_OWNER,
    # Sharing the proposal with a partner: POST only, the coordinator's members alone.
    "applicant:partner_share": POST_ONLY_OWNER,
    "applicant:person_remove": POST_ONLY_OWNER,
    "applicant:attachment_remove": POST_ONLY_OWNER,
    "applicant:submit": PROPOSAL_OWNER,
    "applicant:reopen": POST_ONLY_OWNER,
    "applicant:withdraw": PROPOSAL_OWNER,
    # Funded portfolio: programme managers; an export job is its requester's only.
    "portfolio:list": STAFF_PORTFOLIO,
    "portfolio:dashboard": STAFF_PORTFOLIO,
    "portfolio:export": STAFF_PORTFOLIO,
    "portfolio:export_job": row(404, anonymous=LOGIN, manager=200),
    "portfolio:export_download": row(404, anonymous=LOGIN, manager=200),
    "portfolio:detail": STAFF_PORTFOLIO,
    "portfolio:change_status": row(403, anonymous=LOGIN, manager=405),  # POST only
    # The strategy initiative a project serves: set by programme managers on its page.
    "portfolio:initiative": STAFF_PORTFOLIO,
    # Grant preparation, payments and amendments: programme managers only (the project's
    # own beneficiaries included: tests/funding/portfolio/test_grant_views.py).
    **dict.fromkeys([f"portfolio:{name}" for name in GRANT_PAGES], STAFF_PORTFOLIO),
    **dict.fromkeys(
        [f"portfolio:{name}" for name in GRANT_STEPS], row(403, anonymous=LOGIN, manager=405)
    ),
    # The managers' review of what beneficiaries submit (a version of applicant A's project).
    "portfolio:review_deliverables": STAFF_PORTFOLIO,
    "portfolio:review_reports": STAFF_PORTFOLIO,
    "portfolio:review_deliverable": STAFF_PORTFOLIO,
    "portfolio:review_report": STAFF_PORTFOLIO,
    "portfolio:review_deliverable_file": STAFF_PORTFOLIO,
    "portfolio:review_report_file": STAFF_PORTFOLIO,
    # The beneficiaries' area: a scoped list for anyone signed in; the pages of a project
    # (ORBIT-AEGIS6, where applicant A's organisation is a beneficiary) only for members of
    # its consortium: another organisation, the manager and the secretariat get a 404.
    "projects:list": SIGNED_IN,
    "projects:detail": PROPOSAL_OWNER,
    "projects:deliverable": PROPOSAL_OWNER,
    "projects:report": PROPOSAL_OWNER,
    "projects:amendments": PROPOSAL_OWNER,
    "projects:deliverable_file": PROPOSAL_OWNER,
    "projects:report_file": PROPOSAL_OWNER,
    # Forum secretariat
    "forum:dashboard": FORUM,
    "forum:stakeholder_list": FORUM,
    "forum:stakeholder_detail": FORUM,
    "forum:stakeholder_import": FORUM,
    "forum:stakeholder_import_template": FORUM,
    "forum:workstream_list": FORUM,
    "forum:workstream_detail": FORUM,
    "forum:meeting_list": FORUM,
    "forum:meeting_detail": FORUM,
    "forum:meeting_minutes": FORUM,
    "forum:commitment_list": FORUM,
    "forum:commitment_export": FORUM,
    "forum:commitment_detail": FORUM,
    "forum:evidence_file": FORUM,
    "forum:reminders": FORUM,
    "forum:mnr_matrix": FORUM,
    "forum:mnr_record": FORUM,
    "forum:mnr_export": FORUM,
    # The secretariat's own records, without the admin: forms on GET, POST-only actions 405.
    "forum:stakeholder_create": FORUM,
    "forum:stakeholder_edit": FORUM,
    "forum:workstream_create": FORUM,
    "forum:workstream_edit": FORUM,
    "forum:workstream_status": FORUM_POST_ONLY,
    "forum:workstream_member_add": FORUM_POST_ONLY,
    "forum:workstream_member_remove": FORUM_POST_ONLY,
    "forum:meeting_create": FORUM,
    "forum:meeting_edit": FORUM,
    "forum:meeting_attendance": FORUM,
    "forum:meeting_minutes_upload": FORUM,
    "forum:meeting_summary": FORUM,
    "forum:commitment_create": FORUM,
    "forum:commitment_edit": FORUM,
    "forum:contact_add": FORUM,
    "forum:contact_edit": FORUM,
    "forum:contact_remove": FORUM_POST_ONLY,
    "forum:milestone_edit": FORUM,
    # A stakeholder's contact person's own pages: none of these roles is one.
    "forum:my_commitment_list": row(403, anonymous=LOGIN, contact=200),
    "forum:my_commitment_detail": row(403, anonymous=LOGIN, contact=200),
    "forum:my_evidence_file": row(403, anonymous=LOGIN, contact=200),
    # The audit trail
    "audit:list": row(403, anonymous=LOGIN, manager=200, secretariat=200),
    # Evaluation, the programme managers' screens: everyone else is refused with the
    # reason (the topic and the proposal are not secret to staff). POST-only steps: 405.
    "evaluation:home": STAFF_EVALUATION,
    "evaluation:statistics": STAFF_EVALUATION,
    "evaluation:redress_list": STAFF_EVALUATION,
    # The experts' list and a manager's edit of an expert's profile (the assigned expert's).
    "evaluation:experts": STAFF_EVALUATION,
    "evaluation:expert_edit": STAFF_EVALUATION,
    "evaluation:topic": STAFF_EVALUATION,
    "evaluation:deadline": STAFF_EVALUATION_POST_ONLY,
    # Bulk assignment: a preview that changes nothing, its confirmation posts the pairs.
    "evaluation:bulk_assign": STAFF_EVALUATION,
    "evaluation:ranking": STAFF_EVALUATION,
    **dict.fromkeys(
        [f"evaluation:{step}" for step in CONFIRMED_EVALUATION_STEPS], STAFF_EVALUATION
    ),
    # Where a freeze of the ranking stands (the task worker freezes it): managers only; a
    # freeze of another topic answers 404 (tests/funding/evaluation/test_freeze_jobs.py).
    "evaluation:freeze_status": STAFF_EVALUATION,
    "evaluation:ranking_csv": STAFF_EVALUATION,
    "evaluation:ranking_xlsx": STAFF_EVALUATION,
    "evaluation:proposal": STAFF_EVALUATION,
    "evaluation:attachment": STAFF_EVALUATION,
    **dict.fromkeys(
        [f"evaluation:{step}" for step in EVALUATION_STEPS], STAFF_EVALUATION_POST_ONLY
    ),
    # The expert area: any expert has a dashboard; the pages of an assignment exist only
    # for the expert whose cleared assignment it is (404 to everyone else, the conflicted
    # expert's own released assignment included).
    "expert:dashboard": EXPERT_AREA,
    "expert:availability": EXPERT_AREA,
    # Signed once: the form is gone for the assigned expert too, and a released
    # assignment has none.
    "expert:declare": row(404, anonymous=LOGIN),
    "expert:proposal": CLEARED_ASSIGNMENT,
    "expert:attachment": CLEARED_ASSIGNMENT,
    "expert:report": CLEARED_ASSIGNMENT,
    "expert:reports": CLEARED_ASSIGNMENT,
    "expert:consensus": CLEARED_ASSIGNMENT,
    # The published Evaluation Summary Report: the coordinator's members only.
    "evaluation_results:summary": row(404, anonymous=LOGIN, applicant_a=200),
    # The evaluation review request: the page is the coordinator's members' (it says why
    # they may not ask once the window is over); others do not learn the proposal exists.
    "evaluation_results:redress": row(404, anonymous=LOGIN, applicant_a=200),
    # Public feeds and files
    "cms:calls_rss": PUBLIC,
    "cms:calls_atom": PUBLIC,
    "cms:deadlines_ics": PUBLIC,
    "health": PUBLIC,  # the load balancer's health check: "ok" or "unavailable", no secret
    "sitemap": PUBLIC,
    "robots": PUBLIC,
    # The project's screens inside the Wagtail admin
    "funding_topic:index": WAGTAIL_CALLS,
    "funding_topic:index_results": WAGTAIL_CALLS,
    "funding_topic:edit": WAGTAIL_CALLS,
    "funding_topic:apply_criteria": WAGTAIL_CALLS,
    # A new programme starts with its default eligible countries (the project's create view).
    "funding_programme:add": WAGTAIL_CALLS,
    # Entry points: Wagtail's admin for staff roles; Django's admin for superusers only
    # (everyone else is sent to its own sign-in page, a 302 elsewhere than ours).
    "wagtailadmin_home": row(LOGIN, manager=200, secretariat=200, editor=200),
    "admin:index": row(302),
}

# POST-only actions and forms that change things: the POST of each role that may not act,
# and the status that refuses it. The acting role is not posted, so nothing changes.
REFUSED_TO_ALL_BUT_APPLICANT_A = row(404, anonymous=LOGIN)
del REFUSED_TO_ALL_BUT_APPLICANT_A["applicant_a"]
REFUSED_OUTSIDE_FORUM = row(403, anonymous=LOGIN)
del REFUSED_OUTSIDE_FORUM["secretariat"]
REFUSED_OUTSIDE_PORTFOLIO = row(403, anonymous=LOGIN)
del REFUSED_OUTSIDE_PORTFOLIO["manager"]
REFUSED_OUTSIDE_EVALUATION = row(403, anonymous=LOGIN)
del REFUSED_OUTSIDE_EVALUATION["manager"]
REFUSED_OUTSIDE_EXPERT_AREA = {
    role: status for role, status in row(403, anonymous=LOGIN).items() if role not in EXPERTS
}
REFUSED_OUTSIDE_ASSIGNMENT = row(404, anonymous=LOGIN)
del REFUSED_OUTSIDE_ASSIGNMENT["expert_assigned"]
POST_REFUSED: dict[str, dict[str, object]] = {
    **dict.fromkeys(
        [
            "applicant:general",
            "applicant:consortium",
            "applicant:budget",
            "applicant:attachments",
            "applicant:partner_remove",
            "applicant:partner_share",
            "applicant:person_remove",
            "applicant:attachment_remove",
            "applicant:submit",
            "applicant:reopen",
            "applicant:withdraw",
        ],
        REFUSED_TO_ALL_BUT_APPLICANT_A,
    ),
    "portfolio:change_status": REFUSED_OUTSIDE_PORTFOLIO,
    **dict.fromkeys(
        [
            f"portfolio:{name}"
            for name in (
                *GRANT_STEPS,
                "account",
                "fail",
                "reserve",
                "payments",
                "amendments",
                "deliverables",
                "deliverable",
                "periods",
                "period",
                "initiative",
            )
        ],
        REFUSED_OUTSIDE_PORTFOLIO,
    ),
    "portfolio:amendment": REFUSED_OUTSIDE_PORTFOLIO,
    "portfolio:review_deliverable": REFUSED_OUTSIDE_PORTFOLIO,
    "portfolio:review_report": REFUSED_OUTSIDE_PORTFOLIO,
    "projects:deliverable": REFUSED_TO_ALL_BUT_APPLICANT_A,
    "projects:report": REFUSED_TO_ALL_BUT_APPLICANT_A,
    "projects:amendments": REFUSED_TO_ALL_BUT_APPLICANT_A,
    "forum:commitment_detail": REFUSED_OUTSIDE_FORUM,
    "forum:mnr_record": REFUSED_OUTSIDE_FORUM,
    "forum:stakeholder_import": REFUSED_OUTSIDE_FORUM,
    "accounts:unsubscribe": BAD_TOKEN,
    **dict.fromkeys(
        [
            "forum:stakeholder_create",
            "forum:stakeholder_edit",
            "forum:workstream_create",
            "forum:workstream_edit",
            "forum:workstream_status",
            "forum:workstream_member_add",
            "forum:workstream_member_remove",
            "forum:meeting_create",
            "forum:meeting_edit",
            "forum:meeting_attendance",
            "forum:meeting_minutes_upload",
            "forum:meeting_summary",
            "forum:commitment_create",
            "forum:commitment_edit",
            "forum:contact_add",
            "forum:contact_edit",
            "forum:contact_remove",
            "forum:milestone_edit",
        ],
        REFUSED_OUTSIDE_FORUM,
    ),
    **dict.fromkeys(
        [
            "organisations:invite",
            "organisations:member_role",
            "organisations:member_remove",
            "organisations:invitation_withdraw",
            "organisations:invitation_resend",
        ],
        {
            role: status
            for role, status in row(404, anonymous=LOGIN).items()
            if role != "applicant_a"
        },
    ),
    **dict.fromkeys(
        [
            "evaluation:deadline",
            "evaluation:bulk_assign",
            "evaluation:ranking",  # acts on nothing since the confirmation pages: 405
            *[f"evaluation:{step}" for step in EVALUATION_STEPS],
            *[f"evaluation:{step}" for step in CONFIRMED_EVALUATION_STEPS],
        ],
        REFUSED_OUTSIDE_EVALUATION,
    ),
    "evaluation_results:redress": REFUSED_TO_ALL_BUT_APPLICANT_A,
    "expert:availability": REFUSED_OUTSIDE_EXPERT_AREA,
    "expert:declare": row(404, anonymous=LOGIN),
    "expert:report": REFUSED_OUTSIDE_ASSIGNMENT,
    "expert:consensus": REFUSED_OUTSIDE_ASSIGNMENT,
}


@pytest.fixture
def world(db, settings, django_capture_on_commit_callbacks):
    """The demo, plus the private files it does not make: minutes, evidence, an export."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    # Applicant A's submitted proposal, reopened: a draft with partners, people, a Part B
    # and a receipt, so that every section and action has something to act on.
    proposal = Proposal.objects.get(acronym="VICTIM-ID")
    applicant_a = User.objects.get(email=ACCOUNTS["applicant_a"])
    proposal = proposal_reopen(proposal=proposal, user=applicant_a)
    meeting = Meeting.objects.order_by("pk").first()
    meeting.minutes.save("minutes.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    commitment = Commitment.objects.order_by("pk").first()
    update = ProgressUpdate.objects.filter(commitment=commitment).order_by("pk").first()
    update.evidence_file.save("evidence.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    manager = User.objects.get(email=ACCOUNTS["manager"])
    job = ExportJob.objects.create(requested_by=manager, status="done", row_count=1)
    # A freeze of the evaluated topic's ranking that failed (so nothing is frozen or held).
    freeze = RankingFreeze.objects.create(
        topic=Proposal.objects.get(acronym="NETGUARD").topic,
        requested_by=manager,
        requested_at=timezone.now(),
        status="failed",
        error="matrix",
    )
    job.file.save("portfolio.xlsx", ContentFile(b"PK\x03\x04"), save=True)
    project = FundedProject.objects.order_by("grant_number").first()
    # The demo's project in grant preparation with a half-done checklist (a Part B attached).
    prepared = FundedProject.objects.filter(grant_preparation__description__gt="").get()
    amendment = Amendment.objects.select_related("project").get()
    # The evaluation: NETGUARD, coordinated by applicant A's organisation. A fourth expert
    # was assigned to it and declared a conflict (the declaration releases the assignment).
    evaluated = Proposal.objects.get(acronym="NETGUARD")
    experts = {role: User.objects.get(email=ACCOUNTS[role]) for role in EXPERTS}
    conflicted = Assignment.objects.create(
        proposal=evaluated,
        expert=experts["expert_conflicted"],
        assigned_by=manager,
        assigned_at=evaluated.submissions.order_by("number").last().submitted_at,
    )
    declaration_sign(
        assignment=conflicted,
        user=experts["expert_conflicted"],
        has_conflict=True,
        details="I reviewed an earlier version of this work for the coordinator.",
    )
    assigned = Assignment.objects.get(proposal=evaluated, expert=experts["expert_assigned"])
    assert Assignment.objects.cleared().filter(pk=assigned.pk).exists()
    assert not Assignment.objects.filter(
        proposal=evaluated, expert=experts["expert_unassigned"]
    ).exists()
    # A pending invitation of applicant A's organisation, sent by A (its contact person).
    invitation = organisation_invite(
        organisation=proposal.coordinator,
        invited_by=applicant_a,
        email="invited@demo.example.eu",
        site_url="https://csa.example.eu",
    )
    member = proposal.coordinator.memberships.get(user=applicant_a)
    # Applicant A's funded project: a deliverable version waiting for review (the demo's)
    # and a periodic report of its organisation for the last period.
    reported = FundedProject.objects.get(acronym="ORBIT-AEGIS6")
    deliverable_version = DeliverableSubmission.objects.get(deliverable__project=reported)
    last_period = reported.reporting_periods.order_by("number").last()
    report_version = report_submit(
        period=last_period,
        participant=reported.participants.get(organisation=proposal.coordinator),
        user=applicant_a,
        upload=SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n"),
        costs={"personnel": "1000.00"},
    )
    return {
        "reported": reported.grant_number,
        "reported_deliverable": deliverable_version.deliverable_id,
        "reported_period": last_period.number,
        "deliverable_version": deliverable_version.pk,
        "report_version": report_version.pk,
        "pk": proposal.pk,
        "partner": proposal.partners.exclude(role="coordinator").first().pk,
        "person": proposal.partners.get(role="coordinator").people.first().pk,
        "attachment": proposal.attachments.first().pk,
        "number": 1,
        "organisation": proposal.coordinator.pk,
        "member": member.pk,
        "invitation": invitation.pk,
        "stakeholder": Stakeholder.objects.order_by("pk").first().pk,
        "workstream": Workstream.objects.order_by("pk").first().pk,
        "workstream_member": Workstream.objects.order_by("pk").first().members.first().pk,
        "contact": ContactPerson.objects.order_by("pk").first().pk,
        "milestone": CommitmentMilestone.objects.order_by("pk").first().pk,
        "meeting": meeting.pk,
        "commitment": commitment.pk,
        "evidence": update.pk,
        "export": job.pk,
        "freeze": freeze.pk,
        "grant_number": project.grant_number,
        "plan_deliverable": project.deliverables.order_by("pk").first().pk,
        "plan_period": project.reporting_periods.order_by("pk").first().pk,
        "prepared": prepared.grant_number,
        "beneficiary": prepared.participants.order_by("position").first().pk,
        "amendment": (amendment.project.grant_number, amendment.pk),
        "topic": Topic.objects.order_by("pk").first().pk,
        "evaluated_topic": evaluated.topic_id,
        "evaluated": evaluated.pk,
        "evaluated_attachment": evaluated.attachments.first().pk,
        "assignments": {"expert_assigned": assigned.pk, "expert_conflicted": conflicted.pk},
        "expert": experts["expert_assigned"].pk,
    }


def concrete_url(name: str, objects: dict, role: str = "anonymous") -> str:
    """The URL of a pattern, its arguments taken from the seeded objects. An expert URL
    carries the role's own assignment on the evaluated proposal, else the assigned
    expert's."""
    assignment = objects["assignments"].get(role, objects["assignments"]["expert_assigned"])
    args = {
        "applicant:partner_remove": {"pk": objects["pk"], "item": objects["partner"]},
        "applicant:partner_share": {"pk": objects["pk"], "item": objects["partner"]},
        "applicant:person_remove": {"pk": objects["pk"], "item": objects["person"]},
        "applicant:attachment_remove": {"pk": objects["pk"], "item": objects["attachment"]},
        "applicant:attachment_download": {"pk": objects["pk"], "item": objects["attachment"]},
        "applicant:receipt": {"pk": objects["pk"], "number": objects["number"]},
        "applicant:receipt_file": {
            "pk": objects["pk"],
            "number": objects["number"],
            "item": objects["attachment"],
        },
        "accounts:confirm": {"uidb64": "MQ", "token": "not-a-real-token"},
        "accounts:unsubscribe": {"token": "not-a-real-token"},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "organisations:detail": {"pk": objects["organisation"]},
        "organisations:invite": {"pk": objects["organisation"]},
        "organisations:member_role": {"pk": objects["organisation"], "member": objects["member"]},
        "organisations:member_remove": {
            "pk": objects["organisation"],
            "member": objects["member"],
        },
        "organisations:invitation_withdraw": {
            "pk": objects["organisation"],
            "invitation": objects["invitation"],
        },
        "organisations:invitation_resend": {
            "pk": objects["organisation"],
            "invitation": objects["invitation"],
        },
        "organisations:accept_invitation": {"token": "not-a-real-token"},
        "forum:stakeholder_detail": {"pk": objects["stakeholder"]},
        "forum:workstream_detail": {"pk": objects["workstream"]},
        **dict.fromkeys(
            ["forum:workstream_edit", "forum:workstream_status", "forum:workstream_member_add"],
            {"pk": objects["workstream"]},
        ),
        "forum:workstream_member_remove": {
            "pk": objects["workstream"],
            "member": objects["workstream_member"],
        },
        **dict.fromkeys(
            [
                "forum:meeting_edit",
                "forum:meeting_attendance",
                "forum:meeting_minutes_upload",
                "forum:meeting_summary",
            ],
            {"pk": objects["meeting"]},
        ),
        "forum:stakeholder_edit": {"pk": objects["stakeholder"]},
        "forum:commitment_edit": {"pk": objects["commitment"]},
        "forum:contact_add": {"pk": objects["stakeholder"]},
        "forum:milestone_edit": {"pk": objects["milestone"]},
        **dict.fromkeys(["forum:contact_edit", "forum:contact_remove"], {"pk": objects["contact"]}),
        "forum:meeting_detail": {"pk": objects["meeting"]},
        "forum:meeting_minutes": {"pk": objects["meeting"]},
        "forum:commitment_detail": {"pk": objects["commitment"]},
        "forum:evidence_file": {"pk": objects["evidence"]},
        "forum:my_commitment_detail": {"pk": objects["commitment"]},
        "forum:my_evidence_file": {"pk": objects["evidence"]},
        "portfolio:export_job": {"pk": objects["export"]},
        "portfolio:export_download": {"pk": objects["export"]},
        "portfolio:detail": {"grant_number": objects["grant_number"]},
        "portfolio:change_status": {"grant_number": objects["grant_number"]},
        "portfolio:initiative": {"grant_number": objects["grant_number"]},
        **{
            f"portfolio:{name}": {"grant_number": objects["prepared"]}
            for name in (*GRANT_STEPS, "preparation", "description", "fail", "reserve")
        },
        "portfolio:account": {
            "grant_number": objects["prepared"],
            "participant": objects["beneficiary"],
        },
        "portfolio:payments": {"grant_number": objects["grant_number"]},
        "portfolio:deliverables": {"grant_number": objects["grant_number"]},
        "portfolio:periods": {"grant_number": objects["grant_number"]},
        "portfolio:deliverable": {
            "grant_number": objects["grant_number"],
            "pk": objects["plan_deliverable"],
        },
        "portfolio:period": {"grant_number": objects["grant_number"], "pk": objects["plan_period"]},
        "portfolio:amendments": {"grant_number": objects["grant_number"]},
        "portfolio:amendment": {
            "grant_number": objects["amendment"][0],
            "pk": objects["amendment"][1],
        },
        "portfolio:review_deliverable": {"pk": objects["deliverable_version"]},
        "portfolio:review_report": {"pk": objects["report_version"]},
        "portfolio:review_deliverable_file": {"pk": objects["deliverable_version"]},
        "portfolio:review_report_file": {"pk": objects["report_version"]},
        "projects:detail": {"grant_number": objects["reported"]},
        "projects:amendments": {"grant_number": objects["reported"]},
        "projects:deliverable": {
            "grant_number": objects["reported"],
            "pk": objects["reported_deliverable"],
        },
        "projects:report": {
            "grant_number": objects["reported"],
            "number": objects["reported_period"],
        },
        "projects:deliverable_file": {
            "grant_number": objects["reported"],
            "pk": objects["deliverable_version"],
        },
        "projects:report_file": {
            "grant_number": objects["reported"],
            "pk": objects["report_version"],
        },
        "funding_topic:edit": {"pk": objects["topic"]},
        "funding_topic:apply_criteria": {"pk": objects["topic"]},
        "evaluation_results:summary": {"pk": objects["evaluated"]},
        "evaluation_results:redress": {"pk": objects["evaluated"]},
        "expert:attachment": {"pk": assignment, "item": objects["evaluated_attachment"]},
        "evaluation:expert_edit": {"pk": objects["expert"]},
        "evaluation:freeze_status": {"pk": objects["evaluated_topic"], "freeze": objects["freeze"]},
        "evaluation:attachment": {
            "pk": objects["evaluated"],
            "item": objects["evaluated_attachment"],
        },
    }.get(name)
    route = project_patterns()[name]
    if args is None and name.startswith("evaluation:") and "<int:pk>" in route:
        key = "evaluated_topic" if route.startswith("staff/evaluation/topics/") else "evaluated"
        args = {"pk": objects[key]}
    if args is None and name.startswith("expert:") and "<int:pk>" in route:
        args = {"pk": assignment}
    if args is None and name.startswith("applicant:") and "<int:pk>" in route:
        args = {"pk": objects["pk"]}
    query = {"applicant:start": "?topic=ISF-DEMO-AG-CSA-01"}.get(name, "")
    return reverse(name, kwargs=args or {}) + query


def status_of(response) -> object:
    if response.status_code == 302 and "/accounts/login/" in response.get("Location", ""):
        return LOGIN
    return response.status_code


def test_every_project_url_has_an_expected_row():
    missing = sorted(set(project_patterns()) - set(EXPECTED))
    assert missing == [], f"URL patterns with no row in EXPECTED: {missing}"
    stale = sorted(set(EXPECTED) - set(project_patterns()))
    assert stale == [], f"rows in EXPECTED for patterns that no longer exist: {stale}"
    for name, expected in EXPECTED.items():
        assert set(expected) == set(ROLES), name


def test_skipped_patterns_belong_to_wagtail_or_django():
    skipped = [
        (name, module) for name, _route, module in walk() if not is_project_pattern(name, module)
    ]
    assert skipped, "the walk should leave Wagtail's and Django's own screens out"
    strays = [(n, m) for n, m in skipped if m.split(".")[0] not in SKIPPED_PACKAGES]
    assert strays == []


def test_the_walk_finds_the_project_and_its_entry_points():
    names = set(project_patterns())
    assert {"accounts:login", "applicant:submit", "forum:commitment_export"} <= names
    assert {"portfolio:export", "cms:deadlines_ics", "wagtailadmin_home", "admin:index"} <= names
    assert project_patterns()["admin:index"] == "django-admin/"


def test_each_role_gets_the_expected_status_on_every_url(client, world):
    users = {role: User.objects.get(email=email) for role, email in ACCOUNTS.items()}
    before = evaluation_state(world)
    organisation_before = organisation_state(world)
    forum_before = forum_state()
    plan_before = plan_state()
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        for name in sorted(project_patterns()):
            url = concrete_url(name, world, role)
            got = status_of(client.get(url))
            if got != EXPECTED[name][role]:
                wrong.append(
                    f"GET {url} ({name}) as {role}: {got}, expected {EXPECTED[name][role]}"
                )
            for method_role, refused in POST_REFUSED.get(name, {}).items():
                if method_role != role:
                    continue
                got = status_of(client.post(url, {"reason": "matrix", "lock_version": 1}))
                if got != refused:
                    wrong.append(f"POST {url} ({name}) as {role}: {got}, expected {refused}")
    assert wrong == [], "\n".join(wrong)
    proposal = Proposal.objects.get(pk=world["pk"])
    assert proposal.status == "draft"
    assert proposal.partners.count() == 4 and proposal.attachments.count() == 1
    assert evaluation_state(world) == before
    assert organisation_state(world) == organisation_before
    assert forum_state() == forum_before
    assert plan_state() == plan_before


def plan_state() -> dict:
    """What a refused POST on a project's deliverables and periods could have changed."""
    return {
        "deliverables": sorted(Deliverable.objects.values_list("pk", "code", "title", "due_date")),
        "periods": sorted(
            ReportingPeriod.objects.values_list("pk", "number", "start_date", "end_date")
        ),
        # ... and on a project's strategy initiative.
        "initiatives": sorted(FundedProject.objects.values_list("pk", "initiative")),
        "initiative_changes": ProjectInitiativeChange.objects.count(),
    }


def forum_state() -> dict:
    """What a refused POST on the secretariat's record pages could have changed."""
    return {
        "workstreams": sorted(Workstream.objects.values_list("pk", "name", "status")),
        "members": sorted(WorkstreamMember.objects.values_list("pk", "role")),
        "meetings": sorted(
            Meeting.objects.values_list("pk", "title", "minutes", "summary_published_at")
        ),
        "attendance": sorted(Attendance.objects.values_list("pk", "status")),
        "stakeholders": sorted(Stakeholder.objects.values_list("pk", "category")),
        "contacts": sorted(ContactPerson.objects.values_list("pk", "email", "user_id")),
        "commitments": sorted(Commitment.objects.values_list("pk", "title", "due_date")),
        "milestones": sorted(
            CommitmentMilestone.objects.values_list("pk", "due_date", "done_date")
        ),
    }


def organisation_state(objects) -> dict:
    """What a refused POST on the organisation's member pages could have changed."""
    return {
        "members": sorted(
            Membership.objects.filter(organisation_id=objects["organisation"]).values_list(
                "pk", "role"
            )
        ),
        "invitations": sorted(
            Invitation.objects.filter(organisation_id=objects["organisation"]).values_list(
                "pk", "token_hash", "withdrawn_at", "accepted_at"
            )
        ),
        "history": OrganisationEvent.objects.filter(
            organisation_id=objects["organisation"]
        ).count(),
    }


def evaluation_state(objects) -> dict:
    """What a refused POST on the evaluation pages could have changed."""
    evaluated = Proposal.objects.get(pk=objects["evaluated"])
    consensus = ConsensusReport.objects.get(proposal=evaluated)
    evaluation = TopicEvaluation.objects.get(topic_id=objects["evaluated_topic"])
    return {
        "status": evaluated.status,
        "history": evaluated.status_changes.count(),
        "assignments": sorted(
            Assignment.objects.filter(proposal=evaluated).values_list(
                "pk", "expert_id", "released_at"
            )
        ),
        "declarations": ConflictDeclaration.objects.filter(assignment__proposal=evaluated).count(),
        "reports": sorted(
            IndividualReport.objects.filter(assignment__proposal=evaluated).values_list(
                "pk", "status", "submitted_at"
            )
        ),
        "scores": sorted(
            IndividualScore.objects.filter(report__assignment__proposal=evaluated).values_list(
                "pk", "score", "comment"
            )
        ),
        "consensus": (consensus.status, consensus.minority_views, consensus.approvals.count()),
        "consensus_scores": sorted(consensus.scores.values_list("pk", "score", "comment")),
        "priorities": PanelPriority.objects.count(),
        "ranking": sorted(
            RankingEntry.objects.filter(topic_id=objects["evaluated_topic"]).values_list(
                "proposal_id", "position", "list_kind"
            )
        ),
        "lists": evaluation.lists_computed_at,
        "published": evaluation.results_published_at,
        "projects": FundedProject.objects.count(),
        "report_deadline": evaluation.report_deadline,
        "availability": ExpertAvailability.objects.count(),
        "redress": sorted(
            RedressRequest.objects.values_list("pk", "proposal_id", "decided_at", "outcome")
        ),
        # A refused POST on the reporting pages stores and decides nothing.
        "versions": (DeliverableSubmission.objects.count(), PeriodicReport.objects.count()),
        "waiting": DeliverableSubmission.objects.filter(status=ReviewStatus.SUBMITTED).count()
        + PeriodicReport.objects.filter(status=ReviewStatus.SUBMITTED).count(),
    }


def test_a_made_up_export_is_not_found(client, world):
    client.force_login(User.objects.get(email=ACCOUNTS["manager"]))
    url = reverse("portfolio:export_download", kwargs={"pk": uuid.uuid4()})
    assert client.get(url).status_code == 404


def test_a_confirmation_page_changes_nothing(client, world):
    """The GET of a step that cannot be undone is a page that says what would happen;
    the manager may open each of them on the demo's evaluated topic and proposal."""
    client.force_login(User.objects.get(email=ACCOUNTS["manager"]))
    before = evaluation_state(world)
    for step in CONFIRMED_EVALUATION_STEPS:
        for query in ("", "?select=yes", "?select=no"):
            url = concrete_url(f"evaluation:{step}", world, "manager") + query
            response = client.get(url)
            assert response.status_code == 200, url
            assert "Cancel" in response.content.decode() or "Back to" in response.content.decode()
    assert evaluation_state(world) == before
    client.force_login(User.objects.get(email=ACCOUNTS["applicant_a"]))
    proposal = Proposal.objects.get(pk=world["pk"])
    history = proposal.status_changes.count()
    for name in ("applicant:submit", "applicant:withdraw"):
        assert client.get(concrete_url(name, world, "applicant_a")).status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == "draft" and proposal.status_changes.count() == history


def test_a_step_of_the_evaluation_is_post_only(client, world):
    """A GET on a manager's step (a link followed, a page reloaded) changes nothing and is
    refused with 405; it used to be answered with a redirect to the proposal page."""
    client.force_login(User.objects.get(email=ACCOUNTS["manager"]))
    before = evaluation_state(world)
    for step in EVALUATION_STEPS:
        url = reverse(f"evaluation:{step}", kwargs={"pk": world["evaluated"]})
        response = client.get(url)
        assert response.status_code == 405, url
        assert response["Allow"] == "POST"
    assert evaluation_state(world) == before


def test_an_unsubscribe_link_is_its_own_authority(client, world):
    """The right person is whoever holds the signed link (signed in as anyone, or not):
    the link names the person and the kind; no other person's choice changes."""
    owner = User.objects.get(email=ACCOUNTS["expert_assigned"])
    url = reverse(
        "accounts:unsubscribe",
        args=[unsubscribe_token(user=owner, kind=NoticeKind.ASSIGNMENT)],
    )
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(User.objects.get(email=ACCOUNTS[role]))
        assert status_of(client.get(url)) == 200, role
    assert status_of(client.post(url)) == 200
    # The demo seeds other people's choices; only the link's owner's changed.
    assert list(
        NotificationPreference.objects.filter(user=owner).values_list("user", "kind", "delivery")
    ) == [(owner.pk, NoticeKind.ASSIGNMENT, Delivery.NONE)]


# Consortium work on the demo's SAFE-CHAT: coordinated by applicant A's organisation and
# shared with applicant B's (INCIBE, a partner filling its own share). The demo expert is a
# member of KEMEA, an organisation with no part in it.
CONSORTIUM_ROLES = {
    "coordinator_member": ACCOUNTS["applicant_a"],
    "partner_member": ACCOUNTS["applicant_b"],
    "unrelated_member": ACCOUNTS["expert_assigned"],
    "anonymous": None,
}


def consortium_row(coordinator, partner, unrelated=404):
    return {
        "coordinator_member": coordinator,
        "partner_member": partner,
        "unrelated_member": unrelated,
        "anonymous": LOGIN,
    }


CONSORTIUM_EXPECTED = {
    "applicant:proposal": consortium_row(200, 200),
    "applicant:budget": consortium_row(200, 200),
    "applicant:personnel": consortium_row(200, 200),
    # The coordinator's sections: read-only to a partner's member (the live draft).
    "applicant:general": consortium_row(200, 200),
    "applicant:consortium": consortium_row(200, 200),
    "applicant:attachments": consortium_row(200, 200),
    "applicant:submit": consortium_row(200, 403),
    "applicant:withdraw": consortium_row(200, 403),
    "applicant:reopen": consortium_row(405, 403),
    "applicant:partner_share": consortium_row(405, 403),
    "applicant:person_remove": consortium_row(405, 405),
}
# What the POST of each role that may not do it answers; nothing changes. The partner's
# member may remove their own people only: removing the coordinator's person is refused
# by the service, with the reason shown on the page it is sent back to (302).
CONSORTIUM_REFUSED = {"partner_member": 403, "unrelated_member": 404, "anonymous": LOGIN}
CONSORTIUM_POST_REFUSED = {
    **dict.fromkeys(
        [
            "applicant:general",
            "applicant:consortium",
            "applicant:attachments",
            "applicant:submit",
            "applicant:withdraw",
            "applicant:reopen",
            "applicant:partner_share",
        ],
        CONSORTIUM_REFUSED,
    ),
    "applicant:budget": {"unrelated_member": 404, "anonymous": LOGIN},
    "applicant:person_remove": {**CONSORTIUM_REFUSED, "partner_member": 302},
}


def test_consortium_work_each_role_on_every_page_of_a_shared_proposal(db, client, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    proposal = Proposal.objects.get(acronym="SAFE-CHAT")
    incibe = proposal.partners.get(organisation__short_name="INCIBE")
    # A person of the coordinator's, whom the partner's member may not remove.
    coordinator_person = proposal.people.create(
        partner=proposal.partners.get(role="coordinator"), first_name="Anna", last_name="Named"
    )
    items = {
        "applicant:partner_share": incibe.pk,
        "applicant:person_remove": incibe.people.get().pk,
    }
    before = (
        proposal.partners.values_list("pk", "shared_at", "personnel_costs").order_by("pk"),
        proposal.people.count(),
    )
    before = (list(before[0]), before[1])
    wrong = []
    for role, email in CONSORTIUM_ROLES.items():
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for name, expected in CONSORTIUM_EXPECTED.items():
            kwargs = {"pk": proposal.pk}
            if name in items:
                kwargs["item"] = items[name]
            if name == "applicant:person_remove" and role == "partner_member":
                kwargs["item"] = coordinator_person.pk  # not theirs: refused on POST
            url = reverse(name, kwargs=kwargs)
            got = status_of(client.get(url))
            if got != expected[role]:
                wrong.append(f"GET {name} as {role}: {got}, expected {expected[role]}")
            refused = CONSORTIUM_POST_REFUSED.get(name, {}).get(role)
            if refused is not None:
                got = status_of(client.post(url, {"reason": "matrix", "lock_version": 1}))
                if got != refused:
                    wrong.append(f"POST {name} as {role}: {got}, expected {refused}")
    assert wrong == [], "\n".join(wrong)
    proposal.refresh_from_db()
    after = list(proposal.partners.values_list("pk", "shared_at", "personnel_costs").order_by("pk"))
    assert proposal.status == "draft" and (after, proposal.people.count()) == before


# A locked proposal's sections are read-only pages of what was submitted (GET), for the
# coordinator's and the partners' members alike; their POST is refused and changes nothing.
# SAFE-CHAT, submitted: coordinated by applicant A's organisation, shared with applicant B's.
# NETGUARD, under evaluation, coordinated by applicant A's organisation: its assigned expert
# reads it in the expert area only. Staff read proposals in their own area: here, a 404.
LOCKED_ROLES = {
    **CONSORTIUM_ROLES,
    "manager": ACCOUNTS["manager"],
}
LOCKED_SECTIONS = ("general", "consortium", "budget", "personnel", "attachments")


def locked_row(coordinator, partner, unrelated=404, manager=404):
    return {**consortium_row(coordinator, partner, unrelated), "manager": manager}


LOCKED_EXPECTED = {
    **{f"applicant:{name}": locked_row(200, 200) for name in LOCKED_SECTIONS},
    "applicant:proposal": locked_row(200, 200),
    "applicant:receipt": locked_row(200, 200),
    "applicant:receipt_file": locked_row(200, 200),
}
LOCKED_POST_REFUSED = {
    **{f"applicant:{name}": locked_row(403, 403) for name in LOCKED_SECTIONS},
    "applicant:partner_remove": locked_row(403, 403),
    "applicant:partner_share": locked_row(403, 403),
    "applicant:attachment_remove": locked_row(403, 403),
    "applicant:person_remove": locked_row(403, 403),
}


def locked_state(proposal) -> tuple:
    proposal = Proposal.objects.get(pk=proposal.pk)
    return (
        proposal.status,
        proposal.lock_version,
        proposal.title,
        list(proposal.partners.values_list("pk", "shared_at", "personnel_costs").order_by("pk")),
        list(proposal.people.values_list("pk", "last_name").order_by("pk")),
        list(proposal.attachment_versions.values_list("pk", "removed_at").order_by("pk")),
    )


def test_the_sections_of_a_locked_proposal_for_each_role(db, client, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    anna = User.objects.get(email=ACCOUNTS["applicant_a"])
    proposal = Proposal.objects.get(acronym="SAFE-CHAT")
    submission = lifecycle.proposal_submit(proposal=proposal, user=anna, send_receipt=False)
    incibe = proposal.partners.get(organisation__short_name="INCIBE")
    attachment = submission.attachments.get()
    items = {
        "applicant:receipt": {"number": submission.number},
        "applicant:receipt_file": {"number": submission.number, "item": attachment.pk},
        "applicant:partner_remove": {"item": incibe.pk},
        "applicant:partner_share": {"item": incibe.pk},
        "applicant:attachment_remove": {"item": attachment.pk},
        "applicant:person_remove": {"item": incibe.people.get().pk},
    }
    before = locked_state(proposal)
    wrong = []
    for role, email in LOCKED_ROLES.items():
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for name in sorted({*LOCKED_EXPECTED, *LOCKED_POST_REFUSED}):
            url = reverse(name, kwargs={"pk": proposal.pk, **items.get(name, {})})
            if name in LOCKED_EXPECTED:
                got = status_of(client.get(url))
                if got != LOCKED_EXPECTED[name][role]:
                    wrong.append(
                        f"GET {name} as {role}: {got}, expected {LOCKED_EXPECTED[name][role]}"
                    )
            if name in LOCKED_POST_REFUSED:
                expected = LOCKED_POST_REFUSED[name][role]
                got = status_of(client.post(url, {"reason": "matrix", "lock_version": 1}))
                if got != expected:
                    wrong.append(f"POST {name} as {role}: {got}, expected {expected}")
    # Under evaluation: the coordinator's member reads every section; the assigned expert
    # and the manager reach it in their own areas only.
    evaluated = Proposal.objects.get(acronym="NETGUARD")
    expert = User.objects.get(email=ACCOUNTS["expert_assigned"])
    for user, expected in (
        (anna, 200),
        (expert, 404),
        (User.objects.get(email=ACCOUNTS["manager"]), 404),
    ):
        client.force_login(user)
        for name in LOCKED_SECTIONS:
            got = client.get(reverse(f"applicant:{name}", args=[evaluated.pk])).status_code
            if got != expected:
                wrong.append(f"GET {name} of NETGUARD as {user.email}: {got}, expected {expected}")
    assert wrong == [], "\n".join(wrong)
    assert locked_state(proposal) == before
