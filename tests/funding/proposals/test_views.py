import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from funding.models import Attachment, Partner, Proposal, ProposalSubmission
from funding.proposals.statuses import ProposalStatus
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories import TopicFactory
from tests.funding.factories_proposals import (
    PDF_BYTES,
    ProposalFactory,
    complete_proposal,
    member_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal():
    return complete_proposal()


@pytest.fixture
def coordinator_client(client, proposal, make_user):
    client.force_login(member_of(proposal.coordinator, make_user))
    return client


def proposal_urls(proposal):
    attachment = proposal.attachments.first()
    partner = proposal.partners.exclude(role="coordinator").first()
    pk = proposal.pk
    return [
        ("get", reverse("applicant:proposal", args=[pk])),
        ("get", reverse("applicant:check", args=[pk])),
        ("get", reverse("applicant:general", args=[pk])),
        ("get", reverse("applicant:consortium", args=[pk])),
        ("get", reverse("applicant:budget", args=[pk])),
        ("get", reverse("applicant:personnel", args=[pk])),
        ("get", reverse("applicant:attachments", args=[pk])),
        ("get", reverse("applicant:attachment_download", args=[pk, attachment.pk])),
        ("get", reverse("applicant:receipt", args=[pk, 1])),
        ("post", reverse("applicant:partner_remove", args=[pk, partner.pk])),
        ("post", reverse("applicant:attachment_remove", args=[pk, attachment.pk])),
        ("post", reverse("applicant:person_remove", args=[pk, 1])),
        ("post", reverse("applicant:submit", args=[pk])),
        ("post", reverse("applicant:reopen", args=[pk])),
        ("post", reverse("applicant:withdraw", args=[pk])),
        ("post", reverse("applicant:general", args=[pk])),
    ]


def test_another_organisations_member_gets_404_on_every_proposal_url(client, proposal, make_user):
    client.force_login(member_of(OrganisationFactory(), make_user))
    for method, url in proposal_urls(proposal):
        response = getattr(client, method)(url, {"reason": "x", "lock_version": 1})
        assert response.status_code == 404, url
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.partners.count() == 3 and proposal.attachments.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, proposal):
    for method, url in [*proposal_urls(proposal), ("get", reverse("applicant:dashboard"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_partner_members_read_but_cannot_change(client, proposal, make_user):
    partner = proposal.partners.exclude(role="coordinator").first()
    client.force_login(member_of(partner.organisation, make_user))
    assert client.get(reverse("applicant:proposal", args=[proposal.pk])).status_code == 200
    response = client.get(reverse("applicant:general", args=[proposal.pk]))
    assert response.status_code == 200  # read-only, with the reason
    assert "coordinating organisation" in response.content.decode()
    response = client.post(reverse("applicant:general", args=[proposal.pk]), {"lock_version": 1})
    assert response.status_code == 403
    client.post(reverse("applicant:submit", args=[proposal.pk]))
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT


def test_submit_through_the_page_shows_a_receipt(
    coordinator_client, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("applicant:submit", args=[proposal.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("applicant:receipt", args=[proposal.pk, 1])
    page = coordinator_client.get(response["Location"]).content.decode()
    assert ProposalSubmission.objects.get().checksum in page
    assert len(mail.outbox) == 1


def test_submit_after_the_deadline_is_refused_with_a_message(coordinator_client, proposal):
    topic = proposal.topic
    topic.opening_at = timezone.now() - dt.timedelta(days=10)
    topic.deadline_at = timezone.now() - dt.timedelta(seconds=1)
    topic.save()
    response = coordinator_client.post(reverse("applicant:submit", args=[proposal.pk]), follow=True)
    assert "deadline of this topic has passed" in response.content.decode()
    assert not ProposalSubmission.objects.exists()


def test_check_my_proposal_lists_problems_with_their_section(coordinator_client, proposal):
    Attachment.objects.all().delete()
    page = coordinator_client.get(reverse("applicant:check", args=[proposal.pk])).content.decode()
    assert 'data-code="part_b_missing"' in page
    assert reverse("applicant:attachments", args=[proposal.pk]) in page


def test_a_stale_form_shows_the_conflict_and_keeps_what_was_typed(coordinator_client, proposal):
    url = reverse("applicant:general", args=[proposal.pk])
    stale = proposal.lock_version
    data = {
        "lock_version": stale,
        "acronym": "MINE",
        "title": "My carefully typed title",
        "abstract": "x",
        "keywords": "",
        "duration_months": 24,
    }
    Proposal.objects.filter(pk=proposal.pk).update(lock_version=stale + 1, title="Theirs")
    response = coordinator_client.post(url, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "saved this proposal at" in page
    assert "My carefully typed title" in page
    assert Proposal.objects.get(pk=proposal.pk).title == "Theirs"
    # The form now carries the current version: saving again is a deliberate choice.
    assert response.context["form"].data["lock_version"] == stale + 1
    assert coordinator_client.post(url, {**data, "lock_version": stale + 1}).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).title == "My carefully typed title"


def test_a_validation_error_keeps_the_other_fields(coordinator_client, proposal):
    response = coordinator_client.post(
        reverse("applicant:general", args=[proposal.pk]),
        {
            "lock_version": proposal.lock_version,
            "acronym": "KEEP",
            "title": "Kept title",
            "abstract": "kept abstract",
            "duration_months": -3,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kept title" in page and "kept abstract" in page
    assert Proposal.objects.get(pk=proposal.pk).acronym != "KEEP"


@pytest.mark.parametrize("amount", ["-1.00", "100000000.01"])
def test_negative_or_absurd_budget_lines_are_refused(coordinator_client, proposal, amount):
    partner = proposal.partners.get(role="coordinator")
    data = {"lock_version": proposal.lock_version}
    for p in proposal.partners.all():
        for field in ("personnel_costs", "subcontracting_costs", "purchase_costs"):
            data[f"{field}_{p.pk}"] = "1000.00"
        data[f"other_direct_costs_{p.pk}"] = "0"
    data[f"personnel_costs_{partner.pk}"] = amount
    response = coordinator_client.post(reverse("applicant:budget", args=[proposal.pk]), data)
    assert response.status_code == 200
    assert amount in response.content.decode()
    assert str(Partner.objects.get(pk=partner.pk).personnel_costs) == "400000.00"


def test_budget_saves_and_the_version_moves(coordinator_client, proposal):
    data = {"lock_version": proposal.lock_version}
    for p in proposal.partners.all():
        data |= {
            f"personnel_costs_{p.pk}": "100.00",
            f"subcontracting_costs_{p.pk}": "10.00",
            f"purchase_costs_{p.pk}": "0",
            f"other_direct_costs_{p.pk}": "0",
        }
    response = coordinator_client.post(reverse("applicant:budget", args=[proposal.pk]), data)
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).lock_version == proposal.lock_version + 1
    assert {str(p.subcontracting_costs) for p in proposal.partners.all()} == {"10.00"}


def test_same_partner_twice_through_the_page(coordinator_client, proposal):
    existing = proposal.partners.exclude(role="coordinator").first()
    response = coordinator_client.post(
        reverse("applicant:consortium", args=[proposal.pk]),
        {
            "lock_version": proposal.lock_version,
            "role": "beneficiary",
            "organisation": existing.organisation.pk,
        },
    )
    assert "already in the consortium" in response.content.decode()
    assert proposal.partners.count() == 3


def _upload(coordinator_client, proposal, name, content, kind="annex"):
    proposal.refresh_from_db()
    return coordinator_client.post(
        reverse("applicant:attachments", args=[proposal.pk]),
        {
            "lock_version": proposal.lock_version,
            "kind": kind,
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_an_exe_renamed_pdf_is_refused(coordinator_client, proposal):
    response = _upload(coordinator_client, proposal, "part-b.pdf", b"MZ\x90\x00" + b"\0" * 100)
    assert "not an accepted type" in response.content.decode()
    assert proposal.attachments.count() == 1


def test_a_pdf_named_docx_and_a_zip_that_is_no_office_file_are_refused(
    coordinator_client, proposal
):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.txt", "x")
    assert (
        "rename it" in _upload(coordinator_client, proposal, "a.docx", PDF_BYTES).content.decode()
    )
    response = _upload(coordinator_client, proposal, "a.docx", buffer.getvalue())
    assert "not an accepted type" in response.content.decode()
    assert proposal.attachments.count() == 1


def test_oversized_files_are_refused(coordinator_client, proposal, settings):
    settings.PROPOSAL_ATTACHMENT_MAX_BYTES = 1000
    response = _upload(coordinator_client, proposal, "big.pdf", PDF_BYTES + b"0" * 1000)
    assert "each file may be at most" in response.content.decode()
    settings.PROPOSAL_ATTACHMENT_MAX_BYTES = 10_000
    settings.PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES = 2000
    response = _upload(coordinator_client, proposal, "big.pdf", PDF_BYTES + b"0" * 1990)
    assert "the limit is" in response.content.decode()
    assert proposal.attachments.count() == 1


def test_a_docx_annex_is_stored_privately_with_checksum_and_served_as_attachment(
    coordinator_client, proposal, settings
):
    import hashlib
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    content = buffer.getvalue()
    response = _upload(coordinator_client, proposal, "../../Lettre d’appui.docx", content)
    assert response.status_code == 302
    annex = proposal.attachments.get(kind="annex")
    assert annex.original_name == "Lettre d appui.docx"
    assert annex.sha256 == hashlib.sha256(content).hexdigest()
    assert str(settings.PRIVATE_MEDIA_ROOT) in annex.file.path
    assert str(settings.MEDIA_ROOT) not in annex.file.path
    download = coordinator_client.get(
        reverse("applicant:attachment_download", args=[proposal.pk, annex.pk])
    )
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == content


def test_dashboard_queries_do_not_grow_with_proposals(
    client, make_user, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    user = member_of(organisation, make_user)
    client.force_login(user)
    topic = TopicFactory()

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("applicant:dashboard"))
        assert response.status_code == 200
        return len(queries), response

    ProposalFactory.create_batch(3, topic=topic, coordinator=organisation)
    at_three, _ = count_queries()
    ProposalFactory.create_batch(27, topic=topic, coordinator=organisation)
    at_thirty, response = count_queries()
    assert at_three == at_thirty
    assert len(response.context["proposals"]) == 20  # paginated


def test_dashboard_pages_count_what_is_listed_filtered_or_not(client, make_user):
    """Unfiltered, the number of proposals comes from the counts per status (no count query
    of its own); filtered, or with a filter that is no choice, from the filtered list."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organisation = OrganisationFactory()
    client.force_login(member_of(organisation, make_user))
    topic = TopicFactory()
    ProposalFactory.create_batch(22, topic=topic, coordinator=organisation)
    ProposalFactory.create_batch(
        3, topic=topic, coordinator=organisation, status=ProposalStatus.SUBMITTED
    )
    ProposalFactory.create_batch(4, topic=topic)  # another organisation's
    url = reverse("applicant:dashboard")
    with CaptureQueriesContext(connection) as unfiltered:
        response = client.get(url, {"page": 2})
    assert response.context["paginator"].count == 25
    assert len(response.context["proposals"]) == 5
    assert not any("COUNT(*)" in q["sql"] for q in unfiltered.captured_queries)
    response = client.get(url, {"status": "draft", "page": 2})
    assert response.context["paginator"].count == 22
    assert len(response.context["proposals"]) == 2
    assert client.get(url, {"status": "submitted"}).context["paginator"].count == 3
    assert client.get(url, {"q": "no such proposal"}).context["paginator"].count == 0
    refused = client.get(url, {"status": "no-such-status"})
    assert refused.status_code == 200
    assert refused.context["paginator"].count == len(refused.context["proposals"])


def test_dashboard_filters_by_status(client, make_user):
    organisation = OrganisationFactory()
    client.force_login(member_of(organisation, make_user))
    ProposalFactory(coordinator=organisation, acronym="DRAFTY")
    ProposalFactory(coordinator=organisation, acronym="SUBBY", status=ProposalStatus.SUBMITTED)
    ProposalFactory(acronym="OTHERS")
    page = client.get(reverse("applicant:dashboard"), {"status": "submitted"}).content.decode()
    assert "SUBBY" in page and "DRAFTY" not in page and "OTHERS" not in page


def test_start_a_proposal_from_a_topic(client, make_user):
    organisation = OrganisationFactory()
    client.force_login(member_of(organisation, make_user))
    topic = TopicFactory()
    url = reverse("applicant:start") + f"?topic={topic.identifier}"
    response = client.post(url, {"coordinator": organisation.pk, "acronym": "NEW", "title": "T"})
    proposal = Proposal.objects.get()
    assert response["Location"] == reverse("applicant:proposal", args=[proposal.pk])
    assert proposal.coordinator == organisation and proposal.topic == topic


def test_start_offers_open_topics_and_is_refused_without_organisation(client, make_user):
    from cooperation.accounts.roles import Role

    closed = TopicFactory(
        opening_at=timezone.now() - dt.timedelta(days=20),
        deadline_at=timezone.now() - dt.timedelta(days=1),
    )
    open_topic = TopicFactory(identifier="ISF-2027-OPEN-01")
    client.force_login(member_of(OrganisationFactory(), make_user))
    # A closed topic, or none at all, offers the open topics instead of a dead end.
    for query in (f"?topic={closed.identifier}", "", "?topic=NO-SUCH-TOPIC"):
        response = client.get(reverse("applicant:start") + query)
        body = response.content.decode()
        assert response.status_code == 200, query
        assert f'href="/applicant/proposals/new/?topic={open_topic.identifier}"' in body
        assert f'href="/applicant/proposals/new/?topic={closed.identifier}"' not in body
    assert (
        "is not open for submissions"
        in client.get(reverse("applicant:start") + f"?topic={closed.identifier}").content.decode()
    )
    refused = client.post(
        reverse("applicant:start") + f"?topic={closed.identifier}", {"acronym": "LATE"}
    )
    assert refused.status_code == 200 and not Proposal.objects.exists()
    client.force_login(make_user(Role.APPLICANT))
    response = client.get(reverse("applicant:start") + f"?topic={TopicFactory().identifier}")
    assert response.status_code == 403
    assert "not a member of any organisation" in response.content.decode()
    assert not Proposal.objects.exists()


def test_every_page_renders_for_the_coordinator(coordinator_client, proposal):
    from funding.proposals import lifecycle

    user = coordinator_client.session["_auth_user_id"]
    from cooperation.models import User

    submission = lifecycle.proposal_submit(proposal=proposal, user=User.objects.get(pk=user))
    lifecycle.proposal_reopen(proposal=proposal, user=submission.submitted_by)
    for method, url in proposal_urls(proposal):
        if method == "get":
            response = coordinator_client.get(url)
            assert response.status_code == 200, url
            if not response.streaming:
                assert response.content.count(b"<h1") == 1, url
    assert coordinator_client.get(reverse("applicant:dashboard")).status_code == 200


def test_personnel_add_and_remove_through_the_page(coordinator_client, proposal):
    partner = proposal.partners.get(role="coordinator")
    response = coordinator_client.post(
        reverse("applicant:personnel", args=[proposal.pk]),
        {
            "lock_version": proposal.lock_version,
            "partner": partner.pk,
            "first_name": "Ada",
            "last_name": "Jansen",
            "gender": "female",
        },
    )
    assert response.status_code == 302
    person = proposal.people.get()
    assert person.gender == "female"
    proposal.refresh_from_db()
    coordinator_client.post(
        reverse("applicant:person_remove", args=[proposal.pk, person.pk]),
        {"lock_version": proposal.lock_version},
    )
    assert not proposal.people.exists()


def test_withdraw_needs_a_reason_and_records_it(coordinator_client, proposal):
    url = reverse("applicant:withdraw", args=[proposal.pk])
    page = coordinator_client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "reason" in page
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT
    coordinator_client.post(url, {"reason": "The consortium could not agree."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.status_changes.get().reason == "The consortium could not agree."
    # A withdrawn proposal can no longer be edited: its sections are read-only.
    general = reverse("applicant:general", args=[proposal.pk])
    page = coordinator_client.get(general)
    assert page.status_code == 200 and "is withdrawn and can no longer be changed" in (
        page.content.decode()
    )
    assert coordinator_client.post(general, {"title": "Changed"}).status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).title == proposal.title


def test_next_action_after_reopening_says_the_last_submission_stands():
    from funding.proposals.views.dashboard import next_action

    proposal = ProposalFactory.build(status=ProposalStatus.DRAFT, submitted_at=timezone.now())
    proposal.topic = TopicFactory.build()
    assert "last submission stands" in next_action(proposal, timezone.now())
    later = proposal.topic.deadline_at + dt.timedelta(seconds=1)
    assert "will be evaluated" in next_action(proposal, later)
    proposal.submitted_at = None
    assert next_action(proposal, later) == "Deadline passed: not submitted"
