"""The applicant dashboard's rows written in Python (funding/templatetags/proposals.py,
`applicant_rows`) are exactly the HTML the template's loop wrote, in English and French:
a proposal the applicant coordinates, one where their organisation is a partner, one of a
closed topic (no time left shown), names with text to escape."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.brussels import brussels_deadline
from funding.proposals.statuses import ProposalStatus
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories import TopicFactory
from tests.funding.factories_proposals import PartnerFactory, ProposalFactory, member_of
from tests.rows_html import tag_and_loop

pytestmark = pytest.mark.django_db

LOOP = """{% load evaluation i18n dates %}{% for proposal in proposals %}
    <tr>
      <th scope="row"><a href="{% url 'applicant:proposal' proposal.pk %}">{{ proposal.number }} {{ proposal.acronym }}</a></th>
      <td>{{ proposal.topic.identifier }}</td>
      <td>{{ proposal.coordinator }}</td>
      <td><span class="badge badge--{{ proposal|applicant_status_code }}">{{ proposal|applicant_status }}</span></td>
      <td><time datetime="{{ proposal.topic.deadline_at|iso }}">{{ proposal.topic.deadline_at|brussels:"short" }}</time>{% if proposal.time_left.total_seconds > 0 %}<br><small>{% blocktrans with left=proposal.topic.deadline_at|timeuntil %}{{ left }} left{% endblocktrans %}</small>{% endif %}</td>
      <td>{{ proposal.next_action }}</td>
    </tr>
  {% endfor %}"""  # noqa: E501 - the template's lines, as they were


@pytest.fixture
def shown(client, make_user):
    mine = OrganisationFactory(short_name="", legal_name="Stichting <Offlimits> & Co")
    theirs = OrganisationFactory(short_name="INHOPE")
    applicant = member_of(mine, make_user)
    closed = TopicFactory(
        deadline_at=brussels_deadline(timezone.localdate() - dt.timedelta(days=3))
    )
    ProposalFactory(coordinator=mine, acronym="<SAFE & SOUND>")
    ProposalFactory(coordinator=mine, topic=closed, status=ProposalStatus.DRAFT)
    PartnerFactory(proposal=ProposalFactory(coordinator=theirs), organisation=mine)
    client.force_login(applicant)
    response = client.get(reverse("applicant:dashboard"))
    assert response.status_code == 200
    return list(response.context["proposals"])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_rows_are_the_templates_html(shown, language):
    assert len(shown) == 3
    written, looped = tag_and_loop(
        "{% load proposals %}{% applicant_rows proposals %}", LOOP, language, proposals=shown
    )
    assert written == looped
    assert "&lt;SAFE &amp; SOUND&gt;" in written and "Stichting &lt;Offlimits&gt;" in written
    assert written.count("<small>") == 2, "the closed topic's row shows no time left"
