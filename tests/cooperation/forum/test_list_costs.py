"""The secretariat's pages cost what their rows cost: the figures and labels they read the
cheap way are the ones the expensive way gave."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.models import Count
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix
from django.utils import translation
from django_countries import countries

from cooperation.accounts.roles import Role
from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind
from cooperation.forum.models.stakeholders import StakeholderCategory
from cooperation.forum.permissions import EXPORT_CONTACTS, holds_export_contacts
from cooperation.forum.selectors import commitment_counts, country_names, stakeholder_counts
from cooperation.forum.services import commitment_record_progress
from cooperation.models import Commitment, Organisation, ProgressUpdate, Stakeholder
from cooperation.templatetags.forum import (
    completion_label,
    country_label,
    kind_label,
    record_url,
    results_label,
)
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    ProgressUpdateFactory,
    StakeholderFactory,
    WorkstreamFactory,
    move_commitment,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _recounted():
    levels = Counter(c.current_completion for c in Commitment.objects.all())
    workstreams = Counter(
        c.workstream.name for c in Commitment.objects.select_related("workstream")
    )
    return levels, workstreams


def test_the_dashboards_counts_equal_the_commitments_counted_one_by_one(secretariat):
    assert commitment_counts() == (Counter(), Counter())
    prevention, reporting = (
        WorkstreamFactory(name="Prevention"),
        WorkstreamFactory(name="Reporting"),
    )
    removal = WorkstreamFactory(name="Removal")
    commitments = [
        CommitmentFactory(workstream=w) for w in (prevention, reporting, removal, removal)
    ]
    assert commitment_counts() == _recounted()

    commitment_record_progress(
        commitment=commitments[0],
        user=secretariat,
        kind=UpdateKind.ASSESSMENT,
        date=TODAY,
        completion=Completion.SUBSTANTIAL,
        narrative="Seen.",
    )
    ProgressUpdateFactory(commitment=commitments[1], completion=Completion.COMPLETE)
    assert commitment_counts() == _recounted()
    assert commitment_counts()[0][Completion.SUBSTANTIAL] == 1

    moved = commitments[2]
    move_commitment(moved, workstream=reporting, user=secretariat)
    assert commitment_counts() == _recounted()
    assert commitment_counts()[1] == Counter({"Prevention": 1, "Reporting": 2, "Removal": 1})

    Commitment.objects.filter(pk=commitments[3].pk).delete()
    assert commitment_counts() == _recounted()


def test_the_dashboard_counts_in_one_query_on_the_index():
    CommitmentFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        commitment_counts()
    assert len(queries.captured_queries) == 1  # the count, the few workstreams' names joined
    counting, names = queries.captured_queries[0]["sql"].split(") g ")
    assert "GROUP BY" in counting and "COUNT(*)" in counting and "JOIN" not in counting
    assert "JOIN" in names


@pytest.mark.parametrize("language", ["en", "fr"])
def test_labels_read_once_per_language_are_djangos_labels(language):
    with translation.override(language):
        for category in StakeholderCategory:
            stakeholder = Stakeholder(category=category)
            assert stakeholder.category_label == stakeholder.get_category_display()
        for level in Completion:
            update = ProgressUpdate(completion=level, kind=UpdateKind.ASSESSMENT)
            assert completion_label(level) == update.get_completion_display()
        for kind in UpdateKind:
            assert kind_label(kind) == ProgressUpdate(kind=kind).get_kind_display()
        for result in EarlyResults:
            assert (
                results_label(result)
                == Commitment(current_results=result).get_current_results_display()
            )
        assert completion_label("") == translation.gettext("No update yet")
        assert results_label("") == "—"
    assert Stakeholder(category="retired").category_label == "retired"


def test_a_label_follows_the_language_after_it_was_remembered():
    with translation.override("fr"):
        french = completion_label(Completion.COMPLETE)
    with translation.override("en"):
        assert completion_label(Completion.COMPLETE) == "Complete"
    assert french != "Complete"


@pytest.mark.parametrize("source", ["", UpdateKind.SELF_REPORT, UpdateKind.ASSESSMENT])
def test_the_completion_badge_is_what_the_include_wrote(source):
    commitment = CommitmentFactory()
    if source:
        ProgressUpdateFactory(commitment=commitment, kind=source, completion=Completion.LIMITED)
    commitment.refresh_from_db()
    engine = engines["django"]
    include = engine.from_string('{% include "cooperation/includes/completion.html" %}')
    tag = engine.from_string("{% load forum %}{% completion_badge item %}")
    for language in ("en", "fr", "en", "fr"):  # each badge remembered per language
        with translation.override(language):
            assert tag.render({"item": commitment}) == include.render({"item": commitment})


def test_the_stakeholders_list_shows_each_ones_tags_in_alphabetical_order(client, secretariat):
    tagged = StakeholderFactory(organisation__legal_name="Aaa tagged")
    tagged.tags.add("zeta", "alpha", "<b>mu</b>")
    StakeholderFactory(organisation__legal_name="Bbb untagged")
    client.force_login(secretariat)
    response = client.get(reverse("forum:stakeholder_list"))
    rows = {s.pk: s.tag_names for s in response.context["object_list"]}
    assert rows[tagged.pk] == ["<b>mu</b>", "alpha", "zeta"]
    assert "&lt;b&gt;mu&lt;/b&gt;, alpha, zeta" in response.content.decode()
    detail = client.get(reverse("forum:stakeholder_detail", args=[tagged.pk])).content.decode()
    assert "zeta" in detail and "alpha" in detail


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    "name", ["forum:dashboard", "forum:commitment_list", "forum:stakeholder_list"]
)
def test_rows_read_with_only_their_columns_need_no_query_each(client, secretariat, make_user, name):
    """The rows read only the columns they show: a column left out would be read again row
    by row (a reporter's name, an organisation's short name, a workstream's French name)."""
    client.force_login(secretariat)

    def add(n):
        for i in range(n):
            commitment = CommitmentFactory(
                due_date=TODAY - dt.timedelta(days=i + 1),
                owner=StakeholderFactory(organisation__short_name=f"S{i}"),
                workstream=WorkstreamFactory(name_fr=f"Volet {i}"),
            )
            ProgressUpdateFactory(commitment=commitment, reported_by=make_user(first_name="Ann"))

    add(2)
    few = _count(client, reverse(name))
    add(12)
    with translation.override("fr"):
        assert _count(client, reverse(name)) == few


@pytest.mark.parametrize(
    "name",
    [
        "forum:commitment_detail",
        "forum:stakeholder_detail",
        "forum:meeting_detail",
        "forum:my_commitment_detail",
    ],
)
def test_a_record_address_reversed_once_is_the_one_reversed_per_row(name):
    for language in ("en", "fr", "en"):
        with translation.override(language):
            for pk in (1, 7, 10, 918, 123456789):
                assert record_url(pk, name) == reverse(name, args=[pk])
    set_script_prefix("/under/")
    try:
        assert record_url(5, name) == reverse(name, args=[5])
        assert record_url(5, name).startswith("/under/")
    finally:
        set_script_prefix("/")


def test_the_dashboards_stakeholder_counts_equal_one_count_per_category_and_per_country():
    for category, country in [
        ("government", "BE"),
        ("government", "FR"),
        ("research", "FR"),
        ("law_enforcement", "AT"),
        ("research", "DE"),
        ("civil_society", "BE"),
    ]:
        StakeholderFactory(category=category, organisation__country=country)
    by_category, by_country = stakeholder_counts(countries=3)
    # The most first, ties in the order of the code, as the two counts ordered them.
    assert by_category == [
        ("government", 2),
        ("research", 2),
        ("civil_society", 1),
        ("law_enforcement", 1),
    ]
    assert by_country == [("BE", 2), ("FR", 2), ("AT", 1)]
    assert by_category == [
        (row["category"], row["n"])
        for row in Stakeholder.objects.values("category")
        .annotate(n=Count("pk"))
        .order_by("-n", "category")
    ]


@pytest.mark.parametrize("language", ["en", "fr", "en"])
def test_a_country_read_once_per_language_is_the_country_fields_name(language):
    with translation.override(language):
        for code, _name in countries:
            assert country_label(code) == Organisation(country=code).country.name
        assert country_label("XX") == Organisation(country="XX").country.name == ""
        names = country_names()
        for code in [*dict(countries), "", "XX"]:
            assert (names.get(code) or code) == (countries.name(code) or code)


@pytest.mark.parametrize(
    "holding", ["nothing", "directly", "through a group", "superuser", "inactive", "roles"]
)
def test_the_contacts_permission_read_in_one_query_is_has_perm(make_user, holding):
    from_roles = (Role.ADMINISTRATOR,) if holding == "roles" else ()
    user = make_user(Role.FORUM_SECRETARIAT, *from_roles, is_superuser=holding == "superuser")
    permission = Permission.objects.get(
        content_type__app_label="cooperation", codename="export_contactperson"
    )
    if holding in ("directly", "inactive"):
        user.user_permissions.add(permission)
    if holding == "through a group":
        group = Group.objects.create(name="Contact exporters")
        group.permissions.add(permission)
        user.groups.add(group)
    if holding == "inactive":
        user.is_active = False
        user.save()
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        held = holds_export_contacts(user)
    assert len(queries.captured_queries) == (0 if holding in ("superuser", "inactive") else 1)
    assert held == type(user).objects.get(pk=user.pk).has_perm(EXPORT_CONTACTS)
    assert held == (holding not in ("nothing", "inactive"))


def test_the_commitments_list_asks_the_contacts_permission_in_one_query(client, secretariat):
    """The list offers the contacts' export only to those holding the permission: asked in
    one query (it was two, the user's and their groups' permissions read whole)."""
    client.force_login(secretariat)
    queries = _count(client, reverse("forum:commitment_list"))
    secretariat.user_permissions.add(Permission.objects.get(codename="export_contactperson"))
    assert _count(client, reverse("forum:commitment_list")) == queries
    body = client.get(reverse("forum:commitment_list")).content.decode()
    assert 'name="contacts"' in body
    assert queries == 6
