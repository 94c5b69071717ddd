"""The public site follows the records: a published call is on the site without an editor
building a page, the site address comes from the settings, search finds records too, and
the accessibility feedback form reaches someone."""

import pytest
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from cms.models import FeedbackFormField, FeedbackFormPage, SearchPage, StandardPage
from cms.models.feedback import FEEDBACK_PER_HOUR
from cms.models.projects import ProjectIndexPage
from cms.models.workstreams import WorkstreamIndexPage, WorkstreamPage
from cms.sites import site_record_sync
from core.models import OutgoingMail
from funding.portfolio.models.projects import ProjectStatus
from tests.cms.factories import add_child, call_page
from tests.cooperation.factories_forum import CommitmentFactory, WorkstreamFactory
from tests.funding.factories import CallFactory, TopicFactory
from tests.funding.factories_portfolio import FundedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_published_call_without_an_editor_page_has_its_own_page(client, call_index, applicant):
    topic = TopicFactory(identifier="ISF-2027-AG-CSA-01", call__identifier="ISF-2027-AG-CSA")
    listing = client.get(call_index.url).content.decode()
    assert 'href="/calls/ISF-2027-AG-CSA/"' in listing
    client.force_login(applicant)
    response = client.get("/calls/ISF-2027-AG-CSA/")
    assert response.status_code == 200
    body = response.content.decode()
    assert topic.call.title in body
    assert "/applicant/proposals/new/?topic=ISF-2027-AG-CSA-01" in body
    # The breadcrumb leads back to the calls, not to the home page.
    assert 'href="/calls/">' in body


def test_an_unpublished_call_is_nowhere_on_the_site(client, call_index, home):
    TopicFactory(call=CallFactory(identifier="ISF-2099-SECRET", published_at=None))
    assert client.get("/calls/ISF-2099-SECRET/").status_code == 404
    assert b"ISF-2099-SECRET" not in client.get("/sitemap.xml").content
    assert b"ISF-2099-SECRET" not in client.get(call_index.url).content
    search = add_child(home, SearchPage(title="Search", slug="search"))
    found = client.get(search.url, {"q": "ISF-2099-SECRET"})
    assert found.context["records"]["calls"] == []
    assert b'href="/calls/ISF-2099-SECRET/"' not in found.content


def test_a_call_with_an_editor_page_is_served_by_that_page(client, call_index):
    topic = TopicFactory(call__identifier="ISF-2027-AG-CSA")
    page = call_page(call_index, topic.call)
    assert client.get(page.url).status_code == 200
    response = client.get("/calls/ISF-2027-AG-CSA/")
    assert response.status_code == 301
    assert response["Location"] == page.url
    assert f'href="{page.url}"' in client.get(call_index.url).content.decode()


def test_sitemap_and_calendar_use_the_site_address_from_the_settings(settings, client, call_index):
    settings.SITE_URL = "https://csa.example.eu"
    site_record_sync()
    TopicFactory(call__identifier="ISF-2027-AG-CSA")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://csa.example.eu/calls/ISF-2027-AG-CSA/</loc>" in sitemap
    assert "localhost" not in sitemap and "testserver" not in sitemap
    calendar = client.get(reverse("cms:deadlines_ics")).content.decode().replace("\r\n ", "")
    assert "URL:https://csa.example.eu/calls/ISF-2027-AG-CSA/" in calendar
    assert (
        "Sitemap: https://csa.example.eu/sitemap.xml" in client.get("/robots.txt").content.decode()
    )


def test_search_finds_calls_projects_and_public_commitments(client, home, call_index):
    search = add_child(home, SearchPage(title="Search", slug="search"))
    add_child(home, ProjectIndexPage(title="Funded projects", slug="projects"))
    workstreams = add_child(home, WorkstreamIndexPage(title="Workstreams", slug="workstreams"))
    workstream = WorkstreamFactory(name="Voluntary commitments")
    add_child(workstreams, WorkstreamPage(title="Commitments", slug="w", workstream=workstream))
    project = FundedProjectFactory(acronym="AviaTor", title="Augmented visual intelligence")
    FundedProjectFactory(acronym="AviaTor2", status=ProjectStatus.GRANT_PREPARATION)
    commitment = CommitmentFactory(title="Hash matching for AviaTor reports", workstream=workstream)
    CommitmentFactory(title="AviaTor private plan", workstream=workstream, public=False)
    TopicFactory(call__identifier="ISF-2027-AVIATOR", call__title="Follow-up call")

    response = client.get(search.url, {"q": "aviator"})
    records = response.context["records"]
    assert [p.acronym for p in records["projects"]] == ["AviaTor"]
    assert records["projects"][0].url == f"/projects/{project.grant_number}/"
    assert [c.title for c in records["commitments"]] == [commitment.title]
    assert records["commitments"][0].url == f"/workstreams/w/#commitment-{commitment.pk}"
    assert [c.identifier for c in records["calls"]] == ["ISF-2027-AVIATOR"]
    body = response.content.decode()
    assert "AviaTor private plan" not in body
    assert "AviaTor2" not in body
    # Every link the search gives answers.
    for url in (records["projects"][0].url, records["calls"][0].url):
        assert client.get(url).status_code == 200, url
    assert client.get(search.url, {"q": '" OR 1=1 --'}).status_code == 200


@pytest.fixture
def feedback_page(home):
    statement = add_child(home, StandardPage(title="Accessibility statement", slug="accessibility"))
    page = FeedbackFormPage(
        title="Accessibility feedback",
        slug="feedback",
        to_address="accessibility@example.eu",
        subject="Accessibility feedback",
    )
    page.form_fields.add(FeedbackFormField(label="What did not work?", field_type="multiline"))
    page.form_fields.add(
        FeedbackFormField(label="Your e-mail address", field_type="email", required=False)
    )
    return add_child(statement, page)


def test_accessibility_feedback_is_kept_and_mailed(client, feedback_page):
    assert feedback_page.url == "/accessibility/feedback/"
    response = client.post(
        feedback_page.url,
        {"what_did_not_work": "The budget table overflows on my phone.", "your_e_mail_address": ""},
    )
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    submission = FormSubmission.objects.get(page=feedback_page)
    assert submission.get_data()["what_did_not_work"].startswith("The budget table")
    mail = OutgoingMail.objects.get()
    assert mail.to == ["accessibility@example.eu"]
    assert "The budget table overflows on my phone." in mail.body


def test_bad_feedback_keeps_what_was_typed(client, feedback_page):
    response = client.post(
        feedback_page.url, {"what_did_not_work": "", "your_e_mail_address": "not-an-address"}
    )
    body = response.content.decode()
    assert 'value="not-an-address"' in body
    assert "form-errors" in body
    assert not FormSubmission.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_feedback_from_one_address_is_limited(client, feedback_page):
    data = {"what_did_not_work": "Problem", "your_e_mail_address": ""}
    for _ in range(FEEDBACK_PER_HOUR):
        assert "Thank you" in client.post(feedback_page.url, data).content.decode()
    refused = client.post(feedback_page.url, data).content.decode()
    assert "several messages in the last hour" in refused
    assert FormSubmission.objects.count() == FEEDBACK_PER_HOUR
