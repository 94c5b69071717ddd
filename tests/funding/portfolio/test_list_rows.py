"""The portfolio list's rows written in Python (funding/templatetags/portfolio.py,
`project_rows`) are exactly the HTML the template's loop wrote, in English and French, for
rows with and without a coordinator, a short name, a country, a French programme name,
cents and text to escape."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cooperation.models import Organisation
from funding.portfolio.models.projects import FundedProject, ParticipantRole, ProjectStatus
from tests.funding.factories import ProgrammeFactory
from tests.funding.factories_portfolio import FundedProjectFactory, ParticipantFactory
from tests.rows_html import tag_and_loop

pytestmark = pytest.mark.django_db

LOOP = """{% load translated i18n dates amounts portfolio %}{% for project in projects %}
    <tr>
      <td>{{ project.grant_number }}</td>
      <th scope="row"><a href="{{ project.grant_number|project_url }}">{{ project.acronym }}</a></th>
      <td>{{ project.programme|localized:"name" }}</td>
      <td>{{ project.coordinator_short_name|default:project.coordinator_name|default:"—" }}{% if project.coordinator_country %} ({{ project.coordinator_country }}){% endif %}</td>
      <td><time datetime="{{ project.start_date|iso }}">{{ project.start_date|day:"short" }}</time> – <time datetime="{{ project.end_date|iso }}">{{ project.end_date|day:"short" }}</time></td>
      <td class="number">{{ project.eu_contribution|euros }}</td>
      <td>{{ project.status|project_status }}</td>
      <td>{{ project.health|health_badge }}</td>
    </tr>
  {% endfor %}"""  # noqa: E501 - the template's lines, as they were


def _coordinated(project, **organisation):
    coordinator = ParticipantFactory(
        project=project,
        role=ParticipantRole.COORDINATOR,
        position=0,
        organisation__country=organisation.pop("country", "BE"),
        **{f"organisation__{key}": value for key, value in organisation.items()},
    )
    return coordinator


@pytest.fixture
def projects():
    french = ProgrammeFactory(code="ISFP", name="Internal Security Fund", name_fr="Fonds")
    english_only = ProgrammeFactory(code="HORIZON", name="Horizon <Europe> & co", name_fr="")
    first = FundedProjectFactory(
        programme=french, acronym="A<&>B", eu_contribution=Decimal("1234567.89")
    )
    _coordinated(first, short_name="", legal_name="Société <Générale> & Fils", country="FR")
    second = FundedProjectFactory(
        programme=english_only,
        status=ProjectStatus.CLOSED,
        start_date=dt.date(2021, 3, 9),
        end_date=dt.date(2023, 11, 30),
    )
    _coordinated(second, short_name="KU Leuven", legal_name="Katholieke Universiteit Leuven")
    FundedProjectFactory(programme=english_only, grant_number="101/200 300")  # no coordinator
    assert Organisation.objects.count() == 2
    return list(FundedProject.objects.for_list(today=timezone.localdate()).order_by("pk"))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_rows_are_the_templates_html(projects, language):
    written, looped = tag_and_loop(
        "{% load portfolio %}{% project_rows projects %}", LOOP, language, projects=projects
    )
    assert written == looped
    assert "A&lt;&amp;&gt;B" in written and "—" in written
    assert ("Fonds" if language == "fr" else "Internal Security Fund") in written
