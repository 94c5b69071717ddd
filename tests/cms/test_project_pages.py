import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import ProjectIndexPage
from demo.pages import seed_home_page, seed_section
from funding.portfolio.models.projects import ProjectStatus
from tests.funding.factories_portfolio import project_with_consortium

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_url():
    home = seed_home_page()
    page = seed_section(home, ProjectIndexPage, title="Funded projects", slug="projects")
    return page.url


def test_public_list_shows_ongoing_and_closed_projects_only(client, index_url):
    ongoing = project_with_consortium(acronym="GRACE")
    project_with_consortium(acronym="LOCARD", status=ProjectStatus.CLOSED)
    project_with_consortium(acronym="SECRETPREP", status=ProjectStatus.GRANT_PREPARATION)
    project_with_consortium(acronym="GONE", status=ProjectStatus.TERMINATED)
    response = client.get(index_url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "GRACE" in body and "LOCARD" in body
    assert "SECRETPREP" not in body and "GONE" not in body
    assert f"{index_url}{ongoing.grant_number}/" in body


def test_public_list_filters(client, index_url):
    project_with_consortium(acronym="GRACE")
    project_with_consortium(acronym="LOCARD", status=ProjectStatus.CLOSED)
    response = client.get(index_url, {"status": "closed"})
    assert [p.acronym for p in response.context["projects"]] == ["LOCARD"]


def test_public_list_query_count_is_flat(client, index_url):
    for _ in range(3):
        project_with_consortium()
    with CaptureQueriesContext(connection) as small:
        client.get(index_url)
    for _ in range(17):
        project_with_consortium(partners=4)
    with CaptureQueriesContext(connection) as large:
        response = client.get(index_url)
    assert len(response.context["projects"]) == 20
    assert len(large.captured_queries) == len(small.captured_queries)


def test_project_page_and_hidden_projects(client, index_url):
    project = project_with_consortium(acronym="GRACE", grant_number="883341")
    prep = project_with_consortium(status=ProjectStatus.GRANT_PREPARATION)
    response = client.get(f"{index_url}883341/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "GRACE" in body and "10.3030/883341" in body
    assert project.participants.first().organisation.legal_name in body
    assert "@" not in body.split("<main", 1)[1]  # no e-mail addresses
    assert client.get(f"{index_url}{prep.grant_number}/").status_code == 404


def test_open_data_downloads(client, index_url):
    project_with_consortium()
    project_with_consortium(status=ProjectStatus.GRANT_PREPARATION)
    data = client.get(f"{index_url}open-data/360giving-json/").json()
    assert len(data["grants"]) == 1
    response = client.get(f"{index_url}open-data/360giving-csv/")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().count("\n") == 2
