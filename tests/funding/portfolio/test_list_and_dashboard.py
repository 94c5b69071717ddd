"""The portfolio list and dashboard as they are read at scale: the dashboard's figures from
one grouped query equal the workbook's Summary tables and the Python health rules; the
list reads no deliverable, period or payment; the labels, addresses and drop-downs written
once per language equal what Django writes for each."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.widgets import CountrySelect, FastSelect, country_choices
from funding.portfolio.dashboard import dashboard_figures
from funding.portfolio.filters import filtered_portfolio
from funding.portfolio.health import Health
from funding.portfolio.models.projects import FundedProject, ProjectStatus
from funding.portfolio.workbook import summary_tables
from funding.templatetags.portfolio import health_badge, project_status, project_url
from tests.funding.factories import ProgrammeFactory
from tests.funding.factories_portfolio import (
    DeliverableFactory,
    FundedProjectFactory,
    PaymentFactory,
    ReportingPeriodFactory,
    project_with_consortium,
)
from tests.funding.health_rules import rules_health

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 1, 1)


@pytest.fixture
def portfolio():
    """Projects over two programmes and three start years, in every health."""
    horizon = ProgrammeFactory(code="HORIZON", name="Horizon Europe", name_fr="Horizon Europe")
    isf = ProgrammeFactory(code="ISF", name="Internal Security Fund", name_fr="Fonds interne")
    made = []
    for n, (programme, start, status) in enumerate(
        [
            (horizon, dt.date(2023, 1, 1), ProjectStatus.ONGOING),
            (horizon, dt.date(2024, 1, 1), ProjectStatus.ONGOING),
            (horizon, dt.date(2024, 6, 1), ProjectStatus.SUSPENDED),
            (isf, dt.date(2024, 1, 1), ProjectStatus.ONGOING),
            (isf, dt.date(2022, 1, 1), ProjectStatus.CLOSED),
            (isf, dt.date(2024, 3, 1), ProjectStatus.ONGOING),
        ]
    ):
        project = FundedProjectFactory(
            programme=programme,
            start_date=start,
            end_date=start + dt.timedelta(days=730),
            status=status,
            total_cost=Decimal("1000000.00") + n,
            eu_contribution=Decimal("800000.00") + n,
        )
        PaymentFactory(project=project, amount=Decimal("400000.00") if n % 2 else Decimal("1.00"))
        for _ in range([3, 0, 1, 0, 0, 1][n]):
            DeliverableFactory(project=project, due_date=dt.date(2024, 6, 1))
        if n == 3:
            ReportingPeriodFactory(project=project, report_due_date=dt.date(2024, 12, 1))
        made.append(project)
    return made


def python_health(project) -> str:
    row = FundedProject.objects.with_delivery_figures(today=TODAY).get(pk=project.pk)
    return rules_health(row, today=TODAY)


@pytest.mark.parametrize("query", [{}, {"health": "red"}, {"status": "ongoing"}])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_dashboard_figures_equal_the_workbook_tables_and_the_python_rules(
    portfolio, query, language
):
    with translation.override(language):
        projects = filtered_portfolio(query, today=TODAY).qs
        figures = dashboard_figures(projects)
        tables = summary_tables(projects)
        assert figures.totals == tables["totals"]
        assert figures.by_programme == tables["programme"]
        assert figures.by_year == tables["start_year"]
    chosen = [p for p in portfolio if p.pk in set(projects.values_list("pk", flat=True))]
    expected = {}
    for project in chosen:
        code = python_health(project)
        expected[code] = expected.get(code, 0) + 1
    assert {code: n for _label, code, n in figures.by_health} == expected
    assert [code for _label, code, _n in figures.by_health] == sorted(expected)
    if not query:
        assert set(expected) == set(Health.values)  # every health was exercised


def test_an_empty_selection_has_zero_figures(portfolio):
    figures = dashboard_figures(filtered_portfolio({"q": "nothing matches"}, today=TODAY).qs)
    assert figures.totals == (0, Decimal("0.00"), Decimal("0.00"))
    assert (figures.by_programme, figures.by_year, figures.by_health) == ([], [], [])


def test_the_list_judges_health_without_reading_deliverables_periods_or_payments(
    client, programme_manager, portfolio
):
    client.force_login(programme_manager)
    for query in ({}, {"health": "amber"}, {"o": "-contribution"}):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("portfolio:list"), query)
        assert response.status_code == 200
        sql = " ".join(q["sql"] for q in captured.captured_queries)
        for table in ("funding_deliverable", "funding_reportingperiod", "funding_payment"):
            assert table not in sql, (query, table)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_row_labels_and_addresses_equal_django_s(language):
    project = project_with_consortium(grant_number="101000123")
    with translation.override(language):
        assert project_url(project.grant_number) == reverse(
            "portfolio:detail", args=[project.grant_number]
        )
        for status in ProjectStatus:
            project.status = status
            assert project_status(status) == project.get_status_display()
        labels = {
            Health.GREEN: translation.gettext("Green"),
            Health.AMBER: translation.gettext("Amber"),
            Health.RED: translation.gettext("Red"),
        }
        for code, word in labels.items():
            assert health_badge(code) == f'<span class="badge badge--{code}">{word}</span>'
        not_assessed = translation.gettext("Not assessed")
        assert health_badge(Health.NOT_ASSESSED) == f'<span class="badge">{not_assessed}</span>'
        assert project_url("101000123").startswith("/fr/" if language == "fr" else "/staff/")


@pytest.mark.parametrize("value", [None, "", "DE", ["BE"], "XX", "<script>"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_kept_country_drop_down_is_the_one_fast_select_writes(value, language):
    attrs = {"id": "id_country"}
    with translation.override(language):
        expected = FastSelect(choices=country_choices()).render("country", value, attrs)
        for _ in range(2):  # written, then kept
            kept = CountrySelect(choices=country_choices()).render("country", value, attrs)
            assert kept == expected


def test_the_kept_country_drop_down_follows_the_language():
    with translation.override("en"):
        english = CountrySelect(choices=country_choices()).render("country", "")
    with translation.override("fr"):
        french = CountrySelect(choices=country_choices()).render("country", "")
    assert ">Germany<" in english
    assert ">Allemagne<" in french


@pytest.mark.parametrize("filterset", ["portfolio", "stakeholders", "participants"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_kept_country_filter_neither_makes_nor_reads_its_choices_again(
    filterset, language, monkeypatch
):
    """Fails on a drop-down kept under a key made of its 250 choices (made and normalised
    on every page to find the kept HTML)."""
    from django.utils.choices import CallableChoiceIterator

    from cooperation.forum.filters import StakeholderFilter
    from funding.portfolio.filters import PortfolioFilter
    from funding.portfolio.filters_records import ParticipantFilter

    filters = {
        "portfolio": PortfolioFilter,
        "stakeholders": StakeholderFilter,
        "participants": ParticipantFilter,
    }
    with translation.override(language):
        # Unbound, as a list first opens (a chosen country is also checked against the
        # choices when the form is validated: that is the filter's own work).
        field = filters[filterset]().form["country"]
        expected = FastSelect(choices=field.field.widget.choices).render(
            "country", None, {"id": "id_country"}
        )
        first = str(field)
        made = []
        real = CallableChoiceIterator.__iter__

        def counted(self):
            made.append(1)
            return real(self)

        monkeypatch.setattr(CallableChoiceIterator, "__iter__", counted)
        again = str(filters[filterset]().form["country"])
    assert again == first
    assert made == []
    assert 'value="DE">' in again
    assert expected.split(">", 1)[1] == first.split(">", 1)[1]  # the options FastSelect writes


def test_a_french_manager_reads_the_countries_in_french(client, programme_manager):
    """The country filter's options were read once, in English, when the module was first
    imported: a French page listed 'Germany', sorted as in English."""
    client.force_login(programme_manager)
    with translation.override("fr"):
        html = client.get(reverse("portfolio:list")).content.decode()
    assert '<option value="DE">Allemagne</option>' in html
    assert html.index(">Afrique du Sud<") < html.index(">Albanie<")


def test_the_participants_and_mnr_country_lists_are_in_the_readers_language(
    client, programme_manager
):
    """Both were the English names (the participants' filter read them once when the module
    was imported; the MNR form kept django-countries' object, translated again per page)."""
    from cooperation.forum.forms import MNRAssessmentForm

    client.force_login(programme_manager)
    with translation.override("fr"):
        html = client.get(reverse("portfolio:participants")).content.decode()
        mnr = str(MNRAssessmentForm()["country"])
    assert '<option value="DE">Allemagne</option>' in html
    assert 'value="DE">Allemagne<' in mnr
    with translation.override("en"):
        assert 'value="DE">Germany<' in str(MNRAssessmentForm()["country"])


def test_an_unknown_programme_or_call_is_a_form_error(client, programme_manager, portfolio):
    client.force_login(programme_manager)
    for query in ({"programme": "abc"}, {"call": "99999999"}):
        response = client.get(reverse("portfolio:list"), query)
        assert response.status_code == 200
        assert "That choice is not one of the available choices." in response.content.decode()
        assert not response.context["projects"]
