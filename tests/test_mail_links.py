"""Every e-mail template is rendered through `core.mail.mail_send` by the service that sends
it, called as the task worker calls it (no request, so no site address passed), and every
link in every message must be absolute, on the configured site address."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template.loader import render_to_string

import core.mail
from cooperation.accounts.notifications.kinds import Delivery, NoticeKind
from cooperation.accounts.notifications.services import digest_send_all, preference_set
from cooperation.accounts.services import user_sign_up
from cooperation.forum.reminders import commitment_send_reminders
from cooperation.organisations.services import organisation_invite
from core.models import OutgoingMail
from funding.evaluation.services import assignments as ev
from funding.evaluation.services.redress import redress_request_create, redress_request_decide
from funding.proposals.receipts import proposal_send_receipt
from funding.proposals.shares import partner_share_notify
from tests.cooperation.factories import MembershipFactory, UserFactory
from tests.cooperation.factories_forum import CommitmentFactory, ContactPersonFactory
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluation_topic,
    expert,
    manager,
    submitted,
)
from tests.funding.factories_proposals import PartnerFactory
from tests.funding.factories_results import one_published

pytestmark = pytest.mark.django_db
SITE = "https://csa.example.eu"
TEMPLATES = Path(django_settings.BASE_DIR) / "templates"
# Sent by Django's own password-reset view, not by mail_send: its link is written from the
# request's protocol and domain (see test_password_reset_link_is_absolute).
NOT_THROUGH_MAIL_SEND = {
    "accounts/email/password_reset.txt",
    "accounts/email/password_reset_subject.txt",
}
# Rendered, with the same absolute-link check, where their project fixture lives
# (tests/funding/reporting/test_reminders.py::test_reminder_links_are_absolute).
RENDERED_ELSEWHERE = {"funding/email/reporting_due.txt", "funding/email/reporting_review.txt"}
# A visitor's own words, sent on to the accessibility team: no link of ours in it
# (tests/cms/test_public_records.py::test_accessibility_feedback_is_kept_and_mailed).
RENDERED_ELSEWHERE |= {"cms/email/feedback.txt"}

HREF = re.compile(r"""href\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
BARE_PATH = re.compile(r"""(?:^|[\s("'=])(/[A-Za-z0-9][^\s"'<>)]*)""")
URL = re.compile(r"https?://[^\s\"'<>)]+")


def relative_links(text: str) -> list[str]:
    """Every link of `text` that is not absolute: an href without a scheme and host, or a
    path standing alone."""
    found = [href for href in HREF.findall(text) if not re.match(r"https?://", href)]
    return found + BARE_PATH.findall(text)


def test_the_detector_finds_relative_links():
    assert relative_links('see <a href="/forum/">here</a>') == ["/forum/", "/forum/"]
    assert relative_links("report progress under /forum/my-commitments/.") == [
        "/forum/my-commitments/."
    ]
    assert relative_links(f"open {SITE}/forum/ and 4 / 5") == []


def mail_template_names() -> set[str]:
    return {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.txt")
        if "email" in path.parts
    }


def test_every_mail_template_renders_absolute_links(settings, monkeypatch, mailoutbox):
    settings.SITE_URL = SITE
    rendered = set()

    def recording(template_name, context=None, *args, **kwargs):
        rendered.add(template_name)
        return render_to_string(template_name, context, *args, **kwargs)

    monkeypatch.setattr(core.mail, "render_to_string", recording)

    # Evaluation: assignment notices, the Evaluation Summary Report, then a review decision.
    boss = manager()
    proposal = one_published(boss, "rejected")
    proposal_send_receipt(submission=proposal.submissions.order_by("number").last())
    redress = redress_request_create(
        proposal=proposal, user=proposal.applicant, grounds="Procedure."
    )
    redress_request_decide(redress=redress, user=boss, outcome="rejected", reason="Sound.")
    # A conflict of interest declared on another proposal.
    topic = evaluation_topic(experts_per_proposal=2)
    other = submitted(topic)
    close(topic)
    admit(other, boss)
    person = expert()
    assignment = ev.assignment_create(proposal=other, expert=person, user=boss)
    ev.declaration_sign(assignment=assignment, user=person, has_conflict=True, details="Co-author.")
    # Accounts and organisations.
    user_sign_up(
        email="new@example.eu",
        password="a-long-pass-phrase-42",
        first_name="N",
        last_name="P",
        site_url="",
    )
    organisation_invite(
        organisation=proposal.coordinator,
        invited_by=proposal.applicant,
        email="colleague@example.eu",
        site_url="",
    )
    # A coordinator shares the proposal with a partner organisation's members.
    partner = PartnerFactory(shared_at=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC))
    MembershipFactory(organisation=partner.organisation)
    partner_share_notify(partner=partner, user=proposal.applicant)
    # The forum's reminder, once at once and once held for a weekly digest.
    today = dt.date(2026, 11, 23)
    commitment = CommitmentFactory(due_date=today - dt.timedelta(days=3))
    ContactPersonFactory(stakeholder=commitment.owner)
    digest_reader = UserFactory()
    ContactPersonFactory(stakeholder=commitment.owner, email=digest_reader.email)
    preference_set(
        user=digest_reader, kind=NoticeKind.COMMITMENT_REMINDER, delivery=Delivery.DIGEST
    )
    assert commitment_send_reminders(today=today) == 1
    assert digest_send_all(today=today) == 1

    missing = mail_template_names() - NOT_THROUGH_MAIL_SEND - RENDERED_ELSEWHERE - rendered
    assert not missing, f"not rendered by any service in this test: {sorted(missing)}"
    bodies = list(OutgoingMail.objects.values_list("key", "body"))
    assert len(bodies) >= len(rendered)
    for key, body in bodies:
        assert not relative_links(body), (key, relative_links(body), body)
        for url in URL.findall(body):
            assert url.startswith(SITE + "/"), (key, url)
    assert any("/accounts/unsubscribe/" in body for _key, body in bodies)


def test_password_reset_link_is_absolute(client, mailoutbox):
    UserFactory(email="forgot@example.eu")
    client.post("/accounts/password/reset/", {"email": "forgot@example.eu"})
    (message,) = mailoutbox
    assert not relative_links(message.body)
    assert "http://testserver/accounts/password/reset/" in message.body
