"""A funded project tagged with the strategy initiative it serves, on its staff page: a
programme manager sets or changes it (funding.portfolio.initiatives), each change is in
the project's history and the audit trail, and the public strategy page counts the project
and its EU contribution under that initiative."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cms.models import StrategyPage
from cms.models.projects import ProjectIndexPage
from cooperation.forum.models.workstreams import StrategyInitiative as I
from funding.portfolio.initiatives import (
    InitiativeRefused,
    project_initiative_served,
    project_set_initiative,
)
from funding.portfolio.models.initiatives import ProjectInitiativeChange
from tests.cms.factories import add_child, home  # noqa: F401
from tests.funding.factories import CallFactory
from tests.funding.factories_portfolio import FundedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return FundedProjectFactory(
        acronym="SHIELD",
        call=CallFactory(identifier="ISF-2027-AG-CSA", initiative=I.LAW_ENFORCEMENT),
        eu_contribution=Decimal("1750000.00"),
        total_cost=Decimal("2000000.00"),
    )


@pytest.fixture
def manager_client(client, programme_manager):
    client.force_login(programme_manager)
    return client


def url(project):
    return reverse("portfolio:initiative", kwargs={"grant_number": project.grant_number})


def test_the_staff_page_offers_the_initiatives_by_name(manager_client, project):
    detail = manager_client.get(
        reverse("portfolio:detail", kwargs={"grant_number": project.grant_number})
    ).content.decode()
    assert "4. Stronger law-enforcement efforts" in detail and "(its call's)" in detail
    assert f'href="{url(project)}"' in detail
    page = manager_client.get(url(project)).content.decode()
    assert '<option value="" selected>Choose…</option>' in page
    for number, label in I.choices:
        assert f'<option value="{number}">{label}</option>' in page
    assert "serves its call&#x27;s initiative: 4. Stronger law-enforcement efforts" in page


def test_a_manager_sets_it_and_the_strategy_page_counts_the_project(
    manager_client,
    programme_manager,
    project,
    home,  # noqa: F811
):
    strategy = add_child(home, StrategyPage(title="The EU strategy", slug="strategy"))
    add_child(home, ProjectIndexPage(title="Funded projects", slug="projects"))
    assert "SHIELD" not in manager_client.get("/strategy/5/").content.decode()

    response = manager_client.post(url(project), {"initiative": "5", "reason": "A network"})

    assert response.status_code == 302
    assert response.url == reverse("portfolio:detail", args=[project.grant_number])
    project.refresh_from_db()
    assert project.initiative == I.PREVENTION
    change = ProjectInitiativeChange.objects.get()
    assert (change.from_initiative, change.to_initiative) == (None, I.PREVENTION)
    assert (change.changed_by, change.reason) == (programme_manager, "A network")
    prevention = manager_client.get("/strategy/5/").content.decode()
    assert "SHIELD" in prevention and "€1,750,000" in prevention
    assert "SHIELD" not in manager_client.get("/strategy/4/").content.decode()
    overview = manager_client.get(strategy.url).content.decode()
    prevention_card = re.search(r'<li class="card" value="5">.*?</ul>', overview, re.S).group(0)
    assert "<strong>1</strong> funded project (€1,750,000)" in prevention_card


def test_each_change_is_in_the_project_history_and_the_audit_trail(
    manager_client, programme_manager, project
):
    manager_client.post(url(project), {"initiative": "5", "reason": "Prevention network"})
    manager_client.post(url(project), {"initiative": "", "reason": "Back to the call"})
    project.refresh_from_db()
    assert project.initiative is None and project_initiative_served(project) == 4
    assert list(
        ProjectInitiativeChange.objects.order_by("pk").values_list(
            "from_initiative", "to_initiative"
        )
    ) == [(None, 5), (5, None)]
    page = manager_client.get(url(project)).content.decode()
    assert "Prevention network" in page and "Back to the call" in page
    assert "<td>5. Prevention</td><td>Its call's</td>" in page
    audit = manager_client.get(
        reverse("audit:list"), {"kind": "project_initiative", "q": "SHIELD"}
    ).content.decode()
    assert "2 changes" in audit
    assert "Prevention network" in audit and "Back to the call" in audit
    assert "<td>5. Prevention</td>" in audit and "<td>5</td>" not in audit


def test_the_same_initiative_again_records_nothing(programme_manager, project):
    first = project_set_initiative(project=project, user=programme_manager, initiative=8)
    again = project_set_initiative(project=project, user=programme_manager, initiative=8)
    assert first is not None and again is None
    assert ProjectInitiativeChange.objects.count() == 1


def test_the_clock_is_the_one_given(programme_manager, project):
    now = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)
    change = project_set_initiative(
        project=project, user=programme_manager, initiative=3, reason=" typed ", now=now
    )
    assert change.changed_at == now and change.reason == "typed"


def test_only_a_programme_manager_may_set_it(secretariat, project):
    with pytest.raises(InitiativeRefused, match="programme managers"):
        project_set_initiative(project=project, user=secretariat, initiative=5)
    with pytest.raises(InitiativeRefused):
        project_set_initiative(project=project, user=AnonymousUser(), initiative=5)
    project.refresh_from_db()
    assert project.initiative is None and not ProjectInitiativeChange.objects.exists()


def test_a_made_up_initiative_is_refused_by_the_service(programme_manager, project):
    with pytest.raises(InitiativeRefused, match="eight initiatives"):
        project_set_initiative(project=project, user=programme_manager, initiative=9)


def test_a_refused_choice_keeps_what_was_typed(manager_client, project):
    response = manager_client.post(url(project), {"initiative": "9", "reason": "Typed note"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Typed note" in page and "Select a valid choice" in page
    project.refresh_from_db()
    assert project.initiative is None and not ProjectInitiativeChange.objects.exists()


def test_a_project_whose_call_serves_none(manager_client):
    project = FundedProjectFactory(acronym="ALONE")
    page = manager_client.get(url(project)).content.decode()
    assert "Today it serves no initiative" in page
    assert "counted under no initiative" in page


def test_in_french(manager_client, project):
    with translation.override("fr"):
        page = manager_client.get(url(project)).content.decode()
        assert "Enregistrer l’initiative" in page
        assert '<option value="5">5. Prévention</option>' in page
        assert "Choisir…" in page
        response = manager_client.post(url(project), {"initiative": "5"}, follow=True)
        assert "Le projet sert désormais « 5. Prévention »." in response.content.decode()


def test_the_page_costs_the_same_however_long_its_history(
    manager_client, programme_manager, project
):
    project_set_initiative(project=project, user=programme_manager, initiative=1)
    with CaptureQueriesContext(connection) as few:
        manager_client.get(url(project))
    for number in (2, 3, 4, 5, 6):
        project_set_initiative(project=project, user=programme_manager, initiative=number)
    with CaptureQueriesContext(connection) as many:
        manager_client.get(url(project))
    assert len(many) == len(few)
